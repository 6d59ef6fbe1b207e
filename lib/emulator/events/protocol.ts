/**
 * EventBridge's wire protocol (awsJson1.1): `POST /` with `X-Amz-Target: AWSEvents.<Operation>`
 * and a JSON body; answers are JSON, errors carry `__type` and `message`. Any SigV4 signature is
 * accepted (local development) unless SWITCHYARD_BUS_KEYS names the keys to verify against; the
 * access key id selects the account (see BusRuntime).
 */
import { AwsError, describeForLog } from "../protocol/errors";
import { Params } from "../protocol/params";
import { checkInput } from "../protocol/shapes";
import { getBusRuntime, type BusRuntime } from "../runtime";
import { parseJsonBody, targetOperation } from "../protocol/json-protocol";
import { accessKeyOf, verifySignature } from "../protocol/sigv4";
import { EVENTS_MODEL } from "./model";
import { OPERATIONS } from "./operations";
import type { OperationContext } from "./operations/context";

const TARGET_PREFIX = "AWSEvents.";
const CONTENT_TYPE = "application/x-amz-json-1.1";

/**
 * Runs one operation as the wire protocol does: the input is checked against AWS's model first
 * (every violated constraint in one ValidationException), then the operation runs. "Run locally"
 * calls operations through here too, so AWS's validation applies to it.
 */
export async function invokeOperation(name: string, input: unknown, context: OperationContext): Promise<Record<string, unknown>> {
  const operation = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
  if (operation === undefined) throw new AwsError("UnknownOperationException", `Operation ${name} is not supported.`);
  const params = Params.of(input);
  checkInput(EVENTS_MODEL, name, params.verbatim());
  return operation(params, context);
}

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
    if (targetOperation(target, TARGET_PREFIX, OPERATIONS) === undefined) {
      throw new AwsError("UnknownOperationException", `Operation ${target || "(none)"} is not supported.`);
    }
    const name = target.slice(TARGET_PREFIX.length);
    const bus = runtime ?? (await getBusRuntime());
    if (bus.config.signingKeys !== undefined) {
      const signed = call.signed();
      verifySignature(signed.method, signed.headers, call.body, bus.config.signingKeys);
    }
    const input = parseJsonBody(call.body, () => new AwsError("SerializationException", "The request body is not valid JSON."));
    const scope = bus.scopeFor(accessKeyOf(call.authorization));
    await bus.ensureAccount(scope);
    const output = await invokeOperation(name, input, { scope, db: bus.db, runtime: bus });
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

function reply(status: number, body: Record<string, unknown>, requestId: string, errorType?: string): EventsAnswer {
  const headers: Record<string, string> = { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId };
  if (errorType !== undefined) headers["x-amzn-errortype"] = errorType;
  return { status, headers, body: JSON.stringify(body) };
}
