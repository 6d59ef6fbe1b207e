"use client";

/**
 * The lab's pipe section under a source's filter criteria: the operators Pipes refuses in them,
 * and for each sample record whether it passes and what the target receives (lib/lab/pipe-preview.ts
 * runs the pipe's engine). With an enrichment its answer is what the target template reads: a
 * sample answer typed here stands for it.
 *
 * Test ids: pipe-lab (data-pipe), pipe-filter-refused, pipe-enrichment-answer, pipe-preview-record
 * (data-passes), pipe-preview-target, pipe-preview-error.
 */
import { useEffect, useState } from "react";
import { checkPipeFilter, type Design, type NodeOfKind } from "@/lib/graph";
import type { LabEvent } from "@/lib/lab";
import { previewPipe, type PipePreview } from "@/lib/lab/pipe-preview";

export function PipePreviewPanel({ pipe, design, criteria, records }: { pipe: NodeOfKind<"pipe">; design: Design; criteria: readonly string[]; records: readonly LabEvent[] }) {
  const [answer, setAnswer] = useState("");
  const [preview, setPreview] = useState<PipePreview | undefined>(undefined);

  useEffect(() => {
    let current = true;
    void previewPipe(pipe, design, records, pipe.enrichment === undefined ? undefined : answer).then((next) => {
      if (current) setPreview(next);
    });
    return () => {
      current = false;
    };
  }, [pipe, design, records, answer]);

  const refused = criteria.flatMap((text, i) => checkPipeFilter(text).map((p) => `Filter ${i + 1}: ${p.message} (at character ${p.offset})`));
  return (
    <section data-testid="pipe-lab" data-pipe={pipe.name} aria-label={`Pipe ${pipe.name}`} className="space-y-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <h3 className="font-semibold">Pipe {pipe.name}: what its target receives</h3>
      {refused.map((message) => (
        <p key={message} data-testid="pipe-filter-refused" className="text-red-700 dark:text-red-400">
          {message}. Pipes accepts every other operator; AWS refuses this filter.
        </p>
      ))}
      {pipe.enrichment !== undefined && (
        <label className="block">
          <span className="text-xs font-medium text-slate-600 dark:text-slate-300">
            Sample answer of the enrichment ({pipe.enrichment.type}): the target input template reads this answer, not the record
          </span>
          <textarea
            data-testid="pipe-enrichment-answer"
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            rows={3}
            placeholder='{"orderId": "o-1001", "customer": {"tier": "gold"}}'
            className="mt-0.5 w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
      )}
      {preview !== undefined && !preview.ok && (
        <p data-testid="pipe-preview-error" className="text-amber-800 dark:text-amber-300">
          {preview.message}
        </p>
      )}
      {preview?.ok && (
        <ul className="space-y-2">
          {preview.records.map((record, i) => (
            <li key={`${i}-${record.name}`} data-testid="pipe-preview-record" data-passes={record.passes} className="rounded border border-slate-200 p-2 dark:border-slate-700">
              <p>
                <span className="font-medium">{record.name}</span>: {record.passes ? "passes the filter" : "dropped by the filter"}
              </p>
              {record.enrichmentRequest !== undefined && (
                <p className="text-xs">
                  The enrichment is sent <code className="font-mono">{record.enrichmentRequest}</code>
                </p>
              )}
              {record.stoppedBecause !== undefined && <p className="text-xs text-slate-600 dark:text-slate-400">{record.stoppedBecause}</p>}
              {record.targetReceives.length > 0 && (
                <pre data-testid="pipe-preview-target" className="mt-1 max-h-40 overflow-auto rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950">
                  {record.targetReceives.join("\n")}
                </pre>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
