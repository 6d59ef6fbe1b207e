/**
 * Value-level semantics of every condition: does one scalar found in an event satisfy it?
 *
 * Presence (`exists`, a missing field failing `anything-but`, `[]`/`{}` counting as absent) is
 * the matcher's business; this module only ever sees a value that is there. Both the reference
 * matcher and the RuleMachine call `conditionHolds`, so they cannot disagree on a value.
 */

import { endsWithIgnoreCase, equalsIgnoreCase, startsWithIgnoreCase } from "./ignore-case";
import { ipInRange, ipToHex } from "./ip";
import type { Condition, EventValue, Exclusion, IpRange, NumericBound } from "./model";
import { globMatches } from "./wildcard";

/**
 * Equality of a pattern literal and an event value. Strings, booleans and null compare exactly
 * and never across kinds (`"300"` ≠ `300`, `"null"` ≠ `null`). Numbers compare numerically when
 * both are comparable (`300` = `300.0` = `3e2`, `-0` = `0`), otherwise by lexeme; a lexeme can
 * only equal itself, so an uncomparable number matches exactly its own text.
 */
export function valuesEqual(literal: EventValue, value: EventValue): boolean {
  switch (literal.kind) {
    case "string":
      return value.kind === "string" && value.value === literal.value;
    case "number":
      if (value.kind !== "number") return false;
      if (literal.comparable !== undefined && value.comparable !== undefined) {
        return literal.comparable === value.comparable;
      }
      return literal.lexeme === value.lexeme;
    case "boolean":
      return value.kind === "boolean" && value.value === literal.value;
    case "null":
      return value.kind === "null";
  }
}

/** Numeric range test; only comparable JSON numbers qualify (never numeric strings). */
export function numericHolds(
  lower: NumericBound | undefined,
  upper: NumericBound | undefined,
  value: EventValue,
): boolean {
  if (value.kind !== "number" || value.comparable === undefined) return false;
  const x = value.comparable;
  if (lower !== undefined && (lower.inclusive ? x < lower.value : x <= lower.value)) return false;
  if (upper !== undefined && (upper.inclusive ? x > upper.value : x >= upper.value)) return false;
  return true;
}

/** Whether a string is an IP address (as Ruler reads one) inside the range. */
export function ipMatches(text: string, range: IpRange): boolean {
  const hex = ipToHex(text);
  return hex !== undefined && ipInRange(hex, range);
}

/**
 * Whether an `anything-but` excludes a value. Only values of the excluded kind can be excluded:
 * a number passes a string exclusion, a string passes a number exclusion, and null and booleans
 * always pass.
 */
export function isExcluded(exclusion: Exclusion, value: EventValue): boolean {
  if (exclusion.type === "values") {
    if (value.kind === "string") return exclusion.strings.includes(value.value);
    if (value.kind !== "number") return false;
    for (const n of exclusion.numbers) {
      if (n.comparable !== undefined) {
        if (value.comparable !== undefined && value.comparable === n.comparable) return true;
      } else if (n.lexeme === value.lexeme) {
        return true;
      }
    }
    return false;
  }
  if (value.kind !== "string") return false;
  const s = value.value;
  switch (exclusion.type) {
    case "prefix":
      return exclusion.values.some((p) => s.startsWith(p));
    case "suffix":
      return exclusion.values.some((p) => s.endsWith(p));
    case "equals-ignore-case":
      return exclusion.values.some((p) => equalsIgnoreCase(p, s));
    case "wildcard":
      return exclusion.globs.some((g) => globMatches(g, s));
  }
}

/**
 * Whether one present event value satisfies a condition. For `exists` this answers for a value
 * that is present: `exists: true` holds, `exists: false` does not.
 */
export function conditionHolds(condition: Condition, value: EventValue): boolean {
  switch (condition.kind) {
    case "exact":
      if (condition.ip !== undefined) return value.kind === "string" && ipMatches(value.value, condition.ip);
      return valuesEqual(condition.value, value);
    case "prefix":
      if (value.kind !== "string") return false;
      return condition.ignoreCase
        ? startsWithIgnoreCase(value.value, condition.value)
        : value.value.startsWith(condition.value);
    case "suffix":
      if (value.kind !== "string") return false;
      return condition.ignoreCase
        ? endsWithIgnoreCase(value.value, condition.value)
        : value.value.endsWith(condition.value);
    case "equals-ignore-case":
      return value.kind === "string" && equalsIgnoreCase(condition.value, value.value);
    case "wildcard":
      return value.kind === "string" && globMatches(condition.glob, value.value);
    case "numeric":
      return numericHolds(condition.lower, condition.upper, value);
    case "cidr":
      return value.kind === "string" && ipMatches(value.value, condition.range);
    case "anything-but":
      return !isExcluded(condition.exclusion, value);
    case "exists":
      return condition.exists;
  }
}
