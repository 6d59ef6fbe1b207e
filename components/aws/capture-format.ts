/**
 * Pure helpers of the capture panel: the default window, `datetime-local` values, the progress
 * fraction and the one-line summaries of a job.
 */
import type { CaptureJobView } from "@/lib/capture/capture-jobs";

/** `datetime-local` value (local time, minutes) of a date. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO time of a `datetime-local` value, or undefined when it is empty or not a time. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * The last 24 hours, ending 10 minutes ago: AWS advises waiting 10 minutes before replaying,
 * as events can reach the archive late.
 */
export function defaultWindow(now = new Date()): { from: string; to: string } {
  const to = new Date(now.getTime() - 10 * 60_000);
  return { from: toLocalInput(new Date(to.getTime() - 24 * 60 * 60_000)), to: toLocalInput(to) };
}

/** 0–1 when the work has a known bound (an archive's event count), else undefined (indeterminate). */
export function progressFraction(job: CaptureJobView): number | undefined {
  if (job.status !== "running") return 1;
  const p = job.progress;
  if (p === undefined || p.expectedMax === undefined || p.expectedMax === 0) return undefined;
  return Math.min(1, (p.stored + p.duplicates + p.unreadable) / p.expectedMax);
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** What the job has done so far, or how it ended. */
export function jobSummary(job: CaptureJobView): string {
  if (job.status === "failed") return `Capture failed: ${job.error?.message ?? "unknown error"}`;
  const r = job.result;
  if (r !== undefined) {
    const head = job.status === "cancelled" ? "Cancelled after storing" : "Stored";
    const extra = [r.duplicates > 0 ? `${count(r.duplicates, "event was", "events were")} already stored` : "", r.unreadable > 0 ? `${count(r.unreadable, "message was", "messages were")} not an event` : ""]
      .filter((s) => s !== "")
      .join("; ");
    return `${head} ${count(r.stored, "event", "events")} in Switchyard's archive${extra ? ` (${extra})` : ""}.`;
  }
  const p = job.progress;
  if (p === undefined) return "Starting…";
  const of = p.expectedMax === undefined ? "" : ` of at most ${p.expectedMax.toLocaleString("en-US")}`;
  return `${p.message} — ${count(p.stored, "event", "events")} stored${of}`;
}
