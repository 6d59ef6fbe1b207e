/**
 * The set of event field paths that at least one rule reads, as a trie over the `.`-separated
 * segments, so the event scanner can tell at every key whether the subtree matters or can be
 * skipped. Each path owns a numbered slot where the scanner puts the leaf values it finds.
 *
 * Paths are split on every `.`, in patterns and in events alike: that is what makes the event key
 * `"a.b"` and the nesting `{"a":{"b":…}}` the same path (lib/pattern/SEMANTICS.md, "Field paths").
 */

import { pathReadsEmptyKeys } from "../event";

const utf8 = new TextEncoder();

export interface PathNode {
  /** Slot of the path ending here, or -1 when no rule reads this exact path. */
  slot: number;
  /** Child segments; `undefined` while there are none (the common leaf case). */
  children: Map<string, PathNode> | undefined;
  /** Child keys as a list too, and as UTF-8: comparing a few keys in place beats allocating a key string. */
  childKeys: string[];
  childKeyBytes: Uint8Array[];
  childNodes: PathNode[];
}

interface PathEntry {
  readonly slot: number;
  references: number;
}

export class FieldPaths {
  readonly root: PathNode = newNode();
  private readonly entries = new Map<string, PathEntry>();
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;
  /** Paths with an empty step: while there are none, event keys that are "" are not followed. */
  private emptyStepPaths = 0;

  /** Whether the scanner follows event keys that are the empty string (as Ruler's machine does). */
  get readsEmptyKeys(): boolean {
    return this.emptyStepPaths > 0;
  }

  /** Number of slot ids handed out so far (an upper bound for slot-indexed arrays). */
  get slotCapacity(): number {
    return this.nextSlot;
  }

  /** The slot of `path` while some rule reads it. */
  slotOf(path: string): number | undefined {
    return this.entries.get(path)?.slot;
  }

  /** Registers one more user of `path` and returns its slot. */
  acquire(path: string): number {
    const known = this.entries.get(path);
    if (known !== undefined) {
      known.references++;
      return known.slot;
    }
    const slot = this.freeSlots.pop() ?? this.nextSlot++;
    this.entries.set(path, { slot, references: 1 });
    if (pathReadsEmptyKeys(path)) this.emptyStepPaths++;
    let node = this.root;
    for (const segment of path.split(".")) node = childOrCreate(node, segment);
    node.slot = slot;
    return slot;
  }

  /** Drops one user of `path`; the path leaves the trie when its last user goes. */
  release(path: string): void {
    const known = this.entries.get(path);
    if (known === undefined) return;
    if (--known.references > 0) return;
    this.entries.delete(path);
    this.freeSlots.push(known.slot);
    if (pathReadsEmptyKeys(path)) this.emptyStepPaths--;
    const segments = path.split(".");
    const trail: PathNode[] = [this.root];
    for (const segment of segments) {
      const next = trail[trail.length - 1].children?.get(segment);
      if (next === undefined) return;
      trail.push(next);
    }
    trail[trail.length - 1].slot = -1;
    // Prune nodes that no longer lead to any path, so the scanner skips their subtrees again.
    for (let depth = segments.length; depth > 0; depth--) {
      const node = trail[depth];
      if (node.slot !== -1 || node.childKeys.length > 0) break;
      removeChild(trail[depth - 1], segments[depth - 1]);
    }
  }
}

function newNode(): PathNode {
  return { slot: -1, children: undefined, childKeys: [], childKeyBytes: [], childNodes: [] };
}

function childOrCreate(node: PathNode, segment: string): PathNode {
  const existing = node.children?.get(segment);
  if (existing !== undefined) return existing;
  const child = newNode();
  node.children ??= new Map();
  node.children.set(segment, child);
  node.childKeys.push(segment);
  node.childKeyBytes.push(utf8.encode(segment));
  node.childNodes.push(child);
  return child;
}

function removeChild(node: PathNode, segment: string): void {
  node.children?.delete(segment);
  const at = node.childKeys.indexOf(segment);
  node.childKeys.splice(at, 1);
  node.childKeyBytes.splice(at, 1);
  node.childNodes.splice(at, 1);
  if (node.childKeys.length === 0) node.children = undefined;
}
