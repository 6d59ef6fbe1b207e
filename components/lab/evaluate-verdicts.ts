/** One evaluation turned into the compact answer the worker sends (also used without a worker). */
import { evaluateLab, prepareEvents, type EventKind, type LabEvent, type PreparedEvent } from "@/lib/lab";
import type { LabAnswer } from "./worker-protocol";


export function answerFor(seq: number, eventsVersion: number, pattern: string, events: readonly LabEvent[] | readonly PreparedEvent[], kind: EventKind): LabAnswer {
  const started = performance.now();
  const evaluation = evaluateLab(pattern, events, { kind });
  const verdicts =
    evaluation.results?.map((result) => {
      if (result.error !== undefined) return { matched: false, error: result.error };
      if (result.matched) return { matched: true };
      // `failure` explains one field at a time: far cheaper than a full explanation per row.
      return { matched: false, reason: result.failure };
    }) ?? null;
  return { seq, eventsVersion, pattern, kind, validation: evaluation.validation, counts: evaluation.counts, verdicts, ms: performance.now() - started };
}

export { prepareEvents };
