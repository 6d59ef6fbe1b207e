/**
 * The reference matcher: one compiled pattern against one flattened event.
 *
 * A branch matches when every field holds with values that can be taken together: fields of one
 * branch may not draw their values from different elements of the same array (SEMANTICS §3,
 * Ruler's `rulesForJSONEvent`). `exists: false` is about the whole event: it holds only when the
 * path has no value anywhere. `explain` runs on `evaluateBranch` too, so both always agree.
 */

import { conditionHolds } from "./conditions";
import type { ArrayMembership, FlatEvent, FlatValue } from "./event";
import type { CompiledPattern, FieldMatcher, PatternBranch } from "./model";

/** How one field of a branch fares against an event, before array consistency. */
export interface FieldOutcome {
  readonly field: FieldMatcher;
  /** Every value at the field's path. */
  readonly values: readonly FlatValue[];
  /** The values satisfying at least one condition. */
  readonly candidates: readonly FlatValue[];
  /** True when the path has no value and the field has `exists: false`. */
  readonly absentHolds: boolean;
  readonly held: boolean;
}

export interface BranchEvaluation {
  readonly matched: boolean;
  readonly fields: readonly FieldOutcome[];
  /** False when every field holds on its own but only with values from different array elements. */
  readonly arrayConsistent: boolean;
}

const NO_VALUES: readonly FlatValue[] = [];

export function evaluateField(field: FieldMatcher, event: FlatEvent): FieldOutcome {
  const values = event.values.get(field.path) ?? NO_VALUES;
  const candidates: FlatValue[] = [];
  let absentHolds = false;
  if (values.length === 0) {
    absentHolds = field.conditions.some((c) => c.kind === "exists" && !c.exists);
  } else {
    for (const v of values) {
      if (field.conditions.some((c) => conditionHolds(c, v.value))) candidates.push(v);
    }
  }
  return { field, values, candidates, absentHolds, held: absentHolds || candidates.length > 0 };
}

/** Array positions already fixed by the values chosen so far: array id → element index. */
type Constraints = Map<number, number>;

function compatible(m: ArrayMembership | undefined, fixed: Constraints): boolean {
  for (let p = m; p !== undefined; p = p.outer) {
    const index = fixed.get(p.array);
    if (index !== undefined && index !== p.index) return false;
  }
  return true;
}

/** Fixes m's positions; returns the arrays it newly fixed, to undo later. */
function fix(m: ArrayMembership | undefined, fixed: Constraints): number[] {
  const added: number[] = [];
  for (let p = m; p !== undefined; p = p.outer) {
    if (!fixed.has(p.array)) {
      fixed.set(p.array, p.index);
      added.push(p.array);
    }
  }
  return added;
}

/**
 * Whether one candidate per field can be chosen with no array taken at two different elements.
 * Backtracking over distinct memberships, fewest first; fields with a value outside any array
 * constrain nothing and are skipped.
 */
function consistentChoice(outcomes: readonly FieldOutcome[]): boolean {
  const choices: (ArrayMembership | undefined)[][] = [];
  for (const outcome of outcomes) {
    if (outcome.absentHolds) continue;
    const distinct = new Set<ArrayMembership | undefined>();
    for (const c of outcome.candidates) distinct.add(c.membership);
    if (distinct.has(undefined)) continue;
    choices.push([...distinct]);
  }
  if (choices.length < 2) return true;
  choices.sort((a, b) => a.length - b.length);
  const fixed: Constraints = new Map();
  const search = (k: number): boolean => {
    const options = choices[k];
    if (options === undefined) return true;
    for (const m of options) {
      if (!compatible(m, fixed)) continue;
      const added = fix(m, fixed);
      const found = search(k + 1);
      for (const a of added) fixed.delete(a);
      if (found) return true;
    }
    return false;
  };
  return search(0);
}

export function evaluateBranch(branch: PatternBranch, event: FlatEvent): BranchEvaluation {
  const fields = branch.fields.map((field) => evaluateField(field, event));
  const allHeld = fields.every((f) => f.held);
  const arrayConsistent = allHeld ? consistentChoice(fields) : true;
  return { matched: allHeld && arrayConsistent, fields, arrayConsistent };
}

/** Fast path for verdicts: stops at the first failing field and the first matching branch. */
export function branchMatches(branch: PatternBranch, event: FlatEvent): boolean {
  const outcomes: FieldOutcome[] = [];
  for (const field of branch.fields) {
    const outcome = evaluateField(field, event);
    if (!outcome.held) return false;
    outcomes.push(outcome);
  }
  return consistentChoice(outcomes);
}

export function matchesEvent(pattern: CompiledPattern, event: FlatEvent): boolean {
  return pattern.branches.some((branch) => branchMatches(branch, event));
}
