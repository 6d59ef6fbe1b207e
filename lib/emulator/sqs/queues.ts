/**
 * The local endpoint's SQS queues: standard queues with visibility timeouts, delays, retention,
 * short and long polling, and receipt handles.
 *
 * Kept in memory, per BusRuntime (so per process): this is an emulation for capturing events and
 * for tests, not a durable queue, and the database schema has no table for it. Queues and their
 * messages are gone after a restart. FIFO queues, dead-letter redrive and KMS are not emulated.
 */
import { queueArn } from "../../arn";
import { createHash, randomBytes, randomUUID } from "node:crypto";

export const MAX_MESSAGE_BYTES = 1_048_576;
export const MAX_RECEIVE = 10;
export const MAX_WAIT_SECONDS = 20;
export const MAX_VISIBILITY_SECONDS = 43_200;
const LONG_POLL_TICK_MS = 100;

/** A message attribute as SendMessage carries it. */
export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

export interface QueueMessage {
  readonly id: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes: Readonly<Record<string, MessageAttributeValue>>;
  readonly md5OfAttributes: string | undefined;
  readonly sentAt: number;
  readonly senderId: string;
  /** Not receivable before this time (delay, or in flight after a receive). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  /** The handle of the latest receive; earlier handles still name the message. */
  receiptHandle: string | undefined;
}

export class SqsError extends Error {
  constructor(
    /** The JSON protocol's error shape name (`QueueDoesNotExist`). */
    readonly type: string,
    message: string,
    /** The query-protocol code the SDK also reads (`AWS.SimpleQueueService.NonExistentQueue`). */
    readonly queryCode: string = type,
  ) {
    super(message);
    this.name = type;
  }
}

export const invalidParameter = (message: string) => new SqsError("InvalidParameterValue", message);
export const queueDoesNotExist = () =>
  new SqsError("QueueDoesNotExist", "The specified queue does not exist.", "AWS.SimpleQueueService.NonExistentQueue");

/** Attributes a standard queue has, with AWS's defaults. */
const DEFAULT_ATTRIBUTES: Readonly<Record<string, string>> = {
  VisibilityTimeout: "30",
  MaximumMessageSize: String(MAX_MESSAGE_BYTES),
  MessageRetentionPeriod: "345600",
  DelaySeconds: "0",
  ReceiveMessageWaitTimeSeconds: "0",
};
const NUMERIC_LIMITS: Readonly<Record<string, [number, number]>> = {
  VisibilityTimeout: [0, MAX_VISIBILITY_SECONDS],
  MaximumMessageSize: [1024, MAX_MESSAGE_BYTES],
  MessageRetentionPeriod: [60, 1_209_600],
  DelaySeconds: [0, 900],
  ReceiveMessageWaitTimeSeconds: [0, MAX_WAIT_SECONDS],
};
/** Settable but without local effect (kept and returned). */
const KEPT_ATTRIBUTES = new Set(["Policy", "RedrivePolicy", "RedriveAllowPolicy", "SqsManagedSseEnabled", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds"]);

export function checkQueueAttributes(attributes: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "FifoQueue" || name === "ContentBasedDeduplication" || name === "DeduplicationScope" || name === "FifoThroughputLimit") {
      throw new SqsError("UnsupportedOperation", `The local endpoint emulates standard queues only; ${name} is not supported.`);
    }
    const limits = NUMERIC_LIMITS[name];
    if (limits !== undefined) {
      const number = Number(value);
      if (!/^\d+$/.test(value) || number < limits[0] || number > limits[1]) {
        throw new SqsError("InvalidAttributeValue", `Invalid value for the parameter ${name}: must be an integer from ${limits[0]} to ${limits[1]}.`);
      }
      continue;
    }
    if (name === "Policy" || name === "RedrivePolicy" || name === "RedriveAllowPolicy") {
      try {
        JSON.parse(value);
      } catch {
        throw new SqsError("InvalidAttributeValue", `Invalid value for the parameter ${name}: not valid JSON.`);
      }
      continue;
    }
    if (!KEPT_ATTRIBUTES.has(name)) throw new SqsError("InvalidAttributeName", `Unknown Attribute ${name}.`);
  }
}

