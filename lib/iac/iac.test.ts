/**
 * The export, checked by real tooling:
 * - golden files for the fixture designs (`UPDATE_GOLDEN=1 npx vitest run lib/iac` rewrites them);
 * - the CDK stack is transpiled and synthesized with aws-cdk-lib, and its events resources equal
 *   those of our CloudFormation export; the YAML template is read back by CDK's `CfnInclude`
 *   and equals the JSON one. Type checking of the generated TypeScript is `npm run typecheck`'s:
 *   the golden stacks are part of the project (strict, no unused locals), and the golden test
 *   proves the export still writes exactly them;
 * - main.tf is parsed with `@cdktf/hcl2json` and its rules, targets and patterns match the design;
 * - in every format each event pattern parses to the design's pattern.
 *
 * Comparing CDK with our template: CDK suffixes logical ids with a hash (`OrdersBus68D47F66`),
 * builds ARNs with `Fn::Join` / `Fn::Select` / `Fn::Split` where we write `Fn::Sub`, and names
 * its own event roles. `normalize` evaluates those intrinsics to one string form (`${Param}`,
 * `${Resource.Arn}`), strips the hash where the remaining id is one of ours, and writes every
 * IAM role ARN as `${role}`. Permissions and event source mappings are compared as sets (CDK
 * names them after the rule and function). Constant `Input` is compared as parsed JSON (CDK
 * writes it compactly), and CDK's empty `KmsKeyIdentifier` on archives is dropped.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { afterAll, describe, expect, it } from "vitest";
import { designSchema, type Design } from "@/lib/graph/schema";
import { targetIdOf } from "@/lib/graph/target-id";
import { isTargetNode } from "@/lib/graph/registry";
import { planMigration } from "@/lib/migration";
import { STARTERS } from "@/lib/starters";
import { loadStackClass, requireFromRoot } from "./cdk-stack.test-support";
import { DesignNotExportableError, exportDesign, EXPORT_FORMATS, type ExportFormat } from "./index";
import { snakeCase } from "./names";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
/**
 * The JSON fixtures, every starter design (golden files in `__golden__/starter-<id>`), and two
 * designs migrated to the Custom Event Bus by lib/migration: the "Reward big payments" starter
 * and the order-flow fixture (`migrated-<name>`).
 */
const MIGRATED = "migrated-reward-big-payments";
const MIGRATED_ORDER_FLOW = "migrated-order-flow";
const FIXTURES = ["order-flow", "cross-account", "custom-event-bus", "scheduler-pipes", ...STARTERS.map((starter) => `starter-${starter.id}`), MIGRATED, MIGRATED_ORDER_FLOW];
const load = (name: string): Design => {
  if (name === MIGRATED) return planMigration(STARTERS.find((s) => s.id === "reward-big-payments")!.design()).design;
  if (name === MIGRATED_ORDER_FLOW) return planMigration(load("order-flow")).design;
  const starter = STARTERS.find((s) => `starter-${s.id}` === name);
  return starter ? starter.design() : designSchema.parse(JSON.parse(readFileSync(join(here, "__fixtures__", `${name}.json`), "utf8")));
};
const scratch = mkdtempSync(join(tmpdir(), "switchyard-iac-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, Json> }> };

function files(design: Design, format: ExportFormat): Map<string, string> {
  return new Map(exportDesign(design, format).files.map((f) => [f.path, f.content]));
}

type TerraformBlocks = Record<string, Record<string, Record<string, Json>[]>>;

/** A design's main.tf read back by hcl2json: its resources by type, then by name. */
async function terraformResources(design: Design): Promise<TerraformBlocks> {
  return ((await parseHcl("main.tf", files(design, "terraform").get("main.tf")!)) as { resource: TerraformBlocks }).resource;
}

/** The first block of every resource of `type`. */
const blocksOf = (resources: TerraformBlocks, type: string) => Object.values(resources[type] ?? {}).map((blocks) => blocks[0] as Record<string, Json>);

function rulePatterns(design: Design): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const node of design.nodes) if (node.kind === "rule" && node.trigger.type === "pattern") out.set(node.name, JSON.parse(node.trigger.pattern));
  return out;
}

