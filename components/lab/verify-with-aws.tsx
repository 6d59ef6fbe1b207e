"use client";

/**
 * "Verify with AWS": sends the pattern and (the first 200) events to POST /api/lab/verify, which
 * runs AWS's TestEventPattern on each, and lists every disagreement with the local verdicts.
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

export function VerifyWithAws({ state }: { state: LabState }) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  const verify = () => {
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
  const nameOf = (id: string) => state.events.find((e) => e.id === id)?.name ?? id;

  return (
    <div className="relative inline-flex">
      <button
        type="button"
        data-testid="lab-verify"
        disabled={busy || state.events.length === 0}
        onClick={verify}
        title={state.events.length > MAX_VERIFY_EVENTS ? `Verifies the first ${MAX_VERIFY_EVENTS} events` : "Run AWS's TestEventPattern on every event"}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700"
      >
        {busy ? "Verifying…" : "Verify with AWS"}
      </button>
      {open && !busy && (error || report) && (
        <div data-testid="lab-verify-result" className="absolute right-0 top-full z-20 mt-1 w-[28rem] space-y-1 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
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
          <button type="button" onClick={() => setOpen(false)} className="text-xs text-slate-500 hover:underline dark:text-slate-400">
            Close
          </button>
        </div>
      )}
    </div>
  );
}
