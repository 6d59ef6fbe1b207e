// Sums the results of every suite into the one closing line CI reads: "N passed, N failed".
// A suite whose report is missing (it crashed or never ran) counts as one failure.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "test-results";
let passed = 0;
let failed = 0;
const lines = [];

for (const line of readFileSync(join(dir, "checks.txt"), "utf8").split("\n").filter(Boolean)) {
  const [verdict, name] = line.split(" ");
  if (verdict === "pass") passed++;
  else failed++;
  lines.push(`${name}: ${verdict === "pass" ? "ok" : "FAILED"}`);
}

// vitest's JSON reporter (Jest-compatible totals).
const unitFile = join(dir, "unit.json");
if (!existsSync(unitFile)) {
  failed++;
  lines.push("unit: no report (the suite did not run)");
} else {
  const report = JSON.parse(readFileSync(unitFile, "utf8"));
  const failedFiles = report.numFailedTestSuites ?? 0;
  passed += report.numPassedTests;
  failed += report.numFailedTests + failedFiles;
  lines.push(`unit: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${failedFiles} files failed`);
}

// The PostgreSQL integration script ends its output with its own "N passed, N failed" line.
const pgFile = join(dir, "postgres.txt");
const pgTotals = existsSync(pgFile) ? [...readFileSync(pgFile, "utf8").matchAll(/^(\d+) passed, (\d+) failed$/gm)].at(-1) : undefined;
if (!pgTotals) {
  failed++;
  lines.push("postgres: no result line (the suite did not run to the end)");
} else {
  passed += Number(pgTotals[1]);
  failed += Number(pgTotals[2]);
  lines.push(`postgres: ${pgTotals[1]} passed, ${pgTotals[2]} failed`);
}

// Playwright's JSON reporter.
const e2eFile = join(dir, "e2e.json");
if (!existsSync(e2eFile)) {
  failed++;
  lines.push("e2e: no report (the suite did not run)");
} else {
  const { stats, errors = [] } = JSON.parse(readFileSync(e2eFile, "utf8"));
  passed += stats.expected;
  failed += stats.unexpected + stats.flaky + errors.length;
  lines.push(`e2e: ${stats.expected} passed, ${stats.unexpected} failed, ${stats.flaky} flaky, ${stats.skipped} skipped`);
}

console.log(["", "Summary:", ...lines.map((l) => `  ${l}`)].join("\n"));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