describe("golden files", () => {
  for (const name of FIXTURES) {
    for (const format of EXPORT_FORMATS) {
      it(`${name} → ${format}`, () => {
        for (const [path, content] of files(load(name), format)) {
          const golden = join(here, "__golden__", name, format, path);
          if (process.env.UPDATE_GOLDEN === "1") {
            mkdirSync(dirname(golden), { recursive: true });
            writeFileSync(golden, content);
          }
          expect(existsSync(golden), `missing golden file ${golden} (run with UPDATE_GOLDEN=1)`).toBe(true);
          expect(content).toBe(readFileSync(golden, "utf8"));
        }
      });
    }
  }

  it("is deterministic and keeps one canonical key order whatever the pattern's", () => {
    const design = load("order-flow");
    const shuffled = structuredClone(design);
    for (const node of shuffled.nodes) {
      if (node.kind === "rule" && node.trigger.type === "pattern") {
        const entries = Object.entries(JSON.parse(node.trigger.pattern) as Record<string, unknown>).reverse();
        node.trigger = { type: "pattern", pattern: JSON.stringify(Object.fromEntries(entries)) };
      }
    }
    for (const format of EXPORT_FORMATS) {
      const a = [...files(design, format).values()].join("\n").replaceAll("100.0]", "100]");
      expect([...files(shuffled, format).values()].join("\n")).toBe(a);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Intrinsic evaluation for the CDK comparison

const placeholder = (id: string) => `\${${id.replaceAll("::", "_")}}`;

function resolve(value: Json): Json {
  if (Array.isArray(value)) return value.map(resolve);
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const arg = value[keys[0]!]!;
    switch (keys[0]) {
      case "Ref":
        return placeholder(arg as string);
      case "Fn::GetAtt":
        // `!GetAtt X.Arn` reads back as the string "X.Arn", the JSON form as ["X", "Arn"].
        return placeholder(typeof arg === "string" ? arg : (arg as string[]).join("."));
      case "Fn::Sub":
        return (arg as string).replace(/\$\{([^}!][^}]*)\}/g, (_, id: string) => placeholder(id));
      case "Fn::Join": {
        const [sep, parts] = arg as [string, Json[]];
        return parts.map((part) => resolve(part) as string).join(sep);
      }
      case "Fn::Split": {
        const [sep, text] = arg as [string, Json];
        return (resolve(text) as string).split(sep);
      }
      case "Fn::Select": {
        const [index, list] = arg as [number, Json];
        return (resolve(list) as Json[])[index]!;
      }
    }
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key]!)]));
}

const EVENTS_TYPES = [
  "AWS::Events::EventBus",
  "AWS::Events::Rule",
  "AWS::Events::Archive",
  "AWS::Events::EventBusPolicy",
  "AWS::Events::ApiDestination",
  "AWS::EventsV2::EventBus",
  "AWS::EventsV2::EventSource",
  "AWS::EventsV2::Subscriber",
  "AWS::EventsV2::ResourcePolicy",
  "AWS::Scheduler::ScheduleGroup",
  "AWS::Scheduler::Schedule",
  "AWS::Pipes::Pipe",
];
/** Execution roles of schedules and pipes: both formats write them in full (CDK's own event roles differ in shape). */
const isServiceRole = (resource: { Type: string; Properties?: Record<string, Json> }) =>
  resource.Type === "AWS::IAM::Role" && /"(scheduler|pipes)\.amazonaws\.com"/.test(JSON.stringify(resource.Properties?.AssumeRolePolicyDocument ?? null));
const SET_TYPES = ["AWS::Lambda::Permission", "AWS::Lambda::EventSourceMapping"];

