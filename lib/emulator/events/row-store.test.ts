/** Both row stores write rows that Prisma reads back identically (the SQLite one bypasses Prisma). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, type Db } from "../../db";
import { PrismaRowStore, SqliteRowStore, type RowsToWrite } from "./row-store";

const dir = mkdtempSync(join(tmpdir(), "switchyard-rowstore-"));
const file = join(dir, "rows.db");
const url = `file:${file}`;
let db: Db;

beforeAll(async () => {
  db = await getDb(url);
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
});

afterAll(async () => {
  await closeDb(url);
  rmSync(dir, { recursive: true, force: true });
});

function rows(prefix: string): RowsToWrite {
  const at = new Date("2026-11-23T10:11:12.345Z");
  return {
    events: [
      { id: `${prefix}-e`, eventId: "ev-1", busArn: "arn:bus", source: "s", detailType: "d", time: at, ingestedAt: at, replayName: null, body: '{"a":1}', matchedRules: '["r"]' },
    ],
    deliveries: [
      {
        id: `${prefix}-d`, eventRowId: `${prefix}-e`, ruleArn: "r", targetId: "t", targetArn: "arn:t", kind: "http", status: "pending",
        payload: "{}", maxAttempts: 3, expiresAt: new Date(at.getTime() + 1000), nextAttemptAt: at,
      },
    ],
  };
}

describe("row stores", () => {
  it("write the same columns in the same formats", async () => {
    await new PrismaRowStore(db).insert(rows("prisma")).durable;
    const sqlite = new SqliteRowStore(file);
    await sqlite.insert(rows("sqlite")).durable;
    await sqlite.close();
    const [viaPrisma, viaSqlite] = await Promise.all([
      db.busEvent.findUniqueOrThrow({ where: { id: "prisma-e" } }),
      db.busEvent.findUniqueOrThrow({ where: { id: "sqlite-e" } }),
    ]);
    expect({ ...viaSqlite, id: "x" }).toEqual({ ...viaPrisma, id: "x" });
    const [dPrisma, dSqlite] = await Promise.all([
      db.delivery.findUniqueOrThrow({ where: { id: "prisma-d" } }),
      db.delivery.findUniqueOrThrow({ where: { id: "sqlite-d" } }),
    ]);
    const comparable = (d: typeof dPrisma) => ({ ...d, id: "x", eventRowId: "x", createdAt: 0, updatedAt: 0 });
    expect(comparable(dSqlite)).toEqual(comparable(dPrisma));
    // Time comparisons in queries see both rows alike.
    const due = await db.delivery.findMany({ where: { nextAttemptAt: { lte: new Date("2026-11-23T10:11:12.345Z") } } });
    expect(due.map((d) => d.id).sort()).toEqual(["prisma-d", "sqlite-d"]);
  });
});