/** AWS's MD5 of message attributes: names sorted, each field length-prefixed (big-endian uint32). */
export function md5OfMessageAttributes(attributes: Readonly<Record<string, MessageAttributeValue>>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash("md5");
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of names) {
    const value = attributes[name];
    field(Buffer.from(name, "utf8"));
    field(Buffer.from(value.DataType, "utf8"));
    if (value.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      field(Buffer.from(value.BinaryValue, "base64"));
    } else {
      hash.update(Buffer.from([1]));
      field(Buffer.from(value.StringValue ?? "", "utf8"));
    }
  }
  return hash.digest("hex");
}

/** SQS accepts only these characters in a body: #x9 #xA #xD, #x20–#xD7FF, #xE000–#xFFFD, #x10000–#x10FFFF. */
export function hasOnlyAllowedCharacters(text: string): boolean {
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

export class LocalQueue {
  readonly arn: string;
  readonly createdAt = Date.now();
  lastModifiedAt = this.createdAt;
  readonly attributes: Record<string, string>;
  private messages: QueueMessage[] = [];
  private readonly handles = new Map<string, string>();
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly account: string,
    readonly region: string,
    readonly name: string,
    attributes: Readonly<Record<string, string>>,
  ) {
    this.arn = queueArn({ account, region }, name);
    this.attributes = { ...DEFAULT_ATTRIBUTES, ...attributes };
  }

  private numberAttribute(name: string): number {
    return Number(this.attributes[name] ?? DEFAULT_ATTRIBUTES[name]);
  }

  setAttributes(attributes: Readonly<Record<string, string>>): void {
    checkQueueAttributes(attributes);
    Object.assign(this.attributes, attributes);
    this.lastModifiedAt = Date.now();
  }

  /** Drops messages past the retention period. */
  private expire(now: number): void {
    const retentionMs = this.numberAttribute("MessageRetentionPeriod") * 1000;
    if (this.messages.some((m) => now - m.sentAt > retentionMs)) {
      this.messages = this.messages.filter((m) => now - m.sentAt <= retentionMs);
    }
  }

  counts(now = Date.now()): { visible: number; inFlight: number; delayed: number } {
    this.expire(now);
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const message of this.messages) {
      if (message.visibleAt <= now) visible++;
      else if (message.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  send(body: string, options: { delaySeconds?: number; attributes?: Record<string, MessageAttributeValue>; senderId: string }): QueueMessage {
    const size = Buffer.byteLength(body, "utf8");
    if (size === 0) throw new SqsError("MissingParameter", "The request must contain the parameter MessageBody.");
    if (size > this.numberAttribute("MaximumMessageSize")) {
      throw invalidParameter(`One or more parameters are invalid. Reason: Message must be shorter than ${this.numberAttribute("MaximumMessageSize")} bytes.`);
    }
    if (!hasOnlyAllowedCharacters(body)) {
      throw new SqsError("InvalidMessageContents", "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
    }
    const now = Date.now();
    const attributes = options.attributes ?? {};
    const message: QueueMessage = {
      id: randomUUID(),
      body,
      md5OfBody: createHash("md5").update(body, "utf8").digest("hex"),
      attributes,
      md5OfAttributes: md5OfMessageAttributes(attributes),
      sentAt: now,
      senderId: options.senderId,
      visibleAt: now + (options.delaySeconds ?? this.numberAttribute("DelaySeconds")) * 1000,
      receiveCount: 0,
      firstReceivedAt: undefined,
      receiptHandle: undefined,
    };
    this.messages.push(message);
    for (const wake of this.waiters) wake();
    return message;
  }

  /** Visible messages now (up to `max`), made invisible for the visibility timeout. */
  private take(max: number, visibilitySeconds: number): QueueMessage[] {
    const now = Date.now();
    this.expire(now);
    const taken: QueueMessage[] = [];
    for (const message of this.messages) {
      if (taken.length === max) break;
      if (message.visibleAt > now) continue;
      message.visibleAt = now + visibilitySeconds * 1000;
      message.receiveCount++;
      message.firstReceivedAt ??= now;
      message.receiptHandle = `${message.id}#${randomBytes(24).toString("base64url")}`;
      this.handles.set(message.receiptHandle, message.id);
      taken.push(message);
    }
    return taken;
  }

  /**
   * ReceiveMessage: returns at once when messages are visible (or for a short poll); a long poll
   * waits up to `waitSeconds` for the first message. An abort (client gone) ends the wait.
   */
  async receive(options: { max: number; visibilitySeconds?: number; waitSeconds?: number; signal?: AbortSignal }): Promise<QueueMessage[]> {
    const visibility = options.visibilitySeconds ?? this.numberAttribute("VisibilityTimeout");
    const waitSeconds = options.waitSeconds ?? this.numberAttribute("ReceiveMessageWaitTimeSeconds");
    const deadline = Date.now() + waitSeconds * 1000;
    for (;;) {
      const taken = this.take(options.max, visibility);
      const remaining = deadline - Date.now();
      if (taken.length > 0 || remaining <= 0 || options.signal?.aborted) return taken;
      // Woken by a send, or after a tick (a delayed or in-flight message may have become visible).
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          options.signal?.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(remaining, LONG_POLL_TICK_MS));
        this.waiters.add(done);
        options.signal?.addEventListener("abort", done, { once: true });
      });
    }
  }

  /** DeleteMessage: a handle this queue issued deletes its message (again: no-op, as on AWS). */
  deleteMessage(receiptHandle: string): void {
    const id = this.handles.get(receiptHandle);
    if (id === undefined) throw new SqsError("ReceiptHandleIsInvalid", `The input receipt handle "${receiptHandle.slice(0, 64)}" is not a valid receipt handle.`);
    this.handles.delete(receiptHandle);
    this.messages = this.messages.filter((m) => m.id !== id);
    for (const [handle, messageId] of this.handles) if (messageId === id) this.handles.delete(handle);
  }

  purge(): void {
    this.messages = [];
    this.handles.clear();
  }

  /** Ends long polls under way (the queue was deleted). */
  close(): void {
    for (const wake of this.waiters) wake();
  }
}

