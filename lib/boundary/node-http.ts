/**
 * The boundary on Node's HTTP server (server.ts and the local endpoint's server): the same
 * policy as proxy.ts, applied before the body is read; a refused request's connection is closed
 * so the rest of an oversized body is never taken in.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { awsServiceOf, checkRequest, refusalResponse, type Refusal, type RequestFacts } from "./inbound";
import { AWS_REQUEST_BODY_LIMIT } from "./limits";
import type { BoundarySettings } from "./settings";

export function nodeRequestFacts(req: IncomingMessage): RequestFacts {
  return {
    method: req.method ?? "GET",
    target: req.url ?? "/",
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** Writes a web Response to a Node response; `close` ends the connection after it. */
export async function writeResponse(res: ServerResponse, response: Response, close = false): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = Object.fromEntries(response.headers);
  if (close) headers.connection = "close";
  res.writeHead(response.status, headers);
  res.end(body);
  if (close) res.once("finish", () => res.socket?.destroySoon());
}

function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  void writeResponse(res, refusalResponse(refusal, awsServiceOf(nodeRequestFacts(req))), true);
}

/** Answers and returns true when the boundary refuses the request. */
export function refusedAtBoundary(req: IncomingMessage, res: ServerResponse, settings: BoundarySettings): boolean {
  const refusal = checkRequest(nodeRequestFacts(req), settings);
  if (refusal === undefined) return false;
  refuse(req, res, refusal);
  return true;
}

/**
 * An AWS call's body, read up to AWS_REQUEST_BODY_LIMIT (chunked bodies declare no length, so
 * the bytes are counted as they come); undefined when it was larger and the request was refused.
 */
export function readAwsRequestBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= AWS_REQUEST_BODY_LIMIT) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.pause();
      refuse(req, res, {
        status: 413,
        code: "payload_too_large",
        awsType: "RequestEntityTooLargeException",
        message: `The request body is larger than the local endpoint's limit of ${AWS_REQUEST_BODY_LIMIT} bytes.`,
      });
      resolve(undefined);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(undefined));
  });
}
