/**
 * The lab's live loop: validate one pattern (AWS's exact reasons, with offsets) and match it,
 * with explanations, against every event of a set. The pattern is compiled once per call and the
 * events are prepared once per event object (`prepareEvents`), so a call per keystroke only
 * matches. Verdicts and explanations both come from `lib/pattern`'s `explain`: one matcher.
 */
import { explain, validatePattern, type Explanation, type PatternProblem } from "@/lib/pattern";
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
  /** Undefined only when the event is invalid. */
  readonly explanation: Explanation | undefined;
  /** Why the event cannot be tested, e.g. "The event lacks required field: time." */
  readonly error?: string;
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
  /** 2,048 for rules (default), 4,096 as TestEventPattern judges. */
  readonly maxLength?: number;
}

/**
 * Validates `patternText` and, when valid, matches it against every event. `events` may be the
 * set itself or its `prepareEvents` result.
 */
export function evaluateLab(patternText: string, events: readonly LabEvent[] | readonly PreparedEvent[], options: EvaluateOptions = {}): LabEvaluation {
  const validation = validatePattern(patternText, options.maxLength === undefined ? undefined : { maxLength: options.maxLength });
  const prepared = isPrepared(events) ? events : prepareEvents(events, options.kind);
  const invalidEvents = prepared.reduce((n, p) => (p.ok ? n : n + 1), 0);
  const compiled = validation.compiled;
  if (!validation.valid || compiled === undefined) {
    return { validation: { valid: false, problems: validation.problems }, results: null, counts: { matched: 0, unmatched: 0, invalidEvents } };
  }
  let matched = 0;
  const results: LabResult[] = new Array<LabResult>(prepared.length);
  for (let i = 0; i < prepared.length; i++) {
    const p = prepared[i]!;
    if (!p.ok) {
      results[i] = { eventId: p.event.id, matched: false, explanation: undefined, error: p.error };
      continue;
    }
    const explanation = explain(compiled, p.flat);
    if (explanation.matched) matched++;
    results[i] = { eventId: p.event.id, matched: explanation.matched, explanation };
  }
  return {
    validation: { valid: true, problems: [] },
    results,
    counts: { matched, unmatched: prepared.length - matched - invalidEvents, invalidEvents },
  };
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
