/**
 * Capturing a real archive's events (or a bus's live events) into Switchyard's event store.
 *
 * AWS's archive API gives only counts and sizes, never the events (estimate.ts states the cost).
 * To read them, with the user's consent, Switchyard creates a temporary SQS queue and a rule on
 * the bus (temporary-resources.ts) that matches only events replayed by its own replay
 * (`"replay-name": [<capture name>]`, the field AWS adds to replayed events), starts that replay
 * of the chosen window limited to the capture rule (`Destination.FilterArns`, so the bus's other
 * rules and targets see nothing), drains the queue into the event store (stored-events.ts), and
 * always removes the rule, its target and the queue afterwards. Live capture is the same without
 * the replay.
 */
import { DescribeArchiveCommand, DescribeEventBusCommand, DescribeReplayCommand, StartReplayCommand } from "@aws-sdk/client-eventbridge";
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message } from "@aws-sdk/client-sqs";
import type { IngestDeps } from "@/lib/emulator/events/ingest";
import { ValidationError } from "@/lib/errors";
import { isJson } from "@/lib/format";
import { describeAwsError, isAwsError, sendAws } from "../aws/errors";
import { busNameOf, type CaptureClients } from "./clients";
import { validateWindow } from "./estimate";
import { readCapturedEvent, storeCapturedEvent } from "./stored-events";
import { newCaptureName, TemporaryResources, type CleanupReport } from "./temporary-resources";

/** Timing knobs; the defaults suit AWS, tests shorten them. */
export interface CaptureTiming {
  /** ReceiveMessage long-poll seconds (0–20). */
  readonly pollWaitSeconds?: number;
  /** How often DescribeReplay is asked while the replay runs. */
  readonly replayPollMs?: number;
  /** After the replay completed: stop once the queue stayed empty this long (delivery lags). */
  readonly drainQuietMs?: number;
  /** Give up (and clean up) after this long. */
  readonly maxDurationMs?: number;
  /**
   * Wait after creating the rule before replaying or listening: AWS says a new rule may take a
   * short while before events match it (PutRule's documentation).
   */
  readonly ruleSettleMs?: number;
}

const DEFAULT_TIMING: Required<CaptureTiming> = {
  pollWaitSeconds: 5,
  replayPollMs: 5_000,
  drainQuietMs: 30_000,
  maxDurationMs: 2 * 60 * 60_000,
  ruleSettleMs: 10_000,
};

export type CapturePhase = "preparing" | "replaying" | "listening" | "draining" | "cleaning-up" | "done";

export interface CaptureProgress {
  readonly phase: CapturePhase;
  /** Messages read from the capture queue. */
  readonly received: number;
  /** Events newly stored in Switchyard's archive. */
  readonly stored: number;
  /** Events already stored (a repeated capture, or SQS delivering twice). */
  readonly duplicates: number;
  /** Messages that were not an EventBridge event (kept out of the archive). */
  readonly unreadable: number;
  /** At most this many events are expected (archive capture), when known. */
  readonly expectedMax?: number;
  /** The replay's state and how far it got, while replaying. */
  readonly replayState?: string;
  readonly lastReplayedTime?: string;
  readonly message: string;
}

export type CaptureProgressListener = (progress: CaptureProgress) => void;

export interface CaptureResult {
  readonly status: "completed" | "cancelled";
  readonly busArn: string;
  readonly captureName: string;
  readonly received: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly unreadable: number;
  /** The Switchyard event ids (`eventId`) stored, in the order received. */
  readonly storedEventIds: string[];
  readonly cleanup: CleanupReport;
}

/** A capture that failed; the account was cleaned up as far as `cleanup` says. */
export class CaptureFailedError extends Error {
  constructor(
    readonly original: unknown,
    readonly cleanup: CleanupReport,
    readonly partial: Omit<CaptureResult, "status" | "cleanup">,
  ) {
    super(isAwsError(original) ? describeAwsError(original).message : original instanceof Error ? original.message : String(original));
    this.name = "CaptureFailedError";
  }
}

export interface ArchiveCaptureRequest {
  readonly archiveName: string;
  /** When given, must be the archive's bus (a guard against capturing the wrong archive). */
  readonly busName?: string;
  readonly from: Date;
  readonly to: Date;
}

