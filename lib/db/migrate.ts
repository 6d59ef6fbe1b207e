// Migration runner: applies the checked-in migrations (prisma/migrations for SQLite,
// prisma/postgres/migrations for PostgreSQL) the way `prisma migrate deploy` does,
// recording them in the standard `_prisma_migrations` table, but through the
// WebAssembly schema engine so it needs no download. Also creates new migrations
// (the `prisma migrate dev --create-only` step) for scripts/migration-new.ts.
import fs from "node:fs";
import path from "node:path";
import type { MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { withSchemaEngine } from "./engine";
import { databaseProvider, migrationsDir, schemaPath, sqliteFilePath, type DatabaseProvider } from "./provider";

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };
const LOCKFILE = "migration_lock.toml";
const MIGRATION_FILE = "migration.sql";

export interface MigrateOptions {
  /** Database URL (file: or postgres://); already resolved, see lib/env.ts. */
  url: string;
  /** Repository root holding prisma/; defaults to the cwd. */
  root?: string;
  /** Engine log lines (JSON); silent by default. */
  log?: (line: string) => void;
}

export interface MigrateResult {
  provider: DatabaseProvider;
  /** Migrations applied by this call, oldest first; empty when already up to date. */
  applied: string[];
}

/** Reads a migrations folder into the shape the engine expects (as Prisma's CLI does). */
export async function readMigrationList(dir: string): Promise<MigrationList> {
  const lock = await fs.promises.readFile(path.join(dir, LOCKFILE), "utf8").catch(() => null);
  const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b))
      .map(async (name) => ({
        path: name,
        migrationFile: {
          path: MIGRATION_FILE,
          content: await fs.promises
            .readFile(path.join(dir, name, MIGRATION_FILE), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((error: Error) => ({ tag: "error" as const, value: error.message })),
        },
      })),
  );
  return { baseDir: dir, lockfile: { path: LOCKFILE, content: lock }, shadowDbInitScript: "", migrationDirectories };
}

async function readSchema(provider: DatabaseProvider, root?: string) {
  const file = schemaPath(provider, root);
  return { path: file, content: await fs.promises.readFile(file, "utf8") };
}

/** SQLite opens (creates) the file but not its folder. */
async function ensureSqliteFolder(url: string): Promise<void> {
  const file = sqliteFilePath(url);
  if (file !== ":memory:") await fs.promises.mkdir(path.dirname(file), { recursive: true });
}

/**
 * Applies every pending migration; a no-op on an up-to-date database. Fails
 * (without touching data) if a migration recorded as applied was edited or failed.
 */
export async function applyMigrations(options: MigrateOptions): Promise<MigrateResult> {
  const provider = databaseProvider(options.url);
  if (provider === "sqlite") await ensureSqliteFolder(options.url);
  const migrationsList = await readMigrationList(migrationsDir(provider, options.root));
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`No migrations found in ${migrationsList.baseDir}`);
  }
  const schema = await readSchema(provider, options.root);
  const { appliedMigrationNames } = await withSchemaEngine(
    { url: options.url, schema, log: options.log },
    (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
  );
  return { provider, applied: appliedMigrationNames };
}

export interface CreateMigrationOptions extends MigrateOptions {
  /** Human name, e.g. "add_design_tags"; the engine prefixes a timestamp. */
  name: string;
  /** Use this folder name instead of the engine's (keeps SQLite/PostgreSQL sets aligned). */
  folderName?: string;
}

export interface CreateMigrationResult {
  provider: DatabaseProvider;
  /** Folder created under the migrations dir, or null when the schema had no changes. */
  folder: string | null;
}

/**
 * Diffs the provider's schema against its migration history (replayed on a shadow
 * database) and writes the next migration folder. `url` should be a scratch
 * database: pending migrations are applied to it first, as `migrate dev` does.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreateMigrationResult> {
  const provider = databaseProvider(options.url);
  if (provider === "sqlite") await ensureSqliteFolder(options.url);
  const dir = migrationsDir(provider, options.root);
  const migrationsList = await readMigrationList(dir);
  const schema = await readSchema(provider, options.root);
  return withSchemaEngine({ url: options.url, schema, log: options.log }, async (engine) => {
    // Order matters: applyMigrations creates `_prisma_migrations` (devDiagnostic
    // fails without it), and devDiagnostic builds the shadow database that
    // createMigration diffs against.
    await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
    if (action.tag === "reset") {
      throw new Error(`The scratch database needs a reset before creating a migration: ${action.reason}`);
    }
    const out = await engine.createMigration({
      draft: false,
      migrationName: options.name,
      migrationsList,
      schema: { files: [schema] },
      filters: NO_FILTER,
    });
    if (out.migrationScript === null) return { provider, folder: null };
    const folder = options.folderName ?? out.generatedMigrationName;
    await fs.promises.mkdir(path.join(dir, folder), { recursive: true });
    await fs.promises.writeFile(path.join(dir, folder, `migration.${out.extension}`), out.migrationScript);
    if (migrationsList.lockfile.content === null) {
      await fs.promises.writeFile(
        path.join(dir, LOCKFILE),
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
      );
    }
    return { provider, folder };
  });
}
