"use client";

/**
 * Browse a real archive: AWS gives only an archive's counts, so its events are captured (a
 * temporary queue and rule, a replay of the chosen window) into Switchyard's archive, after the
 * cost is shown and the user ticks consent. Live capture listens to a bus the same way for a
 * while. Progress is polled from the server's job; the result links to the Events page.
 */
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import {
  cancelCaptureJob,
  estimateCapture,
  getCaptureJob,
  listArchives,
  startCapture,
  type ArchiveSummary,
  type CaptureEstimate,
  type CaptureJobView,
  type CaptureStart,
} from "./capture-api";
import { CAPTURE_PERMISSIONS } from "@/lib/capture/capture-permissions";
import { defaultWindow, fromLocalInput, jobSummary, progressFraction } from "./capture-format";

type Mode = "archive" | "live";

const POLL_MS = 1000;
const LIVE_DURATIONS = [
  { seconds: 60, label: "1 minute" },
  { seconds: 300, label: "5 minutes" },
  { seconds: 900, label: "15 minutes" },
  { seconds: 3600, label: "1 hour" },
];
const input =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800";
const primary = "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50";
const secondary = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";

const LIVE_COST =
  "A live capture adds a rule and an SQS queue to the account for the chosen time. EventBridge does not charge for delivering to a queue of the same account; " +
  "SQS charges about $0.40 per million requests (a send per event, a receive and a delete per 10, plus a poll every few seconds while the bus is quiet). " +
  "US East (N. Virginia) list prices assumed; see aws.amazon.com/sqs/pricing for your region.";

