/**
 * The `wildcard` operator: parsing with event-ruler's exact errors, linear-time matching, and
 * EventBridge's wildcard-complexity limit (lib/pattern/SEMANTICS.md, "wildcard", "Wildcard
 * complexity").
 */

import type { WildcardGlob } from "./model";

export type WildcardParse =
  | { readonly ok: true; readonly glob: WildcardGlob }
  | { readonly ok: false; readonly reason: string };

/** UTF-8 length of the code unit at `i` (a surrogate pair counts 4 on its high half, 0 on its low). */
function utf8Width(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? 4 : 1; // Java encodes a lone surrogate as '?'
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = text.charCodeAt(i - 1);
    return prev >= 0xd800 && prev <= 0xdbff ? 0 : 1;
  }
  return 3;
}

/**
 * Splits a wildcard value at its unescaped `*`s. `\*` is a literal star and `\\` a literal
 * backslash; any other backslash, and `**`, are errors. Ruler parses the value with a leading
 * `"` added, so the reported pos is the UTF-8 byte offset plus 1.
 */
export function parseWildcard(text: string): WildcardParse {
  const parts: string[] = [];
  let current = "";
  let pos = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 /* * */) {
      if (text.charCodeAt(i + 1) === 42) {
        return { ok: false, reason: `Consecutive wildcard characters at pos ${pos}` };
      }
      parts.push(current);
      current = "";
      pos += 1;
    } else if (c === 92 /* \ */) {
      const next = text.charCodeAt(i + 1);
      if (next !== 42 && next !== 92) return { ok: false, reason: `Invalid escape character at pos ${pos}` };
      current += text.charAt(i + 1);
      i++;
      pos += 2;
    } else {
      current += text.charAt(i);
      pos += utf8Width(text, i);
    }
  }
  parts.push(current);
  return { ok: true, glob: { parts } };
}

/** Knuth-Morris-Pratt search: worst case linear, unlike a naive scan. */
function indexOfLinear(haystack: string, needle: string, from: number, until: number): number {
  const m = needle.length;
  if (m === 0) return from;
  const fail = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && needle.charCodeAt(i) !== needle.charCodeAt(k)) k = fail[k - 1] ?? 0;
    if (needle.charCodeAt(i) === needle.charCodeAt(k)) k++;
    fail[i] = k;
  }
  for (let i = from, k = 0; i < until; i++) {
    const c = haystack.charCodeAt(i);
    while (k > 0 && c !== needle.charCodeAt(k)) k = fail[k - 1] ?? 0;
    if (c === needle.charCodeAt(k)) k++;
    if (k === m) return i - m + 1;
  }
  return -1;
}

/**
 * Whether a string matches a glob. With `*` as the only metacharacter, taking each middle part
 * at its leftmost occurrence is optimal, so one left-to-right pass decides: O(value + pattern).
 * Matching UTF-16 text gives the same answers as Ruler's UTF-8 bytes, since literal parts are
 * whole characters.
 */
export function globMatches(glob: WildcardGlob, value: string): boolean {
  const parts = glob.parts;
  const n = parts.length;
  const first = parts[0] ?? "";
  if (n === 1) return value === first;
  const last = parts[n - 1] ?? "";
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let pos = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < n - 1; i++) {
    const part = parts[i] ?? "";
    if (part.length === 0) continue;
    if (end - pos < part.length) return false;
    const at = indexOfLinear(value, part, pos, end);
    if (at < 0) return false;
    pos = at + part.length;
  }
  return true;
}

/**
 * The AWS limit: patterns whose complexity exceeds this are "too complex" (provisional,
 * SEMANTICS.md "Wildcard complexity").
 */
export const MAX_WILDCARD_COMPLEXITY = 10;

/** Upper bound on explored automaton states; past it a field counts as too complex. */
const EXPLORATION_BUDGET = 50_000;

const STAR = -1;

