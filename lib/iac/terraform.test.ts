/**
 * The Terraform writer checked by Terraform itself (the binary at /usr/local/bin/terraform or on
 * PATH; these tests are skipped, saying so, where it is absent): text the user typed stays
 * literal (`terraform console` evaluates it back from a `locals` block, which needs no
 * provider), and every golden main.tf is exactly what `terraform fmt` writes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { design, node, patternRule } from "@/lib/graph/test-fixtures";
import { exportDesign } from "./index";
import { hclString } from "./terraform";

const here = dirname(fileURLToPath(import.meta.url));

function findTerraform(): string | undefined {
  if (existsSync("/usr/local/bin/terraform")) return "/usr/local/bin/terraform";
  const which = spawnSync("which", ["terraform"], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : undefined;
}
const TERRAFORM = findTerraform();
const WHEN_PRESENT = TERRAFORM === undefined ? "(skipped: no terraform binary at /usr/local/bin/terraform or on PATH)" : `(${TERRAFORM})`;

const scratch = mkdtempSync(join(tmpdir(), "switchyard-terraform-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs terraform in `dir` with no user configuration; stdout, or a failure with stderr. */
function terraform(dir: string, args: string[], input?: string): string {
  const result = spawnSync(TERRAFORM!, args, { cwd: dir, input, encoding: "utf8", env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" } });
  if (result.status !== 0) throw new Error(`terraform ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Evaluates HCL expressions as Terraform does, from a `locals` block: their string values. */
function evaluate(locals: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(scratch, "console-"));
  const names = Object.keys(locals);
  writeFileSync(join(dir, "main.tf"), `locals {\n${names.map((name) => `  ${name} = ${locals[name]}`).join("\n")}\n}\n`);
  // base64 keeps the console's own quoting out of the way.
  const printed = terraform(dir, ["console"], `base64encode(jsonencode([${names.map((name) => `local.${name}`).join(", ")}]))\n`);
  const values = JSON.parse(Buffer.from(JSON.parse(printed.trim()) as string, "base64").toString("utf8")) as string[];
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}

/** What users type that HCL would otherwise read as templates: interpolation, directives, and the escapes themselves. */
const TRICKY = [
  "cwd=${path.cwd}",
  "%{ if true }x%{ endif }",
  "already escaped: $${x} and %%{y}",
  "${",
  "%{",
  "$$",
  "100% off, costs $5",
  'quote " and backslash \\',
  "tab\tand newline\nand é 🚀",
];

describe("hclString", () => {
  it("doubles ${ and %{ (a JS replacement string would have written a single $)", () => {
    expect(hclString("cwd=${path.cwd}")).toBe('"cwd=$${path.cwd}"');
    expect(hclString("%{ if x }")).toBe('"%%{ if x }"');
    expect(hclString("$${x}")).toBe('"$$${x}"');
  });
});

describe.skipIf(TERRAFORM === undefined)(`Terraform reads our output ${WHEN_PRESENT}`, () => {
  it("evaluates every quoted string back to the text typed: nothing is interpolated", () => {
    const locals = Object.fromEntries(TRICKY.map((text, i) => [`s${i}`, hclString(text)]));
    expect(Object.values(evaluate(locals))).toEqual(TRICKY);
  });

  it("keeps a description and an event pattern literal in an exported main.tf", () => {
    const description = "cwd=${path.cwd} %{ if true }leak%{ endif } $${kept}";
    const pattern = JSON.stringify({ source: ["shop"], detail: { note: ["${path.cwd}", "%{ if true }x%{ endif }", "$${kept}"] } });
    const bus = node("event-bus", "bus", { name: "orders", variant: "custom" });
    const rule = patternRule("rule", pattern, { name: "tricky", description });
    const target = node("sqs", "queue", { queueName: "orders-queue" });
    const main = exportDesign(design([bus, rule, target], [["bus", "rule"], ["rule", "queue"]]), "terraform").files.find((f) => f.path === "main.tf")!.content;

    const ruleBlock = main.slice(main.indexOf('resource "aws_cloudwatch_event_rule" "tricky_rule"'));
    const descriptionValue = /^ {2}description\s+= (".*")$/m.exec(ruleBlock)![1]!;
    const heredoc = /^ {2}event_pattern\s+= (<<-PATTERN\n[\s\S]*?\n {2}PATTERN)$/m.exec(ruleBlock)![1]!;
    const values = evaluate({ description: descriptionValue, pattern: heredoc });
    expect(values.description).toBe(description);
    expect(JSON.parse(values.pattern!)).toEqual(JSON.parse(pattern));
  });

  it("writes every golden main.tf exactly as `terraform fmt` would", () => {
    const golden = join(here, "__golden__");
    const mains = readdirSync(golden).map((name) => join(golden, name, "terraform", "main.tf")).filter((path) => existsSync(path));
    expect(mains.length).toBeGreaterThan(5);
    for (const main of mains) {
      const check = spawnSync(TERRAFORM!, ["fmt", "-check", "-diff", main], { encoding: "utf8", env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" } });
      expect(`${check.stdout}${check.stderr}`, main).toBe("");
      expect(check.status, main).toBe(0);
    }
  });
});
