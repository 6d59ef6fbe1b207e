/**
 * AWS's restJson1 protocol (EventBridge Scheduler, Pipes) as the local services read a request:
 * the operation is found by method and path template (`POST /schedules/{Name}`), its input
 * gathered from the path's labels, the query string, the headers and the JSON body into one
 * object of member names, checked against the service's model (shapes.ts: the same
 * ValidationException as the JSON protocols), and run. Answers are JSON with the operation's
 * status; errors carry `x-amzn-ErrorType` and `{"message": …}` with the status AWS's model gives
 * the error (404 ResourceNotFoundException, 409 ConflictException…). A service supplies its model
 * (generated from botocore by scripts/rest-json-model.ts) and one function that runs an operation.
 */
import { AwsError, describeForLog } from "./errors";
import { parseJsonBody } from "./json-protocol";
import { Params } from "./params";
import { checkInput, type ServiceModel } from "./shapes";
import { accessKeyOf, verifySignature } from "./sigv4";

/** Where a member travels when not in the JSON body. */
export interface RestBinding {
  readonly location: "uri" | "querystring" | "header";
  /** The label, query parameter or header name on the wire. */
  readonly name: string;
}

export interface RestRoute {
  readonly method: string;
  /** The path template, e.g. `/schedules/{Name}`; a `{Label+}` takes the rest of the path. */
  readonly uri: string;
  /** The status of a successful answer. */
  readonly status: number;
  /** Member name → where it travels; members not listed are in the body. */
  readonly bindings: Readonly<Record<string, RestBinding>>;
}

export interface RestJsonModel extends ServiceModel {
  /** The SigV4 service name its clients sign with. */
  readonly signingName: string;
  /** Operation name → its route. */
  readonly routes: Readonly<Record<string, RestRoute>>;
  /** Error type → HTTP status, as the model's error shapes declare it. */
  readonly errors: Readonly<Record<string, number>>;
}

export interface RestJsonCall {
  readonly operation: string;
  readonly params: Params;
  /** The access key id of the signature: it selects the account locally. */
  readonly accessKeyId: string | undefined;
}

/** Runs one operation; throws `AwsError` for the caller's mistakes. */
export type RestJsonInvoke = (call: RestJsonCall) => Promise<Record<string, unknown>>;

type Segment = { readonly literal: string } | { readonly label: string; readonly greedy: boolean };

interface CompiledRoute {
  readonly operation: string;
  readonly route: RestRoute;
  readonly segments: readonly Segment[];
}

const compiledRoutes = new WeakMap<RestJsonModel, readonly CompiledRoute[]>();

function routesOf(model: RestJsonModel): readonly CompiledRoute[] {
  let routes = compiledRoutes.get(model);
  if (routes === undefined) {
    routes = Object.entries(model.routes).map(([operation, route]) => ({
      operation,
      route,
      segments: pathSegments(route.uri.split("?")[0]).map((part): Segment => {
        const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
        return label === null ? { literal: part } : { label: label[1], greedy: label[2] === "+" };
      }),
    }));
    compiledRoutes.set(model, routes);
  }
  return routes;
}

const pathSegments = (path: string) => path.split("/").filter((segment) => segment !== "");

/** The labels of `path` (still percent-encoded) when it fits the template, decoded. */
function matchPath(segments: readonly Segment[], path: string): Record<string, string> | undefined {
  const parts = pathSegments(path);
  const labels: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if ("literal" in segment) {
      if (parts[i] !== segment.literal) return undefined;
    } else if (segment.greedy) {
      if (i >= parts.length) return undefined;
      labels[segment.label] = parts.slice(i).map(decodeURIComponent).join("/");
      return labels;
    } else {
      if (parts[i] === undefined) return undefined;
      labels[segment.label] = decodeURIComponent(parts[i]);
    }
  }
  return parts.length === segments.length ? labels : undefined;
}

/** The operation a request calls: by path first, so a known path with another method is named as such. */
export function findRoute(model: RestJsonModel, method: string, path: string): { operation: string; route: RestRoute; labels: Record<string, string> } {
  let pathKnown = false;
  for (const { operation, route, segments } of routesOf(model)) {
    const labels = matchPath(segments, path);
    if (labels === undefined) continue;
    pathKnown = true;
    if (route.method === method) return { operation, route, labels };
  }
  throw new AwsError(
    "UnknownOperationException",
    pathKnown ? `The local ${model.signingName} endpoint has no ${method} operation on ${path}.` : `The local ${model.signingName} endpoint has no operation on ${path}.`,
  );
}

