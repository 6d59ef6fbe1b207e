// npm run bench:bus — PutEvents through the AWS SDK against the local EventBridge (its own process,
// loopback only, a fresh SQLite file, an archive on the bus): batches of 10 from concurrent
// clients, for a bounded number of events. Prints events/s and p50/p99 acknowledgement latency.
//   BENCH_CLIENTS (8)  BENCH_EVENTS (50000)
//   BENCH_URL  a running app to measure instead (e.g. http://127.0.0.1:3000, through Next.js)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateArchiveCommand, EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { startBusChild } from "./bus-child";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const EVENTS = Math.min(Number(process.env.BENCH_EVENTS ?? 50_000), 1_000_000);
const BATCH = 10;

const dir = mkdtempSync(join(tmpdir(), "switchyard-bench-bus-"));
const child = process.env.BENCH_URL === undefined ? await startBusChild(`file:${join(dir, "bench.db")}`) : undefined;
const url = child?.url ?? (process.env.BENCH_URL as string);
try {
  const client = () =>
    new EventBridgeClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" } });
  const setup = client();
  await setup.send(new CreateArchiveCommand({ ArchiveName: `bench-${Date.now()}`, EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/default" }));
  await setup.send(new PutRuleCommand({ Name: "orders", EventPattern: JSON.stringify({ source: ["bench.orders"], detail: { total: [{ numeric: [">", 100] }] } }) }));
  await setup.send(new PutTargetsCommand({ Rule: "orders", Targets: [{ Id: "queue", Arn: "arn:aws:sqs:us-east-1:000000000000:orders" }] }));

  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const entries = (start: number) =>
    Array.from({ length: BATCH }, (_, i) => ({
      Source: "bench.orders",
      DetailType: "OrderPlaced",
      Detail: JSON.stringify({ orderId: `o-${start + i}`, total: (start + i) % 200, items: [{ sku: "a", qty: 1 }] }),
    }));
  const worker = async () => {
    const eb = client();
    while (next < EVENTS) {
      const start = next;
      next += BATCH;
      const began = performance.now();
      const result = await eb.send(new PutEventsCommand({ Entries: entries(start) }));
      latencies.push(performance.now() - began);
      failed += result.FailedEntryCount ?? 0;
    }
  };
  // Warm-up (JIT, connections) is not measured.
  await Promise.all(Array.from({ length: CLIENTS }, () => client().send(new PutEventsCommand({ Entries: entries(-BATCH) }))));
  const began = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  console.log(
    JSON.stringify({
      server: child === undefined ? url : "lib/emulator on a plain Node HTTP server (scripts/bus-server.ts)",
      clients: CLIENTS,
      events: latencies.length * BATCH,
      failedEntries: failed,
      seconds: Number(seconds.toFixed(2)),
      eventsPerSecond: Math.round((latencies.length * BATCH) / seconds),
      p50Ms: Number(at(0.5)),
      p99Ms: Number(at(0.99)),
    }),
  );
} finally {
  child?.process.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
