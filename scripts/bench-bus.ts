// npm run bench:bus — PutEvents load on the local EventBridge: scripts/bus-server.ts in its own
// process on loopback, a fresh SQLite file per round, an archive on the default bus and a rule
// (numeric pattern, about half the events match) with an SQS target. The load comes from
// BENCH_LOADERS processes replaying batches of 10 that the AWS SDK signed once
// (scripts/bench-bus-load.ts), so the server is what is measured. Prints per server: events/s,
// the server's CPU seconds per 10,000 events (its utime + stime from /proc), p50/p99
// acknowledgement latency, and the load processes' own CPU.
//   BENCH_EVENTS (100000 per round)  BENCH_ROUNDS (2)  BENCH_LOADERS (3)  BENCH_CONNECTIONS (8 per loader)
//   BENCH_WARMUP (20000 events before each measured round: JIT compilation and connections settle)
//   BENCH_BASELINE  another checkout to measure in the same run, in alternating order, for a
//                   before/after pair: `git worktree add /tmp/switchyard-main main`, then in it
//                   `cp -al <repo>/node_modules . && cp -r <repo>/lib/generated lib/`
//   BENCH_URL       a running app to measure instead (e.g. http://127.0.0.1:3000; no CPU figure)
//   BENCH_PROFILE   a folder: the servers run with --cpu-prof and write their profiles there
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { CreateArchiveCommand, EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { startBusChild } from "./bus-child";
import type { LoadOrder, LoadReport, PreparedRequest } from "./bench-bus-load";

const EVENTS = Math.min(Number(process.env.BENCH_EVENTS ?? 100_000), 2_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const LOADERS = Number(process.env.BENCH_LOADERS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20_000);
const BATCH = 10;
/** Distinct signed requests the loaders cycle through. */
const DISTINCT_REQUESTS = 256;
const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };

const entries = (start: number) =>
  Array.from({ length: BATCH }, (_, i) => ({
    Source: "bench.orders",
    DetailType: "OrderPlaced",
    Detail: JSON.stringify({ orderId: `o-${start + i}`, total: (start + i) % 200, items: [{ sku: "a", qty: 1 }] }),
  }));

/** PutEvents requests as the SDK sends them to `url` (signed), captured instead of sent. */
async function signedRequests(url: string): Promise<PreparedRequest[]> {
  const prepared: PreparedRequest[] = [];
  const client = new EventBridgeClient({
    endpoint: url,
    region: "us-east-1",
    credentials,
    requestHandler: {
      handle: async (request: { path: string; headers: Record<string, string>; body: string | Uint8Array }) => {
        prepared.push({ path: request.path, headers: request.headers, body: Buffer.from(request.body).toString("utf8") });
        return { response: { statusCode: 200, headers: {}, body: Readable.from([Buffer.from('{"Entries":[],"FailedEntryCount":0}')]) } };
      },
    } as never,
  });
  for (let i = 0; i < DISTINCT_REQUESTS; i++) await client.send(new PutEventsCommand({ Entries: entries(i * BATCH) }));
  client.destroy();
  return prepared;
}

async function setUp(url: string): Promise<void> {
  const eb = new EventBridgeClient({ endpoint: url, region: "us-east-1", credentials });
  await eb.send(new CreateArchiveCommand({ ArchiveName: `bench-${Date.now()}`, EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/default" }));
  await eb.send(new PutRuleCommand({ Name: "orders", EventPattern: JSON.stringify({ source: ["bench.orders"], detail: { total: [{ numeric: [">", 100] }] } }) }));
  await eb.send(new PutTargetsCommand({ Rule: "orders", Targets: [{ Id: "queue", Arn: "arn:aws:sqs:us-east-1:000000000000:orders" }] }));
  eb.destroy();
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** A process's CPU time so far (user + system), in seconds. */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Load processes, started and ready before the measured window opens. */
async function startLoaders(): Promise<ChildProcess[]> {
  const loaders = Array.from({ length: LOADERS }, () =>
    spawn(process.execPath, ["--import", "tsx", "scripts/bench-bus-load.ts"], { stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, NODE_NO_WARNINGS: "1" } }),
  );
  await Promise.all(loaders.map((loader) => new Promise((ready) => loader.once("message", ready))));
  return loaders;
}

function load(loaders: readonly ChildProcess[], order: Omit<LoadOrder, "count">, requests: number): Promise<LoadReport[]> {
  return Promise.all(
    loaders.map(
      (loader, i) =>
        new Promise<LoadReport>((done, fail) => {
          loader.once("message", (report) => done(report as LoadReport));
          loader.once("exit", (code) => fail(new Error(`a load process exited (code ${code}) without a report`)));
          const share = Math.floor(requests / loaders.length) + (i < requests % loaders.length ? 1 : 0);
          loader.send({ ...order, count: share } satisfies LoadOrder);
        }),
    ),
  );
}

interface Round {
  readonly events: number;
  readonly seconds: number;
  readonly serverCpuSeconds: number | undefined;
  readonly loaderCpuSeconds: number;
  readonly failed: number;
  readonly latenciesMs: number[];
}

async function round(checkout: string | undefined, profileDir: string | undefined): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-bench-bus-"));
  const nodeOptions = profileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${resolve(profileDir)}`];
  const child = process.env.BENCH_URL === undefined ? await startBusChild(`file:${join(dir, "bench.db")}`, { checkout, nodeOptions }) : undefined;
  const url = child?.url ?? (process.env.BENCH_URL as string);
  try {
    await setUp(url);
    const requests = await signedRequests(url);
    // Warm-up (JIT compilation, connections) is not measured.
    await load(await startLoaders(), { url, requests, connections: CONNECTIONS }, Math.ceil(WARMUP / BATCH));
    const loaders = await startLoaders();
    const pid = child?.process.pid;
    const cpuBefore = pid === undefined ? undefined : cpuSecondsOf(pid);
    const began = performance.now();
    const reports = await load(loaders, { url, requests, connections: CONNECTIONS }, Math.ceil(EVENTS / BATCH));
    const seconds = (performance.now() - began) / 1000;
    const serverCpuSeconds = pid === undefined || cpuBefore === undefined ? undefined : cpuSecondsOf(pid) - cpuBefore;
    const latenciesMs = reports.flatMap((r) => r.latenciesMs);
    return {
      events: latenciesMs.length * BATCH,
      seconds,
      serverCpuSeconds,
      loaderCpuSeconds: reports.reduce((sum, r) => sum + r.cpuSeconds, 0),
      failed: reports.reduce((sum, r) => sum + r.failedEntries + r.failedRequests * BATCH, 0),
      latenciesMs,
    };
  } finally {
    if (child !== undefined) {
      const exited = new Promise((done) => child.process.once("exit", done));
      child.process.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function summary(name: string, rounds: readonly Round[]) {
  const events = rounds.reduce((sum, r) => sum + r.events, 0);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const latencies = rounds.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const at = (q: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1));
  const serverCpu = rounds.every((r) => r.serverCpuSeconds !== undefined) ? rounds.reduce((sum, r) => sum + (r.serverCpuSeconds ?? 0), 0) : undefined;
  return {
    server: name,
    events,
    failedEntries: rounds.reduce((sum, r) => sum + r.failed, 0),
    eventsPerSecond: Math.round(events / seconds),
    serverCpuSecondsPer10kEvents: serverCpu === undefined ? null : Number(((serverCpu / events) * 10_000).toFixed(3)),
    loadCpuSecondsPer10kEvents: Number(((rounds.reduce((sum, r) => sum + r.loaderCpuSeconds, 0) / events) * 10_000).toFixed(3)),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    roundsEventsPerSecond: rounds.map((r) => Math.round(r.events / r.seconds)),
  };
}

const baseline = process.env.BENCH_BASELINE;
const servers: { name: string; checkout: string | undefined }[] = [
  ...(baseline === undefined ? [] : [{ name: `baseline (${resolve(baseline)})`, checkout: resolve(baseline) }]),
  { name: process.env.BENCH_URL ?? "this checkout", checkout: undefined },
];
const results = new Map<string, Round[]>(servers.map((s) => [s.name, []]));
for (let i = 0; i < ROUNDS; i++) {
  // Every other round the other server goes first, so a machine getting busier favours neither.
  for (const server of i % 2 === 0 ? servers : [...servers].reverse()) results.get(server.name)?.push(await round(server.checkout, process.env.BENCH_PROFILE));
}
console.log(JSON.stringify({ loaders: LOADERS, connectionsPerLoader: CONNECTIONS, eventsPerRound: EVENTS, rounds: ROUNDS }));
for (const server of servers) console.log(JSON.stringify(summary(server.name, results.get(server.name) ?? [])));
