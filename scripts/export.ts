/**
 * `npm run export -- <design.json> --format terraform|cdk|cloudformation --out <dir>`: writes
 * the infrastructure code of a design file for pipelines. Exit status 1 with the design's
 * problems (what and where) when it cannot be exported, 2 for wrong arguments.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { DesignNotExportableError, exportDesign, EXPORT_FORMATS, type ExportFormat } from "@/lib/iac";

const USAGE = `usage: npm run export -- <design.json> --format ${EXPORT_FORMATS.join("|")} --out <dir>`;

function main(): number {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { format: { type: "string" }, out: { type: "string" } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file] = args.positionals;
  const { format, out } = args.values;
  if (!file || !out || !EXPORT_FORMATS.includes(format as ExportFormat)) {
    console.error(USAGE);
    return 2;
  }
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`${file}: cannot read the design: ${(error as Error).message}`);
    return 1;
  }
  try {
    const result = exportDesign(document, format as ExportFormat);
    for (const generated of result.files) {
      const path = join(out, generated.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, generated.content);
      console.log(`wrote ${path}`);
    }
    for (const warning of result.warnings) console.warn(`warning: ${warning}`);
    return 0;
  } catch (error) {
    if (error instanceof DesignNotExportableError) {
      console.error(`${file}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main();
