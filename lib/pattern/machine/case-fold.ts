/**
 * A per-code-unit case fold used as an index key for the ignore-case conditions.
 *
 * event-ruler lets each pattern character match itself, its lower case or its upper case
 * (lib/pattern/SEMANTICS.md, "Case folding"). When, for every character of a pattern, those three
 * forms are single code units with one common fold, every string the pattern accepts folds to the
 * pattern's fold, so the folded text is a safe index key. The fold can merge more (the Kelvin sign
 * folds like `k`), so hits are confirmed with the exact `conditionHolds`. Patterns with other
 * characters (`ß` upper-cases to `SS`, surrogate pairs) are not indexed.
 */

/** 0 = not computed yet, otherwise fold + 1. */
const foldTable = new Uint32Array(0x10000);

export function foldCodeUnit(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  const cached = foldTable[code];
  if (cached !== 0) return cached - 1;
  const computed = computeFold(code);
  foldTable[code] = computed + 1;
  return computed;
}

function computeFold(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return code;
  const upper = String.fromCharCode(code).toUpperCase();
  if (upper.length !== 1) return code;
  const lowerOfUpper = upper.toLowerCase();
  return lowerOfUpper.length === 1 ? lowerOfUpper.charCodeAt(0) : code;
}

/** Whether every string an ignore-case pattern accepts folds to the pattern's own fold. */
export function isFoldIndexable(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return false;
    const character = String.fromCharCode(code);
    const lower = character.toLowerCase();
    const upper = character.toUpperCase();
    if (lower.length !== 1 || upper.length !== 1) return false;
    const fold = foldCodeUnit(code);
    if (foldCodeUnit(lower.charCodeAt(0)) !== fold || foldCodeUnit(upper.charCodeAt(0)) !== fold) return false;
  }
  return true;
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return false;
  return true;
}
