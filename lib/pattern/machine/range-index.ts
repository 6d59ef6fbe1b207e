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
 * to the root. The tree is rebuilt lazily after rules change, into flat arrays (node `n`'s
 * entries are `entries[entryStart[n] … entryStart[n + 1] - 1]`), so that the walk past empty
 * nodes reads one number each and not one list object each.
 */
export class RangeIndex<K extends number | string, T> {
  private readonly ranges: RangeEntry<K, T>[] = [];
  private built = false;
  private bounds: K[] = [];
  /** Leaves start at `leafBase`; node `n` has children `2n` and `2n + 1`. */
  private leafBase = 1;
  private entryStart = new Int32Array(3);
  private entries: T[] = [];

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
    const entryStart = this.entryStart;
    const entries = this.entries;
    for (let node = this.leafBase + this.pieceOf(x); node >= 1; node >>= 1) {
      const end = entryStart[node + 1];
      for (let i = entryStart[node]; i < end; i++) out.push(entries[i]);
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
    // Count each node's entries, turn the counts into start offsets, then fill.
    const entryStart = new Int32Array(2 * leafBase + 1);
    const runs = this.ranges.map((range) => ({
      entry: range.entry,
      first: range.lower === undefined ? 0 : this.pieceAfter(range.lower),
      last: range.upper === undefined ? pieces - 1 : this.pieceBefore(range.upper),
    }));
    for (const run of runs) this.cover(run.first, run.last, (node) => entryStart[node + 1]++);
    for (let node = 1; node < entryStart.length; node++) entryStart[node] += entryStart[node - 1];
    const filled = entryStart.slice();
    const entries = new Array<T>(entryStart[entryStart.length - 1]);
    for (const run of runs) this.cover(run.first, run.last, (node) => (entries[filled[node]++] = run.entry));
    this.entryStart = entryStart;
    this.entries = entries;
    this.built = true;
  }

  /** Calls `visit` with each canonical node covering pieces `first … last` (none if empty). */
  private cover(first: number, last: number, visit: (node: number) => void): void {
    let left = first + this.leafBase;
    let right = last + this.leafBase + 1;
    while (left < right) {
      if (left & 1) visit(left++);
      if (right & 1) visit(--right);
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
