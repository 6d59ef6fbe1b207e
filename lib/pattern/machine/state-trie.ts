import type { Condition, PatternBranch } from "../model";
import type { FieldPaths } from "./field-paths";
import { ValueIndex, type IndexedConditions, type IndexTarget } from "./value-index";

/** Above this many transitions a state finds one by slot through a map instead of a scan. */
const MAX_TRANSITIONS_SCANNED = 8;

/**
 * Rules are known to the trie by number (see `RuleMachine`): a state lists the numbers of the
 * rules ending there, which the walk reads without touching one object per rule.
 */
export type RuleNumber = number;

/**
 * A state of the rule automaton, like event-ruler's `NameState`: it is reached once some
 * fields of a branch have been matched. Branches visit their fields in path order, so rules
 * that begin with the same fields and conditions share states.
 */
export class StateNode {
  readonly transitions: FieldTransition[] = [];
  /**
   * The transitions by slot, only while there are more than a few: most states have none or
   * one, and a map per state would be most of a large machine's memory.
   */
  transitionBySlot: Map<number, FieldTransition> | undefined = undefined;
  /** The transitions that have `exists:false` edges, checked when the event lacks the field. */
  readonly transitionsWithAbsentEdges: FieldTransition[] = [];
  /** Rules with a branch that is complete here; a rule appears once per such branch. */
  readonly endingRules: RuleNumber[] = [];
  /** Generation of the last event that reached this state with nothing left to check. */
  visitedAt = 0;
  /** Generation of the last event that reached this state with no array commitments. */
  unconstrainedAt = 0;
  /** `exists:false` edges of this state and the states after it. */
  absentEdgesAhead = 0;

  /** The transition on the path of `slot`, if any. */
  transitionAt(slot: number): FieldTransition | undefined {
    if (this.transitionBySlot !== undefined) return this.transitionBySlot.get(slot);
    const transitions = this.transitions;
    for (let t = 0; t < transitions.length; t++) if (transitions[t].slot === slot) return transitions[t];
    return undefined;
  }

  addTransition(transition: FieldTransition): void {
    this.transitions.push(transition);
    if (this.transitionBySlot !== undefined) this.transitionBySlot.set(transition.slot, transition);
    else if (this.transitions.length > MAX_TRANSITIONS_SCANNED) this.transitionBySlot = new Map(this.transitions.map((t) => [t.slot, t]));
  }

  removeTransition(transition: FieldTransition): void {
    removeOne(this.transitions, transition);
    this.transitionBySlot?.delete(transition.slot);
    if (this.transitions.length <= MAX_TRANSITIONS_SCANNED) this.transitionBySlot = undefined;
  }
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
  /**
   * `next.endingRules` while `next` has no transitions, else `null`: taking such an edge only
   * reports those rules, which the walk then does without visiting `next`.
   */
  endsAt: readonly RuleNumber[] | null = null;
  /** The one rule in `endsAt` when there is exactly one (the common case), else -1. */
  onlyRule: RuleNumber = -1;
  /** Where the index holds this edge's conditions, to take them out again. */
  indexed: IndexedConditions<Edge> | undefined = undefined;
  constructor(readonly conditionsKey: string) {}

  /** Brings `endsAt` up to date after `next` gained or lost transitions or rules. */
  refresh(): void {
    this.endsAt = this.next.transitions.length === 0 ? this.next.endingRules : null;
    this.onlyRule = this.endsAt?.length === 1 ? this.endsAt[0] : -1;
  }
}

/** The steps one installed branch took, kept to uninstall it. */
export interface BranchTrail {
  readonly steps: readonly { readonly from: StateNode; readonly transition: FieldTransition; readonly edge: Edge }[];
  readonly end: StateNode;
}

/** Adds one branch of `rule` below `root`, sharing states with branches that start alike. */
export function installBranch(root: StateNode, branch: PatternBranch, rule: RuleNumber, paths: FieldPaths): BranchTrail {
  const fields = stepOrder(branch);
  const steps: BranchTrail["steps"][number][] = [];
  let state = root;
  for (const field of fields) {
    const knownSlot = paths.slotOf(field.path);
    let transition = knownSlot === undefined ? undefined : state.transitionAt(knownSlot);
    if (transition === undefined) {
      transition = new FieldTransition(field.path, paths.acquire(field.path));
      state.addTransition(transition);
    }
    const key = conditionsKey(field.conditions);
    let edge = transition.edgesByConditions.get(key);
    if (edge === undefined) {
      edge = new Edge(key);
      transition.edgesByConditions.set(key, edge);
      edge.indexed = transition.index.add(edge, field.conditions);
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
  for (const step of steps) step.edge.refresh();
  return { steps, end: state };
}

/** Removes a branch installed by `installBranch`, dropping states no other branch uses. */
export function uninstallBranch(trail: BranchTrail, rule: RuleNumber, paths: FieldPaths): void {
  removeOne(trail.end.endingRules, rule);
  for (let i = trail.steps.length - 1; i >= 0; i--) {
    const { from, transition, edge } = trail.steps[i];
    if (--edge.users > 0) continue;
    transition.edgesByConditions.delete(edge.conditionsKey);
    if (edge.indexed !== undefined) transition.index.remove(edge.indexed);
    if (removeOne(transition.absentEdges, edge)) {
      for (let j = 0; j <= i; j++) trail.steps[j].from.absentEdgesAhead--;
      if (transition.absentEdges.length === 0) removeOne(from.transitionsWithAbsentEdges, transition);
    }
    if (transition.edgesByConditions.size > 0) continue;
    from.removeTransition(transition);
    paths.release(transition.path);
  }
  for (const step of trail.steps) if (step.edge.users > 0) step.edge.refresh();
}

type BranchField = PatternBranch["fields"][number];

/**
 * The order a branch visits its fields: the most selective first, so that a walk stops early at
 * states whose later fields the event cannot meet, and never tries a wide range or an
 * anything-but for every event when an exact value would rule the branch out first. Fields with
 * the same selectivity go in path order, so branches that start alike share states.
 *
 * With an `exists: false` the order is path order: which array elements the fields before it took
 * decides it (lib/pattern/SEMANTICS.md, "Array consistency"). Without one, a match is a consistent
 * choice of values whatever the order in which it is found.
 */
function stepOrder(branch: PatternBranch): BranchField[] {
  const byPath = (a: BranchField, b: BranchField): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const fields = [...branch.fields];
  const absence = fields.some((field) => field.conditions.some((condition) => condition.kind === "exists" && !condition.exists));
  if (absence) return fields.sort(byPath);
  return fields.sort((a, b) => selectivityRank(a) - selectivityRank(b) || byPath(a, b));
}

/** 0: exact values only; 1: values by text (prefix, suffix, case, wildcard, cidr); 2: ranges; 3: the rest. */
function selectivityRank(field: BranchField): number {
  let rank = 0;
  for (const condition of field.conditions) {
    switch (condition.kind) {
      case "exact":
        break;
      case "prefix":
      case "suffix":
      case "equals-ignore-case":
      case "wildcard":
      case "cidr":
        rank = Math.max(rank, 1);
        break;
      case "numeric":
        rank = Math.max(rank, 2);
        break;
      default:
        return 3;
    }
  }
  return rank;
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
