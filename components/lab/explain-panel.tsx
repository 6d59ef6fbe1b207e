"use client";

/**
 * Why the selected event matches or not: one line per pattern field with what the rule required,
 * what the event had, and whether it held — sentences from lib/lab's describeExplanation (which
 * reads lib/pattern's explain, the matcher itself). Rendered as text.
 *
 * Test ids: lab-explain (data-matched), lab-explain-line (data-held, data-path), lab-explain-error.
 */
import { useMemo } from "react";
import { describeExplanation, evaluateLab, type EventKind, type LabEvent } from "@/lib/lab";
import { subjectOf } from "./evaluate-verdicts";

export function ExplainPanel({ pattern, event, kind = "eventbridge" }: { pattern: string; event: LabEvent | undefined; kind?: EventKind }) {
  const outcome = useMemo(() => {
    if (!event) return null;
    const run = evaluateLab(pattern, [event], { kind });
    if (!run.validation.valid) return { kind: "invalid-pattern" as const };
    const result = run.results?.[0];
    if (!result || result.explanation === undefined) return { kind: "invalid-event" as const, error: result?.error ?? "The event cannot be tested." };
    return { kind: "explained" as const, matched: result.matched, lines: describeExplanation(result.explanation, { branches: "all", subject: subjectOf(kind) }), branches: result.explanation.branches.length };
  }, [pattern, event, kind]);

  if (!event || !outcome) return <p className="text-sm text-slate-500 dark:text-slate-400">Select an event in the results to see why it matches or not.</p>;
  if (outcome.kind === "invalid-pattern") return <p className="text-sm text-slate-500 dark:text-slate-400">Fix the pattern first: it is not valid.</p>;
  if (outcome.kind === "invalid-event") {
    return (
      <p data-testid="lab-explain-error" className="text-sm text-amber-800 dark:text-amber-300">
        This event cannot be tested: {outcome.error}
      </p>
    );
  }
  return (
    <div data-testid="lab-explain" data-matched={outcome.matched} className="space-y-2 text-sm">
      <p className={`font-medium ${outcome.matched ? "text-emerald-700 dark:text-emerald-400" : "text-slate-800 dark:text-slate-200"}`}>
        {event.name}: {outcome.matched ? "matches" : "does not match"}
      </p>
      {outcome.lines.length === 0 && <p className="text-slate-500 dark:text-slate-400">The pattern has no fields: it matches every event.</p>}
      <ul className="space-y-1">
        {outcome.lines.map((line, i) => (
          <li key={i} data-testid="lab-explain-line" data-held={line.held} data-path={line.path} className="flex gap-2">
            <span aria-label={line.held ? "held" : "failed"} className={line.held ? "text-emerald-600 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}>
              {line.held ? "✓" : "✗"}
            </span>
            <span className="min-w-0 flex-1 break-words">
              {outcome.branches > 1 && <span className="mr-1 text-xs text-slate-400">$or {line.branch + 1}</span>}
              <span className="font-mono text-xs">{line.text}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
