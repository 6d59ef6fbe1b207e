"use client";

/**
 * The designer lab for a selected EventBridge Scheduler schedule: its next 10 fire times in its
 * time zone and in UTC (a daylight-saving change marked where the zone's offset moves), the
 * flexible window each may fire in, and the exact input its target receives at the next fire
 * (lib/lab/schedule-preview.ts, the same code the local runner fills the input with).
 *
 * Test ids: schedule-lab (data-time-zone), schedule-lab-fire (data-utc, data-offset-changed),
 * schedule-lab-problem, schedule-lab-payload, schedule-lab-event.
 */
import { useMemo, useState, type ReactNode } from "react";
import { useEditor } from "@/components/canvas/editor-context";
import { scheduleNameOf, type NodeOfKind } from "@/lib/graph";
import { previewSchedule } from "@/lib/lab/schedule-preview";
import { LabPanelHeader } from "./lab-panel-header";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `2027-01-11 02:00:00` as the wall clock in `timeZone` reads it. */
function wallText(time: number, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(new Date(time));
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const utcText = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");

export function ScheduleLab({ node, controls }: { node: NodeOfKind<"schedule">; controls?: ReactNode }) {
  // Read again at every edit (`revision` moves), so the preview follows the design.
  const revision = useEditor((s) => s.revision);
  const design = useEditor((s) => s.design);
  const [now] = useState(() => Date.now());
  const preview = useMemo(() => {
    void revision;
    return previewSchedule(design(), node, now);
  }, [design, node, now, revision]);
  const window = preview.windowMinutes;
  const pre = "max-h-56 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950";
  return (
    <>
      <LabPanelHeader controls={controls}>
        <h2 className="font-semibold">Lab: schedule {scheduleNameOf(node)}</h2>
        <span className="font-mono text-xs text-slate-600 dark:text-slate-400">
          {node.expression} · {preview.timeZone}
          {window === undefined ? "" : ` · flexible window ${window} min`}
        </span>
      </LabPanelHeader>
      <div data-testid="schedule-lab" data-time-zone={preview.timeZone} className="grid gap-4 p-3 text-sm lg:grid-cols-2">
        <section aria-label="Next fire times">
          <h3 className="mb-1 font-medium">Next {preview.fires.length === 1 ? "fire" : `${preview.fires.length} fires`}</h3>
          {preview.problem !== undefined && (
            <p data-testid="schedule-lab-problem" className="text-red-700 dark:text-red-400">
              {preview.problem}
            </p>
          )}
          {preview.problem === undefined && preview.fires.length === 0 && <p className="text-slate-600 dark:text-slate-400">No fire time is left (a one-time schedule in the past, or past its end date).</p>}
          {preview.fires.length > 0 && (
            <table className="w-full text-left text-xs">
              <thead className="text-slate-500 dark:text-slate-400">
                <tr>
                  <th className="py-0.5 pr-2 font-medium">{preview.timeZone}</th>
                  <th className="py-0.5 pr-2 font-medium">UTC</th>
                  {window !== undefined && <th className="py-0.5 pr-2 font-medium">Fires by (UTC)</th>}
                </tr>
              </thead>
              <tbody className="font-mono">
                {preview.fires.map((fire, i) => (
                  <tr key={fire.scheduled} data-testid="schedule-lab-fire" data-utc={utcText(fire.scheduled)} data-offset-changed={fire.offsetChanged} className={fire.offsetChanged ? "bg-amber-50 dark:bg-amber-950/40" : undefined}>
                    <td className="py-0.5 pr-2">
                      {wallText(fire.scheduled, preview.timeZone)} <span className="text-slate-500">{offsetText(fire.utcOffsetMinutes)}</span>
                      {fire.offsetChanged && (
                        <span className="ml-1 font-sans text-amber-800 dark:text-amber-300" title="The zone's offset from UTC changed since the previous fire">
                          {i === 0 ? "clock change before this" : "clock change"}: {offsetText(i === 0 ? fire.utcOffsetMinutes : preview.fires[i - 1].utcOffsetMinutes)} → {offsetText(fire.utcOffsetMinutes)}
                        </span>
                      )}
                    </td>
                    <td className="py-0.5 pr-2">{utcText(fire.scheduled)}</td>
                    {window !== undefined && <td className="py-0.5 pr-2">{utcText(fire.scheduled + window * 60_000)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {(node.startDate !== undefined || node.endDate !== undefined) && (
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              Between {node.startDate ?? "now"} and {node.endDate ?? "no end date"}.
            </p>
          )}
        </section>
        <section aria-label="What the target receives" className="min-w-0 space-y-2">
          <h3 className="font-medium">What the target receives at the next fire</h3>
          {preview.target === undefined ? (
            <p className="text-slate-600 dark:text-slate-400">Connect a target (or set a universal target) to see what it receives.</p>
          ) : (
            <p className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">{preview.target.arn}</p>
          )}
          {preview.payload !== undefined && (
            <>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                Input, with <code>&lt;aws.scheduler.…&gt;</code> filled in (schedule ARN in account {preview.scheduleArn.split(":")[4]}, a sample execution id, attempt 1):
              </p>
              <pre data-testid="schedule-lab-payload" className={pre}>
                {preview.payload}
              </pre>
            </>
          )}
          {preview.event !== undefined && (
            <>
              <p className="text-xs text-slate-600 dark:text-slate-400">The event the bus receives (PutEvents, the input as its detail):</p>
              <pre data-testid="schedule-lab-event" className={pre}>
                {JSON.stringify(JSON.parse(preview.event), null, 2)}
              </pre>
            </>
          )}
        </section>
      </div>
    </>
  );
}
