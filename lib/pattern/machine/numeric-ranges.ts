import type { NumericBound } from "../model";

interface RangeEntry<T> {
  readonly entry: T;
  readonly lower: NumericBound | undefined;
  readonly upper: NumericBound | undefined;
}

/**
 * All `numeric` ranges on one field, answering "which ranges contain x" in O(log n + answers).
 *
 * The distinct bounds cut the number line into elementary pieces (each bound itself, and the
 * open gaps between bounds); every range covers a contiguous run of pieces and is stored at the
 * O(log n) nodes of a segment tree that cover that run. A lookup walks from the piece of `x` up
 * to the root. The tree is rebuilt lazily after rules change.
 */
export class NumericRangeIndex<T> {
  private readonly ranges: RangeEntry<T>[] = [];
  private built = false;
  private bounds: number[] = [];
  /** Leaves start at `leafBase`; node `n` has children `2n` and `2n + 1`. */
  private leafBase = 1;
  private nodeEntries: (T[] | undefined)[] = [];

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  add(entry: T, lower: NumericBound | undefined, upper: NumericBound | undefined): void {
    this.ranges.push({ entry, lower, upper });
    this.built = false;
  }

  remove(entry: T): void {
    const at = this.ranges.findIndex((range) => range.entry === entry);
    if (at === -1) return;
    this.ranges.splice(at, 1);
    this.built = false;
  }

  /** Appends to `out` the entry of every range containing `x`. */
  collect(x: number, out: T[]): void {
    if (!this.built) this.build();
    for (let node = this.leafBase + this.pieceOf(x); node >= 1; node >>= 1) {
      const entries = this.nodeEntries[node];
      if (entries !== undefined) for (let i = 0; i < entries.length; i++) out.push(entries[i]);
    }
  }

  private build(): void {
    const distinct = new Set<number>();
    for (const { lower, upper } of this.ranges) {
      if (lower !== undefined) distinct.add(lower.value);
      if (upper !== undefined) distinct.add(upper.value);
    }
    this.bounds = [...distinct].sort((a, b) => a - b);
    const pieces = 2 * this.bounds.length + 1;
    let leafBase = 1;
    while (leafBase < pieces) leafBase <<= 1;
    this.leafBase = leafBase;
    this.nodeEntries = new Array<T[] | undefined>(2 * leafBase).fill(undefined);
    for (const range of this.ranges) {
      const first = range.lower === undefined ? 0 : this.pieceAfter(range.lower);
      const last = range.upper === undefined ? pieces - 1 : this.pieceBefore(range.upper);
      if (first <= last) this.cover(first, last, range.entry);
    }
    this.built = true;
  }

  /** Stores `entry` at the canonical nodes covering pieces `first … last`. */
  private cover(first: number, last: number, entry: T): void {
    let left = first + this.leafBase;
    let right = last + this.leafBase + 1;
    while (left < right) {
      if (left & 1) (this.nodeEntries[left++] ??= []).push(entry);
      if (right & 1) (this.nodeEntries[--right] ??= []).push(entry);
      left >>= 1;
      right >>= 1;
    }
  }

  /** Piece 2i+1 is bound i itself; piece 2i is the gap below bound i (2n: above the last). */
  private pieceOf(x: number): number {
    const bounds = this.bounds;
    let low = 0;
    let high = bounds.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (bounds[middle] < x) low = middle + 1;
      else high = middle;
    }
    return low < bounds.length && bounds[low] === x ? 2 * low + 1 : 2 * low;
  }

  private pieceAfter(lower: NumericBound): number {
    const piece = this.pieceOf(lower.value);
    return lower.inclusive ? piece : piece + 1;
  }

  private pieceBefore(upper: NumericBound): number {
    const piece = this.pieceOf(upper.value);
    return upper.inclusive ? piece : piece - 1;
  }
}
