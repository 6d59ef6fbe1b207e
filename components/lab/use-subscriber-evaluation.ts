"use client";

/**
 * Evaluates a Custom Event Bus subscriber's filters and transform on the event set in the lab's
 * Web Worker (where `jsonata` runs), like patterns: the set is sent when it changes, the request on
 * every change, and only the answer to the newest request is kept. Without a worker the page
 * evaluates, loading lib/lab/subscriber-preview (and `jsonata`) only then.
 */
import { useEffect, useRef, useState } from "react";
import type { LabEvent } from "@/lib/lab";
import { startLabWorker } from "./use-lab-evaluation";
import type { SubscriberAnswer, SubscriberRequest, ToWorker } from "./worker-protocol";

/** `request` must keep its identity while unchanged (memoize it): each new one is evaluated. */
export function useSubscriberEvaluation(request: SubscriberRequest, events: readonly LabEvent[]): SubscriberAnswer | null {
  const [answer, setAnswer] = useState<SubscriberAnswer | null>(null);
  const [workerFailed, setWorkerFailed] = useState(false);
  const worker = useRef<Worker | null>(null);
  const state = useRef({ seq: 0, version: 0 });

  useEffect(() => {
    const created = workerFailed ? null : startLabWorker();
    worker.current = created;
    if (!created) return;
    created.onerror = () => setWorkerFailed(true);
    created.onmessage = (message: MessageEvent<SubscriberAnswer>) => {
      if (message.data.seq === state.current.seq) setAnswer({ ...message.data, engine: "worker" });
    };
    return () => {
      created?.terminate();
      worker.current = null;
    };
  }, [workerFailed]);

  // Declared before the request's effect, so a new set reaches the worker before the request that reads it.
  useEffect(() => {
    state.current.version += 1;
    worker.current?.postMessage({ type: "events", version: state.current.version, events } satisfies ToWorker);
  }, [events, workerFailed]);

  useEffect(() => {
    const seq = ++state.current.seq;
    if (worker.current) {
      worker.current.postMessage({ type: "subscriber", seq, ...request } satisfies ToWorker);
      return;
    }
    const started = performance.now();
    void import("@/lib/lab/subscriber-preview")
      .then(({ evaluateSubscriberLab }) => evaluateSubscriberLab(request.filters, request.transform, events, request.options))
      .then((evaluation) => {
        if (seq === state.current.seq) setAnswer({ type: "subscriber", seq, request, evaluation, ms: performance.now() - started, engine: "page" });
      });
  }, [request, events, workerFailed]);

  return answer;
}
