"use client";

/**
 * The Events page: filters, a windowed table of stored events (pages load as you scroll), a
 * detail drawer, and actions on a selection (replay with progress, export as JSON Lines).
 */
import { useEffect, useRef, useState } from "react";
import { newBusNameOf } from "@/lib/arn";
import type { EventSummary } from "@/lib/explorer/index";
import { validatePattern } from "@/lib/pattern";
import { exportEvents, listEvents, replayEvents, type EventFilters } from "./api";
import { EventDrawer } from "./event-drawer";
import { VirtualRows } from "./virtual-rows";

const EMPTY: EventFilters = { from: "", to: "", bus: "", source: "", detailType: "", text: "", pattern: "" };
const ROW_HEIGHT = 36;
const REPLAY_CHUNK = 50;
const COLUMNS = "grid grid-cols-[2rem_12rem_1fr_1fr_1fr_5rem] items-center gap-2 px-2";

const tailQuery = (filters: EventFilters) =>
  new URLSearchParams({ bus: filters.bus, source: filters.source, detailType: filters.detailType }).toString();

/**
 * A bus's name: a Custom Event Bus (`…:event-busv2/<name>/<id>`) is said so; a Scheduler fire is
 * recorded on its schedule group, shown as `schedule-group/<name>`.
 */
function busName(arn: string): string {
  const newBus = newBusNameOf(arn);
  if (newBus !== undefined) return `${newBus} (Custom Event Bus)`;
  const bus = arn.indexOf(":event-bus/");
  return bus >= 0 ? arn.slice(bus + ":event-bus/".length) : arn.slice(arn.lastIndexOf(":") + 1);
}

interface Listing {
  events: EventSummary[];
  nextCursor: string | undefined;
  buses: string[];
}

const NO_EVENTS: Listing = { events: [], nextCursor: undefined, buses: [] };

