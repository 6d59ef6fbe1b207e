/**
 * SQS on the local endpoint, in the protocol `@aws-sdk/client-sqs` speaks (AWS JSON 1.0, query
 * compatible): `POST /` with `X-Amz-Target: AmazonSQS.<Operation>` and a JSON body; errors carry
 * `__type` (`com.amazonaws.sqs#QueueDoesNotExist`) and the query-compatible code in
 * `x-amzn-query-error`. Queue URLs are `<origin>/<account>/<name>` on the origin the client
 * called, so the SDK's "use the queue URL as endpoint" behaviour reaches the same server.
 */
import { AwsError } from "../protocol/errors";
import type { BusRuntime } from "../runtime";
import { readJsonRequest, targetOperation } from "../protocol/json-protocol";
import { accessKeyOf } from "../protocol/sigv4";
import {
  invalidParameter,
  MAX_RECEIVE,
  MAX_VISIBILITY_SECONDS,
  MAX_WAIT_SECONDS,
  queueDoesNotExist,
  SqsError,
  type LocalQueue,
  type MessageAttributeValue,
  type QueueMessage,
} from "./queues";

const TARGET_PREFIX = "AmazonSQS.";
const CONTENT_TYPE = "application/x-amz-json-1.0";
const BATCH_LIMIT = 10;

interface SqsContext {
  readonly runtime: BusRuntime;
  readonly account: string;
  readonly origin: string;
  readonly signal: AbortSignal;
}

type Input = Record<string, unknown>;
type SqsOperation = (input: Input, context: SqsContext) => Promise<Record<string, unknown>> | Record<string, unknown>;

function str(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidParameter(`Value for parameter ${name} must be a string.`);
  return value;
}
function required(input: Input, name: string): string {
  const value = str(input, name);
  if (value === undefined || value === "") throw new SqsError("MissingParameter", `The request must contain the parameter ${name}.`);
  return value;
}
function int(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(`Value ${String(value)} for parameter ${name} is invalid. Reason: Must be an integer from ${min} to ${max}.`);
  }
  return value;
}
function stringMap(input: Input, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw invalidParameter(`Value for parameter ${name} must be a map.`);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") throw invalidParameter(`Value for ${name}.${key} must be a string.`);
    out[key] = item;
  }
  return out;
}
function stringList(input: Input, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw invalidParameter(`Value for parameter ${name} must be a list of strings.`);
  return value as string[];
}
function objectList(input: Input, name: string): Input[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "object" || v === null || Array.isArray(v))) {
    throw invalidParameter(`Value for parameter ${name} must be a list of objects.`);
  }
  return value as Input[];
}

function queueUrl(context: SqsContext, queue: LocalQueue): string {
  return `${context.origin}/${queue.account}/${queue.name}`;
}

/** The queue a QueueUrl names: its path is `/<account>/<name>` (the host is not checked). */
function queueOf(input: Input, context: SqsContext): LocalQueue {
  const url = required(input, "QueueUrl");
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    throw new SqsError("InvalidAddress", `The address ${url} is not valid for this endpoint.`);
  }
  const match = /^\/(\d{12})\/([^/]+)\/?$/.exec(path);
  if (match === null) throw new SqsError("InvalidAddress", `The address ${url} is not valid for this endpoint.`);
  const queue = context.runtime.queues.get(match[1], decodeURIComponent(match[2]));
  if (queue === undefined) throw queueDoesNotExist();
  return queue;
}

function messageAttributes(input: Input): Record<string, MessageAttributeValue> {
  const value = input.MessageAttributes;
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw invalidParameter("MessageAttributes must be a map.");
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    const attribute = raw as Partial<MessageAttributeValue> | null;
    if (attribute === null || typeof attribute.DataType !== "string" || (attribute.StringValue === undefined && attribute.BinaryValue === undefined)) {
      throw invalidParameter(`The message attribute '${name}' must contain a DataType and a StringValue or BinaryValue.`);
    }
    out[name] = {
      DataType: attribute.DataType,
      ...(typeof attribute.StringValue === "string" ? { StringValue: attribute.StringValue } : {}),
      ...(typeof attribute.BinaryValue === "string" ? { BinaryValue: attribute.BinaryValue } : {}),
    };
  }
  return out;
}

