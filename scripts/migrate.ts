// Applies pending migrations to DATABASE_URL (default: the SQLite file under data/).
//   npm run db:migrate
//   DATABASE_URL=postgresql://… npm run db:migrate
// The app does the same on first start (lib/db ensureDatabase), so this is for
// deploy pipelines and for checking a database by hand.
import { env } from "../lib/env";
import { applyMigrations } from "../lib/db/migrate";
import { redactSecrets, redactUrl } from "../lib/db/provider";

const target = redactUrl(env.DATABASE_URL);
try {
  const started = performance.now();
  const { provider, applied } = await applyMigrations({ url: env.DATABASE_URL });
  const ms = Math.round(performance.now() - started);
  if (applied.length === 0) {
    console.log(`${provider} ${target}: already up to date (${ms} ms)`);
  } else {
    console.log(`${provider} ${target}: applied ${applied.length} migration(s) in ${ms} ms`);
    for (const name of applied) console.log(`  ${name}`);
  }
} catch (error) {
  console.error(`${target}: migration failed: ${redactSecrets(error instanceof Error ? error.message : String(error))}`);
  process.exitCode = 1;
}
