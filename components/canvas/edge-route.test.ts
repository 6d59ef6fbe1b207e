import { describe, expect, it } from "vitest";
import { backEdgeCorridor, backEdgeRoute, freeCorridor, type Box } from "./edge-route";

const box = (x: number, y: number): Box => ({ x, y, width: 220, height: 68 });

/** Every horizontal stretch of an SVG path made of M/L/Q commands, as [x1, x2, y]. */
function horizontals(path: string): [number, number, number][] {
  const points = [...path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  const runs: [number, number, number][] = [];
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    if (a[1] === b[1] && a[0] !== b[0]) runs.push([Math.min(a[0], b[0]), Math.max(a[0], b[0]), a[1]]);
  }
  return runs;
}

describe("back-edge routing", () => {
  it("finds the first corridor below the start that no node across the span touches", () => {
    // A node right under the start pushes the corridor below it; one outside the span does not.
    expect(freeCorridor(0, 500, 100, [box(100, 90), box(900, 200)])).toBe(90 + 68 + 20);
    expect(freeCorridor(0, 500, 100, [])).toBe(100);
  });

  it("leaves right, runs below both ends and every node in between, and enters the target from the left", () => {
    // "Two services talking through one bus": rating (1200, 0) puts events back on the bus (600, 150);
    // reportRule (900, 300) lies in between, lower down.
    const source = box(1200, 0);
    const target = box(600, 150);
    const between = box(900, 300);
    const route = backEdgeRoute(1420, 34, 600, 184, backEdgeCorridor(1420, 600, [source, target], [between]));
    expect(route.path.startsWith("M 1420,34 L")).toBe(true);
    expect(route.path.endsWith("L 600,184")).toBe(true);
    const bottom = horizontals(route.path).reduce((longest, run) => (run[1] - run[0] > longest[1] - longest[0] ? run : longest));
    // Between the stubs out of the source's right side and into the target's left side.
    expect(bottom[0]).toBeLessThan(600);
    expect(bottom[1]).toBeGreaterThan(1400);
    // Below the bus (150 + 68) and clear of the node in between (300 … 368).
    for (const b of [source, target, between]) expect(bottom[2] > b.y + b.height || bottom[2] < b.y).toBe(true);
    expect(route.labelY).toBe(bottom[2]);
  });
});
