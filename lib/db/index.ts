// The database: one cached Prisma client per process, on SQLite or PostgreSQL
// depending on DATABASE_URL, and a self-migrating start.
//
//   const db = await getDb();            // migrates on first use, then cached
//   await ensureDatabase();              // the same migration step alone (instrumentation.ts)
//   await checkDatabase();               // health probe: { ok, provider, latencyMs | error }
//
// Both providers' generated clients expose the same model API (the schemas are
// kept identical, see lib/db/schema-sync.ts); `Db` is typed as the SQLite one.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { applyMigrations, type MigrateResult } from "./migrate";
import { configuredDatabaseUrl, databaseProvider, redactSecrets, sqliteFilePath, type DatabaseProvider } from "./provider";
import type { PrismaClient } from "../generated/sqlite/client";

export type Db = PrismaClient;
export type { DatabaseProvider, MigrateResult };

interface DbCache {
  clients: Map<string, Promise<Db>>;
  migrations: Map<string, Promise<MigrateResult>>;
}

// globalThis survives Next.js dev hot reloads, which re-evaluate this module and
// would otherwise open a new connection pool (and re-run migrations) per edit.
const globalCache = globalThis as typeof globalThis & { __switchyardDb?: DbCache };
const cache: DbCache = (globalCache.__switchyardDb ??= { clients: new Map(), migrations: new Map() });

/**
 * Creates a Prisma client for `url` (no migration, no caching). Prefer getDb();
 * this exists for tests and scripts that manage their own lifecycle.
 */
export async function createDbClient(url: string): Promise<Db> {
  if (databaseProvider(url) === "postgresql") {
    const { PrismaClient: PostgresClient } = await import("../generated/postgres/client");
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
    // The PostgreSQL client differs only in provider-specific extras (e.g. more
    // transaction isolation levels); the model API is generated from identical models.
    return client as unknown as Db;
  }
  const { PrismaClient: SqliteClient } = await import("../generated/sqlite/client");
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url) }) });
}

/**
 * Creates the SQLite data folder and applies pending migrations, once per process
 * and URL: concurrent callers share one run; a failed run is retried on the next call.
 */
export function ensureDatabase(url: string = configuredDatabaseUrl()): Promise<MigrateResult> {
  let run = cache.migrations.get(url);
  if (!run) {
    run = migrateNow(url);
    cache.migrations.set(url, run);
    run.catch(() => cache.migrations.delete(url));
  }
  return run;
}

async function migrateNow(url: string): Promise<MigrateResult> {
  const provider = databaseProvider(url);
  if (provider === "sqlite") {
    const file = sqliteFilePath(url);
    if (file !== ":memory:") await fs.promises.mkdir(path.dirname(file), { recursive: true });
  }
  try {
    const result = await applyMigrations({ url });
    if (result.applied.length > 0) {
      console.info(`[db] ${provider}: applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`);
    }
    return result;
  } catch (error) {
    throw new Error(`[db] ${provider}: migration failed: ${errorMessage(error)}`, { cause: error });
  }
}

/** The shared client, after the database has been migrated. */
export function getDb(url: string = configuredDatabaseUrl()): Promise<Db> {
  let client = cache.clients.get(url);
  if (!client) {
    client = ensureDatabase(url).then(() => createDbClient(url));
    cache.clients.set(url, client);
    client.catch(() => cache.clients.delete(url));
  }
  return client;
}

/** Disconnects and forgets the cached client(s); for tests and scripts. */
export async function closeDb(url?: string): Promise<void> {
  const urls = url ? [url] : [...cache.clients.keys()];
  for (const key of urls) {
    const client = cache.clients.get(key);
    cache.clients.delete(key);
    cache.migrations.delete(key);
    await client?.then((c) => c.$disconnect()).catch(() => {});
  }
}

export type DatabaseHealth =
  | { ok: true; provider: DatabaseProvider; latencyMs: number }
  | { ok: false; provider: DatabaseProvider | "unknown"; error: string };

const HEALTH_TIMEOUT_MS = 5000;

/** Round-trips `SELECT 1`; never throws, never reveals the URL or its password. */
export async function checkDatabase(url: string = configuredDatabaseUrl()): Promise<DatabaseHealth> {
  let provider: DatabaseProvider | "unknown" = "unknown";
  try {
    provider = databaseProvider(url);
    const started = performance.now();
    await withTimeout(
      getDb(url).then((db) => db.$queryRaw`SELECT 1`),
      HEALTH_TIMEOUT_MS,
    );
    return { ok: true, provider, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    return { ok: false, provider, error: errorMessage(error) };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function errorMessage(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}
