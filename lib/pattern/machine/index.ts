/**
 * `RuleMachine`: many EventBridge rules compiled into one automaton, matched against event JSON
 * text in time that depends on the event, not on the number of rules (after aws/event-ruler's
 * `Machine`; lib/pattern/SEMANTICS.md, "The engine: compile → machine → scan").
 *
 * - `FieldPaths` + `EventScanner`: read only the paths some rule needs from the event text.
 * - `state-trie`: rules' branches as paths through shared states, one field per step.
 * - `ValueIndex`: per step, all conditions on that field indexed by value.
 *
 * Patterns are compiled by the shared `compilePattern`, so errors and meaning are the same as for
 * the single-pattern matcher.
 */
import { compilePattern, type CompileOptions } from "../compile";
import type { CompiledPattern } from "../model";
import { ChosenElements, consistentWith } from "./array-membership";
import { EventScanner } from "./event-scanner";
import { FieldPaths } from "./field-paths";
import {
  installBranch,
  uninstallBranch,
  StateNode,
  type BranchTrail,
  type Edge,
  type FieldTransition,
  type RuleNumber,
} from "./state-trie";

interface InstalledRule {
  readonly number: RuleNumber;
  readonly trails: readonly BranchTrail[];
}

export interface RuleMachineOptions {
  /** Limits for `addRule`'s compilation; the defaults are those of `PutRule` (2,048 characters). */
  readonly compileOptions?: CompileOptions;
}

export class RuleMachine {
  private readonly compileOptions: CompileOptions;
  private readonly paths = new FieldPaths();
  private readonly scanner = new EventScanner(this.paths);
  private readonly root = new StateNode();
  private readonly rules = new Map<string, InstalledRule>();
  /** By rule number: its name, and the generation of the last event it was reported for. */
  private ruleNames: string[] = [];
  private ruleMatchedAt = new Float64Array(64);
  private readonly freeRuleNumbers: RuleNumber[] = [];
  /** Numbers each event; states and rules remember the last event that reached them. */
  private generation = 0;
  /** Numbers each (leaf, step) lookup, for de-duplication inside the value indexes. */
  private stamp = 0;
  // Work stack of the automaton walk, reused between events.
  private readonly pendingStates: StateNode[] = [];
  private readonly pendingChosen: (ChosenElements | null)[] = [];
  private readonly edgeHits: Edge[] = [];
  /** Names matched so far for the event being matched. */
  private matched: string[] = [];

  constructor(options: RuleMachineOptions = {}) {
    this.compileOptions = options.compileOptions ?? {};
  }

  /** Number of rules installed. */
  get size(): number {
    return this.rules.size;
  }

  /**
   * Adds the rule `name` with an event pattern given as JSON text; a rule of that name is
   * replaced, like `PutRule`. Throws `InvalidEventPatternError` (leaving the machine unchanged).
   */
  addRule(name: string, pattern: string): void {
    this.addCompiledRule(name, compilePattern(pattern, this.compileOptions));
  }

  /** Adds or replaces the rule `name` with an already compiled pattern. */
  addCompiledRule(name: string, pattern: CompiledPattern): void {
    this.removeRule(name);
    const number = this.freeRuleNumbers.pop() ?? this.ruleNames.length;
    this.ruleNames[number] = name;
    if (number >= this.ruleMatchedAt.length) {
      const grown = new Float64Array(this.ruleMatchedAt.length * 2);
      grown.set(this.ruleMatchedAt);
      this.ruleMatchedAt = grown;
    }
    this.ruleMatchedAt[number] = 0;
    const trails = pattern.branches.map((branch) => installBranch(this.root, branch, number, this.paths));
    this.rules.set(name, { number, trails });
  }

  /** Removes the rule `name`; returns whether it existed. */
  removeRule(name: string): boolean {
    const installed = this.rules.get(name);
    if (installed === undefined) return false;
    this.rules.delete(name);
    for (const trail of installed.trails) uninstallBranch(trail, installed.number, this.paths);
    this.ruleNames[installed.number] = "";
    this.freeRuleNumbers.push(installed.number);
    return true;
  }