export interface LiveCaptureRequest {
  readonly busName: string;
  /** The event pattern of the capture rule; absent = every event on the bus. */
  readonly pattern?: string;
  /** Stop listening at this time (or earlier when the signal aborts). */
  readonly until: Date;
}

export interface CaptureOptions {
  readonly onProgress?: CaptureProgressListener;
  readonly signal?: AbortSignal;
  readonly timing?: CaptureTiming;
  /** Overrides the generated capture name (rule, replay and queue), for tests. */
  readonly captureName?: string;
}

/** Matches every event (a rule needs a pattern): every event has a non-empty `source`. */
const EVERY_EVENT = JSON.stringify({ source: [{ prefix: "" }] });

class Capture {
  readonly resources: TemporaryResources;
  private received = 0;
  private stored = 0;
  private duplicates = 0;
  private unreadable = 0;
  private readonly storedEventIds: string[] = [];
  private readonly timing: Required<CaptureTiming>;
  private readonly started = Date.now();

  constructor(
    private readonly clients: CaptureClients,
    private readonly store: IngestDeps,
    readonly name: string,
    readonly busArn: string,
    private readonly options: CaptureOptions,
    private readonly expectedMax?: number,
  ) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.resources = new TemporaryResources(clients, name, busArn);
  }

  /** Calls while the capture runs stop when it is cancelled. */
  private get calls(): { endpoint?: string; abortSignal?: AbortSignal } {
    return { endpoint: this.clients.endpoint, abortSignal: this.options.signal };
  }

  report(phase: CapturePhase, message: string, replay?: { state?: string; lastReplayedTime?: Date }): void {
    this.options.onProgress?.({
      phase,
      received: this.received,
      stored: this.stored,
      duplicates: this.duplicates,
      unreadable: this.unreadable,
      ...(this.expectedMax === undefined ? {} : { expectedMax: this.expectedMax }),
      ...(replay?.state ? { replayState: replay.state } : {}),
      ...(replay?.lastReplayedTime ? { lastReplayedTime: replay.lastReplayedTime.toISOString() } : {}),
      message,
    });
  }

  get cancelled(): boolean {
    return this.options.signal?.aborted === true;
  }

  checkDeadline(): void {
    if (Date.now() - this.started > this.timing.maxDurationMs) {
      throw new Error(`The capture took longer than ${Math.round(this.timing.maxDurationMs / 60_000)} minutes and was stopped.`);
    }
  }

  /** Creates the temporary queue and rule, then waits for the rule to take effect. */
  async prepare(pattern: string): Promise<void> {
    await this.resources.create(pattern, this.calls, (message) => this.report("preparing", message));
    if (this.timing.ruleSettleMs > 0) {
      this.report("preparing", "Waiting for the new rule to take effect");
      await sleep(this.timing.ruleSettleMs, this.options.signal);
    }
  }

  /** One receive: stores what came, deletes it from the queue; returns how many messages came. */
  async pollOnce(waitSeconds: number, original: boolean): Promise<number> {
    const answer = await sendAws(
      this.clients.sqs,
      new ReceiveMessageCommand({ QueueUrl: this.resources.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds, VisibilityTimeout: 120 }),
      this.calls,
    );
    const messages = answer.Messages ?? [];
    if (messages.length === 0) return 0;
    this.received += messages.length;
    await this.storeMessages(messages, original);
    // A message whose delete fails comes back after its visibility timeout and is then skipped
    // as a duplicate: a failed delete costs a re-read, never an event.
    await sendAws(
      this.clients.sqs,
      new DeleteMessageBatchCommand({
        QueueUrl: this.resources.queueUrl,
        Entries: messages.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle })),
      }),
      this.calls,
    );
    return messages.length;
  }

  private async storeMessages(messages: readonly Message[], original: boolean): Promise<void> {
    for (const message of messages) {
      const event = readCapturedEvent(message.Body ?? "", original ? this.name : undefined);
      if (event === undefined) {
        this.unreadable++;
        continue;
      }
      if (!(await storeCapturedEvent(this.store, this.busArn, event))) {
        this.duplicates++;
        continue;
      }
      this.stored++;
      this.storedEventIds.push(event.id);
    }
  }

  async queueIsEmpty(): Promise<boolean> {
    const attributes = await sendAws(
      this.clients.sqs,
      new GetQueueAttributesCommand({
        QueueUrl: this.resources.queueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
      }),
      this.calls,
    );
    const a = attributes.Attributes ?? {};
    return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(a.ApproximateNumberOfMessagesDelayed ?? 0) === 0;
  }

  /** Reads until the queue stayed empty for the quiet period. */
  async drain(original: boolean): Promise<void> {
    let quietSince = Date.now();
    for (;;) {
      if (this.cancelled) return;
      this.checkDeadline();
      const got = await this.pollOnce(Math.min(this.timing.pollWaitSeconds, Math.ceil(this.timing.drainQuietMs / 1000)), original);
      if (got > 0) {
        quietSince = Date.now();
        this.report("draining", `Draining the capture queue: ${this.stored} events stored`);
        continue;
      }
      if (Date.now() - quietSince >= this.timing.drainQuietMs && (await this.queueIsEmpty())) return;
    }
  }

  get timingSettings(): Required<CaptureTiming> {
    return this.timing;
  }

  cleanUp(): Promise<CleanupReport> {
    return this.resources.cleanUp();
  }

  result(status: CaptureResult["status"], cleanup: CleanupReport): CaptureResult {
    return { status, cleanup, ...this.partial() };
  }

  partial(): Omit<CaptureResult, "status" | "cleanup"> {
    return {
      busArn: this.busArn,
      captureName: this.name,
      received: this.received,
      stored: this.stored,
      duplicates: this.duplicates,
      unreadable: this.unreadable,
      storedEventIds: [...this.storedEventIds],
    };
  }
}

