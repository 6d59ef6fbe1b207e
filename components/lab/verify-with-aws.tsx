"use client";

/**
 * "Verify with AWS": sends the pattern and (the first 200) events to POST /api/lab/verify, which
 * runs AWS's TestEventPattern on each, and lists every disagreement with the local verdicts. The
 * button sits in a header; the result shows in the flow below it, covering nothing.
 *
 * Test ids: lab-verify (button), lab-verify-result, lab-verify-error, lab-verify-disagreement.
 */
import { useState } from "react";
import { requestJson } from "@/components/api-client";
import type { LabState } from "@/lib/lab";

const MAX_VERIFY_EVENTS = 200;

interface Disagreement {
  eventId: string;
  local: string;
  aws: string;
  awsMessage?: string;
}

interface Report {
  patternError: string | undefined;
  checked: number;
  agreements: number;
  disagreements: Disagreement[];
  errors: { eventId: string; message: string }[];
}

export interface Verification {
  readonly busy: boolean;
  readonly run: () => void;
  /** What to show under the caller's header: the report or the error, until dismissed. */
  readonly outcome: { readonly report: Report | null; readonly error: string | null } | null;
  readonly dismiss: () => void;
  readonly state: LabState;
}

/** Verify with AWS's state: the caller places the button in its header and the result below it. */
export function useVerifyWithAws(state: LabState): Verification {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  const run = () => {
    setBusy(true);
    setOpen(true);
    setError(null);
    setReport(null);
    const events = state.events.slice(0, MAX_VERIFY_EVENTS).map(({ id, name, text }) => ({ id, name, text }));
    requestJson<Report>("/api/lab/verify", { method: "POST", body: JSON.stringify({ pattern: state.pattern, events }) })
      .then(setReport)
      .catch((e: unknown) => setError((e as Error).message))
      .finally(() => setBusy(false));
  };
  const outcome = open && !busy && (error !== null || report !== null) ? { report, error } : null;
  return { busy, run, outcome, dismiss: () => setOpen(false), state };
}

export function VerifyButton({ verify }: { verify: Verification }) {
  const { state, busy, run } = verify;
  return (
    <button
      type="button"
      data-testid="lab-verify"
      disabled={busy || state.events.length === 0}
      onClick={run}
      title={state.events.length > MAX_VERIFY_EVENTS ? `Verifies the first ${MAX_VERIFY_EVENTS} events` : "Run AWS's TestEventPattern on every event"}
      className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700"
    >
      {busy ? "Verifying…" : "Verify with AWS"}
    </button>
  );
}

/** The report, in the flow of the page (it covers nothing), with a Close. */
export function VerifyResult({ verify, className = "" }: { verify: Verification; className?: string }) {
  const { outcome, state, dismiss } = verify;
  if (outcome === null) return null;
  const { report, error } = outcome;
  const nameOf = (id: string) => state.events.find((e) => e.id === id)?.name ?? id;
  return (
    <div data-testid="lab-verify-result" className={`space-y-1 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-800/60 ${className}`}>
      {error && (
        <p role="alert" data-testid="lab-verify-error" className="text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
      {report?.patternError && <p className="text-red-800 dark:text-red-300">AWS refused the pattern: {report.patternError}</p>}
      {report && !report.patternError && (
        <>
          <p>
            AWS checked {report.checked} event{report.checked === 1 ? "" : "s"}: {report.agreements} agree,{" "}
            <span className={report.disagreements.length > 0 ? "font-medium text-red-700 dark:text-red-400" : ""}>{report.disagreements.length} disagree</span>.
          </p>
          <ul className="max-h-48 overflow-y-auto text-xs">
            {report.disagreements.map((d) => (
              <li key={d.eventId} data-testid="lab-verify-disagreement">
                {nameOf(d.eventId)}: lab says {d.local}, AWS says {d.aws}
                {d.awsMessage ? ` (${d.awsMessage})` : ""}
              </li>
            ))}
            {report.errors.map((e) => (
              <li key={e.eventId} className="text-amber-800 dark:text-amber-300">
                {nameOf(e.eventId)}: {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={dismiss} className="text-xs text-slate-600 hover:underline dark:text-slate-400">
        Close
      </button>
    </div>
  );
}
