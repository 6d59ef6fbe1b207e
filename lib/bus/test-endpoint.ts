/**
 * For tests: the local EventBridge on a fresh SQLite file behind a loopback HTTP server, so the
 * real AWS SDK can talk to it without a Next.js build.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb } from "../db";
import { readBusConfig } from "./config";
import { serveBusRequest } from "./loopback-server";
import { BusRuntime } from "./runtime";

export interface TestEndpoint {
  readonly url: string;
  readonly runtime: BusRuntime;
  /**
   * Test-only fault: the `nth` next call of an EventBridge `operation` (e.g. `PutTargets`)
   * from now on is refused with AWS's `AccessDeniedException` instead of being served.
   */
  failNth(operation: string, nth: number): void;
  close(): Promise<void>;
}

/** Refuses chosen calls before they reach the bus; lives here only, never in the app's server. */
class FaultInjector {
  private readonly pending = new Map<string, number>();

  failNth(operation: string, nth: number): void {
    this.pending.set(operation, nth);
  }

  /** True when it answered the request itself. */
  strike(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const target = req.headers["x-amz-target"];
    const operation = typeof target === "string" && target.startsWith("AWSEvents.") ? target.slice("AWSEvents.".length) : undefined;
    const left = operation === undefined ? undefined : this.pending.get(operation);
    if (operation === undefined || left === undefined) return false;
    if (left > 1) {
      this.pending.set(operation, left - 1);
      return false;
    }
    this.pending.delete(operation);
    req.resume();
    res.writeHead(400, { "Content-Type": "application/x-amz-json-1.1" });
    res.end(JSON.stringify({ __type: "AccessDeniedException", message: `User is not authorized to perform: events:${operation} (injected by the test endpoint)` }));
    return true;
  }
}

export async function startTestEndpoint(settings: Record<string, string> = {}): Promise<TestEndpoint> {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-bus-"));
  const dbUrl = `file:${join(dir, "bus.db")}`;
  const runtime = await BusRuntime.open(dbUrl, readBusConfig(settings));
  runtime.start();
  const faults = new FaultInjector();
  const server = http.createServer((req, res) => {
    if (!faults.strike(req, res)) serveBusRequest(runtime, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    runtime,
    failNth: (operation, nth) => faults.failNth(operation, nth),
    async close() {
      await runtime.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDb(dbUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
