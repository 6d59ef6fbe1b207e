import type { Condition, PatternBranch } from "../model";
import type { FieldPaths } from "./field-paths";
import { ValueIndex, type IndexTarget } from "./value-index";

/** A rule as the trie knows it: branches of the rule end at states that list this entry. */
export class RuleEntry {
  /** Generation of the last event this rule was reported for. */
  matchedAt = 0;
  constructor(readonly name: string) {}
}

/**
 * A state of the rule automaton, like event-ruler's `NameState`: it is reached once some
 * fields of a branch have been matched. Branches visit their fields in path order, so rules
 * that begin with the same fields and conditions share states.
 */
export class StateNode {
  readonly transitions: FieldTransition[] = [];
  readonly transitionByPath = new Map<string, FieldTransition>();
  readonly transitionBySlot = new Map<number, FieldTransition>();
  /** The transitions that have `exists:false` edges, checked when the event lacks the field. */
  readonly transitionsWithAbsentEdges: FieldTransition[] = [];
  /** Rules with a branch that is complete here; a rule appears once per such branch. */
  readonly endingRules: RuleEntry[] = [];
  /** Generation of the last event that reached this state with nothing left to check. */
  visitedAt = 0;
  /** Generation of the last event that reached this state with no array commitments. */
  unconstrainedAt = 0;
  /** `exists:false` edges of this state and the states after it. */
  absentEdgesAhead = 0;
}

/** The next field to check from a state: every condition set used on it, indexed by value. */
export class FieldTransition {
  readonly index = new ValueIndex<Edge>();
  /** Edges whose conditions include `exists:false`: taken when the event has no value here. */
  readonly absentEdges: Edge[] = [];
  readonly edgesByConditions = new Map<string, Edge>();

  constructor(
    readonly path: string,
    /** The path's slot in `FieldPaths`, where the scanner leaves its values. */
    readonly slot: number,
  ) {}
}

/** One condition set (a pattern leaf array) on a field, leading to the state after it. */
export class Edge implements IndexTarget {
  seenAt = 0;
  /** Number of installed branches going through this edge. */
  users = 0;
  readonly next = new StateNode();
  constructor(readonly conditionsKey: string) {}
}

/** The steps one installed branch took, kept to uninstall it. */
export interface BranchTrail {
  readonly steps: readonly { readonly from: StateNode; readonly transition: FieldTransition; readonly edge: Edge }[];
  readonly end: StateNode;
}

/** Adds one branch of `rule` below `root`, sharing states with branches that start alike. */
export function installBranch(root: StateNode, branch: PatternBranch, rule: RuleEntry, paths: FieldPaths): BranchTrail {
  const fields = [...branch.fields].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const steps: BranchTrail["steps"][number][] = [];
  let state = root;
  for (const field of fields) {
    let transition = state.transitionByPath.get(field.path);
    if (transition === undefined) {
      transition = new FieldTransition(field.path, paths.acquire(field.path));
      state.transitionByPath.set(field.path, transition);
      state.transitionBySlot.set(transition.slot, transition);
      state.transitions.push(transition);
    }
    const key = conditionsKey(field.conditions);
    let edge = transition.edgesByConditions.get(key);
    if (edge === undefined) {
      edge = new Edge(key);
      transition.edgesByConditions.set(key, edge);
      transition.index.add(edge, field.conditions);
      if (field.conditions.some((condition) => condition.kind === "exists" && !condition.exists)) {
        if (transition.absentEdges.length === 0) state.transitionsWithAbsentEdges.push(transition);
        transition.absentEdges.push(edge);
        for (const step of steps) step.from.absentEdgesAhead++;
        state.absentEdgesAhead++;
      }
    }
    edge.users++;
    steps.push({ from: state, transition, edge });
    state = edge.next;
  }
  state.endingRules.push(rule);
  return { steps, end: state };
}

/** Removes a branch installed by `installBranch`, dropping states no other branch uses. */
export function uninstallBranch(trail: BranchTrail, rule: RuleEntry, paths: FieldPaths): void {
  removeOne(trail.end.endingRules, rule);
  for (let i = trail.steps.length - 1; i >= 0; i--) {
    const { from, transition, edge } = trail.steps[i];
    if (--edge.users > 0) continue;
    transition.edgesByConditions.delete(edge.conditionsKey);
    transition.index.remove(edge);
    if (removeOne(transition.absentEdges, edge)) {
      for (let j = 0; j <= i; j++) trail.steps[j].from.absentEdgesAhead--;
      if (transition.absentEdges.length === 0) removeOne(from.transitionsWithAbsentEdges, transition);
    }
    if (transition.edgesByConditions.size > 0) continue;
    from.transitionByPath.delete(transition.path);
    from.transitionBySlot.delete(transition.slot);
    removeOne(from.transitions, transition);
    paths.release(transition.path);
  }
}

/** Identical condition sets (in any order, with repeats) share one edge. */
function conditionsKey(conditions: readonly Condition[]): string {
  const keys = [...new Set(conditions.map((condition) => JSON.stringify(condition)))];
  return keys.sort().join("\n");
}

/** Removes the first occurrence of `item`; returns whether there was one. */
function removeOne<T>(list: T[], item: T): boolean {
  const at = list.indexOf(item);
  if (at === -1) return false;
  list.splice(at, 1);
  return true;
}
