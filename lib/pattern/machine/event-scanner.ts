import { InvalidEventError } from "../errors";
import { ArrayElement } from "./array-membership";
import { Leaf, LeafKind } from "./event-leaf";
import type { FieldPaths, PathNode } from "./field-paths";
import {
  Char,
  checkNesting,
  decodeString,
  HAS_ESCAPE,
  literalAt,
  literalLength,
  malformed,
  MalformedJson,
  newSkipState,
  numberEnd,
  skipValue,
  skipWhitespace,
  stringEnd,
  stringFeatures,
} from "./json-text";

/** Above this many children a key is looked up by hashing instead of comparing in place. */
const MAX_KEYS_COMPARED_IN_PLACE = 8;

const utf8 = new TextEncoder();

/**
 * Reads an event's JSON text and collects the scalar values at the paths some rule reads
 * (`FieldPaths`), with the array elements they came from. Everything else is skipped without
 * building strings or objects, but still validated, so malformed text is rejected as the event
 * parser (`parseJson`) rejects it, nesting limit included.
 *
 * Values inside arrays, at any nesting depth, are flattened onto the array's path; objects and
 * empty containers contribute no value (lib/pattern/SEMANTICS.md, "Reading an event"). A key
 * holding dots walks one path segment per dot, so `"a.b": 1` lands on the same path as
 * `{"a":{"b":1}}`, and duplicate keys simply contribute twice.
 *
 * The text is walked as UTF-8 bytes (see json-text). Positions are byte offsets; leaves and
 * keys convert them to string indexes, which are the same numbers when the text is ASCII.
 *
 * One scanner is reused for every event: leaves, array elements and the byte buffer come from
 * pools.
 */
export class EventScanner {
  private text = "";
  private bytes = new Uint8Array(1024);
  /** `bytes` read as 32-bit words (see `digitsEnd`). */
  private words = new DataView(this.bytes.buffer);
  /** Number of UTF-8 bytes of `text`; `bytes[byteLength]` is 0. */
  private byteLength = 0;
  /** For non-ASCII text: the string index of each byte offset (built on first use), else `null`. */
  private charIndexes: Int32Array | null = null;
  private ascii = true;
  private pos = 0;
  /** Containers open around `pos` while reading. */
  private depth = 0;

  private readonly leafPool: Leaf[] = [];
  private leafCount = 0;
  private readonly elementPool: ArrayElement[] = [];
  private elementCount = 0;
  private arrayCount = 0;
  /** Per array of the current event: the first slot seen inside it, and whether a second slot was. */
  private arrayFirstSlot = new Int32Array(64);
  private arrayShared = new Uint8Array(64);
  private readonly skipState = newSkipState();

  /** Leaves found per slot in the current event: `slotLeaves[slot][0 … leafCountAt(slot)-1]`. */
  readonly slotLeaves: Leaf[][] = [];
  private slotCounts = new Int32Array(16);
  /** The slots that have leaves in the current event. */
  readonly touchedSlots: number[] = [];
  private anyInArray = false;

  constructor(private readonly paths: FieldPaths) {}

  /** Scans one event; throws `InvalidEventError` unless `text` is a JSON object. */
  scan(text: string): void {
    this.reset(text);
    try {
      const bytes = this.bytes;
      let pos = skipWhitespace(bytes, 0);
      if (bytes[pos] !== Char.OpenBrace) malformed("the event is not a JSON object", pos);
      this.pos = pos;
      const root = this.paths.root;
      if (root.childKeys.length > 0) this.readObject(root, null);
      else this.skipValue();
      pos = skipWhitespace(bytes, this.pos);
      if (pos !== this.byteLength) malformed("unexpected text after the event object", pos);
    } catch (error) {
      if (!(error instanceof MalformedJson)) throw error;
      const reason = error.byteOffset >= this.byteLength ? "unexpected end of the text" : error.reason;
      throw new InvalidEventError(`Event is not valid JSON: ${reason} at position ${this.charIndex(error.byteOffset)}`);
    }
    if (this.anyInArray) this.markConstrainingElements();
  }

  leafCountAt(slot: number): number {
    return slot < this.slotCounts.length ? this.slotCounts[slot] : 0;
  }

  private reset(text: string): void {
    for (const slot of this.touchedSlots) this.slotCounts[slot] = 0;
    if (this.touchedSlots.length !== 0) this.touchedSlots.length = 0;
    const capacity = this.paths.slotCapacity;
    if (this.slotCounts.length < capacity) {
      const grown = new Int32Array(Math.max(capacity, this.slotCounts.length * 2));
      this.slotCounts = grown;
    }
    while (this.slotLeaves.length < capacity) this.slotLeaves.push([]);
    this.text = text;
    this.encode(text);
    this.pos = 0;
    this.depth = 0;
    this.leafCount = 0;
    this.elementCount = 0;
    this.arrayCount = 0;
    this.anyInArray = false;
  }

