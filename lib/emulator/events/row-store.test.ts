/** Both row stores write rows that Prisma reads back identically (the SQLite one bypasses Prisma). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db";
import { sqliteFilePath } from "../../db/provider";
import { openScratchDatabase, type ScratchDatabase } from "../../db/scratch-database";
import { PrismaRowStore, SqliteRowStore, type RowsToWrite } from "./row-store";

let scratch: ScratchDatabase;
let db: Db;

beforeAll(async () => {
  scratch = await openScratchDatabase("rowstore");
  db = scratch.db;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
});

afterAll(() => scratch.remove());

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
    const sqlite = new SqliteRowStore(sqliteFilePath(scratch.url));
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
