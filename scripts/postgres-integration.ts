// PostgreSQL integration check for the database layer. Needs a server:
//   npm run test:pg        (= scripts/with-postgres.sh tsx scripts/postgres-integration.ts)
// or SWITCHYARD_PG_URL=postgresql://… npx tsx scripts/postgres-integration.ts
//
// Works in a fresh database it creates (and drops) on that server, so it can run
// against a shared server too. Prints one "N passed, N failed" line for CI and
// exits non-zero on any failure.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { checkDatabase, closeDb, ensureDatabase, getDb } from "../lib/db";
import { applyMigrations, createMigration } from "../lib/db/migrate";
import { migrationsDir, redactSecrets, redactUrl, schemaPath } from "../lib/db/provider";
import { newId } from "../lib/ids";

const serverUrl = process.env.SWITCHYARD_PG_URL;
if (!serverUrl) {
  console.error("SWITCHYARD_PG_URL is not set; run `npm run test:pg` (it starts a throwaway server).");
  process.exit(2);
}

const dbName = `switchyard_it_${Date.now()}`;
const url = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
const migrationNames = fs
  .readdirSync(migrationsDir("postgresql"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function sql<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const checks: Array<[string, () => Promise<void>]> = [
  ["ensureDatabase applies every migration to a fresh database", async () => {
    const result = await ensureDatabase(url);
    assert.deepEqual(result, { provider: "postgresql", applied: migrationNames });
    const tables = await sql<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    // One table per model of the PostgreSQL schema, and Prisma's migration table.
    const models = [...fs.readFileSync(schemaPath("postgresql"), "utf8").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    assert.deepEqual(tables.map((t) => t.table_name), [...models, "_prisma_migrations"].sort());
    const rows = await sql<{ migration_name: string; finished_at: Date | null; applied_steps_count: number }>(
      "SELECT migration_name, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
    );
    assert.deepEqual(rows.map((r) => r.migration_name), migrationNames);
    assert.ok(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1));
  }],
  ["writes a Design and reads it back through the Prisma client", async () => {
    const db = await getDb(url);
    const id = newId("design");
    const graph = { nodes: [{ id: "bus_1", kind: "bus", data: { name: "orders", n: 1.5, ok: true, none: null } }], edges: [] };
    await db.design.create({ data: { id, name: "Orders", description: "pg", graph } });
    const stale = await db.design.updateMany({ where: { id, version: 2 }, data: { name: "lost" } });
    const ok = await db.design.updateMany({ where: { id, version: 1 }, data: { name: "Orders v2", version: { increment: 1 } } });
    assert.deepEqual([stale.count, ok.count], [0, 1]);
    const read = await db.design.findUniqueOrThrow({ where: { id } });
    assert.equal(read.name, "Orders v2");
    assert.equal(read.description, "pg");
    assert.equal(read.version, 2);
    assert.deepEqual(read.graph, graph);
    assert.ok(read.createdAt instanceof Date && read.updatedAt >= read.createdAt);
    const stored = await sql<{ t: string }>(`SELECT pg_typeof(graph)::text AS t FROM "Design" LIMIT 1`);
    assert.equal(stored[0]?.t, "jsonb");
  }],
  ["re-running migrations is a no-op and keeps the data", async () => {
    assert.deepEqual(await applyMigrations({ url }), { provider: "postgresql", applied: [] });
    const count = await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM "Design"`);
    assert.equal(count[0]?.n, "1");
  }],
  ["the PostgreSQL migrations match prisma/postgres/schema.prisma", async () => {
    // In a scratch copy: a drift must fail here, never write into the repo.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-pg-drift-"));
    try {
      fs.cpSync(path.join(process.cwd(), "prisma"), path.join(root, "prisma"), { recursive: true });
      const scratch = `${dbName}_drift`;
      await admin((c) => c.query(`CREATE DATABASE "${scratch}"`));
      try {
        const scratchUrl = Object.assign(new URL(serverUrl), { pathname: `/${scratch}` }).toString();
        const result = await createMigration({ url: scratchUrl, name: "drift_check", root });
        assert.equal(result.folder, null, `schema changes missing from prisma/postgres/migrations (${result.folder})`);
      } finally {
        await admin((c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }],
  ["checkDatabase reports ok", async () => {
    const health = await checkDatabase(url);
    assert.equal(health.ok, true, JSON.stringify(health));
    assert.equal(health.provider, "postgresql");
  }],
];

let passed = 0;
let failed = 0;
console.log(`PostgreSQL integration against ${redactUrl(url)}`);
try {
  await admin((c) => c.query(`CREATE DATABASE "${dbName}"`));
  for (const [name, run] of checks) {
    const started = performance.now();
    try {
      await run();
      passed++;
      console.log(`  ok   ${name} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      failed++;
      console.log(`  FAIL ${name}\n       ${redactSecrets(error instanceof Error ? error.message : String(error))}`);
    }
  }
} catch (error) {
  failed++;
  console.log(`  FAIL setup: ${redactSecrets(error instanceof Error ? error.message : String(error))}`);
} finally {
  await closeDb();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(() => {});
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
