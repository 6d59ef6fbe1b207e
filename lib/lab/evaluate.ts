/**
 * The lab's live loop: validate one pattern (AWS's exact reasons, with offsets) and match it,
 * with explanations, against every event of a set. The pattern is compiled once per call and the
 * events are prepared once per event object (`prepareEvents`), so a call per keystroke only
 * matches. Verdicts come from `lib/pattern`'s `matchesEvent`, explanations (on demand) from its
 * `explain`, which is built on the same matcher: they cannot disagree.
 */
import { LAMBDA_FILTER_PATTERN_MAX_LENGTH } from "@/lib/limits";
import { explain, matchesEvent, validatePattern, type CompiledPattern, type Explanation, type FlatEvent, type PatternProblem } from "@/lib/pattern";
import { prepareEvents, type EventKind, type LabEvent, type PreparedEvent } from "./events";


export interface LabValidation {
  readonly valid: boolean;
  /** Every problem, first the one AWS reports; `message` is AWS's reason text, `offset` where. */
  readonly problems: readonly PatternProblem[];
}

export interface LabResult {
  readonly eventId: string;
  /** False for an invalid event too (TestEventPattern refuses it; `error` says why). */
  readonly matched: boolean;
  /**
   * Why it matched or not, from `lib/pattern`'s `explain`: undefined only when the event is
   * invalid. Computed on first read and kept (reading it for every result costs a full explain
   * per event; the verdict itself does not need it).
   */
  readonly explanation: Explanation | undefined;
  /** Why the event cannot be tested, e.g. "The event lacks required field: time." */
  readonly error?: string;
  /**
   * For a valid event that does not match: the sentence a result row shows, the first failing
   * field (`firstFailure` of the explanation; "the filter needs" for stream records), computed on
   * first read at a fraction of a full explanation's cost. Undefined for matches and invalid events.
   */
  readonly failure?: string;
}

export interface LabCounts {
  readonly matched: number;
  readonly unmatched: number;
  readonly invalidEvents: number;
}

export interface LabEvaluation {
  readonly validation: LabValidation;
  /** Null when the pattern is not valid. */
  readonly results: LabResult[] | null;
  readonly counts: LabCounts;
}

export interface EvaluateOptions {
  /** What the events are (default EventBridge events); stream records are filtered as Lambda does. */
  readonly kind?: EventKind;
  /** 2,048 for rules (default for EventBridge events), 4,096 as TestEventPattern and Lambda filters (default for stream records). */
  readonly maxLength?: number;
}

/** Who a failing field's sentence speaks of: rules for EventBridge events, Lambda filters for records. */
export const subjectOf = (kind: EventKind) => (kind === "eventbridge" ? "the rule" : "the filter");

/**
 * Validates `patternText` and, when valid, matches it against every event. `events` may be the
 * set itself or its `prepareEvents` result.
 */
export function evaluateLab(patternText: string, events: readonly LabEvent[] | readonly PreparedEvent[], options: EvaluateOptions = {}): LabEvaluation {
  const maxLength = options.maxLength ?? ((options.kind ?? "eventbridge") === "eventbridge" ? undefined : LAMBDA_FILTER_PATTERN_MAX_LENGTH);
  const validation = validatePattern(patternText, maxLength === undefined ? undefined : { maxLength });
  const prepared = isPrepared(events) ? events : prepareEvents(events, options.kind);
  const invalidEvents = prepared.reduce((n, p) => (p.ok ? n : n + 1), 0);
  const compiled = validation.compiled;
  if (!validation.valid || compiled === undefined) {
    return { validation: { valid: false, problems: validation.problems }, results: null, counts: { matched: 0, unmatched: 0, invalidEvents } };
  }
  let matched = 0;
  const subject = subjectOf(options.kind ?? "eventbridge");
  const context: EvaluationContext = { compiled, probes: rowProbes(compiled), subject };
  const results: LabResult[] = new Array<LabResult>(prepared.length);
  for (let i = 0; i < prepared.length; i++) {
    const p = prepared[i]!;
    if (!p.ok) {
      results[i] = { eventId: p.event.id, matched: false, explanation: undefined, error: p.error };
      continue;
    }
    const verdict = matchesEvent(compiled, p.flat);
    if (verdict) matched++;
    results[i] = new LazyResult(p.event.id, verdict, context, p.flat);
  }
  return {
    validation: { valid: true, problems: [] },
    results,
    counts: { matched, unmatched: prepared.length - matched - invalidEvents, invalidEvents },
  };
}

/** What every result of one evaluation shares. */
interface EvaluationContext {
  readonly compiled: CompiledPattern;
  readonly probes: RowProbes;
  /** Who needs the condition in `failure` sentences: the rule, or a stream source's filter. */
  readonly subject: string;
}

/**
 * A result whose explanation is computed on first read and kept: the verdict comes from
 * `matchesEvent`, the matcher `explain` itself runs on (so they always agree), and a keystroke
 * pays for explanations only for what is shown. A class, so a thousand results share their
 * getters instead of carrying a closure each (`{ ...result }` drops them: read them instead).
 */
