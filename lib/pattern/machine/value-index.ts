import { conditionHolds } from "../conditions";
import { ipInRange, ipToHex } from "../ip";
import type { Condition, IpRange, NumericBound, WildcardGlob } from "../model";
import { isAscii, isFoldIndexable } from "./case-fold";
import { CharTrie } from "./char-trie";
import { LeafKind, type Leaf } from "./event-leaf";
import { RangeIndex, type Bound } from "./range-index";

/** What an index hands back: anything with a stamp to de-duplicate hits for one leaf. */
export interface IndexTarget {
  seenAt: number;
}

/**
 * Whether an index hit must be confirmed with `conditionHolds`. Folded-key hits can be wrong
 * only through characters outside ASCII (the Kelvin sign folds like `k`; `ſ` like `s`), so with
 * ASCII keys an ASCII value needs no check.
 */
const Confirm = { Never: 0, UnlessAscii: 1, Always: 2 } as const;
type Confirm = (typeof Confirm)[keyof typeof Confirm];

/** One condition of one target, placed in one or more of the index structures. */
class IndexEntry<T extends IndexTarget> {
  /** Stamp of the last leaf that an anything-but entry found excluded. */
  excludedAt = 0;
  /** An anything-but condition: its keys list what it excludes, not what it accepts. */
  readonly excludes: boolean;

  constructor(
    readonly target: T,
    readonly condition: Condition,
    /** Whether index hits are only candidates, confirmed with `conditionHolds`. */
    readonly confirm: Confirm,
    readonly placements: readonly Placement[],
  ) {
    this.excludes = condition.kind === "anything-but";
  }
}

/** What `ValueIndex.add` placed for one target, handed back to `remove` it. */
export type IndexedConditions<T extends IndexTarget> = readonly IndexEntry<T>[];

/** Where one key of a condition goes; adding and removing walk the same placements. */
type Placement =
  | { readonly into: "strings" | "lexemes"; readonly key: string }
  | { readonly into: "numbers"; readonly key: number }
  | { readonly into: "true" | "false" | "null" | "anyValue" | "checked" | "anything-but" }
  | {
      readonly into: "prefixes" | "suffixes" | "foldedPrefixes" | "foldedSuffixes";
      readonly key: string;
      readonly whole: boolean;
    }
  | { readonly into: "ranges"; readonly lower: NumericBound | undefined; readonly upper: NumericBound | undefined }
  | { readonly into: "ipRanges"; readonly range: IpRange };

type ListPlacement = "true" | "false" | "null" | "anyValue" | "checked" | "anything-but";
type TriePlacement = "prefixes" | "suffixes" | "foldedPrefixes" | "foldedSuffixes";

interface Plan {
  readonly placements: readonly Placement[];
  readonly confirm: Confirm;
}

const CHECKED: Plan = { placements: [{ into: "checked" }], confirm: Confirm.Never };

/** Scratch list of candidate entries for the leaf being collected (collecting is never nested). */
const candidates: IndexEntry<IndexTarget>[] = [];

/**
 * The value conditions of every rule on one field at one state, indexed so that one event value
 * finds the targets whose conditions it satisfies without trying conditions one by one:
 * exact values hashed (numbers by their comparable double, so `300` = `300.0` = `3e2`, others by
 * lexeme), prefixes and suffixes in tries, ignore-case keys folded, numeric and IP ranges
 * (cidr, and IP literals) in segment trees, and anything-but as a set difference (the value's
 * hits mark what it excludes; the rest match). Conditions that no structure captures (wildcards
 * with stars at both ends, ignore-case text that does not fold per character) are evaluated with
 * the shared `conditionHolds` for every value.
 *
 * A large machine has an index per state and field, most holding one or two conditions, so each
 * structure exists only once something is placed in it.
 */