function formatBytes(bytes: number): string {
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

export function CapturePanel() {
  const ids = { archive: useId(), from: useId(), to: useId(), bus: useId(), pattern: useId(), duration: useId(), consent: useId() };
  const [mode, setMode] = useState<Mode>("archive");
  const [archives, setArchives] = useState<ArchiveSummary[] | null>(null);
  const [archivesError, setArchivesError] = useState<string | null>(null);
  const [archiveName, setArchiveName] = useState("");
  // Filled in the browser once archives are listed: a default from the server's clock and time
  // zone would not match the browser's on hydration.
  const [timeWindow, setTimeWindow] = useState({ from: "", to: "" });
  const [bus, setBus] = useState("default");
  const [pattern, setPattern] = useState("");
  const [duration, setDuration] = useState(LIVE_DURATIONS[1].seconds);
  const [estimate, setEstimate] = useState<CaptureEstimate | null>(null);
  const [estimating, setEstimating] = useState(false);
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<CaptureJobView | null>(null);
  const [archivesLoad, setArchivesLoad] = useState(0);

  useEffect(() => {
    let live = true;
    listArchives()
      .then(({ archives: found }) => {
        if (!live) return;
        setArchives(found);
        setArchiveName((current) => current || found[0]?.name || "");
        setTimeWindow((current) => (current.from || current.to ? current : defaultWindow()));
      })
      .catch((e: unknown) => live && setArchivesError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [archivesLoad]);

  const reloadArchives = () => {
    setArchivesError(null);
    setArchives(null);
    setArchivesLoad((n) => n + 1);
  };

  // While the job runs, its state is polled from the server.
  const jobId = job?.id;
  const jobRunning = job?.status === "running";
  useEffect(() => {
    if (jobId === undefined || !jobRunning) return;
    let live = true;
    const timer = setInterval(() => {
      getCaptureJob(jobId)
        .then(({ job: latest }) => live && setJob(latest))
        .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [jobId, jobRunning]);

  // Any change to what would be captured invalidates the estimate and the consent given for it.
  const changed = () => {
    setEstimate(null);
    setConsent(false);
    setError(null);
  };

  const from = fromLocalInput(timeWindow.from);
  const to = fromLocalInput(timeWindow.to);
  const running = job?.status === "running";
  const windowProblem = from === undefined || to === undefined ? "Choose both times." : from >= to ? "The start must be before the end." : null;

  const requestEstimate = async () => {
    if (from === undefined || to === undefined || archiveName === "") return;
    setEstimating(true);
    setError(null);
    try {
      setEstimate(await estimateCapture(archiveName, from, to));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setEstimating(false);
    }
  };

  const start = async () => {
    let request: CaptureStart;
    if (mode === "archive") {
      if (from === undefined || to === undefined || estimate === null) return;
      request = { kind: "archive", archiveName, busName: estimate.busName, from, to };
    } else {
      request = { kind: "live", busName: bus.trim(), durationSeconds: duration, ...(pattern.trim() ? { pattern: pattern.trim() } : {}) };
    }
    setError(null);
    try {
      const { job: started } = await startCapture(request, consent);
      setJob(started);
      setConsent(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      setJob((await cancelCaptureJob(job.id)).job);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const canStart = !running && consent && (mode === "archive" ? estimate !== null && windowProblem === null : bus.trim() !== "");

  return (
    <section aria-labelledby="aws-capture-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="aws-capture-title" className="text-lg font-semibold">
        Capture events into Switchyard
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        AWS shows an archive&apos;s counts, never its events. A capture replays a time window of the archive to a temporary rule and SQS queue, stores the events in
        Switchyard&apos;s archive (the Events page), then removes the rule and the queue. Your other rules do not receive the replay.
      </p>
      <details className="text-sm text-slate-600 dark:text-slate-400">
        <summary className="cursor-pointer">IAM permissions a capture needs</summary>
        <p className="mt-1 font-mono text-xs">{CAPTURE_PERMISSIONS.join(", ")}</p>
      </details>

      <fieldset disabled={running} className="flex gap-4 text-sm">
        <legend className="sr-only">Capture kind</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="capture-mode"
            checked={mode === "archive"}
            onChange={() => {
              setMode("archive");
              changed();
            }}
          />
          From an archive
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="capture-mode"
            checked={mode === "live"}
            onChange={() => {
              setMode("live");
              changed();
            }}
          />
          Live, from a bus
        </label>
      </fieldset>

      {mode === "archive" ? (
        <fieldset disabled={running} className="space-y-2 text-sm">
          <legend className="sr-only">Archive and time window</legend>
          {archivesError ? (
            <div role="alert" className="text-red-700 dark:text-red-400">
              <p>Could not list the archives: {archivesError}</p>
              <button type="button" onClick={reloadArchives} className={secondary}>
                Try again
              </button>{" "}
              {/not configured/i.test(archivesError) && (
                <Link href="/settings" className="underline">
                  Open Settings → AWS
                </Link>
              )}
            </div>
          ) : archives === null ? (
            <p>Listing archives…</p>
          ) : archives.length === 0 ? (
            <p>This account has no archives in the connected region.</p>
          ) : (
            <div className="flex flex-wrap items-center gap-2">
              <label htmlFor={ids.archive}>Archive</label>
              <select
                id={ids.archive}
                value={archiveName}
                onChange={(e) => {
                  setArchiveName(e.target.value);
                  changed();
                }}
                className={input}
              >
                {archives.map((a) => (
                  <option key={a.name} value={a.name}>
                    {a.name} — bus {a.busName}, {a.eventCount.toLocaleString("en-US")} events, {formatBytes(a.sizeBytes)}
                    {a.state === "ENABLED" ? "" : ` (${a.state})`}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor={ids.from}>From</label>
            <input
              id={ids.from}
              type="datetime-local"
              value={timeWindow.from}
              onChange={(e) => {
                setTimeWindow({ ...timeWindow, from: e.target.value });
                changed();
              }}
              className={input}
            />
            <label htmlFor={ids.to}>to</label>
            <input
              id={ids.to}
              type="datetime-local"
              value={timeWindow.to}
              onChange={(e) => {
                setTimeWindow({ ...timeWindow, to: e.target.value });
                changed();
              }}
              className={input}
            />
            <span className="text-slate-500 dark:text-slate-400">(event times, your time zone)</span>
          </div>
          {windowProblem && <p className="text-amber-800 dark:text-amber-300">{windowProblem}</p>}
          <button type="button" onClick={() => void requestEstimate()} disabled={estimating || windowProblem !== null || archiveName === ""} className={secondary}>
            {estimating ? "Estimating…" : "Estimate cost"}
          </button>
          {estimate && (
            <div data-testid="capture-estimate" className="space-y-1 rounded-md bg-slate-50 p-2 dark:bg-slate-800">
              <p>
                Archive {estimate.archiveName} on bus {estimate.busName}: {estimate.archiveEvents.toLocaleString("en-US")} events, {formatBytes(estimate.archiveBytes)} in all
                (AWS reports no counts per window, so the window has at most that many).
              </p>
              <p>{estimate.costText}</p>
            </div>
          )}
        </fieldset>
      ) : (
        <fieldset disabled={running} className="space-y-2 text-sm">
          <legend className="sr-only">Bus to listen to</legend>
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor={ids.bus}>Bus</label>
            <input
              id={ids.bus}
              value={bus}
              onChange={(e) => {
                setBus(e.target.value);
                changed();
              }}
              className={input}
            />
            <label htmlFor={ids.duration}>for</label>
            <select
              id={ids.duration}
              value={duration}
              onChange={(e) => {
                setDuration(Number(e.target.value));
                changed();
              }}
              className={input}
            >
              {LIVE_DURATIONS.map((d) => (
                <option key={d.seconds} value={d.seconds}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
          <label htmlFor={ids.pattern} className="block">
            Event pattern (optional; empty captures every event)
          </label>
          <textarea
            id={ids.pattern}
            value={pattern}
            onChange={(e) => {
              setPattern(e.target.value);
              changed();
            }}
            rows={3}
            spellCheck={false}
            placeholder='{"source": ["my.app"]}'
            className={`${input} w-full font-mono`}
          />
          <p data-testid="capture-estimate" className="rounded-md bg-slate-50 p-2 dark:bg-slate-800">
            {LIVE_COST}
          </p>
        </fieldset>
      )}

      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (canStart) void start();
        }}
      >
        <label htmlFor={ids.consent} className="flex items-start gap-2 text-sm">
          <input
            id={ids.consent}
            type="checkbox"
            checked={consent}
            disabled={running || (mode === "archive" && estimate === null)}
            onChange={(e) => setConsent(e.target.checked)}
            className="mt-0.5"
          />
          <span>
            I understand this creates a temporary rule and SQS queue in the AWS account{mode === "archive" ? ", starts a replay" : ""} and is billed to the account as stated
            above.
          </span>
        </label>
        <div className="flex items-center gap-2">
          <button type="submit" disabled={!canStart} className={primary}>
            {mode === "archive" ? "Capture" : "Start listening"}
          </button>
          {running && (
            <button type="button" onClick={() => void cancel()} className={secondary}>
              Cancel capture
            </button>
          )}
        </div>
      </form>

      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {job && <CaptureJobStatus job={job} />}
    </section>
  );
}

function CaptureJobStatus({ job }: { job: CaptureJobView }) {
  const fraction = progressFraction(job);
  const cleanupFailed = job.result?.cleanup.failed ?? job.cleanup?.failed ?? [];
  return (
    <div role="status" data-testid="capture-status" className="space-y-1 text-sm">
      <p className="font-medium">Capture of {job.title}</p>
      {job.status === "running" &&
        (fraction === undefined ? (
          <progress aria-label="Capture progress" className="h-2 w-full" />
        ) : (
          <progress aria-label="Capture progress" value={fraction} max={1} className="h-2 w-full" />
        ))}
      <p className={job.status === "failed" ? "text-red-700 dark:text-red-400" : job.status === "running" ? "" : "text-emerald-700 dark:text-emerald-400"}>{jobSummary(job)}</p>
      {job.status !== "running" && job.status !== "failed" && (
        <Link href="/events" className="text-indigo-700 underline dark:text-indigo-300">
          Open the Events page
        </Link>
      )}
      {cleanupFailed.length > 0 && (
        <div className="text-amber-800 dark:text-amber-300">
          <p>These could not be removed from the account; delete them by hand:</p>
          <ul className="list-disc pl-5">
            {cleanupFailed.map((f) => (
              <li key={f.resource}>
                {f.resource}: {f.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
