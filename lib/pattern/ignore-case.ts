/**
 * Case-insensitive comparison the way event-ruler does it (lib/pattern/SEMANTICS.md, "Case
 * folding"): each code point of the *pattern* may appear in the event as its lower-case or its
 * upper-case form (Java `Locale.ROOT`, which JS's locale-free case mapping matches); that is
 * itself too, except for title-case letters.
 * Forms can differ in length, so the pattern `"straße"` matches the value `"STRASSE"` (ß
 * upper-cases to SS), while the pattern `"STRASSE"` does not match `"straße"`: the folding is
 * one-way, from pattern to value.
 */

/**
 * The spellings a pattern code point may take in an event, no duplicates. Ruler offers a
 * character's lower and upper case only, so a title-case letter (`ǅ`, whose cases are `ǆ` and
 * `Ǆ`) does not match itself. A code point outside the BMP keeps itself too: Ruler reads each
 * half of its surrogate pair alone and so never matches it, a defect not copied here.
 */
function spellings(cp: string): string[] {
  const lower = cp.toLowerCase();
  const upper = cp.toUpperCase();
  const out = cp.length === 1 && lower !== cp && upper !== cp ? [lower] : [cp];
  if (lower !== out[0]) out.push(lower);
  if (upper !== out[0] && upper !== lower) out.push(upper);
  return out;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** ASCII letters fold to each other; nothing else changes. */
function asciiFold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * The set of value offsets reachable after reading the whole pattern from `start`, walking
 * forwards (`dir` 1) or backwards from the end (`dir` -1). Sets stay small: each pattern code
 * point has at most three spellings.
 */
function reachable(pattern: string, value: string, dir: 1 | -1): Set<number> {
  const cps = Array.from(pattern);
  if (dir === -1) cps.reverse();
  let positions = new Set<number>([dir === 1 ? 0 : value.length]);
  for (const cp of cps) {
    const next = new Set<number>();
    const forms = spellings(cp);
    for (const at of positions) {
      for (const form of forms) {
        if (dir === 1) {
          if (value.startsWith(form, at)) next.add(at + form.length);
        } else if (at - form.length >= 0 && value.startsWith(form, at - form.length)) {
          next.add(at - form.length);
        }
      }
    }
    if (next.size === 0) return next;
    positions = next;
  }
  return positions;
}

/** ASCII fast path: pattern is ASCII, so each character has one upper/lower partner at most. */
function asciiEqualAt(pattern: string, value: string, at: number): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (asciiFold(pattern.charCodeAt(i)) !== asciiFold(value.charCodeAt(at + i))) return false;
  }
  return true;
}

export function equalsIgnoreCase(pattern: string, value: string): boolean {
  if (isAscii(pattern)) return pattern.length === value.length && asciiEqualAt(pattern, value, 0);
  return reachable(pattern, value, 1).has(value.length);
}

export function startsWithIgnoreCase(value: string, prefix: string): boolean {
  if (isAscii(prefix)) return prefix.length <= value.length && asciiEqualAt(prefix, value, 0);
  return reachable(prefix, value, 1).size > 0;
}

export function endsWithIgnoreCase(value: string, suffix: string): boolean {
  if (isAscii(suffix)) {
    return suffix.length <= value.length && asciiEqualAt(suffix, value, value.length - suffix.length);
  }
  return reachable(suffix, value, -1).size > 0;
}
