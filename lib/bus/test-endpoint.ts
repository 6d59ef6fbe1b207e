/**
 * For tests: the local EventBridge on a fresh SQLite file behind a loopback HTTP server, so the
 * real AWS SDK can talk to it without a Next.js build.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb } from "../db";
import { readBusConfig } from "./config";
import { listenOnLoopback } from "./loopback-server";
import { BusRuntime } from "./runtime";

export interface TestEndpoint {
  readonly url: string;
  readonly runtime: BusRuntime;
  close(): Promise<void>;
}

export async function startTestEndpoint(settings: Record<string, string> = {}): Promise<TestEndpoint> {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-bus-"));
  const dbUrl = `file:${join(dir, "bus.db")}`;
  const runtime = await BusRuntime.open(dbUrl, readBusConfig(settings));
  runtime.start();
  const server = await listenOnLoopback(runtime);
  return {
    url: server.url,
    runtime,
    async close() {
      await runtime.stop();
      await server.close();
      await closeDb(dbUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
