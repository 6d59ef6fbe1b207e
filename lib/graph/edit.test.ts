import { describe, expect, it } from "vitest";
import { copyFragment, pasteFragment, removeElements } from "./edit";
import { design, node } from "./test-fixtures";

const flow = () =>
  design(
    [node("custom-app", "app"), node("event-bus", "bus"), node("rule", "rule"), node("lambda", "fn")],
    [
      ["app", "bus"],
      ["bus", "rule"],
      ["rule", "fn"],
    ],
  );

function counter() {
  let n = 0;
  return (taken: ReadonlySet<string>) => {
    let id: string;
    do id = `new${++n}`;
    while (taken.has(id));
    return id;
  };
}

describe("copyFragment", () => {
  it("keeps only the edges between copied nodes", () => {
    const fragment = copyFragment(flow(), new Set(["bus", "rule"]));
    expect(fragment.nodes.map((n) => n.id)).toEqual(["bus", "rule"]);
    expect(fragment.edges.map((e) => [e.source, e.target])).toEqual([["bus", "rule"]]);
  });
});

describe("pasteFragment", () => {
  it("adds the nodes under fresh ids, moved by the offset, with their edges rewired", () => {
    const before = flow();
    const fragment = copyFragment(before, new Set(["bus", "rule"]));
    const { design: after, nodeIds } = pasteFragment(before, fragment, counter(), { x: 40, y: 30 });
    expect(after.nodes).toHaveLength(6);
    expect(nodeIds).toEqual(["new1", "new2"]);
    const bus = before.nodes.find((n) => n.id === "bus")!;
    expect(after.nodes.find((n) => n.id === "new1")).toMatchObject({ kind: "event-bus", position: { x: bus.position.x + 40, y: bus.position.y + 30 } });
    const pastedEdge = after.edges.at(-1)!;
    expect(pastedEdge).toMatchObject({ source: "new1", target: "new2", kind: "feeds" });
    expect(new Set(after.edges.map((e) => e.id)).size).toBe(after.edges.length);
    expect(before.nodes).toHaveLength(4);
  });

  it("never reuses an id already in the design", () => {
    const before = flow();
    const taken = new Set([...before.nodes.map((n) => n.id), ...before.edges.map((e) => e.id)]);
    const { design: after } = pasteFragment(before, copyFragment(before, new Set(["app", "bus"])), counter(), { x: 0, y: 0 });
    const added = after.nodes.slice(4).map((n) => n.id);
    expect(added.some((id) => taken.has(id))).toBe(false);
  });

  it("refuses an id generator that returns a taken id", () => {
    const before = flow();
    expect(() => pasteFragment(before, copyFragment(before, new Set(["app"])), () => "app", { x: 0, y: 0 })).toThrow(/in use: app/);
  });
});

describe("removeElements", () => {
  it("removes nodes with their edges, and edges on their own", () => {
    const before = flow();
    const withoutRule = removeElements(before, new Set(["rule"]), new Set());
    expect(withoutRule.nodes.map((n) => n.id)).toEqual(["app", "bus", "fn"]);
    expect(withoutRule.edges.map((e) => [e.source, e.target])).toEqual([["app", "bus"]]);
    const firstEdge = before.edges[0]!.id;
    expect(removeElements(before, new Set(), new Set([firstEdge])).edges).toHaveLength(2);
  });
});
