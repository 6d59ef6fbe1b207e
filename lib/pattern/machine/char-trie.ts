import { foldCodeUnit } from "./case-fold";

class TrieNode<T> {
  /** The one child while there is one (most nodes of a trie of keys have one), then `children`. */
  onlyCode = -1;
  onlyChild: TrieNode<T> | undefined = undefined;
  children: Map<number, TrieNode<T>> | undefined = undefined;
  /** Entries whose key ends here and that accept any continuation (prefixes). */
  prefixEntries: T[] | undefined = undefined;
  /** Entries whose key ends here and that need the text to end here too (whole values). */
  wholeEntries: T[] | undefined = undefined;
}

/**
 * A trie over UTF-16 code units holding prefix keys and whole-value keys. It is read forwards
 * for prefixes, backwards (keys stored reversed) for suffixes, and optionally through the case
 * fold, so one walk over a string finds every key that applies, in time bounded by the string's
 * length and not by the number of keys.
 */
export class CharTrie<T> {
  private readonly root = new TrieNode<T>();
  private entryCount = 0;

  constructor(
    private readonly backwards: boolean,
    private readonly folded: boolean,
  ) {}

  get isEmpty(): boolean {
    return this.entryCount === 0;
  }

  add(key: string, entry: T, whole: boolean): void {
    let node = this.root;
    for (let step = 0; step < key.length; step++) {
      const code = this.codeAt(key, step);
      let child = childOf(node, code);
      if (child === undefined) {
        child = new TrieNode<T>();
        addChild(node, code, child);
      }
      node = child;
    }
    if (whole) (node.wholeEntries ??= []).push(entry);
    else (node.prefixEntries ??= []).push(entry);
    this.entryCount++;
  }

  remove(key: string, entry: T, whole: boolean): void {
    const trail: TrieNode<T>[] = [this.root];
    for (let step = 0; step < key.length; step++) {
      const child = childOf(trail[step], this.codeAt(key, step));
      if (child === undefined) return;
      trail.push(child);
    }
    const node = trail[key.length];
    const entries = whole ? node.wholeEntries : node.prefixEntries;
    const at = entries === undefined ? -1 : entries.indexOf(entry);
    if (entries === undefined || at === -1) return;
    entries.splice(at, 1);
    if (entries.length === 0) {
      if (whole) node.wholeEntries = undefined;
      else node.prefixEntries = undefined;
    }
    this.entryCount--;
    // Drop nodes that lead nowhere any more, deepest first.
    for (let step = key.length; step > 0; step--) {
      const dead = trail[step];
      if (dead.onlyChild !== undefined || dead.children !== undefined || dead.prefixEntries !== undefined || dead.wholeEntries !== undefined) break;
      removeChild(trail[step - 1], this.codeAt(key, step - 1));
    }
  }

  /** Appends to `out` every entry whose key applies to `text`. */
  collect(text: string, out: T[]): void {
    let node: TrieNode<T> | undefined = this.root;
    const length = text.length;
    for (let step = 0; ; step++) {
      const prefixEntries = node.prefixEntries;
      if (prefixEntries !== undefined) for (let i = 0; i < prefixEntries.length; i++) out.push(prefixEntries[i]);
      if (step === length) break;
      node = childOf(node, this.codeAt(text, step));
      if (node === undefined) return;
    }
    const wholeEntries = node.wholeEntries;
    if (wholeEntries !== undefined) for (let i = 0; i < wholeEntries.length; i++) out.push(wholeEntries[i]);
  }

  private codeAt(text: string, step: number): number {
    const code = text.charCodeAt(this.backwards ? text.length - 1 - step : step);
    return this.folded ? foldCodeUnit(code) : code;
  }
}

function childOf<T>(node: TrieNode<T>, code: number): TrieNode<T> | undefined {
  if (node.onlyCode === code) return node.onlyChild;
  return node.children?.get(code);
}

function addChild<T>(node: TrieNode<T>, code: number, child: TrieNode<T>): void {
  if (node.onlyChild === undefined && node.children === undefined) {
    node.onlyCode = code;
    node.onlyChild = child;
    return;
  }
  if (node.onlyChild !== undefined) {
    node.children = new Map([[node.onlyCode, node.onlyChild]]);
    node.onlyCode = -1;
    node.onlyChild = undefined;
  }
  node.children?.set(code, child);
}

function removeChild<T>(node: TrieNode<T>, code: number): void {
  if (node.onlyCode === code) {
    node.onlyCode = -1;
    node.onlyChild = undefined;
    return;
  }
  node.children?.delete(code);
  if (node.children?.size === 0) node.children = undefined;
}
