/**
 * `npm run check -- <design.json> [...]`: verifies every expectation in design files ("this sample
 * should (not) match this rule / stream filter") with the lab's engine, for teams' CI. Prints a
 * report per file; exit status 0 when every expectation holds, 1 for a broken expectation or an
 * invalid design (unreadable, or with validation errors), 2 for wrong arguments.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readDesignFile, validateDesign } from "@/lib/graph";
import { checkExpectations, formatExpectationReport } from "@/lib/lab";

const USAGE = "usage: npm run check -- <design.json> [<design.json> ...]";

function checkFile(file: string): boolean {
  console.log(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.log(`  ✗ cannot read the file: ${(error as Error).message}`);
    return false;
  }
  const read = readDesignFile(text);
  if (!read.ok) {
    console.log("  ✗ not a valid design:");
    for (const problem of read.problems) console.log(`    ${problem.path}: ${problem.message}`);
    return false;
  }
  const design = read.design;
  const problems = validateDesign(design);
  const errors = problems.filter((p) => p.severity === "error");
  for (const p of problems) {
    const where = [p.nodeId, p.field].filter((part) => part !== undefined).join(" ");
    console.log(`  ${p.severity === "error" ? "✗" : "!"} ${p.severity}${where === "" ? "" : ` (${where})`}: ${p.message}`);
  }
  const report = checkExpectations(design);
  for (const line of formatExpectationReport(report)) console.log(line);
  if (report.nodes.length === 0) console.log("  (no expectations in this design)");
  const broken = report.failed + report.nodes.filter((n) => n.problems.length > 0 && n.outcomes.length === 0).length;
  console.log(`  ${report.checked} expectation${report.checked === 1 ? "" : "s"} checked, ${report.failed} broken${errors.length > 0 ? `, ${errors.length} design error${errors.length === 1 ? "" : "s"}` : ""}`);
  return broken === 0 && report.ok && errors.length === 0;
}

function main(): number {
  let files: string[];
  try {
    files = parseArgs({ allowPositionals: true, options: {} }).positionals;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    console.error(USAGE);
    return 2;
  }
  let ok = true;
  for (const file of files) ok = checkFile(file) && ok;
  console.log(ok ? "all expectations hold" : "some expectations are broken or a design is invalid");
  return ok ? 0 : 1;
}

process.exitCode = main();
