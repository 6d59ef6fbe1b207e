/** One evaluation turned into the compact answer the worker sends (also used without a worker). */
import { evaluateLab, firstFailure, prepareEvents, type EventKind, type LabEvent, type PreparedEvent } from "@/lib/lab";
import type { LabAnswer } from "./worker-protocol";

/** Who a failing field's sentence speaks of: rules for EventBridge events, Lambda filters for records. */
export const subjectOf = (kind: EventKind) => (kind === "eventbridge" ? "the rule" : "the filter");

export function answerFor(seq: number, eventsVersion: number, pattern: string, events: readonly LabEvent[] | readonly PreparedEvent[], kind: EventKind): LabAnswer {
  const started = performance.now();
  const evaluation = evaluateLab(pattern, events, { kind });
  const verdicts =
    evaluation.results?.map((result) => {
      if (result.error !== undefined) return { matched: false, error: result.error };
      if (result.matched || result.explanation === undefined) return { matched: result.matched };
      return { matched: false, reason: firstFailure(result.explanation, { subject: subjectOf(kind) }) };
    }) ?? null;
  return { seq, eventsVersion, pattern, kind, validation: evaluation.validation, counts: evaluation.counts, verdicts, ms: performance.now() - started };
}

export { prepareEvents };
