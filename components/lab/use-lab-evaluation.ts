"use client";

/**
 * Evaluates the pattern against the event set in a Web Worker: the set is sent when it changes,
 * the pattern on every change. At most one evaluation is in flight; while it runs only the newest
 * pattern waits, so fast typing skips stale ones instead of queueing them.
 */
import { useEffect, useRef, useState } from "react";
import type { EventKind, LabEvent } from "@/lib/lab";
import { answerFor } from "./evaluate-verdicts";
import type { LabAnswer, ToWorker } from "./worker-protocol";

/** `anyOf`: a stream source's filter criteria (with `pattern` among them); a record passes when any matches. */
export function useLabEvaluation(pattern: string, events: readonly LabEvent[], kind: EventKind = "eventbridge", anyOf?: readonly string[]): LabAnswer | null {
  const [answer, setAnswer] = useState<LabAnswer | null>(null);
  // A worker that cannot start (blocked script, old browser) hands evaluation back to the page.
  const [workerFailed, setWorkerFailed] = useState(false);
  const worker = useRef<Worker | null>(null);
  // `ready`: the worker has answered once (its script loaded); until then the page answers too.
  const state = useRef({ seq: 0, busy: false, ready: false, waiting: null as { pattern: string; kind: EventKind; anyOf?: readonly string[] } | null, version: 0 });

  const send = (message: ToWorker) => worker.current?.postMessage(message);

  useEffect(() => {
    const created = workerFailed ? null : startLabWorker();
    worker.current = created;
    state.current.busy = false;
    state.current.ready = false;
    state.current.waiting = null;
    if (!created) return;
    created.onerror = () => setWorkerFailed(true);
    created.onmessage = (message: MessageEvent<LabAnswer>) => {
      const s = state.current;
      s.busy = false;
      s.ready = true;
      if (message.data.eventsVersion === s.version) setAnswer({ ...message.data, engine: "worker" });
      if (s.waiting !== null) {
        const next = s.waiting;
        s.waiting = null;
        s.busy = true;
        created?.postMessage({ type: "evaluate", seq: ++s.seq, ...next } satisfies ToWorker);
      }
    };
    return () => {
      created?.terminate();
      worker.current = null;
    };
  }, [workerFailed]);

  useEffect(() => {
    const s = state.current;
    s.version += 1;
    if (!worker.current) return;
    send({ type: "events", version: s.version, events });
  }, [events, workerFailed]);

  useEffect(() => {
    const s = state.current;
    if (!worker.current || !s.ready) {
      setAnswer({ ...answerFor(++s.seq, s.version, pattern, events, kind, anyOf), engine: "page" });
      if (!worker.current) return;
    }
    if (s.busy) {
      s.waiting = { pattern, kind, anyOf };
      return;
    }
    s.busy = true;
    send({ type: "evaluate", seq: ++s.seq, pattern, kind, anyOf });
  }, [pattern, events, kind, anyOf, workerFailed]);

  return answer;
}

/** The lab's evaluation worker, or null where workers cannot start (the caller evaluates on the page then). */
export function startLabWorker(): Worker | null {
  try {
    return new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module" });
  } catch {
    return null;
  }
}
