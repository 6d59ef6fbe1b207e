/**
 * EventBridge's wire protocol (awsJson1.1): `POST /` with `X-Amz-Target: AWSEvents.<Operation>`
 * and a JSON body; answers are JSON, errors carry `__type` and `message`. Any SigV4 signature is
 * accepted (local development) unless SWITCHYARD_BUS_KEYS names the keys to verify against; the
 * access key id selects the account (see BusRuntime).
 */
import { AwsError, describeForLog } from "../protocol/errors";
import { createApiDestination, createConnection, describeApiDestination } from "./operations/api-destinations";
import {
  cancelReplay,
  createArchive,
  deleteArchive,
  describeArchive,
  describeReplay,
  listArchives,
  listReplays,
  startReplay,
  updateArchive,
} from "./operations/archives";
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from "./operations/buses";
import type { Operation } from "./operations/context";
import { putEvents } from "./operations/put-events";
import {
  deleteRule,
  describeRule,
  disableRule,
  enableRule,
  listRuleNamesByTarget,
  listRules,
  listTargetsByRule,
  putRule,
  putTargets,
  removeTargets,
  testPattern,
} from "./operations/rules";
import { listTagsForResource, tagResource, untagResource } from "./operations/tags";
import { Params } from "../protocol/params";
import { getBusRuntime, type BusRuntime } from "../runtime";
import { accessKeyOf, verifySignature } from "../protocol/sigv4";

const TARGET_PREFIX = "AWSEvents.";
const CONTENT_TYPE = "application/x-amz-json-1.1";

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  PutEvents: putEvents,
  TestEventPattern: testPattern,
  CreateEventBus: createEventBus,
  DescribeEventBus: describeEventBus,
  ListEventBuses: listEventBuses,
  DeleteEventBus: deleteEventBus,
  PutRule: putRule,
  DescribeRule: describeRule,
  ListRules: listRules,
  EnableRule: enableRule,
  DisableRule: disableRule,
  DeleteRule: deleteRule,
  PutTargets: putTargets,
  ListTargetsByRule: listTargetsByRule,
  RemoveTargets: removeTargets,
  ListRuleNamesByTarget: listRuleNamesByTarget,
  CreateArchive: createArchive,
  DescribeArchive: describeArchive,
  ListArchives: listArchives,
  UpdateArchive: updateArchive,
  DeleteArchive: deleteArchive,
  StartReplay: startReplay,
  DescribeReplay: describeReplay,
  ListReplays: listReplays,
  CancelReplay: cancelReplay,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  CreateConnection: createConnection,
  CreateApiDestination: createApiDestination,
  DescribeApiDestination: describeApiDestination,
};

/** One EventBridge call, as read off the wire. */
export interface EventsCall {
  /** The X-Amz-Target header. */
  readonly target: string;
  readonly authorization: string | null;
  readonly body: Uint8Array;
  /** The request as signed, for SigV4 verification (read only when SWITCHYARD_BUS_KEYS is set). */
  readonly signed: () => { readonly method: string; readonly headers: Headers };
}

export interface EventsAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A WHATWG Request's call (the Next.js route); the loopback server calls `answerEventsCall` directly. */
export async function handleEventsRequest(request: Request, runtime?: BusRuntime): Promise<Response> {
  const answer = await answerEventsCall(
    {
      target: request.headers.get("x-amz-target") ?? "",
      authorization: request.headers.get("authorization"),
      body: new Uint8Array(await request.arrayBuffer()),
      signed: () => ({ method: request.method, headers: request.headers }),
    },
    runtime,
  );
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export async function answerEventsCall(call: EventsCall, runtime?: BusRuntime): Promise<EventsAnswer> {
  const requestId = crypto.randomUUID();
  const { target } = call;
  try {
    const name = target.slice(TARGET_PREFIX.length);
    const operation = target.startsWith(TARGET_PREFIX) && Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
    if (operation === undefined) {
      throw new AwsError("UnknownOperationException", `Operation ${target || "(none)"} is not supported.`);
    }
    const bus = runtime ?? (await getBusRuntime());
    if (bus.config.signingKeys !== undefined) {
      const signed = call.signed();
      verifySignature(signed.method, signed.headers, call.body, bus.config.signingKeys);
    }
    const params = Params.of(parseBody(call.body));
    const scope = bus.scopeFor(accessKeyOf(call.authorization));
    await bus.ensureAccount(scope);
    const output = await operation(params, { scope, db: bus.db, runtime: bus });
    return reply(200, output, requestId);
  } catch (error) {
    const aws = asAwsError(error, target);
    return reply(aws.status, { __type: aws.type, message: aws.message }, requestId, aws.type);
  }
}

function parseBody(body: Uint8Array): unknown {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AwsError("SerializationException", "The request body is not valid JSON.");
  }
}

function asAwsError(error: unknown, target: string): AwsError {
  if (error instanceof AwsError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === "P2034" || code === "P2002") {
    return new AwsError("ConcurrentModificationException", "Another request changed this resource at the same time; retry.");
  }
  console.error(`[bus] ${target} failed: ${describeForLog(error)}`);
  return new AwsError("InternalException", "An internal error occurred.");
}

function reply(status: number, body: Record<string, unknown>, requestId: string, errorType?: string): EventsAnswer {
  const headers: Record<string, string> = { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId };
  if (errorType !== undefined) headers["x-amzn-errortype"] = errorType;
  return { status, headers, body: JSON.stringify(body) };
}
