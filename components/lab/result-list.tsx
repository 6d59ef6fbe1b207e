"use client";

/**
 * The verdict of every event, windowed so thousands of rows stay smooth: match / no match (with
 * the first failing field), the expectation toggle, and filters.
 *
 * Test ids: lab-results, lab-filter (select: all | failures | broken), lab-result-row (data-event-id,
 * data-verdict = match | no-match | invalid | pending, data-broken), lab-expect (select per row),
 * lab-broken-count.
 */
import { useMemo, useState } from "react";
import { VirtualRows } from "@/components/events/virtual-rows";
import type { LabEvent } from "@/lib/lab";
import { breaksExpectation, type Expect, type ExpectationMap } from "./expectations";
import type { Verdict } from "./worker-protocol";

type Filter = "all" | "failures" | "broken";

const ROW_HEIGHT = 44;

export interface ResultListProps {
  events: readonly LabEvent[];
  verdicts: readonly Verdict[] | null;
  expectations: ExpectationMap;
  onExpect: (eventId: string, expect: Expect | undefined) => void;
  selectedId: string | null;
  onSelect: (eventId: string) => void;
  onRemove?: (eventId: string) => void;
  height?: number;
  /** "filter": a stream source's records pass or are filtered out (default "rule": match or not). */
  wording?: "rule" | "filter";
}

const WORDS = {
  rule: { match: "match", "no-match": "no match", expectMatch: "should match", expectNoMatch: "should not match" },
  filter: { match: "passes", "no-match": "filtered out", expectMatch: "should pass", expectNoMatch: "should be filtered out" },
} as const;

interface Row {
  event: LabEvent;
  verdict: Verdict | undefined;
  broken: boolean;
}

function verdictName(verdict: Verdict | undefined): string {
  if (!verdict) return "pending";
  if (verdict.error !== undefined) return "invalid";
  return verdict.matched ? "match" : "no-match";
}

export function ResultList({ events, verdicts, expectations, onExpect, selectedId, onSelect, onRemove, height = 420, wording = "rule" }: ResultListProps) {
  const [filter, setFilter] = useState<Filter>("all");
  const rows = useMemo<Row[]>(
    () =>
      events.map((event, i) => {
        const verdict = verdicts?.[i];
        return { event, verdict, broken: breaksExpectation(expectations[event.id], verdict) };
      }),
    [events, verdicts, expectations],
  );
  const brokenCount = rows.reduce((n, r) => (r.broken ? n + 1 : n), 0);
  const shown = useMemo(
    () => (filter === "all" ? rows : filter === "broken" ? rows.filter((r) => r.broken) : rows.filter((r) => r.verdict !== undefined && !r.verdict.matched)),
    [rows, filter],
  );

  return (
    <section aria-label="Results" data-testid="lab-results" className="flex flex-col gap-2">
      <div className="flex items-center gap-3 text-sm">
        <label className="flex items-center gap-1">
          <span className="text-slate-600 dark:text-slate-300">Show</span>
          <select
            aria-label="Filter results"
            data-testid="lab-filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value as Filter)}
            className="rounded-md border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
          >
            <option value="all">all events</option>
            <option value="failures">failures only</option>
            <option value="broken">broken expectations only</option>
          </select>
        </label>
        <span data-testid="lab-broken-count" className={brokenCount > 0 ? "font-medium text-red-700 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}>
          {brokenCount} broken expectation{brokenCount === 1 ? "" : "s"}
        </span>
        <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">{shown.length} shown</span>
      </div>
      {shown.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {events.length === 0 ? "No events yet: paste some, or pick a catalogue group." : "No event fits this filter."}
        </p>
      ) : (
        <div role="grid" aria-label="Verdicts" aria-rowcount={shown.length} className="rounded-md border border-slate-200 dark:border-slate-700">
          <VirtualRows
            items={shown}
            rowHeight={ROW_HEIGHT}
            height={Math.min(height, shown.length * ROW_HEIGHT + 2)}
            label="Event verdicts"
            renderRow={(row, index) => (
              <ResultRow index={index} words={WORDS[wording]} row={row} selected={row.event.id === selectedId} expect={expectations[row.event.id]} onSelect={onSelect} onExpect={onExpect} onRemove={onRemove} />
            )}
          />
        </div>
      )}
    </section>
  );
}

const BADGE: Record<string, string> = {
  match: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200",
  "no-match": "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200",
  invalid: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  pending: "bg-slate-100 text-slate-400 dark:bg-slate-800",
};

function ResultRow({
  index,
  words,
  row,
  selected,
  expect,
  onSelect,
  onExpect,
  onRemove,
}: {
  index: number;
  words: (typeof WORDS)[keyof typeof WORDS];
  row: Row;
  selected: boolean;
  expect: Expect | undefined;
  onSelect: (id: string) => void;
  onExpect: (id: string, expect: Expect | undefined) => void;
  onRemove?: (id: string) => void;
}) {
  const verdict = verdictName(row.verdict);
  const note = row.verdict?.error ?? row.verdict?.reason;
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      data-testid="lab-result-row"
      data-event-id={row.event.id}
      data-verdict={verdict}
      data-broken={row.broken}
      onClick={() => onSelect(row.event.id)}
      className={`flex h-full cursor-pointer items-center gap-2 border-b border-slate-100 px-2 text-sm dark:border-slate-800 ${
        selected ? "bg-indigo-50 dark:bg-indigo-950" : "hover:bg-slate-50 dark:hover:bg-slate-800/60"
      } ${row.broken ? "border-l-4 border-l-red-500" : ""}`}
    >
      <span role="gridcell" className={`w-24 shrink-0 rounded px-1.5 py-0.5 text-center text-xs font-medium ${BADGE[verdict]}`}>
        {verdict === "match" || verdict === "no-match" ? words[verdict] : verdict}
      </span>
      <span role="gridcell" className="min-w-0 flex-1">
        {/* The name is the row's button: keyboard users select the event with it (Explain, Builder, Target input). */}
        <button type="button" aria-pressed={selected} onClick={() => onSelect(row.event.id)} title={note ? `${row.event.name}: ${note}` : row.event.name} className="block w-full min-w-0 text-left">
          <span className="block truncate">{row.event.name}</span>
          {note && <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{note}</span>}
        </button>
      </span>
      <span role="gridcell" className="shrink-0">
        <select
          aria-label={`Expectation for ${row.event.name}`}
          data-testid="lab-expect"
          value={expect ?? ""}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => onExpect(row.event.id, e.target.value === "" ? undefined : (e.target.value as Expect))}
          className={`shrink-0 rounded border px-1 py-0.5 text-xs dark:bg-slate-800 ${row.broken ? "border-red-500 text-red-700 dark:text-red-300" : "border-slate-300 dark:border-slate-600"}`}
        >
          <option value="">no expectation</option>
          <option value="match">{words.expectMatch}</option>
          <option value="no-match">{words.expectNoMatch}</option>
        </select>
      </span>
      {onRemove && (
        <span role="gridcell" className="shrink-0">
          <button
            type="button"
            aria-label={`Remove ${row.event.name}`}
            onClick={(e) => {
              e.stopPropagation();
              onRemove(row.event.id);
            }}
            className="rounded px-1 text-slate-500 hover:bg-red-50 hover:text-red-700 dark:text-slate-400 dark:hover:bg-red-950 dark:hover:text-red-300"
          >
            ×
          </button>
        </span>
      )}
    </div>
  );
}
