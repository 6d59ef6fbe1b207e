/**
 * The lab's evaluation worker: keeps the event set (prepared once) and answers each pattern with
 * verdicts and counts, so typing never waits for matching thousands of events; and a Custom Event
 * Bus subscriber's filters and JSONata transform (the `jsonata` library loads here, not on the page).
 */
import type { LabEvent } from "@/lib/lab";
import { evaluateSubscriberLab } from "@/lib/lab/subscriber-preview";
import { answerFor, prepareEvents } from "./evaluate-verdicts";
import type { LabAnswer, SubscriberAnswer, ToWorker } from "./worker-protocol";

/** The worker's global scope, typed without the webworker lib (the project compiles with dom). */
const scope = globalThis as unknown as {
  onmessage: ((message: MessageEvent<ToWorker>) => void) | null;
  postMessage(answer: LabAnswer | SubscriberAnswer): void;
};

let events: readonly LabEvent[] = [];
let version = 0;

scope.onmessage = (message) => {
  const data = message.data;
  if (data.type === "events") {
    events = data.events;
    version = data.version;
    prepareEvents(events); // most sets are EventBridge events: parse them now, before the first keystroke
    return;
  }
  if (data.type === "subscriber") {
    const request = { filters: data.filters, transform: data.transform, options: data.options };
    const started = performance.now();
    void evaluateSubscriberLab(request.filters, request.transform, events, request.options).then((evaluation) =>
      scope.postMessage({ type: "subscriber", seq: data.seq, request, evaluation, ms: performance.now() - started }),
    );
    return;
  }
  // Prepared once per event object and kind (cached), so this is a lookup per event.
  scope.postMessage(answerFor(data.seq, version, data.pattern, prepareEvents(events, data.kind), data.kind, data.anyOf));
};
