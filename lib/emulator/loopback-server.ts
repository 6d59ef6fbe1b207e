/**
 * The local AWS services (EventBridge, SQS, STS's GetCallerIdentity, the Schemas registry,
 * EventBridge Scheduler and Pipes) on
 * plain Node HTTP: `serveBusRequest` answers one request, `listenOnLoopback` runs a server of its
 * own bound to 127.0.0.1 (tests, the benchmark, the crash test). The app's server (server.ts)
 * sends AWS clients' requests to `serveBusRequest` before Next.js sees them, so the hot PutEvents
 * path skips Next's routing. Every request first meets the boundary (lib/boundary): allowed
 * `Host`, a SigV4 `Authorization`, and a body within AWS's request size.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { awsServiceOf, boundarySettings, type AwsService, type BoundarySettings } from "../boundary";
import { nodeRequestFacts, readAwsRequestBody, refusedAtBoundary, writeResponse } from "../boundary/node-http";
import { answerEventsCall, handleEventsRequest } from "./events/protocol";
import { getBusRuntime, type BusRuntime } from "./runtime";
import { handleSchedulerRequest } from "./scheduler/protocol";
import { routeSchemasRequest } from "./schemas/http";
import { handlePipesRequest } from "./pipes/protocol";
import { handleSqsRequest } from "./sqs/protocol";
import { handleStsRequest } from "./sts/protocol";

/** The AWS service a Node request calls on the local endpoint, or undefined for the app's pages and routes. */
export function localAwsServiceOf(req: http.IncomingMessage): AwsService | undefined {
  return awsServiceOf(nodeRequestFacts(req));
}

export function serveBusRequest(runtime: BusRuntime, req: http.IncomingMessage, res: http.ServerResponse, settings: BoundarySettings = boundarySettings()): void {
  if (refusedAtBoundary(req, res, settings)) return;
  void answer(runtime, req, res);
}

/** The request's headers as a WHATWG Headers object. */
function headersOf(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

async function answer(runtime: BusRuntime, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readAwsRequestBody(req, res);
  if (body === undefined) return;
  const service = localAwsServiceOf(req);
  if (service === "events") {
    // The hot path (PutEvents): no WHATWG Request or Response in between.
    const call = {
      target: req.headers["x-amz-target"]?.toString() ?? "",
      authorization: req.headers.authorization ?? null,
      body,
      signed: () => ({ method: req.method ?? "POST", headers: headersOf(req) }),
    };
    const answered = await answerEventsCall(call, runtime);
    res.writeHead(answered.status, answered.headers);
    res.end(answered.body);
    return;
  }
  const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
    method: req.method,
    headers: headersOf(req),
    body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body),
  });
  // A long poll ends when its client goes away.
  const gone = new AbortController();
  res.once("close", () => gone.abort());
  const handle = service === undefined ? handleEventsRequest : HANDLERS[service];
  await writeResponse(res, await handle(request, runtime, gone.signal));
}

type Handler = (request: Request, runtime: BusRuntime, gone: AbortSignal) => Response | Promise<Response>;

/**
 * A restJson1 service's call as a Next.js route receives it (`next dev`, where server.ts does not
 * run): the service is told apart as the boundary does, from the path and the SigV4 scope.
 */
export async function answerRestJsonRoute(request: Request): Promise<Response> {
  const runtime = await getBusRuntime();
  const url = new URL(request.url);
  const service = awsServiceOf({ method: request.method, target: `${url.pathname}${url.search}`, header: (name) => request.headers.get(name) ?? undefined });
  if (service !== "scheduler" && service !== "pipes") {
    return Response.json({ message: `No local AWS service answers ${request.method} ${url.pathname} signed like this.` }, { status: 404, headers: { "x-amzn-errortype": "UnknownOperationException" } });
  }
  return HANDLERS[service](request, runtime, request.signal);
}

/** Each service's WHATWG handler (EventBridge's hot path is answered above without one). */
const HANDLERS: Readonly<Record<AwsService, Handler>> = {
  events: handleEventsRequest,
  schemas: (request) => routeSchemasRequest(new URL(request.url)),
  sqs: handleSqsRequest,
  sts: handleStsRequest,
  scheduler: handleSchedulerRequest,
  pipes: handlePipesRequest,
};

export interface LoopbackServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(runtime: BusRuntime, port = 0): Promise<LoopbackServer> {
  const server = http.createServer((req, res) => serveBusRequest(runtime, req, res));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
