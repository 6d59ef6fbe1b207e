/**
 * For tests and scripts: the local EventBridge on a fresh SQLite file behind a loopback HTTP
 * server, so the real AWS SDK can talk to it without a Next.js build.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, getDb } from "../db";
import { readBusConfig } from "./config";
import { handleEventsRequest } from "./protocol";
import { routeSchemasRequest } from "./schemas/http";
import { BusRuntime } from "./runtime";

export interface TestEndpoint {
  readonly url: string;
  readonly runtime: BusRuntime;
  close(): Promise<void>;
}

export async function startTestEndpoint(settings: Record<string, string> = {}): Promise<TestEndpoint> {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-bus-"));
  const dbUrl = `file:${join(dir, "bus.db")}`;
  const runtime = new BusRuntime(await getDb(dbUrl), readBusConfig(settings));
  runtime.start();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      // As in the app: Schemas' REST paths under /v1/registries, EventBridge's JSON protocol at /.
      const url = new URL(request.url);
      const answer = url.pathname.startsWith("/v1/registries")
        ? Promise.resolve(routeSchemasRequest(url))
        : handleEventsRequest(request, runtime);
      void answer.then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    async close() {
      runtime.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDb(dbUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