/** Appends the UTF-8 bytes of a string (lone surrogates as '?', like Java). */
function pushUtf8(text: string, out: number[]): void {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else c = 63;
    } else if (c >= 0xdc00 && c <= 0xdfff) c = 63;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
}

/** Ruler's view of a wildcard value: the UTF-8 bytes of `"` + value + `"`, with `*` as STAR. */
function tokensOf(glob: WildcardGlob): number[] {
  const tokens: number[] = [34];
  glob.parts.forEach((part, index) => {
    if (index > 0) tokens.push(STAR);
    pushUtf8(part, tokens);
  });
  tokens.push(34);
  return tokens;
}

/**
 * Ruler's `MachineComplexityEvaluator` for the wildcard patterns of one field: the largest
 * number of wildcard-rule prefixes a worst-case value can keep alive at once, capped at `cap`.
 *
 * It walks the subset automaton of the byte machine Ruler builds for these patterns: after each `*`
 * a state that loops on every byte, with a skip edge for the empty match. A state set's size is its
 * number of live states plus, for each state about to enter a `*` loop outside the set, one more
 * (Ruler counts "foo*" as alive once "foo" is). Calibrated on SEMANTICS.md "Wildcard complexity":
 * `*:*:*:*:*:event-bus/*` = 11, `/Users/*\/dir/dir/dir/dir/dir/doc.txt` = 7, `*\/dir/*` = 4.
 */
export function wildcardComplexity(globs: readonly WildcardGlob[], cap: number = MAX_WILDCARD_COMPLEXITY + 1): number {
  if (globs.length === 0) return 0;
  const patterns = globs.map(tokensOf);
  const width = Math.max(...patterns.map((t) => t.length)) + 1;
  const MATCH = width - 1; // position value meaning "matched"
  const id = (p: number, j: number): number => p * width + j;

  /** Targets of state (p, j) on byte b (b = -2: a byte that appears in no pattern). */
  const step = (p: number, j: number, b: number, out: Set<number>): void => {
    const t = patterns[p];
    if (t === undefined || j === MATCH) return;
    const n = t.length;
    const target = (k: number): number => id(p, k === n ? MATCH : k);
    if (j > 0 && t[j - 1] === STAR) out.add(id(p, j));
    const tok = t[j];
    if (tok === STAR) {
      out.add(target(j + 1));
      if (t[j + 1] === b) out.add(target(j + 2));
    } else if (tok === b) {
      out.add(target(j + 1));
    }
  };

  const sizeOf = (set: readonly number[], members: Set<number>): number => {
    let size = 0;
    for (const s of set) {
      size++;
      const p = Math.floor(s / width);
      const j = s % width;
      if (j !== MATCH && patterns[p]?.[j] === STAR && !members.has(id(p, j + 1))) size++;
    }
    return size;
  };

  const seen = new Set<string>();
  const queue: number[][] = [];
  const enqueue = (from: readonly number[]): void => {
    const bytes = new Set<number>([-2]);
    for (const s of from) {
      const p = Math.floor(s / width);
      const j = s % width;
      const t = patterns[p];
      if (t === undefined || j === MATCH) continue;
      const tok = t[j];
      if (tok !== undefined && tok !== STAR) bytes.add(tok);
      const next = t[j + 1];
      if (tok === STAR && next !== undefined) bytes.add(next);
    }
    for (const b of bytes) {
      const out = new Set<number>();
      for (const s of from) step(Math.floor(s / width), s % width, b, out);
      if (out.size > 0) queue.push([...out].sort((x, y) => x - y));
    }
  };

  enqueue(patterns.map((_, p) => id(p, 0)));
  let max = 0;
  for (let head = 0; head < queue.length; head++) {
    const set = queue[head];
    if (set === undefined) break;
    const key = set.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > EXPLORATION_BUDGET) return cap;
    const size = sizeOf(set, new Set(set));
    if (size >= cap) return cap;
    if (size > max) max = size;
    enqueue(set);
  }
  return max;
}