export class ValueIndex<T extends IndexTarget> {
  private strings: Map<string, IndexEntry<T>[]> | undefined = undefined;
  private numbers: Map<number, IndexEntry<T>[]> | undefined = undefined;
  private lexemes: Map<string, IndexEntry<T>[]> | undefined = undefined;
  private trueEntries: IndexEntry<T>[] | undefined = undefined;
  private falseEntries: IndexEntry<T>[] | undefined = undefined;
  private nullEntries: IndexEntry<T>[] | undefined = undefined;
  private prefixes: CharTrie<IndexEntry<T>> | undefined = undefined;
  private suffixes: CharTrie<IndexEntry<T>> | undefined = undefined;
  private foldedPrefixes: CharTrie<IndexEntry<T>> | undefined = undefined;
  private foldedSuffixes: CharTrie<IndexEntry<T>> | undefined = undefined;
  private ranges: RangeIndex<number, IndexEntry<T>> | undefined = undefined;
  /** IP ranges by digit count: 8 for IPv4 and 32 for IPv6 (see `ipInRange`). */
  private ipv4Ranges: RangeIndex<string, IndexEntry<T>> | undefined = undefined;
  private ipv6Ranges: RangeIndex<string, IndexEntry<T>> | undefined = undefined;
  private anyValue: IndexEntry<T>[] | undefined = undefined;
  private checked: IndexEntry<T>[] | undefined = undefined;
  private antiEntries: IndexEntry<T>[] | undefined = undefined;
  /** Whether some structure for strings is in use, so that numbers and literals skip them at once. */
  private stringStructures = 0;

  /** Indexes `conditions` (value conditions only; `exists:false` is the caller's) for `target`. */
  add(target: T, conditions: readonly Condition[]): IndexedConditions<T> {
    const entries: IndexEntry<T>[] = [];
    for (const condition of conditions) {
      if (condition.kind === "exists" && !condition.exists) continue;
      const plan = planFor(condition);
      const entry = new IndexEntry(target, condition, plan.confirm, plan.placements);
      for (const placement of plan.placements) this.place(entry, placement, true);
      entries.push(entry);
    }
    return entries;
  }

  remove(indexed: IndexedConditions<T>): void {
    for (const entry of indexed) {
      for (const placement of entry.placements) this.place(entry, placement, false);
    }
  }

  /**
   * Appends to `out` each target with a condition that `leaf` satisfies, once: targets whose
   * `seenAt` already equals `stamp` are skipped, and `stamp` must be new for every leaf.
   */
  collect(leaf: Leaf, stamp: number, out: T[]): void {
    const hits = candidates as IndexEntry<T>[];
    if (hits.length !== 0) hits.length = 0;
    this.collectCandidates(leaf, hits);
    for (let i = 0; i < hits.length; i++) {
      const entry = hits[i];
      const confirm = entry.confirm;
      const sure = confirm === Confirm.Never || (confirm === Confirm.UnlessAscii && leaf.isAscii());
      if (entry.excludes) {
        if (sure || !conditionHolds(entry.condition, leaf.value())) entry.excludedAt = stamp;
      } else if (sure || conditionHolds(entry.condition, leaf.value())) {
        emit(entry.target, stamp, out);
      }
    }
    const anyValue = this.anyValue;
    if (anyValue !== undefined) for (let i = 0; i < anyValue.length; i++) emit(anyValue[i].target, stamp, out);
    const checked = this.checked;
    if (checked !== undefined) {
      for (let i = 0; i < checked.length; i++) {
        if (conditionHolds(checked[i].condition, leaf.value())) emit(checked[i].target, stamp, out);
      }
    }
    const antiEntries = this.antiEntries;
    if (antiEntries !== undefined) {
      for (let i = 0; i < antiEntries.length; i++) {
        if (antiEntries[i].excludedAt !== stamp) emit(antiEntries[i].target, stamp, out);
      }
    }
  }

