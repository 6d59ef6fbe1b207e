import { describe, expect, it } from "vitest";
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, type Design, type DesignNode } from "@/lib/graph";
import { NODE_SIZE, toFlowNodes } from "./flow-mapping";
import { CANVAS_TEXT_PX, OPEN_MIN_ZOOM, openingViewport } from "./viewport";

function flowNodes(nodes: DesignNode[]) {
  const design: Design = { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: "d", description: "", nodes, edges: [] };
  return toFlowNodes(design);
}

/** A grid of `columns` × `rows` buses, 300 × 100 apart, its top-left node at (x, y). */
function grid(columns: number, rows: number, x = 0, y = 0) {
  const nodes: DesignNode[] = [];
  for (let c = 0; c < columns; c++) for (let r = 0; r < rows; r++) nodes.push(createNode("event-bus", `b${c}-${r}`, { x: x + c * 300, y: y + r * 100 }));
  return flowNodes(nodes);
}

/** Where a flow point lands on screen. */
const onScreen = (view: { x: number; y: number; zoom: number }, point: { x: number; y: number }) => ({ x: point.x * view.zoom + view.x, y: point.y * view.zoom + view.y });

describe("opening viewport", () => {
  it("opens an empty design at 100 %, so the first dropped node does not zoom", () => {
    expect(openingViewport([], 1000, 800)).toEqual({ x: 0, y: 0, zoom: 1 });
  });

  it("fits a design that is legible when fitted, every node inside the canvas", () => {
    const nodes = grid(3, 4, 500, -200);
    const view = openingViewport(nodes, 1000, 800);
    expect(view.zoom).toBeGreaterThanOrEqual(OPEN_MIN_ZOOM);
    for (const node of nodes) {
      const topLeft = onScreen(view, node.position);
      const bottomRight = onScreen(view, { x: node.position.x + NODE_SIZE.width, y: node.position.y + NODE_SIZE.height });
      expect(topLeft.x).toBeGreaterThanOrEqual(0);
      expect(topLeft.y).toBeGreaterThanOrEqual(0);
      expect(bottomRight.x).toBeLessThanOrEqual(1000);
      expect(bottomRight.y).toBeLessThanOrEqual(800);
    }
  });

  it("does not blow a single node up beyond 125 %", () => {
    expect(openingViewport(grid(1, 1), 1000, 800).zoom).toBe(1.25);
  });

  it("opens a design too large to read when fitted at the legible zoom on its top-left corner", () => {
    const nodes = grid(30, 40, -1000, 250);
    const view = openingViewport(nodes, 1000, 800);
    expect(view.zoom).toBe(OPEN_MIN_ZOOM);
    expect(onScreen(view, { x: -1000, y: 250 })).toEqual({ x: 32, y: 32 });
  });

  it("opens a wide, short design at the legible zoom from its left edge, centred in height", () => {
    const nodes = grid(8, 2, 100, 400);
    const view = openingViewport(nodes, 800, 600);
    expect(view.zoom).toBe(OPEN_MIN_ZOOM);
    const top = onScreen(view, { x: 100, y: 400 });
    const bottom = onScreen(view, { x: 100, y: 500 + NODE_SIZE.height });
    expect(top.x).toBe(32);
    expect(top.y).toBeCloseTo(600 - bottom.y, 6);
  });

  it("opens at a zoom where the canvas's smallest text is at least 11 screen pixels", () => {
    for (const nodes of [grid(1, 1), grid(3, 2), grid(8, 2), grid(30, 40)]) {
      expect(CANVAS_TEXT_PX * openingViewport(nodes, 800, 500).zoom).toBeGreaterThanOrEqual(11);
    }
  });
});