  /** Writes `text` as UTF-8 into `bytes`, followed by a 0. */
  private encode(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.bytes.length < text.length * 3 + 1) {
      this.bytes = new Uint8Array(text.length * 3 + 1);
      this.words = new DataView(this.bytes.buffer);
    }
    const { written } = utf8.encodeInto(text, this.bytes);
    this.bytes[written] = 0;
    this.byteLength = written;
    this.ascii = written === text.length;
    this.charIndexes = null;
  }

  /** The string index of byte offset `pos` (at most the text's length). */
  private charIndex(pos: number): number {
    if (this.ascii) return pos;
    this.charIndexes ??= charIndexesOf(this.bytes, this.byteLength);
    return this.charIndexes[Math.min(pos, this.byteLength)];
  }

  // ---- values at paths some rule reads ------------------------------------------------------

  private readValue(node: PathNode, element: ArrayElement | null): void {
    const code = this.bytes[this.pos];
    if (code === Char.OpenBrace) {
      if (node.childKeys.length > 0) this.readObject(node, element);
      else this.skipValue();
    } else if (code === Char.OpenBracket) {
      this.readArray(node, element);
    } else if (node.slot >= 0) {
      this.readLeaf(node.slot, element);
    } else {
      this.skipValue();
    }
  }

  private readObject(node: PathNode, element: ArrayElement | null): void {
    const bytes = this.bytes;
    checkNesting(++this.depth, this.pos);
    let pos = skipWhitespace(bytes, this.pos + 1);
    if (bytes[pos] === Char.CloseBrace) {
      this.pos = pos + 1;
      this.depth--;
      return;
    }
    for (;;) {
      if (bytes[pos] !== Char.Quote) malformed("expected a key", pos);
      const keyStart = pos + 1;
      const keyEnd = stringEnd(bytes, keyStart);
      pos = skipWhitespace(bytes, keyEnd + 1);
      if (bytes[pos] !== Char.Colon) malformed("expected ':'", pos);
      this.pos = skipWhitespace(bytes, pos + 1);
      const features = stringFeatures(bytes, keyStart, keyEnd);
      const child =
        keyEnd === keyStart && !this.paths.readsEmptyKeys
          ? undefined
          : features === 0
            ? this.childByPlainKey(node, keyStart, keyEnd)
            : this.childByEncodedKey(node, keyStart, keyEnd, features);
      if (child !== undefined) this.readValue(child, element);
      // Most unread values are strings: skipped here, without the general walk's call.
      else if (bytes[this.pos] === Char.Quote) this.pos = stringEnd(bytes, this.pos + 1) + 1;
      else this.skipValue();
      pos = skipWhitespace(bytes, this.pos);
      const code = bytes[pos];
      if (code === Char.Comma) {
        pos = skipWhitespace(bytes, pos + 1);
      } else if (code === Char.CloseBrace) {
        this.pos = pos + 1;
        this.depth--;
        return;
      } else {
        malformed("expected ',' or '}'", pos);
      }
    }
  }

  private readArray(node: PathNode, element: ArrayElement | null): void {
    const bytes = this.bytes;
    checkNesting(++this.depth, this.pos);
    let pos = skipWhitespace(bytes, this.pos + 1);
    if (bytes[pos] === Char.CloseBracket) {
      this.pos = pos + 1;
      this.depth--;
      return;
    }
    const array = this.newArray();
    const depth = element === null ? 1 : element.depth + 1;
    const readsScalars = node.slot >= 0;
    const readsObjects = node.childKeys.length > 0;
    for (let index = 0; ; index++) {
      this.pos = pos;
      const code = bytes[pos];
      const needed = code === Char.OpenBracket || (code === Char.OpenBrace ? readsObjects : readsScalars);
      if (needed) this.readValue(node, this.newElement(array, index, element, depth));
      else this.skipValue();
      pos = skipWhitespace(bytes, this.pos);
      const next = bytes[pos];
      if (next === Char.Comma) {
        pos = skipWhitespace(bytes, pos + 1);
      } else if (next === Char.CloseBracket) {
        this.pos = pos + 1;
        this.depth--;
        return;
      } else {
        malformed("expected ',' or ']'", pos);
      }
    }
  }

  private readLeaf(slot: number, element: ArrayElement | null): void {
    const bytes = this.bytes;
    const start = this.pos;
    const code = bytes[start];
    let kind: LeafKind;
    let valueStart = start;
    let valueEnd: number;
    let escaped = false;
    if (code === Char.Quote) {
      kind = LeafKind.String;
      valueStart = start + 1;
      valueEnd = stringEnd(bytes, valueStart);
      escaped = (stringFeatures(bytes, valueStart, valueEnd) & HAS_ESCAPE) !== 0;
      this.pos = valueEnd + 1;
    } else if (code === Char.Minus || (code >= Char.Zero && code <= Char.Nine)) {
      kind = LeafKind.Number;
      valueEnd = numberEnd(bytes, start);
      this.pos = valueEnd;
    } else {
      const first = literalAt(bytes, start);
      kind = first === Char.LowerT ? LeafKind.True : first === Char.LowerF ? LeafKind.False : LeafKind.Null;
      valueEnd = start + literalLength(first);
      this.pos = valueEnd;
    }
    let leaf = this.leafPool[this.leafCount];
    if (leaf === undefined) {
      leaf = new Leaf();
      this.leafPool.push(leaf);
    }
    this.leafCount++;
    leaf.reset(kind, this.text, this.charIndex(valueStart), this.charIndex(valueEnd), escaped, this.ascii, element);
    const count = this.slotCounts[slot];
    if (count === 0) this.touchedSlots.push(slot);
    const leaves = this.slotLeaves[slot];
    if (count < leaves.length) leaves[count] = leaf;
    else leaves.push(leaf);
    this.slotCounts[slot] = count + 1;
    if (element !== null) this.noteArraySlot(element, slot);
  }

  /** The child path node for an unescaped, dot-free key, compared in place when there are few. */
  private childByPlainKey(node: PathNode, start: number, end: number): PathNode | undefined {
    const keys = node.childKeyBytes;
    if (keys.length > MAX_KEYS_COMPARED_IN_PLACE) return node.children?.get(this.text.slice(this.charIndex(start), this.charIndex(end)));
    const bytes = this.bytes;
    const length = end - start;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key.length !== length) continue;
      let at = 0;
      while (at < length && key[at] === bytes[start + at]) at++;
      if (at === length) return node.childNodes[i];
    }
    return undefined;
  }

  /** The path node a key with escapes or dots leads to; a key with dots walks one segment per dot. */
  private childByEncodedKey(node: PathNode, start: number, end: number, features: number): PathNode | undefined {
    const key = decodeString(this.text, this.charIndex(start), this.charIndex(end), (features & HAS_ESCAPE) !== 0);
    if (!key.includes(".")) return node.children?.get(key);
    let at: PathNode | undefined = node;
    for (const segment of key.split(".")) {
      at = at.children?.get(segment);
      if (at === undefined) return undefined;
    }
    return at;
  }

  // ---- array bookkeeping -----------------------------------------------------------------

  private newArray(): number {
    const array = this.arrayCount++;
    if (array >= this.arrayFirstSlot.length) {
      const firstSlot = new Int32Array(this.arrayFirstSlot.length * 2);
      firstSlot.set(this.arrayFirstSlot);
      this.arrayFirstSlot = firstSlot;
      const shared = new Uint8Array(this.arrayShared.length * 2);
      shared.set(this.arrayShared);
      this.arrayShared = shared;
    }
    this.arrayFirstSlot[array] = -1;
    this.arrayShared[array] = 0;
    return array;
  }

  private newElement(array: number, index: number, parent: ArrayElement | null, depth: number): ArrayElement {
    let element = this.elementPool[this.elementCount];
    if (element === undefined) {
      element = new ArrayElement(array, index, parent, depth);
      this.elementPool.push(element);
    } else {
      element.array = array;
      element.index = index;
      element.parent = parent;
      element.depth = depth;
    }
    this.elementCount++;
    return element;
  }

  /** Records that `slot` has a value inside each array enclosing `element`. */
  private noteArraySlot(element: ArrayElement, slot: number): void {
    this.anyInArray = true;
    for (let at: ArrayElement | null = element; at !== null; at = at.parent) {
      const first = this.arrayFirstSlot[at.array];
      if (first === -1) this.arrayFirstSlot[at.array] = slot;
      else if (first !== slot) this.arrayShared[at.array] = 1;
    }
  }

  /**
   * A leaf needs its array element for consistency checks only if one of its arrays also holds
   * values of another path; all other leaves are treated as unconstrained, which lets the
   * matcher merge their alternatives.
   */
  private markConstrainingElements(): void {
    for (let i = 0; i < this.leafCount; i++) {
      const leaf = this.leafPool[i];
      for (let at = leaf.element; at !== null; at = at.parent) {
        if (this.arrayShared[at.array] === 1) {
          leaf.constrainingElement = leaf.element;
          break;
        }
      }
    }
  }

  /** Skips (and validates) the value at `pos`. */
  private skipValue(): void {
    this.pos = skipValue(this.bytes, this.words, this.pos, this.skipState, this.depth);
  }
}

/** The string index of every byte offset of UTF-8 text (offsets inside a character share its index). */
function charIndexesOf(bytes: Uint8Array, length: number): Int32Array {
  const indexes = new Int32Array(length + 1);
  let index = 0;
  for (let pos = 0; pos < length; pos++) {
    const byte = bytes[pos];
    indexes[pos] = index;
    // A lead byte starts a character: 4-byte ones are surrogate pairs, two code units.
    if ((byte & 0xc0) !== 0x80) index += byte >= 0xf0 ? 2 : 1;
  }
  indexes[length] = index;
  return indexes;
}


