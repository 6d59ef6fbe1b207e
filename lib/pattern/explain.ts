/**
 * Why a pattern does or does not match an event, leaf by leaf, as plain data.
 *
 * Built on `evaluateBranch` (match.ts) and `conditionHolds` (conditions.ts): there is no second
 * matcher, so `explain(p, e).matched === testEventPattern(p, e)` always.
 */

import { compilePattern, TEST_EVENT_PATTERN_MAX_LENGTH } from "./compile";
import { conditionHolds } from "./conditions";
import { readEvent, type FlatEvent } from "./event";
import { evaluateBranch, type FieldOutcome } from "./match";
import type { CompiledPattern, Condition, EventValue, Exclusion, NumericBound, SourceSpan } from "./model";

export interface FieldExplanation {
  /** The event path, e.g. `detail.state`. */
  readonly path: string;
  readonly held: boolean;
  /** The first condition of the leaf that held, and its index in the leaf's array. */
  readonly condition: Condition | undefined;
  readonly conditionIndex: number | undefined;
  /** Every value found at the path. */
  readonly values: readonly EventValue[];
  /** The values that satisfied some condition. */
  readonly matchingValues: readonly EventValue[];
  /** A short sentence, e.g. `detail.total_cost is 150; needs > 200`. */
  readonly reason: string;
  /** Where the leaf's array is in the pattern text. */
  readonly span: SourceSpan;
}

export interface BranchExplanation {
  readonly matched: boolean;
  readonly fields: readonly FieldExplanation[];
  /** False when each field holds alone but only with values from different elements of one array. */
  readonly arrayConsistent: boolean;
  readonly reason: string;
}

export interface Explanation {
  readonly matched: boolean;
  /** One per `$or` combination; a pattern without `$or` has one. */
  readonly branches: readonly BranchExplanation[];
}

/**
 * Explains a match. Given texts, it validates them exactly as `testEventPattern` does and throws
 * the same errors; given a compiled pattern and a flattened event, it only explains.
 */
export function explain(pattern: string | CompiledPattern, event: string | FlatEvent): Explanation {
  const compiled =
    typeof pattern === "string" ? compilePattern(pattern, { maxLength: TEST_EVENT_PATTERN_MAX_LENGTH }) : pattern;
  const flat = typeof event === "string" ? readEvent(event) : event;
  const branches = compiled.branches.map((branch) => {
    const evaluation = evaluateBranch(branch, flat);
    const fields = evaluation.fields.map((outcome) => explainField(outcome, flat));
    return {
      matched: evaluation.matched,
      fields,
      arrayConsistent: evaluation.arrayConsistent,
      reason: branchReason(fields, evaluation.arrayConsistent),
    };
  });
  return { matched: branches.some((b) => b.matched), branches };
}

function branchReason(fields: readonly FieldExplanation[], arrayConsistent: boolean): string {
  const failed = fields.filter((f) => !f.held);
  if (failed.length === 0) {
    return arrayConsistent
      ? "every field holds"
      : "every field holds, but only with values from different elements of the same array";
  }
  return failed.length === 1 ? `${failed[0]?.path ?? ""} does not hold` : `${failed.length} of ${fields.length} fields do not hold`;
}

function explainField(outcome: FieldOutcome, event: FlatEvent): FieldExplanation {
  const { field, held } = outcome;
  const values = outcome.values.map((v) => v.value);
  const matchingValues = outcome.candidates.map((v) => v.value);
  let conditionIndex: number | undefined;
  if (outcome.absentHolds || (outcome.absentBesideChoice && matchingValues.length === 0)) {
    conditionIndex = field.conditions.findIndex((c) => c.kind === "exists" && !c.exists);
  } else if (matchingValues.length > 0) {
    conditionIndex = field.conditions.findIndex((c) => matchingValues.some((v) => conditionHolds(c, v)));
  }
  const condition = conditionIndex === undefined ? undefined : field.conditions[conditionIndex];
  return {
    path: field.path,
    held,
    condition,
    conditionIndex,
    values,
    matchingValues,
    reason: fieldReason(outcome, event, condition),
    span: field.span,
  };
}

