/**
 * Every exported CloudFormation template passes cfn-lint (AWS's CloudFormation linter: resource
 * schemas, property names and types, intrinsic functions). The golden templates are exactly what
 * the export writes for every fixture and starter (iac.test.ts proves it), so linting them lints
 * the export. One cfn-lint run for all of them: its Python start-up costs about a second.
 * Skipped, saying so, where cfn-lint is not installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const golden = join(dirname(fileURLToPath(import.meta.url)), "__golden__");
const CFN_LINT = spawnSync("cfn-lint", ["--version"], { encoding: "utf8" }).status === 0 ? "cfn-lint" : undefined;

function templates(): string[] {
  return readdirSync(golden).flatMap((name) => {
    const dir = join(golden, name, "cloudformation");
    return existsSync(dir) ? readdirSync(dir).map((file) => join(dir, file)) : [];
  });
}

describe.skipIf(CFN_LINT === undefined)(`cfn-lint ${CFN_LINT === undefined ? "(skipped: cfn-lint is not on PATH)" : ""}`, () => {
  it("passes every exported template, YAML and JSON, with no error or warning (and fails a misspelt one in the same run)", () => {
    const files = templates();
    // Every fixture and starter: two templates each, Scheduler and Pipes among them.
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((file) => file.includes("scheduler-pipes"))).toBe(true);
    // A template with a misspelt property proves the run can fail.
    const broken = join(golden, "..", "__fixtures__", "cfn-lint-broken.template.yaml");
    const result = spawnSync(CFN_LINT!, ["--format", "parseable", "--", ...files, broken], { encoding: "utf8" });
    const findings = result.stdout.split("\n").filter((line) => line.trim() !== "");
    expect(findings.some((line) => line.startsWith(broken) && line.includes("ScheduleExpresion"))).toBe(true);
    expect(findings.filter((line) => !line.startsWith(broken))).toEqual([]);
    expect(result.stderr).toBe("");
  }, 120_000);
});
