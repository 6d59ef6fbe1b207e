/** One evaluation turned into the compact answer the worker sends (also used without a worker). */
import { evaluateLab, firstFailure, prepareEvents, type LabEvent, type PreparedEvent } from "@/lib/lab";
import type { LabAnswer } from "./worker-protocol";

export function answerFor(seq: number, eventsVersion: number, pattern: string, events: readonly LabEvent[] | readonly PreparedEvent[]): LabAnswer {
  const started = performance.now();
  const evaluation = evaluateLab(pattern, events);
  const verdicts =
    evaluation.results?.map((result) => {
      if (result.error !== undefined) return { matched: false, error: result.error };
      if (result.matched || result.explanation === undefined) return { matched: result.matched };
      return { matched: false, reason: firstFailure(result.explanation) };
    }) ?? null;
  return { seq, eventsVersion, pattern, validation: evaluation.validation, counts: evaluation.counts, verdicts, ms: performance.now() - started };
}

export { prepareEvents };