  private collectCandidates(leaf: Leaf, hits: IndexEntry<T>[]): void {
    switch (leaf.kind) {
      case LeafKind.String: {
        if (this.stringStructures === 0) return;
        const text = leaf.string();
        if (this.strings !== undefined) appendAll(this.strings.get(text), hits);
        this.prefixes?.collect(text, hits);
        this.suffixes?.collect(text, hits);
        this.foldedPrefixes?.collect(text, hits);
        this.foldedSuffixes?.collect(text, hits);
        if (this.ipv4Ranges !== undefined || this.ipv6Ranges !== undefined) this.collectIpRanges(text, hits);
        return;
      }
      case LeafKind.Number: {
        if (this.numbers === undefined && this.lexemes === undefined && this.ranges === undefined) return;
        const double = leaf.comparable();
        if (double === undefined) {
          appendAll(this.lexemes?.get(leaf.lexeme()), hits);
          return;
        }
        appendAll(this.numbers?.get(double), hits);
        this.ranges?.collect(double, hits);
        return;
      }
      case LeafKind.True:
        appendAll(this.trueEntries, hits);
        return;
      case LeafKind.False:
        appendAll(this.falseEntries, hits);
        return;
      default:
        appendAll(this.nullEntries, hits);
    }
  }

  /** Like `ipInRange`, a range compares the address's leading digits, as many as it has. */
  private collectIpRanges(text: string, hits: IndexEntry<T>[]): void {
    const hex = ipToHex(text);
    if (hex === undefined) return;
    this.ipv4Ranges?.collect(hex.slice(0, 8), hits);
    if (this.ipv6Ranges === undefined) return;
    if (hex.length >= 32) {
      this.ipv6Ranges.collect(hex.slice(0, 32), hits);
      return;
    }
    // An IPv4 address: the lookup also finds the IPv6 ranges whose top it is a prefix of, which
    // `ipInRange` (strictly between the bounds' leading digits) leaves out.
    const start = hits.length;
    this.ipv6Ranges.collect(hex, hits);
    let kept = start;
    for (let i = start; i < hits.length; i++) {
      const range = ipRangeOf(hits[i].condition);
      if (range !== undefined && ipInRange(hex, range)) hits[kept++] = hits[i];
    }
    hits.length = kept;
  }

  private place(entry: IndexEntry<T>, placement: Placement, adding: boolean): void {
    switch (placement.into) {
      case "strings":
        this.strings = this.updateKeyed(this.strings, placement.key, entry, adding, true);
        return;
      case "lexemes":
        this.lexemes = this.updateKeyed(this.lexemes, placement.key, entry, adding, false);
        return;
      case "numbers":
        this.numbers = this.updateKeyed(this.numbers, placement.key, entry, adding, false);
        return;
      case "prefixes":
      case "suffixes":
      case "foldedPrefixes":
      case "foldedSuffixes":
        this.placeInTrie(placement.into, placement.key, placement.whole, entry, adding);
        return;
      case "ranges":
        this.ranges = updateRanges(this.ranges, entry, placement.lower, placement.upper, adding);
        return;
      case "ipRanges": {
        const { first, last } = placement.range;
        const lower = { value: first, inclusive: true };
        const upper = { value: last, inclusive: true };
        if (first.length === 8) this.ipv4Ranges = updateRanges(this.ipv4Ranges, entry, lower, upper, adding);
        else this.ipv6Ranges = updateRanges(this.ipv6Ranges, entry, lower, upper, adding);
        this.stringStructures += adding ? 1 : -1;
        return;
      }
      default:
        this.placeInList(placement.into, entry, adding);
    }
  }

  private updateKeyed<K>(
    map: Map<K, IndexEntry<T>[]> | undefined,
    key: K,
    entry: IndexEntry<T>,
    adding: boolean,
    forStrings: boolean,
  ): Map<K, IndexEntry<T>[]> | undefined {
    if (forStrings) this.stringStructures += adding ? 1 : -1;
    const list = map?.get(key);
    if (adding) {
      if (list !== undefined) list.push(entry);
      else (map ??= new Map()).set(key, [entry]);
      return map;
    }
    if (map === undefined || list === undefined) return map;
    removeFrom(list, entry);
    if (list.length === 0) map.delete(key);
    return map.size === 0 ? undefined : map;
  }

