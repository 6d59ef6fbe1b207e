"use client";

/**
 * Browse a real archive: AWS gives only an archive's counts, so its events are captured (a
 * temporary queue and rule, a replay of the chosen window) into Switchyard's archive, after the
 * cost is shown and the user ticks consent. Live capture listens to a bus the same way for a
 * while. Progress is polled from the server's job; the result links to the Events page.
 */
import Link from "next/link";
import { useCallback, useId, useState } from "react";
import type { ArchiveSummary, CaptureEstimate, CaptureJobView, CaptureStart } from "./capture-api";
import { CAPTURE_PERMISSIONS } from "@/lib/capture/capture-permissions";
import { formatBytes } from "@/lib/format";
import { defaultWindow, fromLocalInput, jobSummary, progressFraction } from "./capture-format";
import { useArchiveList, useCaptureEstimate, useCaptureJob, type ArchiveList } from "./use-capture";

type Mode = "archive" | "live";

/** What an archive capture would take: the archive and a window of `datetime-local` values. */
interface ArchiveChoice {
  readonly archiveName: string;
  readonly from: string;
  readonly to: string;
}

/** What a live capture would listen to. */
interface LiveChoice {
  readonly bus: string;
  readonly pattern: string;
  readonly durationSeconds: number;
}

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

export function CapturePanel() {
  const [mode, setMode] = useState<Mode>("archive");
  // The window is filled in the browser once archives are listed: a default from the server's
  // clock and time zone would not match the browser's on hydration.
  const [archiveChoice, setArchiveChoice] = useState<ArchiveChoice>({ archiveName: "", from: "", to: "" });
  const [liveChoice, setLiveChoice] = useState<LiveChoice>({ bus: "default", pattern: "", durationSeconds: LIVE_DURATIONS[1].seconds });
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const estimate = useCaptureEstimate(setError);
  const capture = useCaptureJob(setError);
  const archives = useArchiveList(
    useCallback(
      (found: ArchiveSummary[]) =>
        setArchiveChoice((current) => ({
          ...(current.from || current.to ? current : defaultWindow()),
          archiveName: current.archiveName || found[0]?.name || "",
        })),
      [],
    ),
  );

  // Any change to what would be captured invalidates the estimate and the consent given for it.
  const changed = () => {
    estimate.clear();
    setConsent(false);
    setError(null);
  };
  const chooseMode = (next: Mode) => {
    setMode(next);
    changed();
  };
  const chooseArchive = (next: ArchiveChoice) => {
    setArchiveChoice(next);
    changed();
  };
  const chooseLive = (next: LiveChoice) => {
    setLiveChoice(next);
    changed();
  };

  const from = fromLocalInput(archiveChoice.from);
  const to = fromLocalInput(archiveChoice.to);
  const windowProblem = from === undefined || to === undefined ? "Choose both times." : from >= to ? "The start must be before the end." : null;

  const requestEstimate = () => {
    if (from === undefined || to === undefined || archiveChoice.archiveName === "") return;
    setError(null);
    void estimate.request(archiveChoice.archiveName, from, to);
  };

  const start = async () => {
    let request: CaptureStart;
    if (mode === "archive") {
      if (from === undefined || to === undefined || estimate.estimate === null) return;
      request = { kind: "archive", archiveName: archiveChoice.archiveName, busName: estimate.estimate.busName, from, to };
    } else {
      const pattern = liveChoice.pattern.trim();
      request = { kind: "live", busName: liveChoice.bus.trim(), durationSeconds: liveChoice.durationSeconds, ...(pattern ? { pattern } : {}) };
    }
    setError(null);
    if (await capture.start(request, consent)) setConsent(false);
  };

  const ready = mode === "archive" ? estimate.estimate !== null && windowProblem === null : liveChoice.bus.trim() !== "";

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

      <ModeChoice mode={mode} disabled={capture.running} onChange={chooseMode} />
      {mode === "archive" ? (
        <ArchiveFields
          list={archives}
          choice={archiveChoice}
          onChange={chooseArchive}
          windowProblem={windowProblem}
          estimate={estimate.estimate}
          estimating={estimate.estimating}
          onEstimate={requestEstimate}
          disabled={capture.running}
        />
      ) : (
        <LiveFields choice={liveChoice} onChange={chooseLive} disabled={capture.running} />
      )}
      <ConsentForm
        mode={mode}
        consent={consent}
        onConsent={setConsent}
        consentable={!capture.running && (mode === "live" || estimate.estimate !== null)}
        canStart={!capture.running && consent && ready}
        onStart={() => void start()}
        running={capture.running}
        onCancel={() => void capture.cancel()}
      />

      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {capture.job && <CaptureJobStatus job={capture.job} />}
    </section>
  );
}

function ModeChoice({ mode, disabled, onChange }: { mode: Mode; disabled: boolean; onChange: (mode: Mode) => void }) {
  return (
    <fieldset disabled={disabled} className="flex gap-4 text-sm">
      <legend className="sr-only">Capture kind</legend>
      <label className="flex items-center gap-2">
        <input type="radio" name="capture-mode" checked={mode === "archive"} onChange={() => onChange("archive")} />
        From an archive
      </label>
      <label className="flex items-center gap-2">
        <input type="radio" name="capture-mode" checked={mode === "live"} onChange={() => onChange("live")} />
        Live, from a bus
      </label>
    </fieldset>
  );
}