async function finish(capture: Capture, work: () => Promise<void>): Promise<CaptureResult> {
  try {
    await work();
  } catch (error) {
    capture.report("cleaning-up", "Removing the capture rule and queue after a failure");
    const cleanup = await capture.cleanUp();
    if (capture.cancelled) {
      capture.report("done", `Cancelled: ${capture.partial().stored} events stored`);
      return capture.result("cancelled", cleanup);
    }
    throw new CaptureFailedError(error, cleanup, capture.partial());
  }
  capture.report("cleaning-up", "Removing the capture rule and queue");
  const cleanup = await capture.cleanUp();
  const result = capture.result(capture.cancelled ? "cancelled" : "completed", cleanup);
  capture.report("done", `${result.status === "completed" ? "Done" : "Cancelled"}: ${result.stored} events stored, ${result.duplicates} already stored`);
  return result;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/**
 * Replays an archive's window onto its bus, limited to a temporary capture rule whose target is
 * a temporary queue, stores the events in Switchyard's archive, then removes rule and queue.
 * Call only after the user consented to the cost (see estimateCapture).
 */
export async function captureArchive(
  clients: CaptureClients,
  store: IngestDeps,
  request: ArchiveCaptureRequest,
  options: CaptureOptions = {},
): Promise<CaptureResult> {
  validateWindow(request);
  const archive = await sendAws(clients.events, new DescribeArchiveCommand({ ArchiveName: request.archiveName }), {
    endpoint: clients.endpoint,
    abortSignal: options.signal,
  });
  const busArn = archive.EventSourceArn;
  if (!busArn || !archive.ArchiveArn) throw new Error(`DescribeArchive of ${request.archiveName} answered without the archive's ARN or bus.`);
  if (request.busName !== undefined && request.busName !== busNameOf(busArn) && request.busName !== busArn) {
    throw new ValidationError(`Archive ${request.archiveName} records bus ${busNameOf(busArn)}, not ${request.busName}`, [{ path: "busName", message: "is not the archive's bus" }]);
  }
  if (archive.State !== undefined && archive.State !== "ENABLED") {
    throw new ValidationError(`Archive ${request.archiveName} is ${archive.State}; only an ENABLED archive can be replayed`);
  }
  const name = options.captureName ?? newCaptureName();
  const capture = new Capture(clients, store, name, busArn, options, archive.EventCount);
  const archiveArn = archive.ArchiveArn;
  return finish(capture, async () => {
    await capture.prepare(JSON.stringify({ "replay-name": [name] }));
    capture.report("replaying", `Starting replay ${name} of ${request.from.toISOString()} – ${request.to.toISOString()}`);
    capture.resources.replayName = name;
    const started = await sendAws(
      clients.events,
      new StartReplayCommand({
        ReplayName: name,
        Description: "Switchyard capture: replays only to its temporary capture rule.",
        EventSourceArn: archiveArn,
        EventStartTime: request.from,
        EventEndTime: request.to,
        Destination: { Arn: busArn, FilterArns: [capture.resources.ruleArn ?? ""] },
      }),
      { endpoint: clients.endpoint, abortSignal: options.signal },
    );
    capture.resources.replayRunning = true;
    capture.report("replaying", `Replay ${name} started`, { state: started.State ?? "STARTING" });
    const timing = capture.timingSettings;
    let lastCheck = 0;
    for (;;) {
      if (capture.cancelled) throw new Error("cancelled");
      capture.checkDeadline();
      if (Date.now() - lastCheck >= timing.replayPollMs) {
        lastCheck = Date.now();
        const replay = await sendAws(clients.events, new DescribeReplayCommand({ ReplayName: name }), {
          endpoint: clients.endpoint,
          abortSignal: options.signal,
        });
        const state = replay.State ?? "UNKNOWN";
        capture.report("replaying", `Replay ${state.toLowerCase()}`, { state, lastReplayedTime: replay.EventLastReplayedTime });
        if (state === "COMPLETED") {
          capture.resources.replayRunning = false;
          break;
        }
        if (state === "FAILED" || state === "CANCELLED") {
          capture.resources.replayRunning = false;
          throw new Error(`The replay ${name} ended ${state}${replay.StateReason ? `: ${replay.StateReason}` : ""}.`);
        }
      }
      const got = await capture.pollOnce(Math.min(timing.pollWaitSeconds, Math.max(0, Math.floor(timing.replayPollMs / 1000))), true);
      if (got > 0) capture.report("replaying", `${capture.partial().stored} events stored`);
      else if (timing.pollWaitSeconds === 0) await sleep(Math.min(timing.replayPollMs, 200), options.signal);
    }
    capture.report("draining", "Replay completed; draining the capture queue");
    await capture.drain(true);
    if (capture.cancelled) throw new Error("cancelled");
  });
}

/** Listens to a bus through a temporary rule and queue until `until`, storing what arrives. */
export async function liveCapture(clients: CaptureClients, store: IngestDeps, request: LiveCaptureRequest, options: CaptureOptions = {}): Promise<CaptureResult> {
  if (!(request.until instanceof Date) || Number.isNaN(request.until.getTime())) {
    throw new ValidationError("until must be a date", [{ path: "until", message: "must be a date" }]);
  }
  if (request.pattern !== undefined && !isJson(request.pattern)) {
    throw new ValidationError("pattern is not JSON", [{ path: "pattern", message: "must be an event pattern (JSON)" }]);
  }
  const name = options.captureName ?? newCaptureName();
  const busArn = await resolveBusArn(clients, request.busName, options.signal);
  const capture = new Capture(clients, store, name, busArn, options);
  return finish(capture, async () => {
    await capture.prepare(request.pattern ?? EVERY_EVENT);
    const timing = capture.timingSettings;
    while (!capture.cancelled && Date.now() < request.until.getTime()) {
      capture.checkDeadline();
      const left = Math.max(0, Math.floor((request.until.getTime() - Date.now()) / 1000));
      const got = await capture.pollOnce(Math.min(timing.pollWaitSeconds, left), false);
      capture.report("listening", `Listening until ${request.until.toISOString()}: ${capture.partial().stored} events stored`);
      if (got === 0 && (timing.pollWaitSeconds === 0 || left === 0)) await sleep(Math.min(200, Math.max(0, request.until.getTime() - Date.now())), options.signal);
    }
    if (capture.cancelled) throw new Error("cancelled");
    // Events matched just before the end may still be on their way into the queue.
    await capture.drain(false);
  });
}

async function resolveBusArn(clients: CaptureClients, busName: string, signal?: AbortSignal): Promise<string> {
  if (busName.startsWith("arn:")) return busName;
  const bus = await sendAws(clients.events, new DescribeEventBusCommand({ Name: busName }), { endpoint: clients.endpoint, abortSignal: signal });
  if (!bus.Arn) throw new Error(`DescribeEventBus of ${busName} answered without its ARN.`);
  return bus.Arn;
}
