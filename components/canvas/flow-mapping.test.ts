import { describe, expect, it } from "vitest";
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, type Design } from "@/lib/graph";
import { NODE_BORDER, NODE_SIZE, toDesign, toFlowEdges, toFlowNodes } from "./flow-mapping";

const design: Design = {
  format: DESIGN_FORMAT,
  version: DESIGN_VERSION,
  name: "Orders",
  description: "d",
  nodes: [createNode("custom-app", "app", { x: 1, y: 2 }), createNode("event-bus", "bus", { x: 300, y: 2 })],
  edges: [{ id: "e1", kind: "puts-events", source: "app", target: "bus" }],
};

describe("flow mapping", () => {
  it("round-trips a design through React Flow nodes and edges", () => {
    const nodes = toFlowNodes(design);
    const edges = toFlowEdges(design);
    expect(nodes.map((n) => [n.id, n.type, n.position])).toEqual([
      ["app", "custom-app", { x: 1, y: 2 }],
      ["bus", "event-bus", { x: 300, y: 2 }],
    ]);
    expect(edges[0]).toMatchObject({ id: "e1", source: "app", target: "bus", data: { kind: "puts-events" }, label: "puts events" });
    expect(toDesign({ name: "Orders", description: "d" }, nodes, edges)).toEqual(design);
  });

  it("reads positions moved on the canvas and keeps unchanged nodes' objects", () => {
    const nodes = toFlowNodes(design);
    const moved = nodes.map((n) => (n.id === "bus" ? { ...n, position: { x: 400, y: 50 } } : n));
    const next = toDesign({ name: "Orders", description: "d" }, moved, toFlowEdges(design));
    expect(next.nodes[1]!.position).toEqual({ x: 400, y: 50 });
    expect(next.nodes[0]).toBe(design.nodes[0]);

    const again = toFlowNodes(next, [{ ...nodes[0]!, selected: true, measured: { width: 220, height: 50 } }, nodes[1]!]);
    expect(again[0]!.selected).toBe(true);
    expect(again[1]).toMatchObject({ position: { x: 400, y: 50 } });
  });
});

describe("accessible names", () => {
  it("names a node by its kind and title, and an edge as a sentence of its ends' titles", () => {
    const named: Design = {
      ...design,
      nodes: [{ ...createNode("custom-app", "app", { x: 0, y: 0 }), name: "checkout" } as Design["nodes"][number], design.nodes[1]!],
    };
    expect(toFlowNodes(named).map((n) => n.ariaLabel)).toEqual(["Custom application checkout", "Event bus bus-bus"]);
    expect(toFlowEdges(named)[0]!.ariaLabel).toBe("checkout puts events bus-bus");
  });

  it("renames an edge when one of its ends is renamed", () => {
    const edges = toFlowEdges(design);
    const renamed = { ...design, nodes: [{ ...design.nodes[0]!, name: "shop" } as Design["nodes"][number], design.nodes[1]!] };
    const again = toFlowEdges(renamed, edges);
    expect(again[0]).not.toBe(edges[0]);
    expect(again[0]!.ariaLabel).toBe("shop puts events bus-bus");
    expect(toFlowEdges(design, edges)[0]).toBe(edges[0]);
  });
});

describe("flow nodes' size and handles, known before rendering", () => {
  it("gives every node the view's fixed size and a handle on each side that takes edges", () => {
    const [app, bus] = toFlowNodes(design);
    expect(app!.measured).toEqual(NODE_SIZE);
    // A producer only starts edges; a bus ends and starts them.
    expect(app!.handles?.map((h) => [h.type, h.position])).toEqual([["source", "right"]]);
    expect(bus!.handles?.map((h) => [h.type, h.position])).toEqual([
      ["target", "left"],
      ["source", "right"],
    ]);
    // Centred on the side borders, half-way down.
    const [target, source] = bus!.handles!;
    expect(target!.x + target!.width! / 2).toBe(NODE_BORDER);
    expect(source!.x + source!.width! / 2).toBe(NODE_SIZE.width - NODE_BORDER);
    expect(source!.y + source!.height! / 2).toBe(NODE_SIZE.height / 2);
  });

  it("keeps a size React Flow measured", () => {
    const measured = { width: 240, height: 60 };
    const [first] = toFlowNodes(design);
    const changed = { ...design, nodes: [{ ...design.nodes[0]!, position: { x: 5, y: 5 } }, design.nodes[1]!] };
    expect(toFlowNodes(changed, [{ ...first!, measured }])[0]!.measured).toEqual(measured);
  });
});