  private placeInTrie(into: TriePlacement, key: string, whole: boolean, entry: IndexEntry<T>, adding: boolean): void {
    this.stringStructures += adding ? 1 : -1;
    switch (into) {
      case "prefixes":
        this.prefixes = updateTrie(this.prefixes, false, false, key, whole, entry, adding);
        return;
      case "suffixes":
        this.suffixes = updateTrie(this.suffixes, true, false, key, whole, entry, adding);
        return;
      case "foldedPrefixes":
        this.foldedPrefixes = updateTrie(this.foldedPrefixes, false, true, key, whole, entry, adding);
        return;
      case "foldedSuffixes":
        this.foldedSuffixes = updateTrie(this.foldedSuffixes, true, true, key, whole, entry, adding);
    }
  }

  private placeInList(into: ListPlacement, entry: IndexEntry<T>, adding: boolean): void {
    switch (into) {
      case "true":
        this.trueEntries = updateList(this.trueEntries, entry, adding);
        return;
      case "false":
        this.falseEntries = updateList(this.falseEntries, entry, adding);
        return;
      case "null":
        this.nullEntries = updateList(this.nullEntries, entry, adding);
        return;
      case "anyValue":
        this.anyValue = updateList(this.anyValue, entry, adding);
        return;
      case "checked":
        this.checked = updateList(this.checked, entry, adding);
        return;
      case "anything-but":
        this.antiEntries = updateList(this.antiEntries, entry, adding);
    }
  }
}

/** The list with `entry` added or removed; no list while it would be empty. */
function updateList<E>(list: E[] | undefined, entry: E, adding: boolean): E[] | undefined {
  if (adding) {
    (list ??= []).push(entry);
    return list;
  }
  if (list === undefined) return undefined;
  removeFrom(list, entry);
  return list.length === 0 ? undefined : list;
}

function updateTrie<E>(
  trie: CharTrie<E> | undefined,
  backwards: boolean,
  folded: boolean,
  key: string,
  whole: boolean,
  entry: E,
  adding: boolean,
): CharTrie<E> | undefined {
  if (adding) {
    trie ??= new CharTrie<E>(backwards, folded);
    trie.add(key, entry, whole);
    return trie;
  }
  trie?.remove(key, entry, whole);
  return trie === undefined || trie.isEmpty ? undefined : trie;
}

function updateRanges<K extends number | string, E>(
  ranges: RangeIndex<K, E> | undefined,
  entry: E,
  lower: Bound<K> | undefined,
  upper: Bound<K> | undefined,
  adding: boolean,
): RangeIndex<K, E> | undefined {
  if (adding) {
    ranges ??= new RangeIndex<K, E>();
    ranges.add(entry, lower, upper);
    return ranges;
  }
  ranges?.remove(entry);
  return ranges === undefined || ranges.isEmpty ? undefined : ranges;
}

function emit<T extends IndexTarget>(target: T, stamp: number, out: T[]): void {
  if (target.seenAt === stamp) return;
  target.seenAt = stamp;
  out.push(target);
}

function appendAll<E>(entries: readonly E[] | undefined, hits: E[]): void {
  if (entries === undefined) return;
  for (let i = 0; i < entries.length; i++) hits.push(entries[i]);
}

function removeFrom<E>(list: E[], entry: E): void {
  const at = list.indexOf(entry);
  if (at !== -1) list.splice(at, 1);
}

/** Decides where a condition is indexed, and whether its hits need confirming. */
function planFor(condition: Condition): Plan {
  switch (condition.kind) {
    case "exact": {
      const value = condition.value;
      if (value.kind === "string") {
        // An IP literal is a one-address range: it matches every spelling of the address.
        return exact(condition.ip === undefined ? { into: "strings", key: value.value } : { into: "ipRanges", range: condition.ip });
      }
      if (value.kind === "number") return exact(numberPlacement(value.lexeme, value.comparable));
      if (value.kind === "boolean") return exact({ into: value.value ? "true" : "false" });
      return exact({ into: "null" });
    }
    case "prefix":
    case "suffix":
      return affixPlan(condition.kind, condition.value, condition.ignoreCase);
    case "equals-ignore-case":
      return isFoldIndexable(condition.value)
        ? { placements: [{ into: "foldedPrefixes", key: condition.value, whole: true }], confirm: foldedConfirm([condition.value]) }
        : CHECKED;
    case "wildcard": {
      const placement = globPlacement(condition.glob);
      return placement === undefined ? CHECKED : { placements: [placement], confirm: isExactGlob(condition.glob) ? Confirm.Never : Confirm.Always };
    }
    case "numeric": {
      const { lower, upper } = condition;
      if (lower !== undefined && upper !== undefined && lower.value === upper.value && lower.inclusive && upper.inclusive) {
        return exact({ into: "numbers", key: lower.value });
      }
      return exact({ into: "ranges", lower, upper });
    }
    case "exists":
      return exact({ into: "anyValue" });
    case "cidr":
      return exact({ into: "ipRanges", range: condition.range });
    case "anything-but":
      return exclusionPlan(condition.exclusion);
  }
}

