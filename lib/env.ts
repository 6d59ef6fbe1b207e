// Server environment, validated once at first import. Every setting is optional:
//
//   DATABASE_URL  file:<path> (SQLite) or postgres(ql)://… (PostgreSQL).
//                 Default file:<repo>/data/switchyard.db; relative file: paths
//                 resolve against the repo root (the cwd of npm scripts and Next).
//   HOST          Interface the server binds to. Default 127.0.0.1 (loopback only).
//   PORT          Port the server listens on. Default 3000.
import { z } from "zod";
import { databaseProvider, resolveDatabaseUrl } from "./db/provider";

const schema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((raw) => resolveDatabaseUrl(raw))
    .superRefine((url, ctx) => {
      try {
        databaseProvider(url);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
});

export type Env = z.infer<typeof schema>;

/** Parses an environment; throws one readable error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
