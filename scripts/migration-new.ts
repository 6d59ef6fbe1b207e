// Creates the next migration for BOTH providers from the current schemas:
//   npm run db:migration:new -- <name>
// (the npm script wraps this in scripts/with-postgres.sh, which provides a
// throwaway PostgreSQL server as SWITCHYARD_PG_URL).
//
// Diffs run against scratch databases (a temp SQLite file, a temp PostgreSQL
// database), never against data/ or your DATABASE_URL. Both folders get the same
// name so the two migration sets stay aligned.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createMigration } from "../lib/db/migrate";
import { redactSecrets } from "../lib/db/provider";
import { modelsSection, schemaDrift } from "../lib/db/schema-sync";
import { schemaPath } from "../lib/db/provider";

const name = process.argv[2] ?? "";
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration:new -- <name>   (lowercase letters, digits, _)");
  process.exit(2);
}
const pgUrl = process.env.SWITCHYARD_PG_URL;
if (!pgUrl) {
  console.error("SWITCHYARD_PG_URL is not set; run through scripts/with-postgres.sh (npm run db:migration:new does).");
  process.exit(2);
}
const sqliteModels = modelsSection(fs.readFileSync(schemaPath("sqlite"), "utf8"));
if (sqliteModels !== modelsSection(fs.readFileSync(schemaPath("postgresql"), "utf8"))) {
  console.error("prisma/schema.prisma and prisma/postgres/schema.prisma models differ; make them identical first.");
  process.exit(1);
}

async function withScratchPg<T>(url: string, fn: (scratchUrl: string) => Promise<T>): Promise<T> {
  const db = `switchyard_scratch_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${db}"`);
    const scratch = new URL(url);
    scratch.pathname = `/${db}`;
    return await fn(scratch.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-migration-"));
try {
  const sqlite = await createMigration({ url: `file:${path.join(tmp, "scratch.db")}`, name });
  const postgres = await withScratchPg(pgUrl, (url) =>
    createMigration({ url, name, folderName: sqlite.folder ?? undefined }),
  );
  if (sqlite.folder === null && postgres.folder === null) {
    console.log("No schema changes: no migration created.");
  } else {
    console.log(`Created prisma/migrations/${sqlite.folder ?? "(none)"} and prisma/postgres/migrations/${postgres.folder ?? "(none)"}`);
  }
  const drift = schemaDrift();
  if (drift.length > 0) {
    console.error(drift.join("\n"));
    process.exitCode = 1;
  }
} catch (error) {
  console.error(redactSecrets(error instanceof Error ? error.message : String(error)));
  process.exitCode = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