  /**
   * Names of the rules matching the event, each once. The event is JSON text of an object; the
   * EventBridge envelope fields are not required. Throws `InvalidEventError` for other text.
   */
  matchingRules(event: string): string[] {
    const scanner = this.scanner;
    scanner.scan(event);
    const generation = ++this.generation;
    const matched: string[] = [];
    this.matched = matched;
    const states = this.pendingStates;
    const chosenStack = this.pendingChosen;
    // Setting an array's length is a runtime call even when it is empty already.
    if (states.length !== 0) states.length = 0;
    if (chosenStack.length !== 0) chosenStack.length = 0;
    states.push(this.root);
    chosenStack.push(null);
    while (states.length > 0) {
      const state = states.pop() as StateNode;
      const chosen = chosenStack.pop() as ChosenElements | null;
      this.report(state, generation);
      // Follow the fields of this state that the event has values for, looking from whichever
      // side is smaller, then the `exists:false` edges of fields it has no values for.
      const transitions = state.transitions;
      const touched = scanner.touchedSlots;
      const bySlot = state.transitionBySlot;
      if (bySlot === undefined || transitions.length <= touched.length) {
        for (let t = 0; t < transitions.length; t++) this.followValues(transitions[t], chosen, generation);
      } else {
        for (let s = 0; s < touched.length; s++) {
          const transition = bySlot.get(touched[s]);
          if (transition !== undefined) this.followValues(transition, chosen, generation);
        }
      }
      const absentFields = state.transitionsWithAbsentEdges;
      for (let t = 0; t < absentFields.length; t++) {
        const transition = absentFields[t];
        if (!this.absentBeside(transition.slot, chosen)) continue;
        const absent = transition.absentEdges;
        for (let i = 0; i < absent.length; i++) this.schedule(absent[i].next, chosen, generation);
      }
    }
    return matched;
  }

  /** Schedules the states reached by the event's values at the transition's field. */
  private followValues(transition: FieldTransition, chosen: ChosenElements | null, generation: number): void {
    const scanner = this.scanner;
    const count = scanner.leafCountAt(transition.slot);
    if (count === 0) return;
    const leaves = scanner.slotLeaves[transition.slot];
    const hits = this.edgeHits;
    for (let l = 0; l < count; l++) {
      const leaf = leaves[l];
      const element = leaf.constrainingElement;
      if (element !== null && chosen !== null && !consistentWith(element, chosen)) continue;
      if (hits.length !== 0) hits.length = 0;
      transition.index.collect(leaf, ++this.stamp, hits);
      if (hits.length === 0) continue;
      const nextChosen = element === null ? chosen : new ChosenElements(element, chosen);
      for (let i = 0; i < hits.length; i++) {
        const edge = hits[i];
        if (edge.onlyRule !== -1) this.reportRule(edge.onlyRule, generation);
        else if (edge.endsAt !== null) this.reportRules(edge.endsAt, generation);
        else this.schedule(edge.next, nextChosen, generation);
      }
    }
  }

  /**
   * Whether the field counts as absent beside the array elements chosen so far: it has no value,
   * or each of its values sits in an element that conflicts with them (Ruler's `exists: false`
   * in array-consistent matching).
   */
  private absentBeside(slot: number, chosen: ChosenElements | null): boolean {
    const count = this.scanner.leafCountAt(slot);
    if (count === 0) return true;
    if (chosen === null) return false;
    const leaves = this.scanner.slotLeaves[slot];
    for (let l = 0; l < count; l++) {
      const element = leaves[l].constrainingElement;
      if (element === null || consistentWith(element, chosen)) return false;
    }
    return true;
  }

  /**
   * Queues a state to continue from. A state reached with no array commitments, or with no
   * fields left to check, needs visiting only once per event.
   */
  private schedule(state: StateNode, chosen: ChosenElements | null, generation: number): void {
    if (state.visitedAt === generation) return;
    if (state.transitions.length === 0) state.visitedAt = generation;
    else if (chosen === null) {
      // An unconstrained visit covers every constrained one, unless an `exists:false` lies ahead:
      // commitments can make a field absent.
      if (state.absentEdgesAhead === 0) state.visitedAt = generation;
      else if (state.unconstrainedAt === generation) return;
      else state.unconstrainedAt = generation;
    }
    // A state with nothing left to follow only reports its rules: do that now, not via the stack.
    if (state.transitions.length === 0 && state.transitionsWithAbsentEdges.length === 0) {
      this.report(state, generation);
      return;
    }
    this.pendingStates.push(state);
    this.pendingChosen.push(chosen);
  }

  /** Adds the rules whose branches end at `state` to this event's result, each once. */
  private report(state: StateNode, generation: number): void {
    this.reportRules(state.endingRules, generation);
  }

  private reportRules(ending: readonly RuleNumber[], generation: number): void {
    for (let i = 0; i < ending.length; i++) this.reportRule(ending[i], generation);
  }

  private reportRule(rule: RuleNumber, generation: number): void {
    if (this.ruleMatchedAt[rule] === generation) return;
    this.ruleMatchedAt[rule] = generation;
    this.matched.push(this.ruleNames[rule]);
  }
}
