/** One evaluation turned into the compact answer the worker sends (also used without a worker). */
import { evaluateAnyOf, evaluateLab, prepareEvents, type EventKind, type LabEvent, type PreparedEvent } from "@/lib/lab";
import type { LabAnswer } from "./worker-protocol";

export function answerFor(
  seq: number,
  eventsVersion: number,
  pattern: string,
  events: readonly LabEvent[] | readonly PreparedEvent[],
  kind: EventKind,
  anyOf?: readonly string[],
): LabAnswer {
  const started = performance.now();
  if (anyOf !== undefined) return anyOfAnswer(seq, eventsVersion, pattern, events, kind, anyOf, started);
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

/**
 * A stream source's criteria: verdicts are "any criterion matches"; the editor's problems are those
 * of the criterion being edited, the other criteria's problems travel as text.
 */
function anyOfAnswer(
  seq: number,
  eventsVersion: number,
  pattern: string,
  events: readonly LabEvent[] | readonly PreparedEvent[],
  kind: EventKind,
  anyOf: readonly string[],
  started: number,
): LabAnswer {
  const evaluation = evaluateAnyOf(anyOf, events, { kind });
  const edited = anyOf.indexOf(pattern);
  const validation = evaluation.validations[edited] ?? { valid: true, problems: [] };
  const otherProblems = evaluation.validations.flatMap((v, i) => (i === edited || v.valid ? [] : [`Filter ${i + 1}: ${v.problems[0]?.message ?? "not valid"}`]));
  const verdicts =
    evaluation.results?.map((r) => {
      if (r.error !== undefined) return { matched: false, error: r.error };
      return r.matched ? { matched: true } : { matched: false, reason: r.failure };
    }) ?? null;
  return { seq, eventsVersion, pattern, kind, validation, counts: evaluation.counts, verdicts, otherProblems, ms: performance.now() - started };
}

export { prepareEvents };
