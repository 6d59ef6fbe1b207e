"use client";

/** One event's detail: its JSON (rendered as text, never as HTML), matched rules and deliveries. */
import { useEffect, useRef, useState } from "react";
import { newBusNameOf } from "@/lib/arn";
import type { EventDetail } from "@/lib/explorer/index";
import { getEvent } from "./api";

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const STATUS_STYLE: Record<string, string> = {
  delivered: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-200",
  inbox: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-200",
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-200",
  "dead-letter": "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-200",
  skipped: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-200",
  paused: "bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-200",
};

/**
 * The drawer over the page's right side. It takes the focus when it opens and gives it back to
 * what opened it (the row's button) when it closes: with Close, Escape or a click outside it.
 */
export function EventDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const [detail, setDetail] = useState<{ id: string; event: EventDetail } | null>(null);
  const [failure, setFailure] = useState<{ id: string; message: string } | null>(null);
  const panel = useRef<HTMLElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      close.current();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (panel.current && event.target instanceof Node && !panel.current.contains(event.target)) close.current();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointerDown);
      // Only if the focus went nowhere else (a click outside may have put it on another control).
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    let live = true;
    getEvent(id)
      .then((event) => live && setDetail({ id, event }))
      .catch((error: unknown) => live && setFailure({ id, message: (error as Error).message }));
    return () => {
      live = false;
    };
  }, [id]);

  const event = detail?.id === id ? detail.event : null;
  const error = failure?.id === id ? failure.message : null;
  // A Custom Event Bus's events reach subscribers, not rules.
  const onNewBus = event !== null && newBusNameOf(event.busArn) !== undefined;
  return (
    <aside
      ref={panel}
      role="dialog"
      aria-label="Event detail"
      tabIndex={-1}
      className="fixed inset-y-0 right-0 z-20 w-full max-w-2xl overflow-y-auto border-l border-slate-200 bg-white p-5 shadow-xl outline-none dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold">Event</h2>
        <button type="button" onClick={onClose} title="Close (Escape)" className="rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
          Close
        </button>
      </div>
      {error !== null && <p role="alert" className="mt-3 text-red-700 dark:text-red-300">{error}</p>}
      {event === null && error === null && <p className="mt-3 text-slate-500 dark:text-slate-400">Loading…</p>}
      {event !== null && (
        <div className="mt-3 space-y-5 text-sm">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1">
            <dt className="text-slate-500 dark:text-slate-400">Event id</dt>
            <dd className="font-mono">{event.eventId}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Bus</dt>
            <dd className="font-mono break-all">{event.busArn}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Received</dt>
            <dd>{event.ingestedAt}</dd>
            {event.replayName !== null && (
              <>
                <dt className="text-slate-500 dark:text-slate-400">Replay</dt>
                <dd>{event.replayName}</dd>
              </>
            )}
          </dl>
          <section>
            <h3 className="font-medium">{onNewBus ? "Subscribers whose filters it passed" : "Matched rules"}</h3>
            {event.rules.length === 0 ? (
              <p className="text-slate-500 dark:text-slate-400">{onNewBus ? "No subscriber's filters passed this event." : "No rule matched this event."}</p>
            ) : (
              <ul data-testid="matched-rules" className="mt-1 list-disc pl-5 font-mono">
                {event.rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h3 className="font-medium">Deliveries</h3>
            {event.deliveries.length === 0 ? (
              <p className="text-slate-500 dark:text-slate-400">No target received this event.</p>
            ) : (
              <ul className="mt-1 space-y-2">
                {event.deliveries.map((d) => (
                  <li key={d.id} data-testid="delivery" className="rounded border border-slate-200 p-2 dark:border-slate-700">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[d.status] ?? ""}`}>{d.status}</span>
                      <span className="font-mono">{d.targetId}</span>
                      <span className="text-slate-500 dark:text-slate-400">
                        {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                        {d.lastStatus !== null && ` · HTTP ${d.lastStatus}`}
                        {d.durationMs !== null && ` · ${d.durationMs} ms`}
                      </span>
                    </div>
                    <div className="mt-1 break-all font-mono text-xs text-slate-600 dark:text-slate-400">{d.targetArn}</div>
                    <div className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                      queued {new Date(d.createdAt).toLocaleString()}
                      {d.attempts > 0 && ` · last change ${new Date(d.updatedAt).toLocaleString()}`}
                    </div>
                    {d.lastError !== null && <div className="mt-1 text-xs text-red-700 dark:text-red-300">{d.lastError}</div>}
                    {d.lastResponse !== null && d.lastResponse !== "" && (
                      <pre className="mt-1 max-h-24 overflow-auto rounded bg-slate-50 p-1 text-xs dark:bg-slate-900">{d.lastResponse}</pre>
                    )}
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">What the target received</summary>
                      <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-1 text-xs dark:bg-slate-900">{prettyJson(d.payload)}</pre>
                    </details>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h3 className="font-medium">JSON</h3>
            <pre data-testid="event-json" className="mt-1 max-h-[28rem] overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
              {prettyJson(event.body)}
            </pre>
          </section>
        </div>
      )}
    </aside>
  );
}