/** Events resources by (our) logical id, plus permissions and mappings as sorted lists. */
function normalize(template: Template, ourIds: ReadonlySet<string>) {
  const idOf = (id: string) => (ourIds.has(id.replace(/[0-9A-F]{8}$/, "")) ? id.replace(/[0-9A-F]{8}$/, "") : id);
  const roles = Object.keys(template.Resources).filter((id) => template.Resources[id]!.Type === "AWS::IAM::Role");
  const rename = (text: string) => {
    let out = text;
    for (const role of roles) out = out.replaceAll(`\${${role}.Arn}`, "${role}");
    return out.replace(/\$\{([A-Za-z0-9]+)(\.[A-Za-z]+)?\}/g, (_, id: string, attribute = "") => `\${${idOf(id)}${attribute}}`);
  };
  const clean = (value: Json): Json => {
    if (typeof value === "string") return rename(value);
    if (Array.isArray(value)) return value.map(clean);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => !(key === "KmsKeyIdentifier" && v === ""))
        .map(([key, v]) => [key, key === "Input" && typeof v === "string" ? JSON.parse(v) : clean(v)]),
    );
  };
  // CDK's iam.Role writes a one-action statement's Action as a string, ours as a list.
  const oneAction = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(oneAction);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, key === "Action" && Array.isArray(v) && v.length === 1 ? v[0]! : oneAction(v)]));
  };
  const events: Record<string, Json> = {};
  const sets: Record<string, string[]> = {};
  /** Roles whose logical id is one of ours (the subscribers' are compared; CDK makes Classic target roles itself). */
  const ownRoles: Record<string, Json> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    const properties = clean(resolve(resource.Properties ?? {}));
    if (EVENTS_TYPES.includes(resource.Type) || isServiceRole(resource)) events[idOf(id)] = { Type: resource.Type, Properties: properties };
    if (SET_TYPES.includes(resource.Type)) (sets[resource.Type] ??= []).push(JSON.stringify(sortKeys(properties)));
    if (resource.Type === "AWS::IAM::Role" && ourIds.has(idOf(id))) ownRoles[idOf(id)] = oneAction(properties);
  }
  for (const list of Object.values(sets)) list.sort();
  return { events, sets, ownRoles };
}

/** The roles our template's subscribers invoke their targets with (created by the export). */
function subscriberRoles(template: Template): string[] {
  return Object.values(template.Resources).flatMap((resource) => {
    const role = resource.Type === "AWS::EventsV2::Subscriber" ? ((resource.Properties?.InvokeConfiguration as Record<string, Json>).RoleArn as Record<string, Json>) : undefined;
    return role && "Fn::GetAtt" in role ? [(role["Fn::GetAtt"] as string[])[0]!] : [];
  });
}

interface ValidationReport {
  pluginReports: { violations: { ruleName: string; description: string; severity: string; violatingConstructs: { constructFqn: string; constructPath: string }[] }[] }[];
}

/**
 * Transpiles the generated stack, synthesizes it next to a `CfnInclude` of our YAML template;
 * `eventsV2Findings` are aws-cdk-lib's schema findings (errors and warnings) on aws-eventsv2 constructs.
 */
function synthesize(design: Design, name: string): { cdk: Template; includedYaml: Template; eventsV2Findings: string[] } {
  const StackClass = loadStackClass(files(design, "cdk"));

  const cdk = requireFromRoot("aws-cdk-lib") as typeof import("aws-cdk-lib");
  const { CfnInclude } = requireFromRoot("aws-cdk-lib/cloudformation-include") as typeof import("aws-cdk-lib/cloudformation-include");
  const [yamlPath, yaml] = [...files(design, "cloudformation")].find(([path]) => path.endsWith(".yaml"))!;
  const templateFile = join(scratch, `${name}-${yamlPath}`);
  writeFileSync(templateFile, yaml);

  // aws-cdk-lib checks every resource's properties against the CloudFormation schema it bundles
  // (types, ranges, enums, patterns): errors fail the synth, warnings go to validation-report.json.
  const outdir = join(scratch, `${name}-cdk.out`);
  const app = new cdk.App({ outdir, context: { "@aws-cdk/core:validateAgainstDefaultRules": true } });
  new StackClass(app, "Generated");
  new CfnInclude(new cdk.Stack(app, "Included"), "Template", { templateFile });
  const assembly = app.synth();
  const reportFile = join(outdir, "validation-report.json");
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, "utf8")) as ValidationReport) : { pluginReports: [] };
  const eventsV2Findings = report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.filter((c) => c.constructFqn.startsWith("aws-cdk-lib.aws_eventsv2.")).map((c) => `${violation.severity} ${violation.ruleName} ${c.constructPath}: ${violation.description}`),
    ),
  );
  return { cdk: assembly.getStackByName("Generated").template as Template, includedYaml: assembly.getStackByName("Included").template as Template, eventsV2Findings };
}

