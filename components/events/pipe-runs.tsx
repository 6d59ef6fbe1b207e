"use client";

/**
 * The Events page's pipe runs: each batch a local pipe read, newest first, with its steps — what
 * entered, what the filter dropped, what the enrichment was sent and answered, what the target
 * received. Reads /api/events/pipe-runs (one pipe's with `pipeArn`) and looks again every few
 * seconds, since a pipe runs on its own; shows nothing while no pipe has run.
 *
 * Test ids: pipe-runs, pipe-run (data-status, data-pipe), pipe-step (data-step, data-outcome).
 */
import { useEffect, useState } from "react";
import { requestJson } from "@/components/api-client";
import type { PipeStep } from "@/lib/emulator/pipes/engine";
import type { PipeRunView } from "@/lib/explorer/index";

const REFRESH_MS = 2000;

const STATUS_TEXT: Record<PipeRunView["status"], string> = {
  delivered: "delivered",
  filtered: "all filtered out",
  stopped: "stopped at a step that does not run locally",
  failed: "failed",
};

const pipeName = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);

/** A record or payload as readable JSON (an SQS body, itself JSON text, shown parsed). */
function pretty(value: unknown): string {
  if (typeof value === "string") {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

function Json({ values }: { values: readonly unknown[] }) {
  return (
    <pre className="mt-1 max-h-48 overflow-auto rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950">
      {values.map(pretty).join("\n")}
    </pre>
  );
}

function Part({ label, values }: { label: string; values: readonly unknown[] }) {
  return (
    <>
      <p className="mt-1 text-xs font-medium">{label}</p>
      <Json values={values} />
    </>
  );
}

/** What a called step is, how it went and why. */
function Called({ what, step }: { what: string; step: { arn: string; outcome: string; detail?: string } }) {
  return (
    <>
      <span className="font-medium">{what}</span> <span className="font-mono text-xs">{step.arn}</span>: {step.outcome}
      {step.detail !== undefined && <p className="text-xs text-slate-600 dark:text-slate-400">{step.detail}</p>}
    </>
  );
}

function StepView({ step }: { step: PipeStep }) {
  const box = "rounded border border-slate-200 p-2 dark:border-slate-700";
  switch (step.step) {
    case "source":
      return (
        <li data-testid="pipe-step" data-step="source" className={box}>
          <span className="font-medium">Entered:</span> {step.records.length} record{step.records.length === 1 ? "" : "s"}
          <Json values={step.records} />
        </li>
      );
    case "filter":
      return (
        <li data-testid="pipe-step" data-step="filter" className={box}>
          <span className="font-medium">Filter:</span> {step.passed} passed, {step.dropped.length} dropped
          {step.dropped.length > 0 && <Json values={step.dropped} />}
        </li>
      );
    case "enrichment":
      return (
        <li data-testid="pipe-step" data-step="enrichment" data-outcome={step.outcome} className={box}>
          <Called what="Enrichment" step={step} />
          <Part label="Sent" values={step.requests} />
          {step.responses.length > 0 && <Part label="Answered" values={step.responses} />}
        </li>
      );
    case "target":
      return (
        <li data-testid="pipe-step" data-step="target" data-outcome={step.outcome} className={box}>
          <Called what="Target" step={step} />
          <Part label="Received" values={step.payloads} />
        </li>
      );
  }
}

export function PipeRuns({ pipeArn }: { pipeArn?: string }) {
  const [runs, setRuns] = useState<readonly PipeRunView[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const query = pipeArn === undefined ? "" : `?pipe=${encodeURIComponent(pipeArn)}`;
        const answer = await requestJson<{ runs: PipeRunView[] }>(`/api/events/pipe-runs${query}`);
        if (!stopped) {
          setRuns(answer.runs);
          setError(undefined);
        }
      } catch (failure) {
        if (!stopped) setError(failure instanceof Error ? failure.message : String(failure));
      }
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [pipeArn]);

  if (runs.length === 0 && error === undefined) return null;
  return (
    <section data-testid="pipe-runs" aria-label="Pipe runs" className="mb-6">
      <h2 className="text-lg font-semibold">Pipe runs{pipeArn === undefined ? "" : ` of ${pipeName(pipeArn)}`}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">Each batch a local pipe read, newest first: what entered, what the filter dropped, the enrichment&apos;s answer, what the target received.</p>
      {error !== undefined && <p className="text-sm text-red-700 dark:text-red-400">{error}</p>}
      <ol className="mt-2 space-y-3">
        {runs.map((run) => (
          <li key={run.id} data-testid="pipe-run" data-status={run.status} data-pipe={pipeName(run.pipeArn)} className="rounded border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
            <p>
              <span className="font-medium">{pipeName(run.pipeArn)}</span> · {new Date(run.createdAt).toLocaleString()} · {STATUS_TEXT[run.status]}
            </p>
            <ol className="mt-2 space-y-2">
              {run.steps.map((step, i) => (
                <StepView key={i} step={step} />
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}