function exact(placement: Placement): Plan {
  return { placements: [placement], confirm: Confirm.Never };
}

function numberPlacement(lexeme: string, comparable: number | undefined): Placement {
  return comparable === undefined ? { into: "lexemes", key: lexeme } : { into: "numbers", key: comparable };
}

function affixPlan(kind: "prefix" | "suffix", value: string, ignoreCase: boolean): Plan {
  if (!ignoreCase) return exact({ into: kind === "prefix" ? "prefixes" : "suffixes", key: value, whole: false });
  if (!isFoldIndexable(value)) return CHECKED;
  return { placements: [{ into: kind === "prefix" ? "foldedPrefixes" : "foldedSuffixes", key: value, whole: false }], confirm: foldedConfirm([value]) };
}

function foldedConfirm(keys: readonly string[]): Confirm {
  return keys.every(isAscii) ? Confirm.UnlessAscii : Confirm.Always;
}

function isExactGlob(glob: WildcardGlob): boolean {
  return glob.parts.length === 1 || (glob.parts.length === 2 && glob.parts[0] === "" && glob.parts[1] === "");
}

/**
 * A glob is indexed by a literal part that every match must contain at a fixed end: no star
 * means an exact value, `*` alone means any string (the empty prefix), otherwise its head or
 * tail. Globs with stars at both ends have no such anchor.
 */
function globPlacement(glob: WildcardGlob): Placement | undefined {
  const parts = glob.parts;
  if (parts.length === 1) return { into: "strings", key: parts[0] };
  const head = parts[0];
  const tail = parts[parts.length - 1];
  if (head !== "" || (parts.length === 2 && tail === "")) return { into: "prefixes", key: head, whole: false };
  if (tail !== "") return { into: "suffixes", key: tail, whole: false };
  return undefined;
}

/** An anything-but is indexed by what it excludes, plus once in the set-difference list. */
function exclusionPlan(exclusion: Extract<Condition, { kind: "anything-but" }>["exclusion"]): Plan {
  const placements: Placement[] = [{ into: "anything-but" }];
  let confirm: Confirm = Confirm.Never;
  switch (exclusion.type) {
    case "values":
      for (const text of exclusion.strings) placements.push({ into: "strings", key: text });
      for (const number of exclusion.numbers) placements.push(numberPlacement(number.lexeme, number.comparable));
      break;
    case "prefix":
    case "suffix":
      for (const text of exclusion.values) {
        placements.push({ into: exclusion.type === "prefix" ? "prefixes" : "suffixes", key: text, whole: false });
      }
      break;
    case "equals-ignore-case":
      if (!exclusion.values.every(isFoldIndexable)) return CHECKED;
      for (const text of exclusion.values) placements.push({ into: "foldedPrefixes", key: text, whole: true });
      confirm = foldedConfirm(exclusion.values);
      break;
    case "wildcard":
      for (const glob of exclusion.globs) {
        const placement = globPlacement(glob);
        if (placement === undefined) return CHECKED;
        placements.push(placement);
        if (!isExactGlob(glob)) confirm = Confirm.Always;
      }
      break;
  }
  return { placements, confirm };
}

/** The IP range a `cidr` condition or an IP literal stands for. */
function ipRangeOf(condition: Condition): IpRange | undefined {
  if (condition.kind === "cidr") return condition.range;
  return condition.kind === "exact" ? condition.ip : undefined;
}
