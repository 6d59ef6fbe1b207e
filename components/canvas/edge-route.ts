/**
 * The path of a back-edge: an edge whose target lies left of its source (a function putting
 * events back on the bus that invoked it). A curve drawn straight from the source's right side
 * to the target's left side would cross the diagram diagonally; this one leaves to the right,
 * runs left below both ends in the first horizontal corridor free of nodes, and enters the
 * target from the left, with rounded corners.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface BackEdgeRoute {
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}

/** How far the path runs out of a handle before it turns. */
const STUB = 24;
/** Space kept between the path and any node it passes. */
const CLEARANCE = 20;
const RADIUS = 10;

/**
 * The y of the lowest horizontal corridor, starting just below `from`, in which a line from `left`
 * to `right` touches no box (boxes include the edge's own ends).
 */
export function freeCorridor(left: number, right: number, from: number, boxes: readonly Box[]): number {
  const across = boxes.filter((box) => box.x < right && box.x + box.width > left).sort((a, b) => a.y - b.y);
  let y = from;
  for (const box of across) {
    if (box.y - CLEARANCE < y && y < box.y + box.height + CLEARANCE) y = box.y + box.height + CLEARANCE;
  }
  return y;
}

/** Where a back-edge from a source handle at x `sx` to a target handle at x `tx` runs left: below `ends` (its two nodes) and clear of `others`. */
export function backEdgeCorridor(sx: number, tx: number, ends: readonly Box[], others: readonly Box[]): number {
  const lowestEnd = Math.max(...ends.map((box) => box.y + box.height));
  return freeCorridor(tx - STUB, sx + STUB, lowestEnd + CLEARANCE, [...ends, ...others]);
}

/** The route from a source handle at (sx, sy) to a target handle at (tx, ty), tx < sx, running left at `corridor`. */
export function backEdgeRoute(sx: number, sy: number, tx: number, ty: number, corridor: number): BackEdgeRoute {
  const out = sx + STUB;
  const into = tx - STUB;
  const [y, r] = [corridor, RADIUS];
  const path = [
    `M ${sx},${sy}`,
    `L ${out - r},${sy} Q ${out},${sy} ${out},${sy + r}`,
    `L ${out},${y - r} Q ${out},${y} ${out - r},${y}`,
    `L ${into + r},${y} Q ${into},${y} ${into},${y - r}`,
    `L ${into},${ty + r} Q ${into},${ty} ${into + r},${ty}`,
    `L ${tx},${ty}`,
  ].join(" ");
  return { path, labelX: (out + into) / 2, labelY: y };
}
