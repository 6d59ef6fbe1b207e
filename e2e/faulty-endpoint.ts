/**
 * For e2e: a loopback proxy in front of the app's local EventBridge that refuses chosen calls
 * with AWS's AccessDeniedException, so an apply can fail part-way through the real app. Lives
 * in the test process only; the app's server has no fault switch.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FaultyEndpoint {
  readonly url: string;
  /** Refuse the `nth` next call of `operation` (e.g. `PutTargets`) from now on. */
  failNth(operation: string, nth: number): void;
  close(): Promise<void>;
}

export async function startFaultyEndpoint(upstream: string, port: number): Promise<FaultyEndpoint> {
  const pending = new Map<string, number>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers["x-amz-target"] ?? "");
    const operation = target.startsWith("AWSEvents.") ? target.slice("AWSEvents.".length) : "";
    const left = pending.get(operation);
    if (left === 1) {
      pending.delete(operation);
      res.writeHead(400, { "Content-Type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify({ __type: "AccessDeniedException", message: `User is not authorized to perform: events:${operation}` }));
      return;
    }
    if (left !== undefined) pending.set(operation, left - 1);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !["host", "connection", "content-length"].includes(name)).map(([name, value]) => [name, String(value)]));
    const answer = await fetch(`${upstream}${req.url ?? "/"}`, { method: req.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
    res.writeHead(answer.status, { "Content-Type": answer.headers.get("content-type") ?? "application/x-amz-json-1.1" });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    failNth: (operation, nth) => pending.set(operation, nth),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