describe("CDK and CloudFormation", () => {
  for (const name of FIXTURES) {
    it(`${name}: the synthesized CDK stack has our template's events resources; the YAML reads back as the JSON`, () => {
      const design = load(name);
      const [, json] = [...files(design, "cloudformation")].find(([path]) => path.endsWith(".json"))!;
      const ours = JSON.parse(json) as Template;
      const { cdk, includedYaml, eventsV2Findings } = synthesize(design, name);
      expect(eventsV2Findings).toEqual([]);

      // YAML (short-form intrinsics, flow-mapping patterns) says exactly what the JSON says.
      expect(resolve(includedYaml.Resources as Json)).toEqual(resolve(ours.Resources as Json));

      const ourIds = new Set(Object.keys(ours.Resources));
      const expected = normalize(ours, ourIds);
      const actual = normalize(cdk, ourIds);
      // A design of stream sources only (no rules) still exports its mappings.
      expect(Object.keys(expected.events).length + Object.keys(expected.sets).length).toBeGreaterThan(0);
      expect(actual.events).toEqual(expected.events);
      expect(actual.sets).toEqual(expected.sets);
      // Each subscriber's role is in the CDK stack, with the same trust and the same one-target policy.
      const roles = subscriberRoles(ours);
      if (name === "custom-event-bus" || name.startsWith("migrated-")) expect(roles.length).toBeGreaterThan(0);
      for (const role of roles) {
        expect(actual.ownRoles[role], role).toBeDefined();
        expect(actual.ownRoles[role], role).toEqual(expected.ownRoles[role]);
      }

      // Every rule pattern is the design's pattern.
      const patterns = rulePatterns(design);
      for (const resource of Object.values(ours.Resources)) {
        if (resource.Type === "AWS::Events::Rule" && resource.Properties?.EventPattern) {
          expect(resource.Properties.EventPattern).toEqual(patterns.get(resource.Properties.Name as string));
        }
      }
    }, 60_000);
  }
});

describe("rule roles and target ids", () => {
  const ruleOf = (t: Template, name: string) => Object.values(t.Resources).find((r) => r.Type === "AWS::Events::Rule" && r.Properties?.Name === name)!;

  it("keeps a design's target ids and derives the others from node ids, as Run locally and Push to AWS do, in all three formats", async () => {
    // The second target of instance-state keeps an imported id; the first gets its node's.
    const base = load("cross-account");
    const design = { ...base, nodes: base.nodes.map((n) => (n.id === "remote" && n.kind === "lambda" ? { ...n, targetId: "Target0" } : n)) };
    const [, json] = [...files(design, "cloudformation")].find(([path]) => path.endsWith(".json"))!;
    const ours = JSON.parse(json) as Template;
    const ids = (t: Template) => (ruleOf(t, "instance-state").Properties!.Targets as { Id: string }[]).map((target) => target.Id);
    const rule = design.nodes.find((n) => n.kind === "rule" && n.name === "instance-state")!;
    const expected = design.edges.filter((e) => e.kind === "invokes" && e.source === rule.id).map((e) => targetIdOf(design.nodes.find((n) => n.id === e.target)!));
    expect(expected).toContain("Target0");
    expect(ids(ours)).toEqual(expected);

    const { cdk } = synthesize(design, "target-ids");
    expect(ids(cdk)).toEqual(expected);
    const ourIds = new Set(Object.keys(ours.Resources));
    expect(normalize(cdk, ourIds).events).toEqual(normalize(ours, ourIds).events);

    const resources = await terraformResources(design);
    const tfTargets = Object.entries(resources["aws_cloudwatch_event_target"]!).filter(([name]) => name.startsWith("instance_state_rule_"));
    expect(tfTargets.map(([, blocks]) => blocks[0]!.target_id)).toEqual(expected);
  }, 60_000);

  it("exports a rule's role as a parameter defaulting to the design's ARN, and none for a rule without one", () => {
    const design = load("cross-account");
    const ours = JSON.parse([...files(design, "cloudformation")].find(([path]) => path.endsWith(".json"))![1]) as Template & { Parameters: Record<string, { Default?: string }> };
    const role = ruleOf(ours, "instance-state").Properties!.RoleArn as { Ref: string };
    expect(ours.Parameters[role.Ref]!.Default).toBe("arn:aws:iam::111122223333:role/instance-state-rule");
    expect(ruleOf(ours, "urgent-tickets").Properties!.RoleArn).toBeUndefined();
  });
});

