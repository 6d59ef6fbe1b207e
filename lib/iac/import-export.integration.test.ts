/**
 * Import → export round trip against the local EventBridge through the real AWS SDK: a rule
 * with its own role and targets with ids AWS knows them by (`Target1` before `Target0`, a named
 * one) exports, in CloudFormation, Terraform and a synthesized CDK stack, with the same RoleArn
 * and the same target Ids on the same targets.
 */
import { CreateEventBusCommand, PutRuleCommand, PutTargetsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designFromAccount } from "@/lib/aws/import";
import { eventBridgeClientFor } from "@/lib/aws/connection";
import { readAccount } from "@/lib/aws/read-account";
import { startTestEndpoint, type TestEndpoint } from "@/lib/emulator/test-endpoint";
import type { Design } from "@/lib/graph";
import { loadStackClass, requireFromRoot } from "./cdk-stack.test-support";
import { exportDesign, type ExportFormat } from "./index";

const REGION = "us-east-1";
const RULE_ROLE = "arn:aws:iam::000000000000:role/forward-orders";
/** The seeded targets, in the order AWS lists them: id and the service of the ARN. */
const SEEDED = [
  { Id: "Target1", Arn: "arn:aws:lambda:us-east-1:000000000000:function:bill", service: "lambda" },
  { Id: "Target0", Arn: "arn:aws:sqs:us-east-1:000000000000:work", service: "sqs" },
  { Id: "to-central", Arn: "arn:aws:events:us-east-1:222233334444:event-bus/central", service: "events", RoleArn: "arn:aws:iam::000000000000:role/put-central" },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Template {
  Parameters?: Record<string, { Default?: string }>;
  Resources: Record<string, { Type: string; Properties?: Record<string, Json> }>;
}

let endpoint: TestEndpoint;
let client: EventBridgeClient;
let design: Design;
const scratch = mkdtempSync(join(tmpdir(), "switchyard-roundtrip-"));

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  client = eventBridgeClientFor({ region: REGION, endpoint: endpoint.url });
  await client.send(new CreateEventBusCommand({ Name: "orders" }));
  await client.send(new PutRuleCommand({ Name: "forward-orders", EventBusName: "orders", EventPattern: '{"source":["com.shop"]}', RoleArn: RULE_ROLE }));
  const answer = await client.send(new PutTargetsCommand({ Rule: "forward-orders", EventBusName: "orders", Targets: SEEDED.map(({ Id, Arn, RoleArn }) => ({ Id, Arn, RoleArn })) }));
  expect(answer.FailedEntryCount ?? 0).toBe(0);
  design = designFromAccount(await readAccount(client, REGION, { scope: { bus: "orders" } }), "Round trip").design;
}, 30_000);

afterAll(async () => {
  client.destroy();
  await endpoint.close();
  rmSync(scratch, { recursive: true, force: true });
});

const exported = (format: ExportFormat) => new Map(exportDesign(design, format).files.map((f) => [f.path, f.content]));
/** The service an ARN (literal, `Fn::Sub`, `Fn::Join` or HCL interpolation) names. */
const serviceOf = (arn: Json | undefined) => /:(lambda|sqs|events):/.exec(JSON.stringify(arn))?.[1];
/** As sorted pairs: AWS lists a rule's targets in an order of its own. */
const seededPairs = SEEDED.map((t) => [t.Id, t.service]).sort();

/** The rule's role (a parameter's default) and its targets as sorted [Id, service] in a CloudFormation template. */
function ruleOf(template: Template) {
  const rule = Object.values(template.Resources).find((r) => r.Type === "AWS::Events::Rule" && r.Properties?.Name === "forward-orders")!;
  const role = rule.Properties!.RoleArn as { Ref: string };
  const targets = rule.Properties!.Targets as { Id: string; Arn: Json; RoleArn?: Json }[];
  return { role: template.Parameters?.[role.Ref]?.Default, targets: targets.map((t) => [t.Id, serviceOf(t.Arn)]).sort() };
}

describe("imported rule role and target ids survive the export", () => {
  it("the import holds them", () => {
    const rule = design.nodes.find((n) => n.kind === "rule");
    expect(rule).toMatchObject({ name: "forward-orders", roleArn: RULE_ROLE });
    expect(design.nodes.flatMap((n) => ("targetId" in n && n.targetId !== undefined ? [n.targetId] : [])).sort()).toEqual(["Target0", "Target1", "to-central"]);
  });

  it("CloudFormation: RoleArn and Targets[].Id", () => {
    const json = [...exported("cloudformation")].find(([path]) => path.endsWith(".json"))![1];
    expect(ruleOf(JSON.parse(json) as Template)).toEqual({ role: RULE_ROLE, targets: seededPairs });
  });

  it("Terraform: role_arn and target_id", async () => {
    const hcl = (await parseHcl("main.tf", exported("terraform").get("main.tf")!)) as {
      variable: Record<string, { default?: string }[]>;
      resource: Record<string, Record<string, Record<string, Json>[]>>;
    };
    const [rule] = Object.values(hcl.resource["aws_cloudwatch_event_rule"]!).map((blocks) => blocks[0]!);
    const variable = /^\$\{var\.([a-z0-9_]+)\}$/.exec(String(rule!.role_arn))?.[1];
    expect(hcl.variable[variable!]?.[0]?.default).toBe(RULE_ROLE);
    const targets = Object.values(hcl.resource["aws_cloudwatch_event_target"]!).map((blocks) => blocks[0]!);
    expect(targets.map((t) => [t.target_id, serviceOf(t.arn)]).sort()).toEqual(seededPairs);
  });

  it("CDK: the synthesized stack has the same RoleArn and target Ids", () => {
    const cdk = requireFromRoot("aws-cdk-lib") as typeof import("aws-cdk-lib");
    const app = new cdk.App({ outdir: join(scratch, "cdk.out") });
    new (loadStackClass(exported("cdk")))(app, "Generated");
    const template = app.synth().getStackByName("Generated").template as Template;
    expect(ruleOf(template)).toEqual({ role: RULE_ROLE, targets: seededPairs });
  }, 60_000);
});
