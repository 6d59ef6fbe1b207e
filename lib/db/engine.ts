// Loads Prisma's WebAssembly schema engine and connects it to our database through
// a driver adapter. This replaces the native schema engine, whose download from
// Prisma's binary CDN is impossible on our machines (see /work/shared/PLATFORM.md).
//
// The engine API is internal to Prisma: its version is pinned exactly in
// package.json and lib/db/migrate.test.ts covers every call we make.
import fs from "node:fs";
import path from "node:path";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseProvider, projectRoot, redactSecrets, sqliteFilePath } from "./provider";

export type { SchemaEngine };

const WASM_FILE = "schema_engine_bg.wasm";

/**
 * Finds the .wasm under node_modules from the cwd upwards. No require.resolve on
 * purpose: Next.js' bundler would follow it and bundle the 5 MB engine.
 */
function wasmPath(): string {
  const relative = path.join("node_modules", "@prisma", "schema-engine-wasm", WASM_FILE);
  for (let dir = projectRoot(); ; dir = path.dirname(dir)) {
    const file = path.join(dir, relative);
    if (fs.existsSync(file)) return file;
    if (path.dirname(dir) === dir) throw new Error(`${relative} not found from ${projectRoot()} upwards`);
  }
}

let initialised: Promise<void> | undefined;

// The engine races its database work against timers (e.g. 10 s) that it never
// clears, which would keep a CLI process alive that long after finishing. We
// collect them and unref them once an engine session ends: they stay live while
// the engine works, but no longer hold the process open afterwards.
const engineTimers = new Set<ReturnType<typeof setTimeout>>();

function wasmImports(): WebAssembly.Imports {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, fn] of Object.entries(glue)) {
    if (name.startsWith("__wbg_setTimeout_") && typeof fn === "function") {
      imports[name] = (...args: unknown[]) => {
        const timer = (fn as (...a: unknown[]) => ReturnType<typeof setTimeout>)(...args);
        engineTimers.add(timer);
        return timer;
      };
    }
  }
  return { "./schema_engine_bg.js": imports as WebAssembly.ModuleImports };
}

function releaseEngineTimers(): void {
  for (const timer of engineTimers) timer.unref();
  engineTimers.clear();
}

/**
 * Instantiates the .wasm from its bytes instead of `import "….wasm"`, which Node 20
 * only allows behind --experimental-wasm-modules. The glue module keeps one wasm
 * instance per process, so this runs once.
 */
function initWasm(): Promise<void> {
  initialised ??= (async () => {
    const bytes = await fs.promises.readFile(wasmPath());
    const { instance } = await WebAssembly.instantiate(bytes, wasmImports());
    glue.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start === "function") start();
  })().catch((error: unknown) => {
    initialised = undefined;
    throw error;
  });
  return initialised;
}

/**
 * PostgreSQL adapter factory for the engine.
 *
 * - Shadow database: adapter-pg 7.10 derives it by spreading `database` over a
 *   config that holds `connectionString`, which wins, so it would reuse (and the
 *   engine would reset) the MAIN database. We create and drop our own instead.
 * - Catalog queries: adapter-pg rejects Postgres' internal `"char"` type (OID 18),
 *   which pg_catalog columns such as relkind use during introspection. Those
 *   columns are single ASCII characters, so we report them as text (OID 25).
 */
function postgresFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const pool = (connectionString: string) => {
    const p = new pg.Pool({ connectionString, max: 2 });
    p.on("connect", (client) => patchCharColumns(client));
    return p;
  };
  const main = new PrismaPg(pool(url), { disposeExternalPool: true });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const name = `switchyard_shadow_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const adapter = await new PrismaPg(pool(shadowUrl.toString()), { disposeExternalPool: true }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      };
      return adapter;
    },
  };
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type QueryFn = (...args: unknown[]) => unknown;

/** Rewrites `"char"` result columns to text on every query of this client. */
function patchCharColumns(client: pg.PoolClient): void {
  const original = client.query.bind(client) as QueryFn;
  const patched: QueryFn = (...args) => {
    // pg.Pool#query calls client.query with a trailing callback; the adapter's
    // transactions call it in promise form. Handle both.
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        if (!error) retypeCharFields(result);
        return (last as (e: unknown, r: unknown) => unknown)(error, result);
      };
      return original(...args);
    }
    const out = original(...args);
    return out instanceof Promise ? out.then((result: unknown) => (retypeCharFields(result), result)) : out;
  };
  Object.assign(client, { query: patched });
}

function retypeCharFields(result: unknown): void {
  const fields = (result as { fields?: unknown } | null)?.fields;
  if (!Array.isArray(fields)) return;
  for (const field of fields as Array<{ dataTypeID?: number }>) {
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
}

function adapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (databaseProvider(url) === "postgresql") return postgresFactory(url);
  return sqliteFactory(url);
}

/**
 * SQLite adapter factory for the engine. Its shadow database is in-memory; the
 * engine replays each migration there with executeRaw, which better-sqlite3 runs
 * as ONE prepared statement and so rejects any multi-statement migration. Plain
 * scripts (no parameters) go through executeScript instead.
 */
function sqliteFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaBetterSqlite3({ url: sqliteFilePath(url) });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const shadow = await base.connectToShadowDb();
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) => {
        if (query.args.length > 0) return executeRaw(query);
        await shadow.executeScript(query.sql);
        return 0;
      };
      return shadow;
    },
  };
}

/**
 * Records every connection the engine opens so we can close them: freeing the
 * engine does not, and on SQLite the engine holds `locking_mode=EXCLUSIVE`, which
 * would lock every later connection (including the app's) out of the file.
 */
function tracked(factory: SqlMigrationAwareDriverAdapterFactory) {
  const open: SqlDriverAdapter[] = [];
  const keep = (adapter: SqlDriverAdapter) => {
    open.push(adapter);
    return adapter;
  };
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => keep(await factory.connect()),
    connectToShadowDb: async () => keep(await factory.connectToShadowDb()),
  };
  const closeAll = async () => {
    for (const adapter of open.splice(0).reverse()) {
      await adapter.dispose().catch(() => {});
    }
  };
  return { factory: wrapped, closeAll };
}

export interface EngineOptions {
  /** Database URL (file: or postgres://). */
  url: string;
  /** Schema file path and text the engine should know about. */
  schema: { path: string; content: string };
  /** Receives the engine's JSON log lines; silent by default. */
  log?: (line: string) => void;
}

/**
 * Runs `fn` with a connected schema engine and always frees it. Errors are
 * re-thrown with any postgres password masked, since callers print them.
 */
export async function withSchemaEngine<T>(options: EngineOptions, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await initWasm();
  const connections = tracked(adapterFactory(options.url));
  const factory = bindMigrationAwareSqlAdapterFactory(connections.factory);
  const log = options.log ?? (() => {});
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: [[options.schema.path, options.schema.content]] },
      (line: string) => log(line),
      factory,
    );
    return await fn(engine);
  } catch (error) {
    throw cleanError(error);
  } finally {
    engine?.free();
    await connections.closeAll();
    releaseEngineTimers();
  }
}

/** Engine errors arrive as plain objects or strings; turn them into Errors without secrets. */
export function cleanError(error: unknown): Error {
  if (error instanceof Error) {
    error.message = redactSecrets(error.message);
    return error;
  }
  if (typeof error === "object" && error !== null) {
    const { message, error_code: code } = error as { message?: unknown; error_code?: unknown };
    if (typeof message === "string") {
      return new Error(redactSecrets(typeof code === "string" ? `${code}: ${message}` : message));
    }
  }
  return new Error(redactSecrets(typeof error === "string" ? error : JSON.stringify(error)));
}