describe("Terraform", () => {
  const unescape = (text: string) => text.replaceAll("$${", "${").replaceAll("%%{", "%{");

  for (const name of FIXTURES) {
    it(`${name}: main.tf parses, and its rules, targets and patterns match the design`, async () => {
      const design = load(name);
      const resources = await terraformResources(design);
      const rules = blocksOf(resources, "aws_cloudwatch_event_rule") as Record<string, string>[];
      const patterns = rulePatterns(design);
      const exported = design.nodes.filter((n) => n.kind === "rule" && !(name === "cross-account" && n.name === "branch-forward"));
      // hcl2json returns blocks keyed by name (a map): compare as sets.
      expect(rules.map((r) => r.name).sort()).toEqual(exported.map((n) => (n.kind === "rule" ? n.name : "")).sort());
      for (const rule of rules) {
        const ruleName = rule.name!;
        const node = design.nodes.find((n) => n.kind === "rule" && n.name === ruleName);
        if (node?.kind !== "rule") throw new Error(`no rule ${ruleName}`);
        expect(rule.state).toBe(node.enabled ? "ENABLED" : "DISABLED");
        if (node.trigger.type === "pattern") expect(JSON.parse(unescape(rule.event_pattern!))).toEqual(patterns.get(ruleName));
        else expect(rule.schedule_expression).toBe(node.trigger.expression);
      }

      const targets = blocksOf(resources, "aws_cloudwatch_event_target");
      // Rule targets only (an HTTP API route also "invokes" its function, outside EventBridge).
      const fromRule = (id: string) => design.nodes.find((n) => n.id === id)?.kind === "rule";
      const invokes = design.edges.filter((e) => e.kind === "invokes" && fromRule(e.source) && !(name === "cross-account" && e.source === "branch-forward"));
      expect(targets).toHaveLength(invokes.length);
      for (const edge of invokes) {
        const target = design.nodes.find((n) => n.id === edge.target)!;
        if (!isTargetNode(target)) continue;
        const rule = design.nodes.find((n) => n.id === edge.source);
        if (rule?.kind === "rule") {
          const ruleBlock = rules.find((r) => r.name === rule.name)!;
          expect(ruleBlock.role_arn !== undefined, `role_arn of rule ${rule.name}`).toBe(rule.roleArn !== undefined);
        }
        const block = targets.find((t) => (t.rule as string).includes(`aws_cloudwatch_event_rule.${snakeCase(rule?.kind === "rule" ? rule.name : "")}_rule.`) && t.target_id === targetIdOf(target));
        expect(block, `target ${target.id} of ${edge.source}`).toBeDefined();
        const retry = block!.retry_policy as Record<string, number>[] | undefined;
        const isDefault = target.retryPolicy.maximumEventAgeInSeconds === 86_400 && target.retryPolicy.maximumRetryAttempts === 185;
        expect(retry?.[0]).toEqual(isDefault ? undefined : { maximum_event_age_in_seconds: target.retryPolicy.maximumEventAgeInSeconds, maximum_retry_attempts: target.retryPolicy.maximumRetryAttempts });
        if (target.input.type === "input-path") expect(block!.input_path).toBe(target.input.inputPath);
        if (target.input.type === "constant") expect(JSON.parse(unescape(block!.input as string))).toEqual(JSON.parse(target.input.input));
        if (target.input.type === "input-transformer") {
          const transformer = (block!.input_transformer as Record<string, Json>[])[0]!;
          expect(transformer.input_paths).toEqual(target.input.inputPathsMap);
          expect(unescape(transformer.input_template as string)).toBe(target.input.inputTemplate);
        }
        if (target.kind === "sqs") expect(block!.sqs_target).toEqual(target.messageGroupId ? [{ message_group_id: target.messageGroupId }] : undefined);
        if (target.kind === "kinesis") expect(block!.kinesis_target).toEqual(target.partitionKeyPath ? [{ partition_key_path: target.partitionKeyPath }] : undefined);
        expect(block!.dead_letter_config !== undefined).toBe(target.deadLetterQueueArn !== undefined);
      }
    });
  }
});