function ArchiveFields({
  list,
  choice,
  onChange,
  windowProblem,
  estimate,
  estimating,
  onEstimate,
  disabled,
}: {
  list: ArchiveList;
  choice: ArchiveChoice;
  onChange: (choice: ArchiveChoice) => void;
  windowProblem: string | null;
  estimate: CaptureEstimate | null;
  estimating: boolean;
  onEstimate: () => void;
  disabled: boolean;
}) {
  const ids = { from: useId(), to: useId() };
  return (
    <fieldset disabled={disabled} className="space-y-2 text-sm">
      <legend className="sr-only">Archive and time window</legend>
      <ArchivePicker list={list} archiveName={choice.archiveName} onChange={(archiveName) => onChange({ ...choice, archiveName })} />
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={ids.from}>From</label>
        <input id={ids.from} type="datetime-local" value={choice.from} onChange={(e) => onChange({ ...choice, from: e.target.value })} className={input} />
        <label htmlFor={ids.to}>to</label>
        <input id={ids.to} type="datetime-local" value={choice.to} onChange={(e) => onChange({ ...choice, to: e.target.value })} className={input} />
        <span className="text-slate-500 dark:text-slate-400">(event times, your time zone)</span>
      </div>
      {windowProblem && <p className="text-amber-800 dark:text-amber-300">{windowProblem}</p>}
      <button type="button" onClick={onEstimate} disabled={estimating || windowProblem !== null || choice.archiveName === ""} className={secondary}>
        {estimating ? "Estimating…" : "Estimate cost"}
      </button>
      {estimate && (
        <div data-testid="capture-estimate" className="space-y-1 rounded-md bg-slate-50 p-2 dark:bg-slate-800">
          <p>
            Archive {estimate.archiveName} on bus {estimate.busName}: {estimate.archiveEvents.toLocaleString("en-US")} events, {formatBytes(estimate.archiveBytes)} in all (AWS
            reports no counts per window, so the window has at most that many).
          </p>
          <p>{estimate.costText}</p>
        </div>
      )}
    </fieldset>
  );
}

/** The archive list as it stands: listing, failed (with a retry), empty, or a choice. */
function ArchivePicker({ list, archiveName, onChange }: { list: ArchiveList; archiveName: string; onChange: (archiveName: string) => void }) {
  const id = useId();
  if (list.error) {
    return (
      <div role="alert" className="text-red-700 dark:text-red-400">
        <p>Could not list the archives: {list.error}</p>
        <button type="button" onClick={list.reload} className={secondary}>
          Try again
        </button>{" "}
        {/not configured/i.test(list.error) && (
          <Link href="/settings" className="underline">
            Open Settings → AWS
          </Link>
        )}
      </div>
    );
  }
  if (list.archives === null) return <p>Listing archives…</p>;
  if (list.archives.length === 0) return <p>This account has no archives in the connected region.</p>;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id}>Archive</label>
      <select id={id} value={archiveName} onChange={(e) => onChange(e.target.value)} className={input}>
        {list.archives.map((a) => (
          <option key={a.name} value={a.name}>
            {a.name} — bus {a.busName}, {a.eventCount.toLocaleString("en-US")} events, {formatBytes(a.sizeBytes)}
            {a.state === "ENABLED" ? "" : ` (${a.state})`}
          </option>
        ))}
      </select>
    </div>
  );
}

function LiveFields({ choice, onChange, disabled }: { choice: LiveChoice; onChange: (choice: LiveChoice) => void; disabled: boolean }) {
  const ids = { bus: useId(), duration: useId(), pattern: useId() };
  return (
    <fieldset disabled={disabled} className="space-y-2 text-sm">
      <legend className="sr-only">Bus to listen to</legend>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={ids.bus}>Bus</label>
        <input id={ids.bus} value={choice.bus} onChange={(e) => onChange({ ...choice, bus: e.target.value })} className={input} />
        <label htmlFor={ids.duration}>for</label>
        <select id={ids.duration} value={choice.durationSeconds} onChange={(e) => onChange({ ...choice, durationSeconds: Number(e.target.value) })} className={input}>
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
        value={choice.pattern}
        onChange={(e) => onChange({ ...choice, pattern: e.target.value })}
        rows={3}
        spellCheck={false}
        placeholder='{"source": ["my.app"]}'
        className={`${input} w-full font-mono`}
      />
      <p data-testid="capture-estimate" className="rounded-md bg-slate-50 p-2 dark:bg-slate-800">
        {LIVE_COST}
      </p>
    </fieldset>
  );
}

/** The consent box, and the button that starts the capture (or cancels the running one). */
function ConsentForm({
  mode,
  consent,
  onConsent,
  consentable,
  canStart,
  onStart,
  running,
  onCancel,
}: {
  mode: Mode;
  consent: boolean;
  onConsent: (consent: boolean) => void;
  consentable: boolean;
  canStart: boolean;
  onStart: () => void;
  running: boolean;
  onCancel: () => void;
}) {
  const id = useId();
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (canStart) onStart();
      }}
    >
      <label htmlFor={id} className="flex items-start gap-2 text-sm">
        <input id={id} type="checkbox" checked={consent} disabled={!consentable} onChange={(e) => onConsent(e.target.checked)} className="mt-0.5" />
        <span>
          I understand this creates a temporary rule and SQS queue in the AWS account{mode === "archive" ? ", starts a replay" : ""} and is billed to the account as stated above.
        </span>
      </label>
      <div className="flex items-center gap-2">
        <button type="submit" disabled={!canStart} className={primary}>
          {mode === "archive" ? "Capture" : "Start listening"}
        </button>
        {running && (
          <button type="button" onClick={onCancel} className={secondary}>
            Cancel capture
          </button>
        )}
      </div>
    </form>
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
