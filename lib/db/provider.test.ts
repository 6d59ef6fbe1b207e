import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  databaseProvider,
  defaultDatabaseUrl,
  migrationsDir,
  redactSecrets,
  redactUrl,
  resolveDatabaseUrl,
  schemaPath,
  sqliteFilePath,
} from "./provider";

describe("database URLs", () => {
  it("default to an SQLite file under <root>/data", () => {
    expect(defaultDatabaseUrl("/srv/app")).toBe("file:/srv/app/data/switchyard.db");
    expect(resolveDatabaseUrl(undefined, "/srv/app")).toBe("file:/srv/app/data/switchyard.db");
    expect(resolveDatabaseUrl("  ", "/srv/app")).toBe("file:/srv/app/data/switchyard.db");
  });

  it("resolve relative file: paths against the root and keep absolute ones", () => {
    expect(resolveDatabaseUrl("file:./dev.db", "/srv/app")).toBe("file:/srv/app/dev.db");
    expect(resolveDatabaseUrl("file:/var/lib/s.db", "/srv/app")).toBe("file:/var/lib/s.db");
    expect(resolveDatabaseUrl("postgres://u:p@h/db", "/srv/app")).toBe("postgres://u:p@h/db");
  });

  it("pick the provider from the scheme", () => {
    expect(databaseProvider("file:/x.db")).toBe("sqlite");
    expect(databaseProvider("postgres://h/db")).toBe("postgresql");
    expect(databaseProvider("postgresql://h/db")).toBe("postgresql");
    expect(() => databaseProvider("mysql://root:pw@h/db")).toThrow(/file: .*postgres/);
    expect(() => databaseProvider("mysql://root:pw@h/db")).not.toThrow(/pw/);
  });

  it("give SQLite file paths without query strings", () => {
    expect(sqliteFilePath("file:/a/b.db?mode=rwc")).toBe("/a/b.db");
    expect(sqliteFilePath("file:///a/b.db")).toBe("/a/b.db");
    expect(sqliteFilePath("file:rel.db")).toBe("rel.db");
  });

  it("never show passwords", () => {
    expect(redactUrl("postgresql://app:s3cr%40t@db:5432/sy?sslmode=require")).toBe(
      "postgresql://app:***@db:5432/sy?sslmode=require",
    );
    expect(redactUrl("postgresql://app@db/sy")).toBe("postgresql://app@db/sy");
    expect(redactSecrets("connect postgres://a:b@h/d failed; postgresql://c:d@h/e")).toBe(
      "connect postgres://a:***@h/d failed; postgresql://c:***@h/e",
    );
  });
});

describe("schema and migration locations", () => {
  it("keep PostgreSQL in its own folder", () => {
    expect(schemaPath("sqlite", "/r")).toBe(path.join("/r", "prisma", "schema.prisma"));
    expect(migrationsDir("sqlite", "/r")).toBe(path.join("/r", "prisma", "migrations"));
    expect(schemaPath("postgresql", "/r")).toBe(path.join("/r", "prisma", "postgres", "schema.prisma"));
    expect(migrationsDir("postgresql", "/r")).toBe(path.join("/r", "prisma", "postgres", "migrations"));
  });
});
