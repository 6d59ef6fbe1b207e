// Prisma CLI configuration (Prisma 7: the datasource URL lives here, not in the schema).
//
// The CLI is used only for `prisma generate` (npm run db:generate) and ad-hoc tools
// such as `prisma studio`. Migrations are applied by lib/db/migrate.ts through the
// WebAssembly schema engine, because the CLI's native engine cannot be downloaded
// on our machines.
import { defineConfig } from "prisma/config";
import { databaseProvider, migrationsDir, resolveDatabaseUrl, schemaPath } from "./lib/db/provider";

// Same default as lib/env.ts; env() from prisma/config would throw when unset.
const url = resolveDatabaseUrl(process.env.DATABASE_URL);
const provider = databaseProvider(url);

export default defineConfig({
  schema: schemaPath(provider),
  migrations: { path: migrationsDir(provider) },
  datasource: { url },
});
