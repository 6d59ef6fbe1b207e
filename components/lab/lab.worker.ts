/**
 * The lab's evaluation worker: keeps the event set (prepared once) and answers each pattern with
 * verdicts and counts, so typing never waits for matching thousands of events.
 */
import type { LabEvent } from "@/lib/lab";
import { answerFor, prepareEvents } from "./evaluate-verdicts";
import type { LabAnswer, ToWorker } from "./worker-protocol";

/** The worker's global scope, typed without the webworker lib (the project compiles with dom). */
const scope = globalThis as unknown as {
  onmessage: ((message: MessageEvent<ToWorker>) => void) | null;
  postMessage(answer: LabAnswer): void;
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
  // Prepared once per event object and kind (cached), so this is a lookup per event.
  scope.postMessage(answerFor(data.seq, version, data.pattern, prepareEvents(events, data.kind), data.kind, data.anyOf));
};
