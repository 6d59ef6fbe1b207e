/**
 * For tests: the local EventBridge on a fresh SQLite file behind a loopback HTTP server, so the
 * real AWS SDK can talk to it without a Next.js build.
 */
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { closeDb } from "../db";
import type { Clock } from "../schedule";
import { readBusConfig } from "./config";
import { serveBusRequest } from "./loopback-server";
import { BusRuntime } from "./runtime";

/** The unmodified AWS CLI the integration suites call (Debian's awscli, which `npm test` installs). */
export const AWS_CLI = "/usr/bin/aws";
/** CI installs the CLI, so there a missing one is a failure; elsewhere the CLI cases are skipped. */
export const awsCliAvailable = existsSync(AWS_CLI) || process.env.CI !== undefined;

const execFileAsync = promisify(execFile);

/** `aws --endpoint-url <endpointUrl> --output json <args…>` with placeholder credentials: its JSON answer ({} when it prints nothing). */
export async function runAwsCli(endpointUrl: string, args: readonly string[]): Promise<Record<string, unknown>> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local", AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" };
  const { stdout } = await execFileAsync(AWS_CLI, ["--endpoint-url", endpointUrl, "--output", "json", ...args], { env });
  return stdout.trim() === "" ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}

/**
 * A SigV4 `Authorization` header of the right shape, for hand-made requests: the local endpoint
 * requires one (lib/boundary) but checks the signature only when SWITCHYARD_BUS_KEYS is set.
 */
export function placeholderSignature(service = "events", accessKeyId = "AKIDPLACEHOLDER"): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;
}

export interface TestEndpoint {
  readonly url: string;
  /** The runtime serving now (a new one after `restart`). */
  readonly runtime: BusRuntime;
  /**
   * Test-only fault: from the `nth` next call of an EventBridge `operation` (e.g. `PutTargets`)
   * on, `times` calls (1 by default) are refused with `error` (AWS's `AccessDeniedException` by
   * default; `ThrottlingException` to exercise the SDK's retries) instead of being served.
   */
  failNth(operation: string, nth: number, fault?: { times?: number; error?: string }): void;
  /**
   * Stops the runtime and starts a new one on the same database, as a process restart would;
   * `whileDown` runs in between (e.g. to move a test clock while nothing runs).
   */
  restart(whileDown?: () => void): Promise<void>;
  /** An SDK client for this endpoint (us-east-1, placeholder credentials: signatures are not checked). */
  eventBridgeClient(): EventBridgeClient;
  close(): Promise<void>;
}

/** Refuses chosen calls before they reach the bus; lives here only, never in the app's server. */
class FaultInjector {
  private readonly pending = new Map<string, { skip: number; times: number; error: string }>();

  failNth(operation: string, nth: number, fault: { times?: number; error?: string } = {}): void {
    this.pending.set(operation, { skip: nth - 1, times: fault.times ?? 1, error: fault.error ?? "AccessDeniedException" });
  }

  /** True when it answered the request itself. */
  strike(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const target = req.headers["x-amz-target"];
    const operation = typeof target === "string" && target.startsWith("AWSEvents.") ? target.slice("AWSEvents.".length) : undefined;
    const fault = operation === undefined ? undefined : this.pending.get(operation);
    if (operation === undefined || fault === undefined) return false;
    if (fault.skip > 0) {
      fault.skip--;
      return false;
    }
    if (--fault.times <= 0) this.pending.delete(operation);
    req.resume();
    const message = fault.error === "AccessDeniedException" ? `User is not authorized to perform: events:${operation} (injected by the test endpoint)` : "Rate exceeded (injected by the test endpoint)";
    res.writeHead(400, { "Content-Type": "application/x-amz-json-1.1" });
    res.end(JSON.stringify({ __type: fault.error, message }));
    return true;
  }
}

/** `clock`: what schedules fire on (a ManualClock lets a test move time). */
export async function startTestEndpoint(settings: Record<string, string> = {}, clock?: Clock): Promise<TestEndpoint> {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-bus-"));
  const dbUrl = `file:${join(dir, "bus.db")}`;
  const open = async () => {
    const opened = await BusRuntime.open(dbUrl, readBusConfig(settings), clock);
    opened.start();
    return opened;
  };
  let runtime = await open();
  const faults = new FaultInjector();
  const server = http.createServer((req, res) => {
    if (!faults.strike(req, res)) serveBusRequest(runtime, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get runtime() {
      return runtime;
    },
    failNth: (operation, nth, fault) => faults.failNth(operation, nth, fault),
    eventBridgeClient: () => new EventBridgeClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } }),
    async restart(whileDown) {
      await runtime.stop();
      await closeDb(dbUrl);
      whileDown?.();
      runtime = await open();
    },
    async close() {
      await runtime.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDb(dbUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