/** `initial`: filters from the page's address (`/events?text=<event id>` from "See it in Events"). */
export function EventsExplorer({ initial = {} }: { initial?: Partial<EventFilters> }) {
  const [draft, setDraft] = useState<EventFilters>(() => ({ ...EMPTY, ...initial }));
  const [applied, setApplied] = useState<EventFilters>(() => ({ ...EMPTY, ...initial }));
  const [result, setResult] = useState<{ filters: EventFilters; listing: Listing } | null>(null);
  const [failure, setFailure] = useState<{ filters: EventFilters; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const loadingMore = useRef(false);
  const [tailing, setTailing] = useState(false);
  // The tail cannot apply text, pattern or an end time on the server, so it is offered without them.
  const tailPossible = applied.text === "" && applied.pattern === "" && applied.to === "";
  const tailOn = tailing && tailPossible;

  const patternCheck = draft.pattern.trim() === "" ? null : validatePattern(draft.pattern);
  const patternProblem = patternCheck !== null && !patternCheck.valid ? patternCheck.problems[0].message : null;

  // Each new `applied` object (a new filter, or a refresh after a replay) loads the first page.
  useEffect(() => {
    let live = true;
    listEvents(applied)
      .then((page) => live && setResult({ filters: applied, listing: { events: page.events, nextCursor: page.nextCursor, buses: page.buses } }))
      .catch((e: unknown) => live && setFailure({ filters: applied, message: (e as Error).message }));
    return () => {
      live = false;
    };
  }, [applied]);

  useEffect(() => {
    if (!tailOn) return;
    const source = new EventSource(`/api/events/stream?${tailQuery(applied)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as EventSummary;
      setResult((current) =>
        current === null || current.filters !== applied || current.listing.events.some((e) => e.id === event.id)
          ? current
          : { ...current, listing: { ...current.listing, events: [event, ...current.listing.events] } },
      );
    };
    return () => source.close();
  }, [tailOn, applied]);

  const listing = result?.listing ?? NO_EVENTS;
  const loading = result?.filters !== applied && failure?.filters !== applied;
  const loadError = failure?.filters === applied ? failure.message : null;

  const loadMore = () => {
    if (listing.nextCursor === undefined || loadingMore.current) return;
    loadingMore.current = true;
    listEvents(applied, listing.nextCursor)
      .then((page) =>
        setResult((current) =>
          current === null
            ? current
            : { ...current, listing: { ...current.listing, events: [...current.listing.events, ...page.events], nextCursor: page.nextCursor } },
        ),
      )
      .catch((e: unknown) => setError((e as Error).message))
      .finally(() => (loadingMore.current = false));
  };

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const replay = async () => {
    const ids = [...selected];
    const replayName = `explorer-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    setProgress({ done: 0, total: ids.length });
    setNotice(null);
    try {
      for (let i = 0; i < ids.length; i += REPLAY_CHUNK) {
        await replayEvents(ids.slice(i, i + REPLAY_CHUNK), replayName);
        setProgress({ done: Math.min(i + REPLAY_CHUNK, ids.length), total: ids.length });
      }
      // The selection stays: the same events can be replayed again or exported.
      setNotice(`Replayed ${ids.length} event${ids.length === 1 ? "" : "s"} as ${replayName}.`);
      setApplied({ ...applied });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  };

  const download = async () => {
    try {
      const blob = await exportEvents([...selected]);
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = "events.jsonl";
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const loadedIds = listing.events.map((e) => e.id);
  const allSelected = loadedIds.length > 0 && loadedIds.every((id) => selected.has(id));
  const selectAll = (on: boolean) => setSelected(on ? new Set(loadedIds) : new Set());
  const nothingSelected = "Select events with the boxes in the table first";

  const field = (key: keyof EventFilters, label: string, type = "text") => (
    <label className="flex flex-col text-xs text-slate-600 dark:text-slate-400">
      {label}
      <input
        type={type}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        className="mt-0.5 rounded border border-slate-300 px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:text-slate-100"
      />
    </label>
  );

  return (
    <section>
      <h1 className="text-2xl font-semibold">Events</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Every event the local EventBridge accepted, newest first. Point an AWS SDK or the AWS CLI at this app&apos;s address to send some.
      </p>

      <form
        className="mt-4 grid grid-cols-2 gap-3 rounded border border-slate-200 bg-white p-3 md:grid-cols-4 dark:border-slate-700 dark:bg-slate-900"
        onSubmit={(e) => {
          e.preventDefault();
          if (patternProblem === null) {
            setSelected(new Set());
            setApplied({ ...draft });
          }
        }}
      >
        {field("from", "From", "datetime-local")}
        {field("to", "To", "datetime-local")}
        <label className="flex flex-col text-xs text-slate-600 dark:text-slate-400">
          Bus
          <select
            value={draft.bus}
            onChange={(e) => setDraft({ ...draft, bus: e.target.value })}
            className="mt-0.5 rounded border border-slate-300 px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:text-slate-100"
          >
            <option value="">All buses</option>
            {listing.buses.map((arn) => (
              <option key={arn} value={arn}>
                {busName(arn)} ({arn.split(":")[4]})
              </option>
            ))}
          </select>
        </label>
        {field("source", "Source")}
        {field("detailType", "Detail type")}
        {field("text", "Text")}
        <label className="col-span-2 flex flex-col text-xs text-slate-600 dark:text-slate-400">
          Event pattern
          <textarea
            value={draft.pattern}
            onChange={(e) => setDraft({ ...draft, pattern: e.target.value })}
            rows={2}
            spellCheck={false}
            placeholder='{"source": ["my.app"]}'
            aria-invalid={patternProblem !== null}
            className="mt-0.5 rounded border border-slate-300 px-2 py-1 font-mono text-sm text-slate-900 dark:border-slate-600 dark:text-slate-100"
          />
          {patternProblem !== null && <span className="mt-0.5 text-red-700 dark:text-red-300">{patternProblem}</span>}
        </label>
        <div className="col-span-2 flex items-end gap-2 md:col-span-4">
          <button type="submit" disabled={patternProblem !== null} className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50 dark:bg-slate-700">
            Apply filters
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setApplied({ ...EMPTY });
            }}
            className="rounded px-3 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            Clear
          </button>
        </div>
      </form>

      <div className="mt-3 flex items-center gap-3 text-sm">
        <span data-testid="event-count">
          {listing.events.length} event{listing.events.length === 1 ? "" : "s"}
          {listing.nextCursor !== undefined ? " loaded (more as you scroll)" : ""}
        </span>
        <span className="text-slate-600 dark:text-slate-400">{selected.size} selected</span>
        <button
          type="button"
          disabled={selected.size === 0 || progress !== null}
          onClick={() => void replay()}
          title={selected.size === 0 ? nothingSelected : "Send the selected events to their bus again, marked as a replay"}
          aria-describedby={selected.size === 0 ? "events-selection-hint" : undefined}
          className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50 dark:border-slate-600"
        >
          Replay selected
        </button>
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() => void download()}
          title={selected.size === 0 ? nothingSelected : "Download the selected events, one JSON object a line"}
          aria-describedby={selected.size === 0 ? "events-selection-hint" : undefined}
          className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50 dark:border-slate-600"
        >
          Export JSON Lines
        </button>
        {selected.size === 0 && listing.events.length > 0 && (
          <span id="events-selection-hint" className="text-slate-600 dark:text-slate-400">
            {nothingSelected} to replay or export them.
          </span>
        )}
        <label className="flex items-center gap-1" title={tailPossible ? "Show new events as they arrive" : "Live tail follows the bus, source, detail-type and start-time filters only"}>
          <input type="checkbox" checked={tailOn} disabled={!tailPossible} onChange={(e) => setTailing(e.target.checked)} />
          Live tail
        </label>
        {progress !== null && (
          <progress aria-label="Replay progress" value={progress.done} max={progress.total} className="w-40" />
        )}
      </div>
      {notice !== null && <p role="status" className="mt-2 text-sm text-emerald-800 dark:text-emerald-200">{notice}</p>}
      {(error ?? loadError) !== null && <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">{error ?? loadError}</p>}

      <div role="table" aria-label="Stored events" className="mt-3 rounded border border-slate-200 bg-white text-sm dark:border-slate-700 dark:bg-slate-900">
        <div role="row" className={`${COLUMNS} h-9 border-b border-slate-200 font-medium text-slate-600 dark:border-slate-700 dark:text-slate-400`}>
          <span role="columnheader">
            <input
              type="checkbox"
              aria-label={`Select all ${loadedIds.length} loaded events`}
              title="Select all loaded events"
              checked={allSelected}
              disabled={loadedIds.length === 0}
              ref={(box) => {
                if (box) box.indeterminate = !allSelected && selected.size > 0;
              }}
              onChange={(e) => selectAll(e.target.checked)}
            />
          </span>
          <span role="columnheader">Received</span>
          <span role="columnheader">Bus</span>
          <span role="columnheader">Source</span>
          <span role="columnheader">Detail type</span>
          <span role="columnheader">Rules</span>
        </div>
        {loading ? (
          <p className="p-3 text-slate-500 dark:text-slate-400">Loading…</p>
        ) : listing.events.length === 0 ? (
          <p className="p-3 text-slate-500 dark:text-slate-400">No stored event matches these filters.</p>
        ) : (
          <VirtualRows
            label="Event rows"
            items={listing.events}
            rowHeight={ROW_HEIGHT}
            height={Math.min(560, listing.events.length * ROW_HEIGHT)}
            onNearEnd={loadMore}
            renderRow={(event) => (
              <div role="row" data-testid="event-row" className={`${COLUMNS} h-full border-b border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900`}>
                <span role="cell">
                  <input type="checkbox" aria-label={`Select event ${event.eventId}`} checked={selected.has(event.id)} onChange={() => toggle(event.id)} />
                </span>
                <span role="cell" className="truncate text-slate-600 dark:text-slate-400">
                  {new Date(event.ingestedAt).toLocaleString()}
                </span>
                <span role="cell" className="truncate">
                  {busName(event.busArn)}
                </span>
                <span role="cell" className="min-w-0">
                  <button type="button" onClick={() => setOpenId(event.id)} className="block max-w-full truncate text-left text-blue-700 hover:underline dark:text-blue-300" title="Open event">
                    {event.source}
                  </button>
                </span>
                <span role="cell" className="truncate">
                  {event.detailType}
                  {event.replayName !== null && <span className="ml-1 rounded bg-violet-100 px-1 text-xs text-violet-900 dark:bg-violet-900 dark:text-violet-200">replay</span>}
                </span>
                <span role="cell">{event.matchedRules}</span>
              </div>
            )}
          />
        )}
      </div>
      {openId !== null && <EventDrawer id={openId} onClose={() => setOpenId(null)} />}
    </section>
  );
}
