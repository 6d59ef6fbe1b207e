// npm run bench:archive — the events explorer's queries on 1,000,000 stored events (a fresh
// SQLite file, rows written directly in bulk): newest page, source + time range, bus, and an
// event pattern. Prints each query's median and worst time over several runs.
//   BENCH_ARCHIVE_EVENTS (1000000)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { closeDb, getDb } from "../lib/db";
import { parseEventFilter, queryEvents } from "../lib/explorer/index";
import { newIdSequence } from "../lib/ids";

const EVENTS = Math.min(Number(process.env.BENCH_ARCHIVE_EVENTS ?? 1_000_000), 2_000_000);
const SOURCES = ["shop.orders", "shop.payments", "shop.shipping", "crm.contacts", "iot.sensors"];
const BUSES = ["default", "orders", "telemetry"].map((b) => `arn:aws:events:us-east-1:000000000000:event-bus/${b}`);
const SPAN_MS = 30 * 86_400_000; // a month of events

const dir = mkdtempSync(join(tmpdir(), "switchyard-bench-archive-"));
const file = join(dir, "archive.db");
const url = `file:${file}`;
try {
  await getDb(url); // migrates
  await closeDb(url);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const insert = sqlite.prepare(
    `INSERT INTO BusEvent (id, eventId, busArn, source, detailType, time, ingestedAt, replayName, body, matchedRules)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, '[]')`,
  );
  const start = Date.now() - SPAN_MS;
  const seeded = performance.now();
  const chunk = 10_000;
  for (let done = 0; done < EVENTS; done += chunk) {
    sqlite.transaction(() => {
      for (let i = done; i < Math.min(done + chunk, EVENTS); i++) {
        const at = start + Math.floor((i / EVENTS) * SPAN_MS);
        const [id] = newIdSequence("busEvent", 1, at);
        const source = SOURCES[i % SOURCES.length];
        const body = JSON.stringify({
          version: "0", id: `e-${i}`, "detail-type": "Changed", source, account: "000000000000",
          time: new Date(at).toISOString(), region: "us-east-1", resources: [], detail: { n: i, amount: i % 1000 },
        });
        // Times are stored as Prisma stores DateTime on SQLite: ISO 8601 text with +00:00.
        const stamp = new Date(at).toISOString().replace("Z", "+00:00");
        insert.run(id, `e-${i}`, BUSES[i % BUSES.length], source, "Changed", stamp, stamp, body);
      }
    })();
  }
  sqlite.close();
  console.log(`seeded ${EVENTS} events in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  const db = await getDb(url);
  const day = (d: number) => new Date(start + d * 86_400_000).toISOString();
  const cases: Record<string, Record<string, string>> = {
    newest: {},
    "source + time range": { source: "shop.payments", from: day(10), to: day(12) },
    "bus + source": { bus: BUSES[1], source: "shop.orders" },
    "pattern (numeric)": { pattern: JSON.stringify({ detail: { amount: [{ numeric: ["<", 5] }] } }) },
  };
  const results: Record<string, { medianMs: number; worstMs: number; rows: number }> = {};
  for (const [name, query] of Object.entries(cases)) {
    const times: number[] = [];
    let rows = 0;
    for (let run = 0; run < 7; run++) {
      const began = performance.now();
      rows = (await queryEvents(db, parseEventFilter(new URLSearchParams(query)))).events.length;
      times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    results[name] = { medianMs: Number(times[3].toFixed(1)), worstMs: Number(times[6].toFixed(1)), rows };
  }
  console.log(JSON.stringify({ events: EVENTS, pageSize: 100, queries: results }, null, 2));
  await closeDb(url);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