/** A query or header value as the member's modelled type (the model check then applies its constraints). */
function typed(model: RestJsonModel, shapeName: string, values: readonly string[], where: string): unknown {
  const shape = model.shapes[shapeName];
  const last = values[values.length - 1];
  switch (shape?.type) {
    case "list":
      return values;
    case "integer":
    case "long":
      if (!/^-?\d+$/.test(last)) throw new AwsError("SerializationException", `Expected an integer in ${where}, got '${last}'.`);
      return Number(last);
    case "boolean":
      if (last !== "true" && last !== "false") throw new AwsError("SerializationException", `Expected true or false in ${where}, got '${last}'.`);
      return last === "true";
    case "timestamp": {
      const time = Date.parse(last);
      if (!Number.isFinite(time)) throw new AwsError("SerializationException", `Expected an ISO 8601 timestamp in ${where}, got '${last}'.`);
      return time / 1000;
    }
    default:
      return last;
  }
}

/** The operation's input: the body's members, then the labels, query parameters and headers bound to members. */
function gatherInput(model: RestJsonModel, operation: string, route: RestRoute, labels: Record<string, string>, url: URL, headers: Headers, body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AwsError("SerializationException", "The request body must be a JSON object.");
  const input: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const inputShape = model.shapes[model.operations[operation] ?? ""];
  const members = inputShape?.type === "structure" ? inputShape.members : {};
  for (const [member, binding] of Object.entries(route.bindings)) {
    delete input[member];
    const shapeName = members[member];
    if (shapeName === undefined) continue;
    if (binding.location === "uri") {
      if (labels[binding.name] !== undefined) input[member] = labels[binding.name];
    } else if (binding.location === "querystring") {
      const values = url.searchParams.getAll(binding.name);
      if (values.length > 0) input[member] = typed(model, shapeName, values, `the query parameter ${binding.name}`);
    } else {
      const value = headers.get(binding.name);
      if (value !== null) input[member] = typed(model, shapeName, value.split(",").map((v) => v.trim()), `the header ${binding.name}`);
    }
  }
  return input;
}

/** The operation of a service's table that a route named; one the model has but the table lacks is not served. */
export function operationNamed<T>(operations: Readonly<Record<string, T>>, name: string): T {
  const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
  if (operation === undefined) throw new AwsError("UnknownOperationException", `Operation ${name} is not supported.`);
  return operation;
}

/** Answers one restJson1 request; `signingKeys`, when set, are the keys a signature must verify against. */
export async function answerRestJson(model: RestJsonModel, request: Request, invoke: RestJsonInvoke, signingKeys?: ReadonlyMap<string, string>): Promise<Response> {
  const requestId = crypto.randomUUID();
  const url = new URL(request.url);
  try {
    const { operation, route, labels } = findRoute(model, request.method, url.pathname);
    const body = new Uint8Array(await request.arrayBuffer());
    if (signingKeys !== undefined) verifySignature(request.method, request.headers, body, signingKeys, `${url.pathname}${url.search}`);
    const json = parseJsonBody(body, () => new AwsError("SerializationException", "The request body is not valid JSON."));
    const input = gatherInput(model, operation, route, labels, url, request.headers, json);
    checkInput(model, operation, input);
    const output = await invoke({ operation, params: Params.of(input), accessKeyId: accessKeyOf(request.headers.get("authorization")) });
    return Response.json(output, { status: route.status, headers: { "x-amzn-requestid": requestId } });
  } catch (error) {
    const aws = asAwsError(model, error, `${request.method} ${url.pathname}`);
    const status = model.errors[aws.type] ?? (aws.type === "UnknownOperationException" ? 404 : aws.status);
    return Response.json({ message: aws.message }, { status, headers: { "x-amzn-requestid": requestId, "x-amzn-errortype": aws.type } });
  }
}

/** Unexpected failures are logged by kind only and answered as the model's 500 error. */
function asAwsError(model: RestJsonModel, error: unknown, call: string): AwsError {
  if (error instanceof AwsError) return error;
  console.error(`[${model.signingName}] ${call} failed: ${describeForLog(error)}`);
  return new AwsError(model.errors.InternalServerException === undefined ? "InternalException" : "InternalServerException", "An internal error occurred.");
}
