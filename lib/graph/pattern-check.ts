/**
 * The design model's one door into the pattern engine (`lib/pattern`): everything `lib/graph`
 * needs from it goes through these functions, so an engine change touches this file only.
 */
import {
  compilePattern,
  conditionHolds,
  matchesEvent,
  PIPE_FILTER_PROFILE,
  readEvent,
  subscriberFilterProfile,
  validatePattern,
  type CompiledPattern,
  type Condition,
  type EventValue,
  type PatternProblem,
} from "@/lib/pattern";
import type { FilterScope } from "./schema";

export type PatternIssue = PatternProblem;

/** Every problem AWS would report for this pattern text (empty when valid). */
export function checkPattern(text: string): readonly PatternIssue[] {
  return validatePattern(text).problems;
}

/**
 * Every problem of a Custom Event Bus subscriber filter on `scope`: AWS's pattern checks up to
 * `maxLength`, then the scope's profile (no wildcard anywhere; METADATA exact values only).
 */
export function checkSubscriberFilter(text: string, scope: FilterScope, maxLength: number): readonly PatternIssue[] {
  return validatePattern(text, { maxLength, profile: subscriberFilterProfile(scope) }).problems;
}

/**
 * The operators a pipe's filter refuses in an otherwise valid pattern (AWS's general problems
 * are `checkPattern`'s), each at the offending operator's offset.
 */
export function checkPipeFilter(text: string): readonly PatternIssue[] {
  return validatePattern(text, { profile: PIPE_FILTER_PROFILE }).problems.filter((p) => p.code === "not-in-profile");
}

/** A pattern ready to match samples, or `undefined` when the text is not a valid pattern. */
export type SamplePattern = CompiledPattern;

export function compileForSamples(text: string): SamplePattern | undefined {
  try {
    return compilePattern(text);
  } catch {
    return undefined;
  }
}

/**
 * The envelope fields `TestEventPattern` insists on (source and detail-type included, since a
 * witness may not constrain them); a sample overrides what it cares about.
 */
const ENVELOPE = {
  version: "0",
  source: "switchyard.sample",
  "detail-type": "Sample",
  id: "00000000-0000-0000-0000-000000000000",
  account: "000000000000",
  time: "2026-01-01T00:00:00Z",
  region: "us-east-1",
  resources: [],
};

/**
 * Whether `pattern` matches the event whose fields are `sample` (envelope filled in). A sample
 * that is no valid event (say, an envelope field overwritten by an object) matches nothing.
 */
export function matchesSample(pattern: SamplePattern, sample: Record<string, unknown>): boolean {
  try {
    return matchesEvent(pattern, readEvent(JSON.stringify({ ...ENVELOPE, ...sample })));
  } catch {
    return false;
  }
}

/** A value satisfying every condition in `conditions`' disjunction, or `undefined` (absent). */
function witnessValue(conditions: readonly Condition[]): unknown {
  for (const condition of conditions) {
    const value = candidateFor(condition);
    if (value !== NONE && holds(condition, value)) return value;
  }
  return NONE;
}

const NONE = Symbol("none");

/** A first guess at a value for one condition; checked with the engine's own `conditionHolds`. */
function candidateFor(condition: Condition): unknown {
  switch (condition.kind) {
    case "exact":
      return condition.value.kind === "number" ? condition.value.comparable ?? NONE : scalar(condition.value);
    case "prefix":
    case "suffix":
    case "equals-ignore-case":
      return condition.value;
    case "wildcard":
      return condition.glob.parts.join("");
    case "numeric": {
      const { lower, upper } = condition;
      if (lower === undefined) return upper === undefined ? 0 : upper.value - 1;
      if (lower.inclusive) return lower.value;
      return upper === undefined ? lower.value + 1 : (lower.value + upper.value) / 2;
    }
    case "anything-but":
      return "switchyard-sample-value";
    case "exists":
      return condition.exists ? "switchyard-sample-value" : NONE;
    case "cidr":
      return NONE;
  }
}

function scalar(value: EventValue): unknown {
  switch (value.kind) {
    case "string":
    case "boolean":
      return value.value;
    case "null":
      return null;
    case "number":
      return value.comparable;
  }
}

function holds(condition: Condition, value: unknown): boolean {
  const eventValue: EventValue =
    typeof value === "string"
      ? { kind: "string", value }
      : typeof value === "number"
        ? { kind: "number", lexeme: JSON.stringify(value), comparable: value }
        : typeof value === "boolean"
          ? { kind: "boolean", value }
          : { kind: "null" };
  return conditionHolds(condition, eventValue);
}

/**
 * Events the pattern matches, one per `$or` branch where a simple witness exists: each field
 * gets the first value that satisfies one of its conditions. Each witness is checked against
 * the whole pattern, so a returned sample really matches; branches we cannot satisfy this simply
 * (CIDR ranges, contradictory fields) yield nothing.
 */
export function witnessSamples(pattern: SamplePattern, limit = 8): Record<string, unknown>[] {
  const samples: Record<string, unknown>[] = [];
  for (const branch of pattern.branches.slice(0, limit)) {
    const sample: Record<string, unknown> = {};
    let ok = true;
    for (const field of branch.fields) {
      const value = witnessValue(field.conditions);
      if (value === NONE) {
        if (field.conditions.some((c) => c.kind === "exists" && !c.exists)) continue;
        ok = false;
        break;
      }
      setPath(sample, field.path.split("."), value);
    }
    if (ok && matchesSample(pattern, sample)) samples.push(sample);
  }
  return samples;
}

function setPath(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next === "object" && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else node = node[key] = {};
  }
  node[keys[keys.length - 1]!] = value;
}