function fieldReason(outcome: FieldOutcome, event: FlatEvent, held: Condition | undefined): string {
  const { field } = outcome;
  const path = field.path;
  if (outcome.values.length === 0) {
    const shape = event.shapes.get(path);
    const state =
      shape === "object"
        ? `${path} is an object, not a value`
        : shape === "empty-array"
          ? `${path} is an empty array, which counts as missing`
          : shape === "empty-object"
            ? `${path} is an empty object, which counts as missing`
            : `${path} is missing`;
    if (outcome.absentHolds) return `${state}; exists: false holds`;
    if (field.conditions.every((c) => c.kind === "anything-but")) return `${state}; anything-but needs the field to exist`;
    return `${state}; needs ${needs(field.conditions)}`;
  }
  if (held?.kind === "exists" && !held.exists) {
    return `${path} is ${describeValues(outcome.values.map((v) => v.value))}, only inside arrays; exists: false holds where the elements the fields before it take lack it`;
  }
  if (held !== undefined) {
    return `${path} is ${describeValues(outcome.candidates.map((c) => c.value))}; matches ${describeCondition(held)}`;
  }
  return `${path} is ${describeValues(outcome.values.map((v) => v.value))}; needs ${needs(field.conditions)}`;
}

function needs(conditions: readonly Condition[]): string {
  const parts = conditions.map(describeRequirement);
  return parts.length === 1 ? (parts[0] ?? "") : `one of: ${parts.join(", ")}`;
}

function describeRequirement(condition: Condition): string {
  if (condition.kind === "exists") return condition.exists ? "the field to exist" : "the field to be absent";
  return describeCondition(condition);
}

const MAX_SHOWN_VALUES = 5;
const MAX_SHOWN_CHARS = 60;

export function describeValue(value: EventValue): string {
  switch (value.kind) {
    case "string": {
      const text = JSON.stringify(value.value);
      return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS - 2)}…"` : text;
    }
    case "number":
      return value.lexeme;
    case "boolean":
      return String(value.value);
    case "null":
      return "null";
  }
}

function describeValues(values: readonly EventValue[]): string {
  if (values.length === 1 && values[0] !== undefined) return describeValue(values[0]);
  const shown = values.slice(0, MAX_SHOWN_VALUES).map(describeValue);
  if (values.length > MAX_SHOWN_VALUES) shown.push(`… (${values.length} values)`);
  return `[${shown.join(", ")}]`;
}

function describeBound(bound: NumericBound, lower: boolean): string {
  const op = lower ? (bound.inclusive ? ">=" : ">") : bound.inclusive ? "<=" : "<";
  return `${op} ${String(bound.value)}`;
}

function quoteAll(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

function describeExclusion(exclusion: Exclusion): string {
  switch (exclusion.type) {
    case "values":
      return exclusion.strings.length > 0 ? quoteAll(exclusion.strings) : exclusion.numbers.map((n) => n.lexeme).join(", ");
    case "prefix":
    case "suffix":
    case "equals-ignore-case":
      return `${exclusion.type} ${quoteAll(exclusion.values)}`;
    case "wildcard":
      return `wildcard ${quoteAll(exclusion.globs.map((g) => g.parts.map((p) => p.replace(/[\\*]/g, "\\$&")).join("*")))}`;
  }
}

/** A short human description of a condition, e.g. `> 200`, `prefix "us-"`, `anything but "a", "b"`. */
export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case "exact":
      return describeValue(condition.value);
    case "prefix":
    case "suffix":
      return `${condition.kind} ${JSON.stringify(condition.value)}${condition.ignoreCase ? " (ignoring case)" : ""}`;
    case "equals-ignore-case":
      return `equals-ignore-case ${JSON.stringify(condition.value)}`;
    case "wildcard":
      return `wildcard ${JSON.stringify(condition.source)}`;
    case "numeric": {
      const { lower, upper } = condition;
      if (lower !== undefined && upper !== undefined && lower.value === upper.value && lower.inclusive && upper.inclusive) {
        return `= ${String(lower.value)}`;
      }
      const parts: string[] = [];
      if (lower !== undefined) parts.push(describeBound(lower, true));
      if (upper !== undefined) parts.push(describeBound(upper, false));
      return parts.join(" and ");
    }
    case "cidr":
      return `cidr ${condition.source}`;
    case "anything-but":
      return `anything but ${describeExclusion(condition.exclusion)}`;
    case "exists":
      return `exists: ${String(condition.exists)}`;
  }
}
