// Which database a DATABASE_URL points at, and where that provider's schema and
// migrations live. Pure and dependency-free: prisma.config.ts, lib/env.ts and the
// migration runner all import it.
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

/** Repository root. Next.js, npm scripts, vitest and tsx all run from it. */
export function projectRoot(): string {
  return process.cwd();
}

/** Default database: an SQLite file under <repo>/data (created on first start). */
export function defaultDatabaseUrl(root: string = projectRoot()): string {
  return `file:${path.join(root, "data", "switchyard.db")}`;
}

/**
 * Applies the default and makes relative `file:` URLs absolute against the repo
 * root, so every tool (CLI, app, tests) opens the same file whatever its cwd
 * later becomes.
 */
export function resolveDatabaseUrl(raw: string | undefined, root: string = projectRoot()): string {
  const url = raw?.trim() ? raw.trim() : defaultDatabaseUrl(root);
  if (!/^file:/i.test(url)) return url; // validated by databaseProvider() where it is used
  const file = sqliteFilePath(url);
  return file === ":memory:" ? url : `file:${path.resolve(root, file)}`;
}

/** The database this process uses: DATABASE_URL, or the default SQLite file. */
export function configuredDatabaseUrl(): string {
  return resolveDatabaseUrl(process.env.DATABASE_URL);
}

export function databaseProvider(url: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (/^file:/i.test(url)) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL); got "${redactUrl(url)}"`,
  );
}

/** The filesystem path of a `file:` URL (query string such as `?mode=…` dropped). */
export function sqliteFilePath(url: string): string {
  const rest = url.replace(/^file:/i, "").replace(/^\/\/(?=\/)/, "");
  const q = rest.indexOf("?");
  return q === -1 ? rest : rest.slice(0, q);
}

/** A URL safe to print: the password is masked. Non-URLs pass through unchanged. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, "$1:***@");
}

/** Masks every postgres URL password inside free text such as an error message. */
export function redactSecrets(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/?#@\s]*):[^@/?#\s]*@/gi, "$1:***@");
}

export function prismaDir(root: string = projectRoot()): string {
  return path.join(root, "prisma");
}

export function schemaPath(provider: DatabaseProvider, root: string = projectRoot()): string {
  return provider === "sqlite"
    ? path.join(prismaDir(root), "schema.prisma")
    : path.join(prismaDir(root), "postgres", "schema.prisma");
}

export function migrationsDir(provider: DatabaseProvider, root: string = projectRoot()): string {
  return path.join(path.dirname(schemaPath(provider, root)), "migrations");
}
