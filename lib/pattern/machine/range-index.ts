/** One end of a range: numbers for `numeric`, fixed-width hex strings for IP ranges. */
export interface Bound<K extends number | string> {
  readonly value: K;
  readonly inclusive: boolean;
}

interface RangeEntry<K extends number | string, T> {
  readonly entry: T;
  readonly lower: Bound<K> | undefined;
  readonly upper: Bound<K> | undefined;
}

/**
 * Ranges over an ordered key (numbers, or strings in code-unit order), answering "which ranges
 * contain x" in O(log n + answers): `numeric` conditions, and IP ranges as hex strings.
 *
 * The distinct bounds cut the number line into elementary pieces (each bound itself, and the
 * open gaps between bounds); every range covers a contiguous run of pieces and is stored at the
 * O(log n) nodes of a segment tree that cover that run. A lookup walks from the piece of `x` up
 * to the root. The tree is rebuilt lazily after rules change.
 */
export class RangeIndex<K extends number | string, T> {
  private readonly ranges: RangeEntry<K, T>[] = [];
  private built = false;
  private bounds: K[] = [];
  /** Leaves start at `leafBase`; node `n` has children `2n` and `2n + 1`. */
  private leafBase = 1;
  private nodeEntries: (T[] | undefined)[] = [];

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  add(entry: T, lower: Bound<K> | undefined, upper: Bound<K> | undefined): void {
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
  collect(x: K, out: T[]): void {
    if (!this.built) this.build();
    for (let node = this.leafBase + this.pieceOf(x); node >= 1; node >>= 1) {
      const entries = this.nodeEntries[node];
      if (entries !== undefined) for (let i = 0; i < entries.length; i++) out.push(entries[i]);
    }
  }

  private build(): void {
    const distinct = new Set<K>();
    for (const { lower, upper } of this.ranges) {
      if (lower !== undefined) distinct.add(lower.value);
      if (upper !== undefined) distinct.add(upper.value);
    }
    this.bounds = [...distinct].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
  private pieceOf(x: K): number {
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

  private pieceAfter(lower: Bound<K>): number {
    const piece = this.pieceOf(lower.value);
    return lower.inclusive ? piece : piece + 1;
  }

  private pieceBefore(upper: Bound<K>): number {
    const piece = this.pieceOf(upper.value);
    return upper.inclusive ? piece : piece - 1;
  }
}
