/**
 * Capturing a real archive's events into Switchyard's own archive.
 *
 * AWS's archive API gives only counts and sizes, never the events. To read them, with the cost
 * stated and the user's consent, Switchyard creates a temporary SQS queue and a rule on the bus
 * that matches only events replayed by its own replay (`"replay-name": [<capture name>]`, the
 * field AWS adds to replayed events), starts that replay of the chosen window limited to the
 * capture rule (`Destination.FilterArns`, so the bus's other rules and targets see nothing),
 * drains the queue into Switchyard's event store, and always removes the rule, its target and
 * the queue afterwards. Live capture is the same without the replay.
 *
 * Where the events land: under their original bus ARN (`arn:aws:events:<region>:<account>:
 * event-bus/<bus>`), with their original event ids and times, as originals (the `replay-name`
 * that the capture replay added is removed again). Their ingestion time is set to the event time,
 * since the Events page orders and ranges by ingestion time and AWS never tells the original
 * one. They are stored without running the local rules (capturing history must not call local
 * targets), and an event id already stored for that bus is skipped, so capturing a window twice
 * stores it once.
 */
import {
  CancelReplayCommand,
  DeleteRuleCommand,
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  StartReplayCommand,
  type EventBridgeClient,
} from "@aws-sdk/client-eventbridge";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { ingestEvents, type IngestDeps } from "@/lib/emulator/events/ingest";
import { ValidationError } from "@/lib/errors";
import { describeAwsError, isAwsError, sendAws } from "../aws/errors";

/** The SDK clients a capture uses, and the endpoint override (named in network errors). */
export interface CaptureClients {
  readonly events: EventBridgeClient;
  readonly sqs: SQSClient;
  readonly endpoint?: string;
}

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

// --- Estimate --------------------------------------------------------------------------------

/**
 * Prices assumed for the statement (US East (N. Virginia) list prices as of late 2026): replayed
 * events are billed like custom events published to a bus, $1.00 per million, each 64 KB chunk
 * of an event counted as one; SQS standard queue requests $0.40 per million, each 64 KB chunk a
 * request. Deliveries from a rule to an SQS queue of the same account are not charged by
 * EventBridge. Data transfer out of AWS to wherever Switchyard runs is extra.
 */
export const CAPTURE_PRICES = {
  replayPerMillionEvents: 1.0,
  sqsPerMillionRequests: 0.4,
  chunkBytes: 64 * 1024,
  source: "US East (N. Virginia) list prices assumed; see aws.amazon.com/eventbridge/pricing and aws.amazon.com/sqs/pricing for your region",
} as const;

export interface CaptureWindow {
  readonly from: Date;
  readonly to: Date;
}

export interface CaptureEstimate {
  readonly archiveName: string;
  readonly archiveArn: string;
  readonly busArn: string;
  readonly busName: string;
  readonly state: string;
  /** The whole archive (AWS counts no finer; reconciled within 24 hours). */
  readonly archiveEvents: number;
  readonly archiveBytes: number;
  /** At most this many events are in the window: the archive's count is the only bound AWS gives. */
  readonly maxEvents: number;
  readonly maxBytes: number;
  /** SQS requests for the worst case: a send per event, a receive and a batch delete per 10, plus setup. */
  readonly sqsRequests: number;
  readonly replayCostUsd: number;
  readonly sqsCostUsd: number;
  readonly totalCostUsd: number;
  /** The statement shown before consent. */
  readonly costText: string;
}

/** Requests besides the messages: create, get-attributes, set-attributes, delete, and idle polls. */
const SQS_SETUP_REQUESTS = 10;

