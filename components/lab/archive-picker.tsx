"use client";

/**
 * Events the local bus stored (the Events page's explorer API, not one archive's selection):
 * filter by source or detail-type, then add the listed events (their stored bodies, exported as
 * JSON Lines).
 *
 * Test ids: lab-archive, lab-archive-source (input), lab-archive-load (button), lab-archive-add (button).
 */
import { useState } from "react";
import { exportEvents, listEvents, type EventFilters } from "@/components/events/api";
import type { EventSummary } from "@/lib/explorer/index";
import { parseEventSet, type LabEvent } from "@/lib/lab";

const NO_FILTER: EventFilters = { from: "", to: "", bus: "", source: "", detailType: "", text: "", pattern: "" };
const FIELD = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";
const BUTTON = "rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800";

export function ArchivePicker({ onAdd }: { onAdd: (events: LabEvent[]) => void }) {
  const [source, setSource] = useState("");
  const [detailType, setDetailType] = useState("");
  const [listed, setListed] = useState<EventSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => {
    setBusy(true);
    listEvents({ ...NO_FILTER, source, detailType })
      .then((page) => {
        setListed(page.events);
        setError(null);
      })
      .catch((e: unknown) => setError((e as Error).message))
      .finally(() => setBusy(false));
  };

  const add = () => {
    if (!listed || listed.length === 0) return;
    setBusy(true);
    exportEvents(listed.map((e) => e.id))
      .then((blob) => blob.text())
      .then((text) => {
        const parsed = parseEventSet(text, "archive", { idPrefix: `archive-${Date.now().toString(36)}` });
        onAdd(parsed.events);
        setError(parsed.problems[0] ? `line ${parsed.problems[0].line}: ${parsed.problems[0].message}` : null);
      })
      .catch((e: unknown) => setError((e as Error).message))
      .finally(() => setBusy(false));
  };

  return (
    <div data-testid="lab-archive" className="space-y-2 text-sm">
      <input aria-label="Archive source" data-testid="lab-archive-source" placeholder="source, e.g. my.app" className={FIELD} value={source} onChange={(e) => setSource(e.target.value)} />
      <input aria-label="Archive detail-type" placeholder="detail-type" className={FIELD} value={detailType} onChange={(e) => setDetailType(e.target.value)} />
      <div className="flex items-center gap-2">
        <button type="button" data-testid="lab-archive-load" className={BUTTON} disabled={busy} onClick={load}>
          Find stored events
        </button>
        <button type="button" data-testid="lab-archive-add" className={BUTTON} disabled={busy || !listed || listed.length === 0} onClick={add}>
          Add {listed?.length ?? 0} to the set
        </button>
      </div>
      {listed && listed.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">No stored events match. Events sent to the local bus appear here.</p>}
      {listed && listed.length > 0 && (
        <ul className="max-h-32 overflow-y-auto text-xs text-slate-600 dark:text-slate-300">
          {listed.map((e) => (
            <li key={e.id} className="truncate">
              {e.time} · {e.source} · {e.detailType}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