/** The queues of one local endpoint, by account and name. */
export class LocalQueues {
  private readonly queues = new Map<string, LocalQueue>();
  /** The same queues by ARN (rule targets and dead-letter queues name them so). */
  private readonly byArns = new Map<string, LocalQueue>();

  constructor(private readonly region: string) {}

  private static key(account: string, name: string): string {
    return `${account}/${name}`;
  }

  create(account: string, name: string, attributes: Readonly<Record<string, string>>): LocalQueue {
    checkQueueAttributes(attributes);
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
      throw invalidParameter("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
    const existing = this.queues.get(LocalQueues.key(account, name));
    if (existing !== undefined) {
      const differs = Object.entries(attributes).some(([key, value]) => existing.attributes[key] !== value);
      if (differs) throw new SqsError("QueueNameExists", `A queue already exists with the same name and a different value for an attribute.`, "QueueAlreadyExists");
      return existing;
    }
    const queue = new LocalQueue(account, this.region, name, attributes);
    this.queues.set(LocalQueues.key(account, name), queue);
    this.byArns.set(queue.arn, queue);
    return queue;
  }

  get(account: string, name: string): LocalQueue | undefined {
    return this.queues.get(LocalQueues.key(account, name));
  }

  /** The queue an SQS ARN names, if it exists here. */
  byArn(arn: string): LocalQueue | undefined {
    return this.byArns.get(arn);
  }

  delete(queue: LocalQueue): void {
    this.queues.delete(LocalQueues.key(queue.account, queue.name));
    this.byArns.delete(queue.arn);
    queue.close();
  }

  list(account: string, prefix = ""): LocalQueue[] {
    return [...this.queues.values()]
      .filter((q) => q.account === account && q.name.startsWith(prefix))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * A rule's SQS target on the local bus: the event (as the target receives it) lands in the
   * queue of that ARN when one exists here. Returns whether it did.
   */
  deliver(queueArn: string, payload: string, senderId: string): boolean {
    const queue = this.byArn(queueArn);
    if (queue === undefined) return false;
    try {
      queue.send(payload, { senderId });
      return true;
    } catch {
      // A payload SQS would refuse (too large, forbidden characters): the inbox record still has it.
      return false;
    }
  }
}
