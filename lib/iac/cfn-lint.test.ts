/**
 * Every exported CloudFormation template (the golden files, which iac.test.ts proves are exactly
 * what the export writes) linted by cfn-lint, in one run. Skipped, saying so, where cfn-lint is
 * not installed.
 *
 * One finding is expected and set aside: cfn-lint 1.51's bundled schemas predate the Custom
 * Event Bus, so it reports E3006 ("Resource type 'AWS::EventsV2::…' does not exist in
 * 'us-east-1'") once per AWS::EventsV2 resource and checks none of its properties. Only that
 * rule, only for those types, and exactly once per such resource is set aside; any other finding
 * fails the test. (Those properties are checked instead by aws-cdk-lib's schema validation in
 * iac.test.ts's synth.) The export's notes say the same to whoever lints the template.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const CFN_LINT = (() => {
  const which = spawnSync("sh", ["-c", "command -v cfn-lint"], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : undefined;
})();
const WHEN_PRESENT = CFN_LINT === undefined ? "(skipped: cfn-lint is not installed)" : `(${CFN_LINT})`;

/** The one cfn-lint rule set aside, for the resource types cfn-lint does not know yet. */
const UNKNOWN_TYPE_RULE = "E3006";
const UNKNOWN_TYPE = /^Resource type '(AWS::EventsV2::[A-Za-z]+)' does not exist in /;

interface Finding {
  readonly Filename: string;
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: readonly (string | number)[] };
}

const scratch = mkdtempSync(join(tmpdir(), "switchyard-cfn-lint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lint(paths: readonly string[]): Finding[] {
  const result = spawnSync(CFN_LINT!, ["--format", "json", ...paths], { encoding: "utf8" });
  // cfn-lint exits non-zero when it finds anything; its JSON is the answer either way.
  if (result.stdout.trim() === "") throw new Error(`cfn-lint printed nothing (exit ${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as Finding[];
}

describe.skipIf(CFN_LINT === undefined)(`cfn-lint on every exported template ${WHEN_PRESENT}`, () => {
  it("finds nothing but E3006 for each AWS::EventsV2 resource, and still reports a real error", () => {
    const golden = join(here, "__golden__");
    const templates = readdirSync(golden).flatMap((name) => {
      const dir = join(golden, name, "cloudformation");
      return readdirSync(dir).map((file) => join(dir, file));
    });
    expect(templates.filter((path) => path.endsWith(".json")).length).toBeGreaterThan(8);
    expect(templates.some((path) => path.includes("scheduler-pipes"))).toBe(true);

    // A control: a Classic template with a property AWS::Events::Rule does not have.
    const control = join(scratch, "control.template.json");
    const template = JSON.parse(readFileSync(join(golden, "order-flow", "cloudformation", "order-flow.template.json"), "utf8")) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    Object.values(template.Resources).find((r) => r.Type === "AWS::Events::Rule")!.Properties.Bogus = 1;
    writeFileSync(control, JSON.stringify(template));

    const findings = lint([...templates, control]);
    const controlFindings = findings.filter((f) => f.Filename === control);
    expect(controlFindings.map((f) => f.Rule.Id)).toContain("E3002");

    const setAside = findings.filter((f) => f.Rule.Id === UNKNOWN_TYPE_RULE && UNKNOWN_TYPE.test(f.Message));
    const rest = findings.filter((f) => f.Filename !== control && !setAside.includes(f));
    expect(rest.map((f) => `${f.Filename}: ${f.Rule.Id} ${f.Message}`)).toEqual([]);

    // Exactly one E3006 per AWS::EventsV2 resource, and one for each.
    for (const path of templates.filter((p) => p.endsWith(".json"))) {
      const resources = (JSON.parse(readFileSync(path, "utf8")) as { Resources: Record<string, { Type: string }> }).Resources;
      const expected = Object.entries(resources).filter(([, r]) => r.Type.startsWith("AWS::EventsV2::")).map(([id, r]) => `${id} ${r.Type}`);
      const reported = setAside.filter((f) => f.Filename === path).map((f) => `${f.Location.Path[1]} ${UNKNOWN_TYPE.exec(f.Message)![1]}`);
      expect(reported.sort(), path).toEqual(expected.sort());
    }
    expect(setAside.length).toBeGreaterThan(0);
  }, 120_000);
});