describe("Terraform: the Custom Event Bus through the awscc provider", () => {
  /** Every reference (`${…}` after `resolve`, or an HCL interpolation) as one placeholder: the literals are what is compared. */
  const literal = (value: Json): Json => {
    if (typeof value === "string") return value.replace(/\$\{[^}]*\}/g, "${}");
    if (Array.isArray(value)) return value.map(literal);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [snakeCase(key), literal(v)]));
  };
  const NEW_BUS_TYPES = EVENTS_TYPES.filter((type) => type.startsWith("AWS::EventsV2::"));

  for (const name of ["custom-event-bus", MIGRATED, MIGRATED_ORDER_FLOW]) {
    it(`${name}: each AWS::EventsV2 resource is the awscc resource of the same name, its properties in snake_case with the same values`, async () => {
      const design = load(name);
      const template = JSON.parse([...files(design, "cloudformation")].find(([path]) => path.endsWith(".json"))![1]) as Template;
      const resources = await terraformResources(design);
      const main = files(design, "terraform").get("main.tf")!;
      expect(main).toMatch(/awscc = \{\n\s+source\s+= "hashicorp\/awscc"/);
      let compared = 0;
      for (const [id, resource] of Object.entries(template.Resources)) {
        if (!NEW_BUS_TYPES.includes(resource.Type)) continue;
        const type = `awscc_eventsv2_${snakeCase(resource.Type.split("::")[2]!)}`;
        const block = resources[type]?.[snakeCase(id)]?.[0];
        expect(block, `${type}.${snakeCase(id)}`).toBeDefined();
        const { PolicyDocument: policy, ...properties } = resolve(resource.Properties ?? {}) as Record<string, Json>;
        const { policy_document: tfPolicy, ...attributes } = block!;
        // HCL doubles a literal `${` (`$${`): read back as the text, then every `${…}` is a placeholder on both sides.
        const unescaped = JSON.parse(JSON.stringify(attributes).replaceAll("$${", "${")) as Json;
        expect(literal(unescaped)).toEqual(literal(properties));
        // A policy is JSON in CloudFormation and `jsonencode(…)` in Terraform.
        if (policy !== undefined) expect(String(tfPolicy)).toMatch(/^\$\{jsonencode\(/);
        compared++;
      }
      expect(compared).toBe(Object.values(resources).filter((_, i) => Object.keys(resources)[i]!.startsWith("awscc_")).reduce((n, byName) => n + Object.keys(byName).length, 0));
      expect(compared).toBeGreaterThan(0);
      // awscc's resources are the export's only use of that provider: the notes say so.
      expect(main).toContain("# Note: The Custom Event Bus resources use the awscc provider");
    });
  }
});

describe("Terraform: buses, archives, permissions and mappings", () => {
  it("order-flow: every resource the design implies is there, with the design's values", async () => {
    const design = load("order-flow");
    const resources = await terraformResources(design);
    const all = (type: string) => blocksOf(resources, type);

    const bus = design.nodes.find((n) => n.kind === "event-bus")!;
    if (bus.kind !== "event-bus" || !bus.archive) throw new Error("fixture changed");
    expect(all("aws_cloudwatch_event_bus").map((b) => b.name)).toEqual([bus.name]);
    const [archive] = all("aws_cloudwatch_event_archive");
    expect(archive).toMatchObject({ name: bus.archive.name, retention_days: bus.archive.retentionDays, event_source_arn: "${aws_cloudwatch_event_bus.orders_bus.arn}" });
    expect(JSON.parse(archive!.event_pattern as string)).toEqual(JSON.parse(bus.archive.pattern));

    // One permission per (rule, Lambda target): bill is invoked by both rules.
    const lambdaInvocations = design.edges.filter((e) => e.kind === "invokes" && design.nodes.find((n) => n.id === e.target)?.kind === "lambda");
    const permissions = all("aws_lambda_permission");
    expect(permissions).toHaveLength(lambdaInvocations.length);
    expect(permissions.map((p) => p.source_arn).sort()).toEqual(["${aws_cloudwatch_event_rule.big_orders_rule.arn}", "${aws_cloudwatch_event_rule.refunds_rule.arn}"]);

    // One mapping per stream source feeding a function, with its batch size and filters.
    const feeds = design.edges.filter((e) => e.kind === "feeds-function");
    const mappings = all("aws_lambda_event_source_mapping");
    expect(mappings).toHaveLength(feeds.length);
    for (const edge of feeds) {
      const source = design.nodes.find((n) => n.id === edge.source)!;
      if (!("batchSize" in source)) throw new Error("not a stream source");
      const match = mappings.filter((m) => m.batch_size === source.batchSize);
      expect(match, `mapping of ${source.id}`).toHaveLength(1);
      const filters = ((match[0]!.filter_criteria as Record<string, Json>[] | undefined)?.[0]?.filter as Record<string, string>[] | undefined) ?? [];
      expect(filters.map((f) => JSON.parse(f.pattern!))).toEqual(source.filterCriteria.map((text) => JSON.parse(text)));
      if (source.kind === "kafka-topic") expect(match[0]!.topics).toEqual([source.topic]);
    }
  });

  it("cross-account: other accounts' buses are referenced, ours get a policy for the accounts that forward to them", async () => {
    const design = load("cross-account");
    const resources = await terraformResources(design);
    const all = (type: string) => blocksOf(resources, type);
    // central (222233334444) and branch (999900001111) are not ours; inbox and the partner bus are.
    expect(all("aws_cloudwatch_event_bus").map((b) => b.name).sort()).toEqual(["aws.partner/example.com/123456789012/tickets", "inbox"]);
    const [policy] = all("aws_cloudwatch_event_bus_policy");
    expect(policy!.event_bus_name).toBe("${aws_cloudwatch_event_bus.inbox_bus.name}");
    expect(policy!.policy).toContain('AWS = ["999900001111"]');
    // The forward to central goes to its ARN in account 222233334444, through a role.
    const forward = all("aws_cloudwatch_event_target").find((t) => (t.arn as string).includes("event-bus/central"))!;
    expect(forward.arn).toBe("arn:${data.aws_partition.current.partition}:events:eu-west-1:222233334444:event-bus/central");
    expect(forward.role_arn).toBe("${aws_iam_role.central_bus_target_events_role.arn}");
    // The function in another account gets no permission from here; the same-account one does.
    expect(all("aws_lambda_permission").map((p) => p.source_arn)).toEqual(["${aws_cloudwatch_event_rule.nightly_report_rule.arn}"]);
  });
});

describe("export errors and warnings", () => {
  it("refuses an invalid design, saying what and where", () => {
    const design = load("order-flow");
    const broken = { ...design, nodes: design.nodes.map((n) => (n.kind === "rule" && n.id === "big" ? { ...n, trigger: { type: "pattern", pattern: '{"source": "com.shop"}' } } : n)) };
    expect(() => exportDesign(broken, "terraform")).toThrow(DesignNotExportableError);
    expect(() => exportDesign(broken, "terraform")).toThrow(/node big, trigger\.pattern: Event pattern is not valid/);
    expect(() => exportDesign({ ...design, version: 2 }, "cdk")).toThrow(/version/);
  });

  it("flags a pattern over the 2,048-character default quota but still exports it", () => {
    const design = load("order-flow");
    const values = Array.from({ length: 300 }, (_, i) => `"value-${i}"`).join(", ");
    const long = { ...design, nodes: design.nodes.map((n) => (n.kind === "rule" && n.id === "big" ? { ...n, trigger: { type: "pattern" as const, pattern: `{"source": [${values}]}` } } : n)) };
    const result = exportDesign(long, "cloudformation");
    expect(result.warnings.some((w) => w.includes("big-orders") && w.includes("2,048"))).toBe(true);
    expect(result.files[0]!.content).toContain('"value-299"');
    // The generated files carry the note too (CloudFormation as template metadata).
    expect(result.files[0]!.content).toMatch(/Switchyard::Notes:\n(    - .*\n)*    - "The pattern of rule big-orders is \d+ characters: over the 2,048-character default quota/);
  });
});

describe("npm run export", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "export.ts"), ...args], { cwd: root, encoding: "utf8" });

  it("writes the files of a format to --out", () => {
    const out = join(scratch, "cli");
    const result = run(join(here, "__fixtures__", "order-flow.json"), "--format", "terraform", "--out", out);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(out, "main.tf"), "utf8")).toBe(files(load("order-flow"), "terraform").get("main.tf"));
  }, 30_000);

  it("exits non-zero with the problems of an invalid design", () => {
    const bad = join(scratch, "bad.json");
    const design = load("order-flow");
    writeFileSync(bad, JSON.stringify({ ...design, nodes: [...design.nodes, { ...design.nodes[0], id: "bus" }] }));
    const result = run(bad, "--format", "cdk", "--out", join(scratch, "never"));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot be exported[\s\S]*node bus: Two nodes share the id "bus"/);
    expect(existsSync(join(scratch, "never"))).toBe(false);
  }, 30_000);
});

