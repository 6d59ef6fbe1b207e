/**
 * The reference matcher: one compiled pattern against one flattened event.
 *
 * A branch matches when every field holds with values that can be taken together: fields of one
 * branch may not draw their values from different elements of the same array
 * (lib/pattern/SEMANTICS.md, "Array consistency"; Ruler's `rulesForJSONEvent`). `exists: false`
 * holds when the path has no value, or, as in Ruler, when its values are all inside arrays and
 * none is in the elements the fields before it (in path order) took. `explain` runs on
 * `evaluateBranch` too, so both always agree.
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
  /**
   * True when the field has `exists: false` and every value at its path is inside an array: then
   * it holds if none of them is in the array elements the fields before it (in path order) took,
   * as in Ruler's array-consistent matching (`orderedChoice`).
   */
  readonly absentBesideChoice: boolean;
  readonly held: boolean;
}

export interface BranchEvaluation {
  readonly matched: boolean;
  readonly fields: readonly FieldOutcome[];
  /** False when every field holds on its own but only with values from different array elements. */
  readonly arrayConsistent: boolean;
}

const NO_VALUES: readonly FlatValue[] = [];

export function evaluateField(field: FieldMatcher, event: FlatEvent, readsEmptyKeys: boolean): FieldOutcome {
  let values = event.values.get(field.path) ?? NO_VALUES;
  if (!readsEmptyKeys && event.throughEmptyKey.size > 0) values = values.filter((v) => !event.throughEmptyKey.has(v));
  const candidates: FlatValue[] = [];
  const mustBeAbsent = field.conditions.some((c) => c.kind === "exists" && !c.exists);
  const absentHolds = mustBeAbsent && values.length === 0;
  for (const v of values) {
    if (field.conditions.some((c) => conditionHolds(c, v.value))) candidates.push(v);
  }
  const absentBesideChoice = mustBeAbsent && values.length > 0 && values.every((v) => v.membership !== undefined);
  return { field, values, candidates, absentHolds, absentBesideChoice, held: absentHolds || absentBesideChoice || candidates.length > 0 };
}

/**
 * Ruler's array-consistent search when an `exists: false` depends on it: fields are taken in path
 * order, each value field takes a value whose array elements agree with those taken so far, and an
 * `exists: false` field holds when no value at its path agrees with them (so a field later in
 * path order does not count). The result for the remaining fields depends only on the elements
 * taken in arrays that hold their values, which bounds the work by memoizing on those.
 */
function orderedChoice(outcomes: readonly FieldOutcome[]): boolean {
  const fields = [...outcomes].sort((a, b) => (a.field.path < b.field.path ? -1 : a.field.path > b.field.path ? 1 : 0));
  // Arrays holding a value of field i or of any later field.
  const arraysFrom: Set<number>[] = [];
  for (let i = fields.length - 1; i >= 0; i--) {
    const arrays = new Set(arraysFrom[i + 1] ?? []);
    for (const { membership } of fields[i].values) for (let m = membership; m !== undefined; m = m.outer) arrays.add(m.array);
    arraysFrom[i] = arrays;
  }
  const failed = new Set<string>();
  const agrees = (membership: ArrayMembership | undefined, taken: ReadonlyMap<number, number>): boolean => {
    for (let m = membership; m !== undefined; m = m.outer) {
      const index = taken.get(m.array);
      if (index !== undefined && index !== m.index) return false;
    }
    return true;
  };
  const search = (i: number, taken: ReadonlyMap<number, number>): boolean => {
    const outcome = fields[i];
    if (outcome === undefined) return true;
    const relevant = arraysFrom[i];
    const key = `${i}|${[...taken].filter(([array]) => relevant.has(array)).sort((a, b) => a[0] - b[0]).join(";")}`;
    if (failed.has(key)) return false;
    for (const candidate of outcome.candidates) {
      if (!agrees(candidate.membership, taken)) continue;
      const next = new Map(taken);
      for (let m = candidate.membership; m !== undefined; m = m.outer) next.set(m.array, m.index);
      if (search(i + 1, next)) return true;
    }
    if (outcome.absentHolds || (outcome.absentBesideChoice && !outcome.values.some((v) => agrees(v.membership, taken)))) {
      if (search(i + 1, taken)) return true;
    }
    failed.add(key);
    return false;
  };
  return search(0, new Map());
}