function queueAttributes(queue: LocalQueue, names: readonly string[]): Record<string, string> {
  const counts = queue.counts();
  const all: Record<string, string> = {
    ...queue.attributes,
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
  };
  if (names.includes("All")) return all;
  const chosen: Record<string, string> = {};
  for (const name of names) {
    if (all[name] !== undefined) chosen[name] = all[name];
    else if (!/^(Policy|RedrivePolicy|RedriveAllowPolicy|KmsMasterKeyId|KmsDataKeyReusePeriodSeconds|SqsManagedSseEnabled|FifoQueue|ContentBasedDeduplication|DeduplicationScope|FifoThroughputLimit)$/.test(name)) {
      throw new SqsError("InvalidAttributeName", `Unknown Attribute ${name}.`);
    }
  }
  return chosen;
}

function receivedMessage(message: QueueMessage, systemNames: readonly string[], attributeNames: readonly string[]): Record<string, unknown> {
  const system: Record<string, string> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  };
  const wantedSystem = systemNames.includes("All") ? Object.keys(system) : systemNames.filter((n) => n in system);
  const all = attributeNames.includes("All") || attributeNames.includes(".*");
  const wantedAttributes = Object.keys(message.attributes).filter(
    (name) => all || attributeNames.some((pattern) => (pattern.endsWith(".*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern)),
  );
  const out: Record<string, unknown> = {
    MessageId: message.id,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
  };
  if (wantedSystem.length > 0) out.Attributes = Object.fromEntries(wantedSystem.map((n) => [n, system[n]]));
  if (wantedAttributes.length > 0) {
    out.MessageAttributes = Object.fromEntries(wantedAttributes.map((n) => [n, message.attributes[n]]));
    out.MD5OfMessageAttributes = message.md5OfAttributes;
  }
  return out;
}

function batchEntries(input: Input): Input[] {
  const entries = objectList(input, "Entries");
  if (entries.length === 0) throw new SqsError("EmptyBatchRequest", "There should be at least one entry in the request.");
  if (entries.length > BATCH_LIMIT) throw new SqsError("TooManyEntriesInBatchRequest", `Maximum number of entries per request are ${BATCH_LIMIT}. You have sent ${entries.length}.`);
  const ids = entries.map((e) => e.Id);
  for (const id of ids) {
    if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
      throw new SqsError("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
    }
  }
  if (new Set(ids).size !== ids.length) throw new SqsError("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
  return entries;
}

/** Runs `work` on each entry of a batch request: its result, or its SQS error, per entry. */
function eachEntry(input: Input, work: (entry: Input) => Record<string, unknown>): { Successful: Record<string, unknown>[]; Failed: Record<string, unknown>[] } {
  const successful: Record<string, unknown>[] = [];
  const failed: Record<string, unknown>[] = [];
  for (const entry of batchEntries(input)) {
    try {
      successful.push({ Id: entry.Id, ...work(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      failed.push({ Id: entry.Id, SenderFault: true, Code: error.type, Message: error.message });
    }
  }
  return { Successful: successful, Failed: failed };
}

/** SendMessage's answer (also each SendMessageBatch entry's) for a message `input` describes. */
function sendMessage(queue: LocalQueue, input: Input, context: SqsContext): Record<string, unknown> {
  const message = queue.send(required(input, "MessageBody"), {
    delaySeconds: int(input, "DelaySeconds", 0, 900),
    attributes: messageAttributes(input),
    senderId: context.account,
  });
  return {
    MessageId: message.id,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfAttributes === undefined ? {} : { MD5OfMessageAttributes: message.md5OfAttributes }),
  };
}

export const SQS_OPERATIONS: Readonly<Record<string, SqsOperation>> = {
  CreateQueue(input, context) {
    const name = required(input, "QueueName");
    const queue = context.runtime.queues.create(context.account, name, stringMap(input, "Attributes"));
    return { QueueUrl: queueUrl(context, queue) };
  },
  GetQueueUrl(input, context) {
    const name = required(input, "QueueName");
    const owner = str(input, "QueueOwnerAWSAccountId") ?? context.account;
    const queue = context.runtime.queues.get(owner, name);
    if (queue === undefined) throw queueDoesNotExist();
    return { QueueUrl: queueUrl(context, queue) };
  },
  ListQueues(input, context) {
    const prefix = str(input, "QueueNamePrefix") ?? "";
    const max = int(input, "MaxResults", 1, 1000);
    const token = str(input, "NextToken");
    const all = context.runtime.queues.list(context.account, prefix);
    const start = token === undefined ? 0 : all.findIndex((q) => q.name > Buffer.from(token, "base64url").toString("utf8"));
    const page = start < 0 ? [] : all.slice(start, max === undefined ? undefined : start + max);
    const more = max !== undefined && start >= 0 && start + max < all.length;
    return {
      ...(page.length > 0 ? { QueueUrls: page.map((q) => queueUrl(context, q)) } : {}),
      ...(more ? { NextToken: Buffer.from(page[page.length - 1].name, "utf8").toString("base64url") } : {}),
    };
  },
  DeleteQueue(input, context) {
    context.runtime.queues.delete(queueOf(input, context));
    return {};
  },
  PurgeQueue(input, context) {
    queueOf(input, context).purge();
    return {};
  },
  GetQueueAttributes(input, context) {
    const queue = queueOf(input, context);
    const names = stringList(input, "AttributeNames");
    return { Attributes: queueAttributes(queue, names.length === 0 ? [] : names) };
  },
  SetQueueAttributes(input, context) {
    queueOf(input, context).setAttributes(stringMap(input, "Attributes"));
    return {};
  },
  SendMessage(input, context) {
    return sendMessage(queueOf(input, context), input, context);
  },
  SendMessageBatch(input, context) {
    const queue = queueOf(input, context);
    return eachEntry(input, (entry) => sendMessage(queue, entry, context));
  },
  async ReceiveMessage(input, context) {
    const queue = queueOf(input, context);
    const messages = await queue.receive({
      max: int(input, "MaxNumberOfMessages", 1, MAX_RECEIVE) ?? 1,
      visibilitySeconds: int(input, "VisibilityTimeout", 0, MAX_VISIBILITY_SECONDS),
      waitSeconds: int(input, "WaitTimeSeconds", 0, MAX_WAIT_SECONDS),
      signal: context.signal,
    });
    const systemNames = [...stringList(input, "AttributeNames"), ...stringList(input, "MessageSystemAttributeNames")];
    const attributeNames = stringList(input, "MessageAttributeNames");
    return messages.length === 0 ? {} : { Messages: messages.map((m) => receivedMessage(m, systemNames, attributeNames)) };
  },
  DeleteMessage(input, context) {
    queueOf(input, context).deleteMessage(required(input, "ReceiptHandle"));
    return {};
  },
  DeleteMessageBatch(input, context) {
    const queue = queueOf(input, context);
    return eachEntry(input, (entry) => {
      queue.deleteMessage(required(entry, "ReceiptHandle"));
      return {};
    });
  },
};

/** The origin the client called: queue URLs point back at it. */
function originOf(request: Request): string {
  const host = request.headers.get("host");
  return host ? `http://${host}` : new URL(request.url).origin;
}

export async function handleSqsRequest(request: Request, runtime: BusRuntime, signal: AbortSignal = request.signal): Promise<Response> {
  const requestId = crypto.randomUUID();
  const target = request.headers.get("x-amz-target") ?? "";
  try {
    const operation = targetOperation(target, TARGET_PREFIX, SQS_OPERATIONS);
    if (operation === undefined) throw new SqsError("UnsupportedOperation", `Operation ${target || "(none)"} is not supported by the local endpoint.`);
    const input = await readJsonRequest(request, runtime.config.signingKeys, () => new SqsError("SerializationException", "The request body is not valid JSON."));
    if (typeof input !== "object" || input === null || Array.isArray(input)) throw new SqsError("SerializationException", "The request body must be a JSON object.");
    const { account } = runtime.scopeFor(accessKeyOf(request.headers.get("authorization")));
    const output = await operation(input as Input, { runtime, account, origin: originOf(request), signal });
    return reply(200, output, requestId);
  } catch (error) {
    if (error instanceof AwsError) {
      // Signature problems from the shared SigV4 check.
      return reply(error.status, { __type: `com.amazonaws.sqs#${error.type}`, message: error.message }, requestId, `${error.type};Sender`);
    }
    if (error instanceof SqsError) {
      return reply(400, { __type: `com.amazonaws.sqs#${error.type}`, message: error.message }, requestId, `${error.queryCode};Sender`);
    }
    console.error(`[sqs] ${target} failed: ${error instanceof Error ? error.name : typeof error}`);
    return reply(500, { __type: "com.amazonaws.sqs#InternalError", message: "An internal error occurred." }, requestId, "InternalError;Receiver");
  }
}

function reply(status: number, body: Record<string, unknown>, requestId: string, queryError?: string): Response {
  const headers: Record<string, string> = { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId };
  if (queryError !== undefined) headers["x-amzn-query-error"] = queryError;
  return new Response(JSON.stringify(body), { status, headers });
}