describe("starter designs: what the issue asks of their export", () => {
  const template = (name: string): Template => JSON.parse([...files(load(name), "cloudformation")].find(([path]) => path.endsWith(".json"))![1]) as Template;
  const ofType = (t: Template, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);

  it("reward-big-payments: rewards may be invoked by events.amazonaws.com, only for rule payment-processed on eda_bus", async () => {
    const t = template("starter-reward-big-payments");
    const [ruleId, rule] = ofType(t, "AWS::Events::Rule").find(([, r]) => r.Properties?.Name === "payment-processed")!;
    const [busId, bus] = ofType(t, "AWS::Events::EventBus")[0]!;
    expect(bus.Properties?.Name).toBe("eda_bus");
    expect(rule.Properties?.EventBusName).toEqual({ Ref: busId });
    const permission = ofType(t, "AWS::Lambda::Permission").map(([, p]) => p.Properties!).find((p) => JSON.stringify(p.SourceArn) === JSON.stringify({ "Fn::GetAtt": [ruleId, "Arn"] }));
    expect(permission).toMatchObject({ Action: "lambda:InvokeFunction", Principal: "events.amazonaws.com" });
    expect(JSON.stringify(permission!.FunctionName)).toContain("RewardsFunctionName");

    const permissions = blocksOf(await terraformResources(load("starter-reward-big-payments")), "aws_lambda_permission");
    expect(permissions.find((p) => String(p.source_arn).includes("payment_processed_rule"))).toMatchObject({ principal: "events.amazonaws.com", action: "lambda:InvokeFunction" });
  });

  it("kafka-cross-account: the event source mapping reads topic customer in batches of 100 from the trim horizon as consumer group msk-lambda-iam, with the filter", async () => {
    const design = load("starter-kafka-cross-account");
    const topic = design.nodes.find((n) => n.kind === "kafka-topic")!;
    const filter = topic.kind === "kafka-topic" ? JSON.parse(topic.filterCriteria[0]!) : undefined;
    const [, mapping] = ofType(template("starter-kafka-cross-account"), "AWS::Lambda::EventSourceMapping")[0]!;
    expect(mapping.Properties).toMatchObject({ Topics: ["customer"], BatchSize: 100, StartingPosition: "TRIM_HORIZON", AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: "msk-lambda-iam" } });
    const filters = (mapping.Properties!.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([filter]);

    const tfMapping = blocksOf(await terraformResources(design), "aws_lambda_event_source_mapping")[0]!;
    expect(tfMapping).toMatchObject({ topics: ["customer"], batch_size: 100, starting_position: "TRIM_HORIZON", amazon_managed_kafka_event_source_config: [{ consumer_group_id: "msk-lambda-iam" }] });
    const tfFilter = (tfMapping.filter_criteria as { filter: { pattern: string }[] }[])[0]!.filter[0]!.pattern;
    expect(JSON.parse(tfFilter)).toEqual(filter);

    const cdk = [...files(design, "cdk")].find(([path]) => path.startsWith("lib/"))![1];
    expect(cdk).toContain('"msk-lambda-iam"');
  });
});
