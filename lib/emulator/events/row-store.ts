/**
 * Where accepted events and their deliveries are committed. On PostgreSQL through Prisma; on
 * SQLite through a second connection with prepared statements, because Prisma's per-call query
 * compilation was over half of the server's CPU time under PutEvents load. Both write the same
 * columns in the same formats (SQLite DateTime: ISO 8601 text with `+00:00`, as Prisma writes it).
 */
import { fdatasync, fsync, openSync, closeSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Db } from "../../db";
import type { Prisma } from "../../generated/sqlite/client";

export interface RowsToWrite {
  readonly events: Prisma.BusEventCreateManyInput[];
  readonly deliveries: Prisma.DeliveryCreateManyInput[];
}

/** A transaction under way. */
export interface Commit {
  /** Settles when the transaction has committed, or failed having written nothing. */
  readonly committed: Promise<void>;
  /** Settles when the commit is on disk: only then may the rows be acknowledged. */
  readonly durable: Promise<void>;
}

export interface RowStore {
  /** Writes all rows in one transaction. */
  insert(rows: RowsToWrite): Commit;
  /** Resolves once every commit made is on disk. */
  close(): Promise<void>;
}

export class PrismaRowStore implements RowStore {
  constructor(private readonly db: Db) {}

  insert(rows: RowsToWrite): Commit {
    const committed = this.db
      .$transaction([
        this.db.busEvent.createMany({ data: rows.events }),
        ...(rows.deliveries.length === 0 ? [] : [this.db.delivery.createMany({ data: rows.deliveries })]),
      ])
      .then(() => undefined);
    return { committed, durable: committed };
  }

  async close(): Promise<void> {}
}

/** Prisma's SQLite DateTime text. */
const sqliteTime = (value: Date | string) => new Date(value).toISOString().replace("Z", "+00:00");

/** sqliteTime, remembered: the rows of one commit mostly share a few times. */
function timeTexts(): (value: Date | string) => string {
  const texts = new Map<number, string>();
  return (value) => {
    const ms = typeof value === "string" ? Date.parse(value) : value.getTime();
    let text = texts.get(ms);
    if (text === undefined) {
      text = sqliteTime(value);
      texts.set(ms, text);
    }
    return text;
  };
}
const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/**
 * SQLite in WAL mode with `synchronous = NORMAL` on this connection: a commit writes the WAL
 * without waiting for the disk, and `durable` waits for an fdatasync of the WAL file run on
 * libuv's thread pool. That is what `synchronous = FULL` does after each commit, but the event
 * loop keeps serving requests while the disk works, and commits made while one sync runs share
 * the next. Checkpoints still sync the WAL before and the database after, as with FULL.
 */
export class SqliteRowStore implements RowStore {
  private readonly connection: Database.Database;
  private readonly insertRows: (rows: RowsToWrite) => void;
  private readonly walFile: string;
  private walFd: number | undefined;
  /** The fdatasync under way, and the one that will start after it. */
  private syncing: Promise<void> | undefined;
  private nextSync: Promise<void> | undefined;

  constructor(private readonly file: string) {
    this.walFile = `${file}-wal`;
    this.connection = new Database(file, { timeout: 5000 });
    this.connection.pragma("journal_mode = WAL");
    this.connection.pragma("synchronous = NORMAL");
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
      const time = timeTexts();
      for (const e of rows.events) {
        event.run(e.id, e.eventId, e.busArn, e.source, e.detailType, time(e.time), time(e.ingestedAt), orNull(e.replayName), e.body, e.matchedRules ?? "[]",
          orNull(e.eventGroupId), orNull(e.deduplicationId));
      }
      const now = sqliteTime(new Date());
      for (const d of rows.deliveries) {
        delivery.run(
          d.id, d.eventRowId, d.ruleArn, d.targetId, d.targetArn, d.kind, d.status, d.payload, d.attempts ?? 0, d.maxAttempts,
          time(d.expiresAt), time(d.nextAttemptAt), orNull(d.lastStatus), orNull(d.lastResponse), orNull(d.lastError),
          orNull(d.durationMs), now, now,
        );
      }
    });
  }

  insert(rows: RowsToWrite): Commit {
    try {
      this.insertRows(rows);
    } catch (error) {
      const failed = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      return { committed: failed, durable: failed };
    }
    return { committed: Promise.resolve(), durable: this.synced() };
  }

  /** Resolves after an fdatasync of the WAL that started after now. */
  private synced(): Promise<void> {
    if (this.syncing === undefined) {
      this.syncing = this.syncWal().finally(() => (this.syncing = undefined));
      return this.syncing;
    }
    // The sync under way may have started before this commit: wait for the next one.
    this.nextSync ??= this.syncing
      .catch(() => undefined)
      .then(() => {
        this.nextSync = undefined;
        return this.synced();
      });
    return this.nextSync;
  }

  private syncWal(): Promise<void> {
    if (this.walFd === undefined) {
      // The WAL exists once a transaction has committed, and stays while this connection is open.
      this.walFd = openSync(this.walFile, "r+");
      // As SQLite does for a journal it created: the file's directory entry reaches the disk too.
      const dir = openSync(dirname(this.file), "r");
      const syncedDir = new Promise<void>((resolve, reject) => fsync(dir, (error) => (closeSync(dir), error ? reject(error) : resolve())));
      return syncedDir.then(() => this.syncWal());
    }
    const fd = this.walFd;
    return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
  }

  async close(): Promise<void> {
    await this.nextSync;
    await this.syncing;
    if (this.walFd !== undefined) closeSync(this.walFd);
    this.connection.close();
  }
}
