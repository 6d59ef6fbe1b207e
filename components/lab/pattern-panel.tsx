"use client";

/**
 * The pattern being tested: the verdict counts of the latest evaluation first (they change as you
 * type, and stay in view above a long pattern), then the CodeMirror editor with AWS's reason
 * underlined at its offset.
 *
 * Test ids: lab-pattern (wraps the editor; its textbox is labelled "Event pattern"),
 * lab-pattern-error, lab-counts (data-matched, data-unmatched, data-invalid), lab-eval-ms (data-engine
 * = worker | page, data-seq = evaluation number).
 */
import { useMemo } from "react";
import { CodeEditor } from "@/components/canvas/code-editor";
import type { Problem } from "@/lib/graph";
import type { LabCounts, LabValidation } from "@/lib/lab";
import type { LabAnswer } from "./worker-protocol";

/** AWS's ValidationException text for a bad pattern. */
export const awsPatternMessage = (reason: string) => `Event pattern is not valid. Reason: ${reason}`;

function editorProblems(validation: LabValidation | undefined): Problem[] {
  const first = validation?.problems[0];
  return first ? [{ code: "invalid-pattern", severity: "error", offset: first.offset, message: awsPatternMessage(first.message) }] : [];
}

export interface PatternPanelProps {
  pattern: string;
  onChange: (pattern: string) => void;
  answer: LabAnswer | null;
  eventCount: number;
  readOnly?: boolean;
  onUndo: () => void;
  onRedo: () => void;
}

export function PatternPanel({ pattern, onChange, answer, eventCount, readOnly = false, onUndo, onRedo }: PatternPanelProps) {
  // Show the problem only when it belongs to the text on screen (the worker may be one key behind).
  const current = answer !== null && answer.pattern === pattern ? answer : null;
  const problems = useMemo(() => editorProblems(current?.validation), [current]);
  const first = current?.validation.problems[0];
  return (
    <section aria-label="Pattern" className="space-y-2">
      <VerdictCounts counts={answer?.counts} eventCount={eventCount} invalid="invalid events" answer={answer} />
      <div data-testid="lab-pattern">
        <CodeEditor value={pattern} onChange={onChange} problems={problems} readOnly={readOnly} label="Event pattern" onUndo={onUndo} onRedo={onRedo} />
      </div>
      {first && (
        <p role="alert" data-testid="lab-pattern-error" className="rounded-md bg-red-50 px-2 py-1 font-mono text-xs text-red-800 dark:bg-red-950 dark:text-red-200">
          {awsPatternMessage(first.message)}
        </p>
      )}
    </section>
  );
}

/**
 * The verdict counts of the latest evaluation and how long it took (lab-counts, lab-eval-ms);
 * `invalid` names the events that could not be tested.
 */
export function VerdictCounts({ counts, eventCount, invalid, answer }: { counts: LabCounts | undefined; eventCount: number; invalid: string; answer: Pick<LabAnswer, "ms" | "engine" | "seq"> | null }) {
  return (
    <div
      data-testid="lab-counts"
      data-matched={counts?.matched ?? 0}
      data-unmatched={counts?.unmatched ?? 0}
      data-invalid={counts?.invalidEvents ?? 0}
      aria-live="polite"
      className="flex flex-wrap items-center gap-3 text-sm"
    >
      <span className="font-medium text-emerald-700 dark:text-emerald-400">{counts?.matched ?? 0} match</span>
      <span className="font-medium text-slate-700 dark:text-slate-300">{counts?.unmatched ?? 0} no match</span>
      {(counts?.invalidEvents ?? 0) > 0 && (
        <span className="text-amber-700 dark:text-amber-400">
          {counts?.invalidEvents} {invalid}
        </span>
      )}
      <span className="text-slate-500 dark:text-slate-400">of {eventCount}</span>
      {answer && (
        <span data-testid="lab-eval-ms" data-engine={answer.engine} data-seq={answer.seq} title={`Evaluated ${answer.engine === "worker" ? "in a Web Worker" : "on the page"}`} className="ml-auto text-xs text-slate-500 dark:text-slate-400">
          {answer.ms.toFixed(1)} ms
        </span>
      )}
    </div>
  );
}
