// npm run crash:bus — sends events under load through the AWS SDK, kills the local EventBridge
// with SIGKILL mid-stream, restarts it on the same SQLite file, then checks that every event id
// PutEvents acknowledged is stored and that the database passes `PRAGMA integrity_check`.
// Prints sent / acknowledged / found; exits non-zero if an acknowledged event is missing.
//   CRASH_CLIENTS (16)  CRASH_AFTER_MS (2500)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { startBusChild } from "./bus-child";

const CLIENTS = Number(process.env.CRASH_CLIENTS ?? 16);
const CRASH_AFTER_MS = Number(process.env.CRASH_AFTER_MS ?? 2500);

const dir = mkdtempSync(join(tmpdir(), "switchyard-crash-bus-"));
const file = join(dir, "crash.db");
const databaseUrl = `file:${file}`;

let sent = 0;
const acknowledged: string[] = [];

const first = await startBusChild(databaseUrl);
const worker = async (n: number) => {
  const eb = new EventBridgeClient({
    endpoint: first.url,
    region: "us-east-1",
    credentials: { accessKeyId: "crash", secretAccessKey: "crash" },
    maxAttempts: 1,
  });
  for (let batch = 0; ; batch++) {
    const entries = Array.from({ length: 10 }, (_, i) => ({ Source: "crash.test", DetailType: "Tick", Detail: JSON.stringify({ n, batch, i }) }));
    sent += entries.length;
    try {
      const result = await eb.send(new PutEventsCommand({ Entries: entries }));
      for (const entry of result.Entries ?? []) if (entry.EventId !== undefined) acknowledged.push(entry.EventId);
    } catch {
      return; // the server is gone: this batch was never acknowledged
    }
  }
};
const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => worker(n)));
await new Promise((r) => setTimeout(r, CRASH_AFTER_MS));
first.process.kill("SIGKILL"); // with requests in flight: the clients stop at their first failure
await load;

// The server must come back on the same file (migrations, WAL recovery, dispatcher resume).
const second = await startBusChild(databaseUrl);
second.process.kill("SIGTERM");

const db = new Database(file, { readonly: true });
const integrity = (db.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check;
const stored = new Set((db.prepare("SELECT eventId FROM BusEvent").all() as { eventId: string }[]).map((r) => r.eventId));
db.close();
const missing = acknowledged.filter((id) => !stored.has(id));
console.log(JSON.stringify({ sent, acknowledged: acknowledged.length, found: acknowledged.length - missing.length, missing: missing.length, storedTotal: stored.size, integrity }));
rmSync(dir, { recursive: true, force: true });
if (missing.length > 0 || integrity !== "ok") process.exit(1);
