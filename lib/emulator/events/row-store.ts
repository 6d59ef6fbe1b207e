/**
 * Where accepted events and their deliveries are committed. On PostgreSQL through Prisma; on
 * SQLite through a second connection with prepared statements, because Prisma's per-call query
 * compilation was over half of the server's CPU time under PutEvents load. Both write the same
 * columns in the same formats (SQLite DateTime: ISO 8601 text with `+00:00`, as Prisma writes it).
 */
import Database from "better-sqlite3";
import type { Db } from "../../db";
import type { Prisma } from "../../generated/sqlite/client";

export interface RowsToWrite {
  readonly events: Prisma.BusEventCreateManyInput[];
  readonly deliveries: Prisma.DeliveryCreateManyInput[];
}

export interface RowStore {
  /** Commits all rows in one transaction. */
  insert(rows: RowsToWrite): Promise<void>;
  close(): void;
}

export class PrismaRowStore implements RowStore {
  constructor(private readonly db: Db) {}

  async insert(rows: RowsToWrite): Promise<void> {
    await this.db.$transaction([
      this.db.busEvent.createMany({ data: rows.events }),
      ...(rows.deliveries.length === 0 ? [] : [this.db.delivery.createMany({ data: rows.deliveries })]),
    ]);
  }

  close(): void {}
}

/** Prisma's SQLite DateTime text. */
const sqliteTime = (value: Date | string) => new Date(value).toISOString().replace("Z", "+00:00");
const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

export class SqliteRowStore implements RowStore {
  private readonly connection: Database.Database;
  private readonly insertRows: (rows: RowsToWrite) => void;

  constructor(file: string) {
    this.connection = new Database(file, { timeout: 5000 });
    this.connection.pragma("journal_mode = WAL");
    this.connection.pragma("synchronous = FULL");
    const event = this.connection.prepare(
      `INSERT INTO "BusEvent" ("id", "eventId", "busArn", "source", "detailType", "time", "ingestedAt", "replayName", "body", "matchedRules", "eventGroupId", "deduplicationId")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const delivery = this.connection.prepare(
      `INSERT INTO "Delivery" ("id", "eventRowId", "ruleArn", "targetId", "targetArn", "kind", "status", "payload", "attempts",
         "maxAttempts", "expiresAt", "nextAttemptAt", "lastStatus", "lastResponse", "lastError", "durationMs", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertRows = this.connection.transaction((rows: RowsToWrite) => {
      for (const e of rows.events) {
        event.run(e.id, e.eventId, e.busArn, e.source, e.detailType, sqliteTime(e.time), sqliteTime(e.ingestedAt), orNull(e.replayName), e.body, e.matchedRules ?? "[]",
          orNull(e.eventGroupId), orNull(e.deduplicationId));
      }
      const now = sqliteTime(new Date());
      for (const d of rows.deliveries) {
        delivery.run(
          d.id, d.eventRowId, d.ruleArn, d.targetId, d.targetArn, d.kind, d.status, d.payload, d.attempts ?? 0, d.maxAttempts,
          sqliteTime(d.expiresAt), sqliteTime(d.nextAttemptAt), orNull(d.lastStatus), orNull(d.lastResponse), orNull(d.lastError),
          orNull(d.durationMs), now, now,
        );
      }
    });
  }

  insert(rows: RowsToWrite): Promise<void> {
    try {
      this.insertRows(rows);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): void {
    this.connection.close();
  }
}