class LazyResult implements LabResult {
  private explained: Explanation | undefined;
  private firstFailed: string | undefined;

  constructor(
    readonly eventId: string,
    readonly matched: boolean,
    private readonly context: EvaluationContext,
    private readonly flat: FlatEvent,
  ) {}

  get explanation(): Explanation {
    this.explained ??= explain(this.context.compiled, this.flat);
    return this.explained;
  }

  get failure(): string | undefined {
    if (this.matched) return undefined;
    const { probes, subject } = this.context;
    this.firstFailed ??= this.explained === undefined ? rowFailure(probes, this.flat, subject) : (firstFailure(this.explained, { subject }) ?? "");
    return this.firstFailed === "" ? undefined : this.firstFailed;
  }

  toJSON(): LabResult {
    return { eventId: this.eventId, matched: this.matched, explanation: this.explanation, ...(this.failure === undefined ? {} : { failure: this.failure }) };
  }
}

/**
 * `firstFailure` reads the first failing field of the first branch. Fields hold or fail on their
 * own (only array consistency ties them), so explaining the first branch's fields one at a time,
 * in order, finds that line with `explain` on one field instead of the whole pattern.
 */
interface RowProbes {
  readonly fields: readonly CompiledPattern[];
  readonly branch: CompiledPattern | undefined;
}

function rowProbes(compiled: CompiledPattern): RowProbes {
  const first = compiled.branches[0];
  return { fields: first === undefined ? [] : first.fields.map((field) => ({ branches: [{ fields: [field], readsEmptyKeys: first.readsEmptyKeys }] })), branch: first === undefined ? undefined : { branches: [first] } };
}

function rowFailure(probes: RowProbes, flat: FlatEvent, subject: string): string {
  for (const probe of probes.fields) {
    const single = explain(probe, flat);
    if (!single.matched) return firstFailure(single, { subject }) ?? "";
  }
  // Every field holds alone: the first branch fails on array consistency.
  return probes.branch === undefined ? "" : (firstFailure(explain(probes.branch, flat), { subject }) ?? "");
}

function isPrepared(events: readonly LabEvent[] | readonly PreparedEvent[]): events is readonly PreparedEvent[] {
  const first = events[0];
  return first !== undefined && "ok" in first;
}

// ---------------------------------------------------------------------------------------------
// Explanations for people

export interface ExplanationLine {
  /** Index of the `$or` branch (0 without `$or`). */
  readonly branch: number;
  /** The event path, e.g. `detail.total_cost`. */
  readonly path: string;
  readonly held: boolean;
  /** What the event had: `detail.total_cost is 150`, `detail.state is missing`. */
  readonly found: string;
  /** What the pattern asked: `needs > 200`, `matches "running"`. */
  readonly required: string;
  /** The whole sentence, e.g. `detail.total_cost is 150; the rule needs > 200`. */
  readonly text: string;
  /** Where the field's condition array is in the pattern text. */
  readonly span: { readonly offset: number; readonly length: number };
}

export interface DescribeOptions {
  /** Who needs it: "the rule" (default) or "the filter" (stream sources). */
  readonly subject?: string;
  /** Only the branches that matched, or when none did, every branch (default); "all" for all. */
  readonly branches?: "relevant" | "all";
}

/**
 * One line per pattern field (per `$or` branch), reusing `explain`'s reason text:
 * `detail.total_cost is 150; the rule needs > 200`, `detail.state is missing; anything-but needs
 * the field to exist`.
 */
export function describeExplanation(explanation: Explanation, options: DescribeOptions = {}): ExplanationLine[] {
  const subject = options.subject ?? "the rule";
  const onlyMatched = (options.branches ?? "relevant") === "relevant" && explanation.matched;
  const lines: ExplanationLine[] = [];
  explanation.branches.forEach((branch, index) => {
    if (onlyMatched && !branch.matched) return;
    for (const field of branch.fields) {
      const cut = field.reason.indexOf("; ");
      const found = cut === -1 ? field.reason : field.reason.slice(0, cut);
      const required = cut === -1 ? "" : field.reason.slice(cut + 2);
      const said = required.startsWith("needs ") ? `${subject} ${required}` : required;
      lines.push({ branch: index, path: field.path, held: field.held, found, required, text: said === "" ? found : `${found}; ${said}`, span: field.span });
    }
    if (branch.fields.every((f) => f.held) && !branch.arrayConsistent) {
      lines.push({
        branch: index,
        path: "",
        held: false,
        found: "every field holds",
        required: "values from the same array element",
        text: branch.reason,
        span: { offset: 0, length: 0 },
      });
    }
  });
  return lines;
}

/** The one-line summary of why an event failed: its first failing field, e.g. for a result list. */
export function firstFailure(explanation: Explanation, options: DescribeOptions = {}): string | undefined {
  if (explanation.matched) return undefined;
  return describeExplanation(explanation, options).find((line) => !line.held)?.text;
}