/**
 * Whether one candidate per field can be chosen with no array taken at two different elements.
 *
 * Array elements form a tree (an element holds arrays, which hold elements). A consistent choice
 * is a set of elements with at most one element per array, so it is decided bottom-up: for each
 * element, the sets of fields its subtree can satisfy, combining at most one child element per
 * array it holds. Field sets are bitmasks and only maximal ones are kept, so the work grows with
 * the event and the number of fields, never with the product of their candidates (a backtracking
 * search over candidates takes exponential time on events built to defeat it).
 * Fields with a value outside any array constrain nothing and are left out.
 */
function consistentChoice(outcomes: readonly FieldOutcome[]): boolean {
  const constrained: (readonly FlatValue[])[] = [];
  for (const outcome of outcomes) {
    if (outcome.absentHolds || outcome.candidates.some((c) => c.membership === undefined)) continue;
    constrained.push(outcome.candidates);
  }
  if (constrained.length < 2) return true;

  // Fields whose value sits directly in an element, and the element tree: parent → array → elements.
  const direct = new Map<ArrayMembership, bigint>();
  const children = new Map<ArrayMembership | undefined, Map<number, ArrayMembership[]>>();
  const seen = new Set<ArrayMembership>();
  constrained.forEach((candidates, field) => {
    const bit = 1n << BigInt(field);
    for (const { membership } of candidates) {
      for (let m = membership; m !== undefined && !seen.has(m); m = m.outer) {
        seen.add(m);
        const arrays = children.get(m.outer) ?? new Map<number, ArrayMembership[]>();
        children.set(m.outer, arrays);
        const elements = arrays.get(m.array) ?? [];
        arrays.set(m.array, elements);
        elements.push(m);
      }
      const m = membership as ArrayMembership;
      direct.set(m, (direct.get(m) ?? 0n) | bit);
    }
  });

  const all = (1n << BigInt(constrained.length)) - 1n;
  const satisfiable = (element: ArrayMembership | undefined): bigint[] => {
    let sets = [element === undefined ? 0n : (direct.get(element) ?? 0n)];
    for (const elements of children.get(element)?.values() ?? []) {
      // At most one element of this array: any one of its children's sets, or none.
      const options: bigint[] = [];
      for (const child of elements) for (const set of satisfiable(child)) addMaximal(options, set);
      const combined: bigint[] = [];
      for (const set of sets) {
        addMaximal(combined, set);
        for (const option of options) addMaximal(combined, set | option);
      }
      sets = combined;
      if (sets.includes(all)) return [all];
    }
    return sets;
  };
  return satisfiable(undefined).includes(all);
}

/** Adds a field set unless a superset is present, dropping the sets it contains. */
function addMaximal(sets: bigint[], set: bigint): void {
  for (const existing of sets) if ((existing | set) === existing) return;
  for (let i = sets.length - 1; i >= 0; i--) if ((sets[i] | set) === set) sets.splice(i, 1);
  sets.push(set);
}

/** Whether the fields, each holding on its own, can hold together. */
function jointChoice(outcomes: readonly FieldOutcome[]): boolean {
  return outcomes.some((o) => o.absentBesideChoice) ? orderedChoice(outcomes) : consistentChoice(outcomes);
}

/**
 * An `exists: false` can hold beside the other fields' choice only if a field before it in path
 * order may take an array element; otherwise nothing is taken when it is checked.
 */
function settleAbsence(outcomes: FieldOutcome[]): FieldOutcome[] {
  return outcomes.map((outcome) => {
    if (!outcome.absentBesideChoice) return outcome;
    const path = outcome.field.path;
    if (outcomes.some((o) => o.field.path < path && o.candidates.some((c) => c.membership !== undefined))) return outcome;
    return { ...outcome, absentBesideChoice: false, held: outcome.absentHolds || outcome.candidates.length > 0 };
  });
}

export function evaluateBranch(branch: PatternBranch, event: FlatEvent): BranchEvaluation {
  const fields = settleAbsence(branch.fields.map((field) => evaluateField(field, event, branch.readsEmptyKeys)));
  const allHeld = fields.every((f) => f.held);
  const arrayConsistent = allHeld ? jointChoice(fields) : true;
  return { matched: allHeld && arrayConsistent, fields, arrayConsistent };
}

/** Fast path for verdicts: stops at the first failing field and the first matching branch. */
export function branchMatches(branch: PatternBranch, event: FlatEvent): boolean {
  const outcomes: FieldOutcome[] = [];
  for (const field of branch.fields) {
    const outcome = evaluateField(field, event, branch.readsEmptyKeys);
    if (!outcome.held) return false;
    outcomes.push(outcome);
  }
  return jointChoice(outcomes);
}

export function matchesEvent(pattern: CompiledPattern, event: FlatEvent): boolean {
  return pattern.branches.some((branch) => branchMatches(branch, event));
}
