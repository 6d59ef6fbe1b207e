/**
 * The local EventBridge (with SQS, STS's GetCallerIdentity and the Schemas endpoint) on plain Node HTTP: `serveBusRequest` answers
 * one request, `listenOnLoopback` runs a server of its own bound to 127.0.0.1 (tests, the
 * benchmark, the crash test). The app's server (server.ts) sends AWS clients' requests to
 * `serveBusRequest` before Next.js sees them, so the hot PutEvents path skips Next's routing.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { answerEventsCall, handleEventsRequest } from "./events/protocol";
import type { BusRuntime } from "./runtime";
import { routeSchemasRequest } from "./schemas/http";
import { handleSqsRequest } from "./sqs/protocol";
import { handleStsRequest, signedServiceOf } from "./sts/protocol";

const isRootPost = (req: http.IncomingMessage) => req.method === "POST" && (req.url === "/" || req.url?.startsWith("/?") === true);

/** An AWS EventBridge client's call: `POST /` with `X-Amz-Target: AWSEvents.<Operation>`. */
export function isEventBridgeCall(req: http.IncomingMessage): boolean {
  const target = req.headers["x-amz-target"];
  return isRootPost(req) && typeof target === "string" && target.startsWith("AWSEvents.");
}

/** An SQS client's call (JSON protocol): `POST /` with `X-Amz-Target: AmazonSQS.<Operation>`. */
export function isSqsCall(req: http.IncomingMessage): boolean {
  const target = req.headers["x-amz-target"];
  return isRootPost(req) && typeof target === "string" && target.startsWith("AmazonSQS.");
}

/** An STS client's call (query protocol): `POST /`, a form body, signed for the `sts` service. */
export function isStsCall(req: http.IncomingMessage): boolean {
  return isRootPost(req) && req.headers["x-amz-target"] === undefined && signedServiceOf(req.headers.authorization) === "sts";
}

/** Any AWS call the local endpoint answers (EventBridge, SQS, STS), before Next's routing. */
export function isLocalAwsCall(req: http.IncomingMessage): boolean {
  return isEventBridgeCall(req) || isSqsCall(req) || isStsCall(req);
}

/** The request's headers as a WHATWG Headers object. */
function headersOf(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

export function serveBusRequest(runtime: BusRuntime, req: http.IncomingMessage, res: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    if (isEventBridgeCall(req)) {
      // The hot path (PutEvents): no WHATWG Request or Response in between.
      const call = {
        target: String(req.headers["x-amz-target"]),
        authorization: req.headers.authorization ?? null,
        body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
        signed: () => ({ method: req.method ?? "POST", headers: headersOf(req) }),
      };
      void answerEventsCall(call, runtime).then((answer) => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      });
      return;
    }
    const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
      method: req.method,
      headers: headersOf(req),
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    // A long poll ends when its client goes away.
    const gone = new AbortController();
    res.once("close", () => gone.abort());
    // As in the app: Schemas' REST paths under /v1/registries, SQS and STS by their request
    // shape, EventBridge's JSON protocol at / (above, and here for a call without its target).
    const url = new URL(request.url);
    const answer = url.pathname.startsWith("/v1/registries")
      ? Promise.resolve(routeSchemasRequest(url))
      : isSqsCall(req)
        ? handleSqsRequest(request, runtime, gone.signal)
        : isStsCall(req)
          ? handleStsRequest(request, runtime)
          : handleEventsRequest(request, runtime);
    void answer.then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
}

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