export function validateWindow(window: CaptureWindow): void {
  if (!(window.from instanceof Date) || Number.isNaN(window.from.getTime())) throw new ValidationError("from must be a date", [{ path: "from", message: "must be a date" }]);
  if (!(window.to instanceof Date) || Number.isNaN(window.to.getTime())) throw new ValidationError("to must be a date", [{ path: "to", message: "must be a date" }]);
  if (window.from >= window.to) throw new ValidationError("from must be before to", [{ path: "to", message: "must be after from" }]);
  if (window.to.getTime() > Date.now() + 60_000) throw new ValidationError("to must not be in the future: a replay only covers archived events", [{ path: "to", message: "must not be in the future" }]);
}

const usd = (amount: number) => (amount < 0.01 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`);
const formatBytes = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;

/** The cost of replaying and queueing `events` events of `bytes` bytes in total, as numbers and words. */
export function captureCost(events: number, bytes: number): Pick<CaptureEstimate, "sqsRequests" | "replayCostUsd" | "sqsCostUsd" | "totalCostUsd" | "costText"> {
  const averageBytes = events === 0 ? 0 : bytes / events;
  const chunksPerEvent = Math.max(1, Math.ceil(averageBytes / CAPTURE_PRICES.chunkBytes));
  const replayCostUsd = (events * chunksPerEvent * CAPTURE_PRICES.replayPerMillionEvents) / 1e6;
  const sqsRequests = events * chunksPerEvent + 2 * Math.ceil(events / 10) + SQS_SETUP_REQUESTS;
  const sqsCostUsd = (sqsRequests * CAPTURE_PRICES.sqsPerMillionRequests) / 1e6;
  const totalCostUsd = replayCostUsd + sqsCostUsd;
  const costText =
    `Replaying up to ${events.toLocaleString("en-US")} events (${formatBytes(bytes)}) costs about ${usd(replayCostUsd)} ` +
    `(replayed events are billed like published custom events, $${CAPTURE_PRICES.replayPerMillionEvents.toFixed(2)} per million, each 64 KB chunk counted once), ` +
    `and up to ${sqsRequests.toLocaleString("en-US")} SQS requests about ${usd(sqsCostUsd)} ($${CAPTURE_PRICES.sqsPerMillionRequests.toFixed(2)} per million: ` +
    `a send per event, a receive and a delete per 10). Total about ${usd(totalCostUsd)}, plus data transfer out of AWS. ` +
    `${CAPTURE_PRICES.source}.`;
  return { sqsRequests, replayCostUsd, sqsCostUsd, totalCostUsd, costText };
}

function busNameOf(busArn: string): string {
  const at = busArn.indexOf(":event-bus/");
  return at < 0 ? busArn : busArn.slice(at + ":event-bus/".length);
}

export async function estimateCapture(clients: CaptureClients, archiveName: string, window: CaptureWindow): Promise<CaptureEstimate> {
  validateWindow(window);
  const archive = await sendAws(clients.events, new DescribeArchiveCommand({ ArchiveName: archiveName }), { endpoint: clients.endpoint });
  const busArn = archive.EventSourceArn ?? "";
  const events = archive.EventCount ?? 0;
  const bytes = archive.SizeBytes ?? 0;
  return {
    archiveName,
    archiveArn: archive.ArchiveArn ?? "",
    busArn,
    busName: busNameOf(busArn),
    state: archive.State ?? "UNKNOWN",
    archiveEvents: events,
    archiveBytes: bytes,
    maxEvents: events,
    maxBytes: bytes,
    ...captureCost(events, bytes),
  };
}

// --- Capture ---------------------------------------------------------------------------------

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

export interface CleanupReport {
  /** What was removed from the account (rule, target, queue), by name. */
  readonly removed: string[];
  /** What could not be removed: the user must delete these by hand. */
  readonly failed: { resource: string; message: string }[];
}

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

/** A unique name for the rule, replay and queue: `switchyard-capture-<time>-<random>` (≤ 64). */
export function newCaptureName(now = Date.now()): string {
  return `switchyard-capture-${now.toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Matches every event (a rule needs a pattern): every event has a non-empty `source`. */
const EVERY_EVENT = JSON.stringify({ source: [{ prefix: "" }] });

/** Resources created so far, removed in reverse order. */
interface CaptureResources {
  queueUrl?: string;
  queueArn?: string;
  ruleName?: string;
  ruleArn?: string;
  targetAdded?: boolean;
  replayName?: string;
  replayRunning?: boolean;
}

class Capture {
  readonly resources: CaptureResources = {};
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

  /** Queue, rule (pattern), queue policy for that rule, target: in this order, each recorded. */
  async prepare(pattern: string): Promise<void> {
    this.report("preparing", `Creating the capture queue ${this.name}`);
    const queue = await sendAws(
      this.clients.sqs,
      new CreateQueueCommand({
        QueueName: this.name,
        Attributes: { MessageRetentionPeriod: "86400", VisibilityTimeout: "120" },
      }),
      this.calls,
    );
    this.resources.queueUrl = queue.QueueUrl;
    const attributes = await sendAws(this.clients.sqs, new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["QueueArn"] }), this.calls);
    this.resources.queueArn = attributes.Attributes?.QueueArn;
    if (!this.resources.queueArn) throw new Error("The capture queue has no ARN (GetQueueAttributes answered without QueueArn).");

    this.report("preparing", `Creating the capture rule ${this.name} on ${busNameOf(this.busArn)}`);
    this.resources.ruleName = this.name;
    const rule = await sendAws(
      this.clients.events,
      new PutRuleCommand({
        Name: this.name,
        EventBusName: busNameOf(this.busArn),
        EventPattern: pattern,
        State: "ENABLED",
        Description: "Temporary rule of a Switchyard capture; removed when the capture ends.",
      }),
      this.calls,
    );
    this.resources.ruleArn = rule.RuleArn;
    // Only this rule may send to the queue (EventBridge's service principal, scoped by SourceArn).
    const policy = {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "SwitchyardCaptureRule",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: this.resources.queueArn,
          Condition: { ArnEquals: { "aws:SourceArn": rule.RuleArn } },
        },
      ],
    };
    await sendAws(this.clients.sqs, new SetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, Attributes: { Policy: JSON.stringify(policy) } }), this.calls);
    const targets = await sendAws(
      this.clients.events,
      new PutTargetsCommand({ Rule: this.name, EventBusName: busNameOf(this.busArn), Targets: [{ Id: "switchyard-capture", Arn: this.resources.queueArn }] }),
      this.calls,
    );
    this.resources.targetAdded = true;
    if ((targets.FailedEntryCount ?? 0) > 0) {
      const entry = targets.FailedEntries?.[0];
      throw new Error(`AWS did not add the capture target: ${entry?.ErrorCode ?? "error"} ${entry?.ErrorMessage ?? ""}`.trim());
    }
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
      const known = await this.store.db.busEvent.findFirst({
        where: { busArn: this.busArn, time: event.time, eventId: event.id, replayName: event.replayName ?? null },
        select: { id: true },
      });
      if (known !== null) {
        this.duplicates++;
        continue;
      }
      await ingestEvents(this.store, [
        {
          eventId: event.id,
          busArn: this.busArn,
          source: event.source,
          detailType: event.detailType,
          time: event.time,
          ingestedAt: event.time,
          text: event.text,
          ...(event.replayName === undefined ? {} : { replayName: event.replayName }),
          matched: [],
        },
      ]);
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

  /**
   * Removes what was created, newest first, each step on its own so one failure does not leave
   * the rest behind. Runs without the cancel signal: cleanup must happen after a cancel too.
   */
  async cleanUp(): Promise<CleanupReport> {
    const removed: string[] = [];
    const failed: { resource: string; message: string }[] = [];
    const attempt = async (resource: string, work: () => Promise<unknown>, alreadyGone?: string) => {
      try {
        await work();
        removed.push(resource);
      } catch (error) {
        const described = describeAwsError(error);
        // Gone already (a replay that finished meanwhile): nothing is left behind.
        if (alreadyGone !== undefined && described.awsCode === alreadyGone) removed.push(resource);
        else failed.push({ resource, message: described.message });
      }
    };
    const opts = { endpoint: this.clients.endpoint };
    const r = this.resources;
    if (r.replayName && r.replayRunning) {
      // A replay cannot be deleted, only cancelled; a finished one just stays in the list.
      await attempt(
        `replay ${r.replayName} (cancel)`,
        () => sendAws(this.clients.events, new CancelReplayCommand({ ReplayName: r.replayName }), opts),
        "IllegalStatusException",
      );
    }
    if (r.targetAdded && r.ruleName) {
      await attempt(`target switchyard-capture of rule ${r.ruleName}`, () =>
        sendAws(this.clients.events, new RemoveTargetsCommand({ Rule: r.ruleName, EventBusName: busNameOf(this.busArn), Ids: ["switchyard-capture"] }), opts),
      );
    }
    if (r.ruleName) {
      await attempt(`rule ${r.ruleName}`, () => sendAws(this.clients.events, new DeleteRuleCommand({ Name: r.ruleName, EventBusName: busNameOf(this.busArn) }), opts));
    }
    if (r.queueUrl) {
      await attempt(`queue ${this.name}`, () => sendAws(this.clients.sqs, new DeleteQueueCommand({ QueueUrl: r.queueUrl }), opts));
    }
    return { removed, failed };
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

interface CapturedEvent {
  readonly id: string;
  readonly source: string;
  readonly detailType: string;
  readonly time: Date;
  readonly text: string;
  readonly replayName?: string;
}

/**
 * The EventBridge event an SQS message carries, or undefined when it is not one. With
 * `ownReplay`, the `replay-name` our replay added is taken out again (the text is otherwise kept
 * byte for byte, so large numbers in the detail survive).
 */
export function readCapturedEvent(body: string, ownReplay?: string): CapturedEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  const event = json as Record<string, unknown>;
  const { id, source } = event;
  const detailType = event["detail-type"];
  const time = typeof event.time === "string" ? new Date(event.time) : undefined;
  if (typeof id !== "string" || id === "" || typeof source !== "string" || typeof detailType !== "string" || time === undefined || Number.isNaN(time.getTime())) {
    return undefined;
  }
  const replayName = typeof event["replay-name"] === "string" ? event["replay-name"] : undefined;
  if (ownReplay !== undefined && replayName === ownReplay) {
    return { id, source, detailType, time, text: withoutReplayName(body.trim(), ownReplay) };
  }
  return { id, source, detailType, time, text: body.trim(), ...(replayName === undefined ? {} : { replayName }) };
}

/** Removes the top-level `"replay-name": "<name>"` member from an event's JSON text. */
export function withoutReplayName(text: string, replayName: string): string {
  const member = `"replay-name"\\s*:\\s*${JSON.stringify(replayName).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
  for (const candidate of [text.replace(new RegExp(`${member}\\s*,\\s*`), ""), text.replace(new RegExp(`\\s*,\\s*${member}`), "")]) {
    if (candidate === text) continue;
    try {
      const parsed = JSON.parse(candidate) as Record<string, unknown>;
      if (!("replay-name" in parsed)) return candidate;
    } catch {
      // That cut was not the top-level member; try the other, then fall back.
    }
  }
  // Last resort (no textual cut worked): re-serialised, so digits beyond double precision are lost.
  const parsed = JSON.parse(text) as Record<string, unknown>;
  delete parsed["replay-name"];
  return JSON.stringify(parsed);
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
  if (request.pattern !== undefined) {
    try {
      JSON.parse(request.pattern);
    } catch {
      throw new ValidationError("pattern is not JSON", [{ path: "pattern", message: "must be an event pattern (JSON)" }]);
    }
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
