// The SQLite and PostgreSQL schemas must describe the same models (so both
// generated clients have the same API). Everything from the marker line to the end
// of file must be identical; only the generator/datasource blocks above may differ.
import fs from "node:fs";
import path from "node:path";
import { migrationsDir, schemaPath } from "./provider";

export const MODELS_MARKER = "// --- models";

export function modelsSection(schemaText: string): string {
  const at = schemaText.indexOf(MODELS_MARKER);
  if (at === -1) throw new Error(`schema has no "${MODELS_MARKER}" line`);
  return schemaText.slice(at);
}

/** Problems that would let the two providers drift apart; empty when in sync. */
export function schemaDrift(root?: string): string[] {
  const problems: string[] = [];
  const sqlite = fs.readFileSync(schemaPath("sqlite", root), "utf8");
  const postgres = fs.readFileSync(schemaPath("postgresql", root), "utf8");
  if (modelsSection(sqlite) !== modelsSection(postgres)) {
    problems.push(
      `models differ between ${path.relative(process.cwd(), schemaPath("sqlite", root))} and ` +
        `${path.relative(process.cwd(), schemaPath("postgresql", root))} (copy the section from "${MODELS_MARKER}" down)`,
    );
  }
  const names = (dir: string) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
          .sort()
      : [];
  const a = names(migrationsDir("sqlite", root));
  const b = names(migrationsDir("postgresql", root));
  if (a.join("\n") !== b.join("\n")) {
    problems.push(`migration folders differ: sqlite [${a.join(", ")}] vs postgresql [${b.join(", ")}]`);
  }
  return problems;
}
