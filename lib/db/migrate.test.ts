import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { checkDatabase, closeDb, ensureDatabase, getDb } from "./index";
import { newId } from "../ids";
import { applyMigrations, createMigration, readMigrationList } from "./migrate";
import { migrationsDir } from "./provider";

const repoMigrations = migrationsDir("sqlite");
const migrationNames = fs
  .readdirSync(repoMigrations, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

// Created at import: describe bodies (which build URLs) run before beforeAll.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-db-test-"));
afterAll(async () => {
  await closeDb();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function sqliteUrl(name: string): { url: string; file: string } {
  // A nested, not-yet-existing folder: the runner must create it.
  const file = path.join(tmp, name, "nested", "switchyard.db");
  return { url: `file:${file}`, file };
}

function readOnly<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
  applied_steps_count: number;
}

describe("applyMigrations on SQLite", () => {
  const { url, file } = sqliteUrl("fresh");

  it("migrates a fresh file: creates the folder, the tables and _prisma_migrations rows", async () => {
    const result = await applyMigrations({ url });
    expect(result).toEqual({ provider: "sqlite", applied: migrationNames });

    const tables = readOnly(file, (db) =>
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
        .map((r) => (r as { name: string }).name),
    );
    expect(tables).toEqual(expect.arrayContaining(["Design", "_prisma_migrations"]));

    const rows = readOnly(file, (db) =>
      db.prepare("SELECT * FROM _prisma_migrations ORDER BY migration_name").all(),
    ) as MigrationRow[];
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      // Same checksum Prisma's CLI records: sha256 of the migration.sql bytes.
      const sql = fs.readFileSync(path.join(repoMigrations, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("is a no-op on an already-migrated file and keeps its data", async () => {
    const writer = new Database(file);
    writer
      .prepare(`INSERT INTO "Design" (id, name, graph, updatedAt) VALUES (?, ?, ?, ?)`)
      .run("dsn_kept", "Kept", JSON.stringify({ nodes: [] }), new Date().toISOString());
    writer.close();

    await expect(applyMigrations({ url })).resolves.toEqual({ provider: "sqlite", applied: [] });
    await expect(applyMigrations({ url })).resolves.toEqual({ provider: "sqlite", applied: [] });

    const count = readOnly(file, (db) => db.prepare("SELECT COUNT(*) AS n FROM _prisma_migrations").get()) as { n: number };
    expect(count.n).toBe(migrationNames.length);
    const kept = readOnly(file, (db) => db.prepare(`SELECT name FROM "Design" WHERE id = 'dsn_kept'`).get());
    expect(kept).toEqual({ name: "Kept" });
  });

  it("releases the database file afterwards (no lingering exclusive lock)", async () => {
    const db = new Database(file, { timeout: 100 });
    try {
      expect(() => db.prepare(`UPDATE "Design" SET name = name`).run()).not.toThrow();
    } finally {
      db.close();
    }
  });

  it("reports a broken migration instead of hiding it", async () => {
    const root = path.join(tmp, "broken-root");
    fs.cpSync(path.join(process.cwd(), "prisma"), path.join(root, "prisma"), { recursive: true });
    const bad = path.join(root, "prisma", "migrations", "99990101000000_broken");
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, "migration.sql"), "CREATE TABLE oops (;\n");
    const target = sqliteUrl("broken").url;
    await expect(applyMigrations({ url: target, root })).rejects.toThrow(/99990101000000_broken/);
  });
});

describe("migrations match the schema", () => {
  it("prisma/schema.prisma has no changes missing from prisma/migrations", async () => {
    // Diff the schema against the migration history in a scratch copy, so a
    // forgotten `npm run db:migration:new` can never write into the repo.
    const root = path.join(tmp, "drift-root");
    fs.cpSync(path.join(process.cwd(), "prisma"), path.join(root, "prisma"), { recursive: true });
    const result = await createMigration({ url: sqliteUrl("drift").url, name: "drift_check", root });
    expect(result.folder).toBeNull();
  });

  it("notices a schema change (so the check above is not vacuous)", async () => {
    const root = path.join(tmp, "changed-root");
    fs.cpSync(path.join(process.cwd(), "prisma"), path.join(root, "prisma"), { recursive: true });
    const schemaFile = path.join(root, "prisma", "schema.prisma");
    fs.writeFileSync(schemaFile, fs.readFileSync(schemaFile, "utf8").replace("  name        String\n", "  name        String\n  owner String?\n"));
    const result = await createMigration({ url: sqliteUrl("changed").url, name: "add_owner", root });
    expect(result.folder).toMatch(/^\d{14}_add_owner$/);
    const sql = fs.readFileSync(path.join(root, "prisma", "migrations", result.folder ?? "", "migration.sql"), "utf8");
    expect(sql).toContain('"owner" TEXT');
  });

  it("reads migration folders in name order with the lockfile", async () => {
    const list = await readMigrationList(repoMigrations);
    expect(list.migrationDirectories.map((d) => d.path)).toEqual(migrationNames);
    expect(list.lockfile.content).toContain('provider = "sqlite"');
  });
});

describe("lib/db on SQLite", () => {
  const { url } = sqliteUrl("client");

  it("ensureDatabase runs once per process even when called concurrently", async () => {
    const [a, b] = await Promise.all([ensureDatabase(url), ensureDatabase(url)]);
    expect(a).toBe(b);
    expect(a.applied).toEqual(migrationNames);
    expect(await ensureDatabase(url)).toBe(a);
  });

  it("writes and reads a Design through the Prisma client", async () => {
    const db = await getDb(url);
    expect(await getDb(url)).toBe(db);
    const graph = { nodes: [{ id: "bus_1", kind: "bus", data: { name: "orders", tags: ["a", 1, true, null] } }], edges: [] };
    const id = newId("design");
    const created = await db.design.create({ data: { id, name: "Orders", graph } });
    expect(created).toMatchObject({ id, name: "Orders", description: "", version: 1, graph });
    expect(created.createdAt).toBeInstanceOf(Date);

    // Optimistic concurrency as lib/designs does it: a stale version updates nothing.
    const ok = await db.design.updateMany({ where: { id, version: 1 }, data: { name: "Orders v2", version: { increment: 1 } } });
    const stale = await db.design.updateMany({ where: { id, version: 1 }, data: { name: "lost" } });
    expect([ok.count, stale.count]).toEqual([1, 0]);

    const read = await db.design.findUniqueOrThrow({ where: { id } });
    expect(read).toMatchObject({ name: "Orders v2", version: 2, graph });
    expect(read.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
  });

  it("checkDatabase reports ok with the provider and a latency", async () => {
    const health = await checkDatabase(url);
    expect(health).toMatchObject({ ok: true, provider: "sqlite" });
    expect(health.ok && health.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("checkDatabase reports failures without leaking the password", async () => {
    const health = await checkDatabase("postgresql://switchyard:hunter2-secret@127.0.0.1:1/nowhere");
    expect(health).toMatchObject({ ok: false, provider: "postgresql" });
    expect(JSON.stringify(health)).not.toContain("hunter2-secret");
  });
});
