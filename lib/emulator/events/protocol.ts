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
import { readJsonRequest, targetOperation } from "../protocol/json-protocol";
import { accessKeyOf } from "../protocol/sigv4";

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

export async function handleEventsRequest(request: Request, runtime?: BusRuntime): Promise<Response> {
  const requestId = crypto.randomUUID();
  const target = request.headers.get("x-amz-target") ?? "";
  try {
    const operation = targetOperation(target, TARGET_PREFIX, OPERATIONS);
    if (operation === undefined) {
      throw new AwsError("UnknownOperationException", `Operation ${target || "(none)"} is not supported.`);
    }
    const bus = runtime ?? (await getBusRuntime());
    const params = Params.of(await readJsonRequest(request, bus.config.signingKeys, () => new AwsError("SerializationException", "The request body is not valid JSON.")));
    const scope = bus.scopeFor(accessKeyOf(request.headers.get("authorization")));
    await bus.ensureAccount(scope);
    const output = await operation(params, { scope, db: bus.db, runtime: bus });
    return reply(200, output, requestId);
  } catch (error) {
    const aws = asAwsError(error, target);
    return reply(aws.status, { __type: aws.type, message: aws.message }, requestId, aws.type);
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

function reply(status: number, body: Record<string, unknown>, requestId: string, errorType?: string): Response {
  const headers: Record<string, string> = { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId };
  if (errorType !== undefined) headers["x-amzn-errortype"] = errorType;
  return new Response(JSON.stringify(body), { status, headers });
}
