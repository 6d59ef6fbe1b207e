/**
 * Import → edit → plan → apply against the local EventBridge through the real AWS SDK (no
 * mocks): a seeded account with buses, rules and targets of many kinds plus resources the design
 * never mentions; a failure injected in the middle of an apply; re-planning and re-applying.
 */
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { Design, DesignNode, NodeOfKind } from "@/lib/graph";
import { validateDesign } from "@/lib/graph";
import { startTestEndpoint, type TestEndpoint } from "../emulator/test-endpoint";
import { DESIGN_TAG, type AccountState } from "../resources/account-state";
import { applyPlan } from "./apply";
import { eventBridgeClientFor, MAX_ATTEMPTS } from "./connection";
import { designFromAccount } from "./import";
import { planChanges, type Plan } from "./plan";
import { readAccount, type ReadProgress } from "./read-account";
import { designResources } from "../resources/design-resources";

const REGION = "us-east-1";
const ACCOUNT = "000000000000";
const DESIGN_ID = "dsn_test";
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

let endpoint: TestEndpoint;
let client: EventBridgeClient;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  // The app's own client factory: the default provider chain, adaptive retries.
  client = eventBridgeClientFor({ region: REGION, endpoint: endpoint.url });
  await seed();
}, 30_000);

afterAll(async () => {
  client.destroy();
  await endpoint.close();
});

async function seed(): Promise<void> {
  await client.send(new CreateEventBusCommand({ Name: "orders" }));
  await client.send(new CreateEventBusCommand({ Name: "audit" }));
  const { ConnectionArn: connection } = await client.send(
    new CreateConnectionCommand({ Name: "crm", AuthorizationType: "API_KEY", AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "x-key", ApiKeyValue: "secret" } } }),
  );
  await client.send(new CreateApiDestinationCommand({ Name: "crm-hook", ConnectionArn: connection, InvocationEndpoint: "https://crm.example.com/hook", HttpMethod: "POST" }));

  await client.send(new PutRuleCommand({ Name: "big-orders", EventBusName: "orders", Description: "Orders over 100", EventPattern: '{"source":["com.shop"],"detail":{"total":[{"numeric":[">",100]}]}}' }));
  await putTargets("big-orders", "orders", [
    {
      Id: "Target0",
      Arn: arn("lambda", "function:bill"),
      InputTransformer: { InputPathsMap: { id: "$.detail.id" }, InputTemplate: '{"order": <id>}' },
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
      DeadLetterConfig: { Arn: arn("sqs", "bill-dlq") },
    },
    { Id: "fifo", Arn: arn("sqs", "orders.fifo"), SqsParameters: { MessageGroupId: "orders" } },
    { Id: "crm", Arn: arn("events", "api-destination/crm-hook"), RoleArn: "arn:aws:iam::000000000000:role/invoke-crm" },
  ]);
  await client.send(new PutRuleCommand({ Name: "all-orders", EventBusName: "orders", State: "DISABLED", EventPattern: '{"source":["com.shop"]}' }));
  await putTargets("all-orders", "orders", [
    { Id: "notify", Arn: arn("sns", "order-news"), Input: '{"kind": "order"}' },
    { Id: "stream", Arn: arn("kinesis", "stream/orders"), KinesisParameters: { PartitionKeyPath: "$.detail.id" }, RoleArn: "arn:aws:iam::000000000000:role/put-records" },
    { Id: "to-audit", Arn: arn("events", "event-bus/audit"), InputPath: "$.detail" },
    {
      Id: "ecs",
      Arn: "arn:aws:ecs:us-east-1:000000000000:cluster/jobs",
      RoleArn: "arn:aws:iam::000000000000:role/run-task",
      EcsParameters: { TaskDefinitionArn: "arn:aws:ecs:us-east-1:000000000000:task-definition/job:1" },
    },
  ]);
  await client.send(new PutRuleCommand({ Name: "nightly", ScheduleExpression: "cron(0 2 * * ? *)" }));
  await putTargets("nightly", undefined, [
    { Id: "report", Arn: arn("states", "stateMachine:nightly-report"), RoleArn: "arn:aws:iam::000000000000:role/start" },
    { Id: "log", Arn: arn("logs", "log-group:/aws/events/nightly") },
    { Id: "archive", Arn: arn("firehose", "deliverystream/nightly") },
  ]);
  // Nothing to do with the design: must survive everything below.
  await client.send(new PutRuleCommand({ Name: "audit-keeper", EventBusName: "audit", EventPattern: '{"source":["com.audit"]}' }));
  await putTargets("audit-keeper", "audit", [{ Id: "keep", Arn: arn("lambda", "function:keeper") }]);
}

async function putTargets(rule: string, bus: string | undefined, targets: Target[]): Promise<void> {
  const answer = await client.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: targets }));
  expect(answer.FailedEntryCount ?? 0).toBe(0);
}

const readAll = (): Promise<AccountState> => readAccount(client, REGION);

function plan(design: Design, actual: AccountState, deleteUnmanaged: string[] = []): Plan {
  return planChanges(designResources(design, { account: actual.account, region: REGION }, DESIGN_ID), actual, { designId: DESIGN_ID, deleteUnmanaged });
}

/** What a plan would do, one `action resource label` string per change, in order. */
const summary = (p: Plan) => p.changes.map((c) => `${c.action} ${c.resource} ${c.label}`);

function nodeWhere<K extends DesignNode["kind"]>(design: Design, kind: K, test: (node: NodeOfKind<K>) => boolean): NodeOfKind<K> {
  const found = design.nodes.find((n): n is NodeOfKind<K> => n.kind === kind && test(n as NodeOfKind<K>));
  if (!found) throw new Error(`no ${kind} node`);
  return found;
}

function replaceNode(design: Design, node: DesignNode): Design {
  return { ...design, nodes: design.nodes.map((n) => (n.id === node.id ? node : n)) };
}

describe("import", () => {
  it("reads every bus, rule and target, following NextToken, and reports progress", async () => {
    const progress: ReadProgress[] = [];
    const state = await readAccount(client, REGION, { onProgress: (p) => progress.push(p), apiDestinations: true });
    expect(state.account).toBe(ACCOUNT);
    expect(state.buses.map((b) => b.name).sort()).toEqual(["audit", "default", "orders"]);
    expect(state.rules.map((r) => `${r.bus}/${r.name}`).sort()).toEqual(["audit/audit-keeper", "default/nightly", "orders/all-orders", "orders/big-orders"]);
    expect(state.rules.find((r) => r.name === "all-orders")?.targets.map((t) => t.Id).sort()).toEqual(["ecs", "notify", "stream", "to-audit"]);
    expect(state.apiDestinations?.[0]).toMatchObject({ name: "crm-hook", endpoint: "https://crm.example.com/hook", method: "POST" });
    expect(progress.at(-1)).toMatchObject({ phase: "done", buses: 3, rules: 4, targets: 11 });
    expect(progress.length).toBeGreaterThan(3);
  });

  it("builds a valid, laid-out design with every target kind recognised from its ARN", async () => {
    const state = await readAccount(client, REGION, { apiDestinations: true });
    const { design, warnings } = designFromAccount(state, "Imported");
    const kinds = design.nodes.map((n) => n.kind);
    for (const kind of ["lambda", "sqs", "api-destination", "sns", "kinesis", "event-bus-target", "step-functions", "cloudwatch-logs", "firehose"] as const) {
      expect(kinds, kind).toContain(kind);
    }
    expect(kinds.filter((k) => k === "event-bus")).toHaveLength(3);
    expect(kinds.filter((k) => k === "rule")).toHaveLength(4);
    expect(warnings.some((w) => w.includes("arn:aws:ecs:") && w.includes("left out"))).toBe(true);
    expect(new Set(design.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(design.nodes.length);
    const errors = validateDesign(design).filter((p) => p.severity === "error");
    expect(errors).toEqual([]);
    const lambda = nodeWhere(design, "lambda", (n) => n.functionName === "bill");
    expect(lambda).toMatchObject({ targetId: "Target0", retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 }, deadLetterQueueArn: arn("sqs", "bill-dlq"), input: { type: "input-transformer", inputPathsMap: { id: "$.detail.id" } } });
    expect(nodeWhere(design, "sqs", () => true)).toMatchObject({ queueName: "orders.fifo", messageGroupId: "orders" });
    expect(nodeWhere(design, "kinesis", () => true)).toMatchObject({ partitionKeyPath: "$.detail.id", roleArn: "arn:aws:iam::000000000000:role/put-records" });
    expect(nodeWhere(design, "api-destination", () => true)).toMatchObject({ name: "crm-hook", endpoint: "https://crm.example.com/hook", method: "POST", connection: { name: "crm" } });
    expect(nodeWhere(design, "rule", (n) => n.name === "all-orders").enabled).toBe(false);
    expect(nodeWhere(design, "rule", (n) => n.name === "nightly").trigger).toEqual({ type: "schedule", expression: "cron(0 2 * * ? *)" });
    const forwards = design.edges.find((e) => e.kind === "forwards");
    expect(design.nodes.find((n) => n.id === forwards?.target)).toMatchObject({ kind: "event-bus", name: "audit" });
  });

  it("follows every NextToken: one item per page reads the same account", async () => {
    const pages: number[] = [];
    const paged = await readAccount(client, REGION, { pageSize: 1, onProgress: (p) => pages.push(p.pages) });
    expect(paged).toEqual(await readAll());
    // 3 bus pages, 4 rules over the buses' rule lists, 11 targets one per page (plus empty lists).
    expect(pages.at(-1)).toBeGreaterThanOrEqual(3 + 4 + 11);
  });

  it("limits the import to one bus or a rule-name prefix", async () => {
    const one = await readAccount(client, REGION, { scope: { bus: "orders" } });
    expect(one.buses.map((b) => b.name)).toEqual(["orders"]);
    expect(one.rules.map((r) => r.name).sort()).toEqual(["all-orders", "big-orders"]);
    const prefixed = await readAccount(client, REGION, { scope: { rulePrefix: "big" } });
    expect(prefixed.rules.map((r) => r.name)).toEqual(["big-orders"]);
    await expect(readAccount(client, REGION, { scope: { bus: "nope" } })).rejects.toThrow("Event bus nope does not exist in account 000000000000 (us-east-1)");
  });

  it("plans nothing for a design imported unchanged", async () => {
    const state = await readAll();
    const { design } = designFromAccount({ ...state, apiDestinations: (await readAccount(client, REGION, { apiDestinations: true })).apiDestinations }, "Imported");
    const p = plan(design, state);
    expect(summary(p)).toEqual([]);
    expect(p.kept.map((k) => k.label)).toEqual(["orders/all-orders#ecs"]);
  });
});

describe("edit, plan, apply", () => {
  let design: Design;

  beforeAll(async () => {
    const state = await readAccount(client, REGION, { scope: { bus: "orders" }, apiDestinations: true });
    design = designFromAccount(state, "Orders").design;
  });

  it("plans exactly the edits, applies them, stops at an injected failure and completes on a second apply", async () => {
    // Edit: a stricter pattern, another retry policy, a target removed, a new rule with a target.
    const big = nodeWhere(design, "rule", (n) => n.name === "big-orders");
    design = replaceNode(design, { ...big, trigger: { type: "pattern", pattern: '{"detail":{"total":[{"numeric":[">",500]}]},"source":["com.shop"]}' } });
    const fifo = nodeWhere(design, "sqs", (n) => n.queueName === "orders.fifo");
    design = replaceNode(design, { ...fifo, retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 600 } });
    const notify = nodeWhere(design, "sns", () => true);
    design = { ...design, nodes: design.nodes.filter((n) => n.id !== notify.id), edges: design.edges.filter((e) => e.target !== notify.id) };
    const ordersBus = nodeWhere(design, "event-bus", (n) => n.name === "orders");
    design = {
      ...design,
      nodes: [
        ...design.nodes,
        { id: "refunds", kind: "rule", position: { x: 0, y: 0 }, name: "refunds", description: "", enabled: true, trigger: { type: "pattern", pattern: '{"detail-type":["Refund"]}' } },
        { id: "refund-fn", kind: "lambda", position: { x: 0, y: 0 }, functionName: "refund", crossAccount: false, input: { type: "matched-event" }, retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 } },
      ],
      edges: [...design.edges, { id: "r1", kind: "feeds", source: ordersBus.id, target: "refunds" }, { id: "r2", kind: "invokes", source: "refunds", target: "refund-fn" }],
    };

    const first = plan(design, await readAll());
    expect(summary(first)).toEqual([
      "update rule orders/big-orders",
      "create rule orders/refunds",
      "delete target orders/all-orders#notify",
      "update target orders/big-orders#fifo",
      "create target orders/refunds#refund-fn",
    ]);
    expect(first.changes[0]!.fields).toEqual([{ field: "eventPattern", before: '{"source":["com.shop"],"detail":{"total":[{"numeric":[">",100]}]}}', after: '{"detail":{"total":[{"numeric":[">",500]}]},"source":["com.shop"]}' }]);
    expect(first.changes[3]!.fields.map((f) => f.field)).toEqual(["RetryPolicy.MaximumRetryAttempts", "RetryPolicy.MaximumEventAgeInSeconds"]);

    // The second PutTargets of the run (the new rule's target) is refused.
    endpoint.failNth("PutTargets", 2);
    const steps: boolean[] = [];
    const broken = await applyPlan(client, first, { onStep: (s) => steps.push(s.ok) });
    expect(broken.applied.map((c) => c.label)).toEqual(["orders/big-orders", "orders/refunds", "orders/all-orders#notify", "orders/big-orders#fifo"]);
    expect(broken.failed?.change.label).toBe("orders/refunds#refund-fn");
    expect(broken.failed?.error).toMatch(/events:PutTargets/);
    expect(broken.notApplied.map((c) => c.label)).toEqual(["orders/refunds#refund-fn"]);
    expect(steps).toEqual([true, true, true, true, false]);

    // What was applied is in the account; a fresh plan lists only what is left.
    const refunds = await client.send(new DescribeRuleCommand({ Name: "refunds", EventBusName: "orders" }));
    expect(refunds.EventPattern).toBe('{"detail-type":["Refund"]}');
    const tags = await client.send(new ListTagsForResourceCommand({ ResourceARN: refunds.Arn }));
    expect(tags.Tags).toEqual([{ Key: DESIGN_TAG, Value: DESIGN_ID }]);
    const second = plan(design, await readAll());
    expect(summary(second)).toEqual(["create target orders/refunds#refund-fn"]);
    const done = await applyPlan(client, second);
    expect(done.failed).toBeUndefined();

    expect(summary(plan(design, await readAll()))).toEqual([]);
    // Applying the same design again changes nothing.
    const again = await applyPlan(client, plan(design, await readAll()));
    expect(again.applied).toEqual([]);

    const fifoNow = (await client.send(new ListTargetsByRuleCommand({ Rule: "big-orders", EventBusName: "orders" }))).Targets?.find((t) => t.Id === "fifo");
    expect(fifoNow).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 600 }, SqsParameters: { MessageGroupId: "orders" } });
    const allOrders = (await client.send(new ListTargetsByRuleCommand({ Rule: "all-orders", EventBusName: "orders" }))).Targets?.map((t) => t.Id).sort();
    // The SNS target is gone; the ECS target, which a design cannot hold, stays.
    expect(allOrders).toEqual(["ecs", "stream", "to-audit"]);
  });

  it("moves a rule it created to a new bus as a delete plus a create, and leaves what it did not create", async () => {
    const paymentsBus: DesignNode = { id: "payments", kind: "event-bus", busType: "classic", variant: "custom", name: "payments", position: { x: 0, y: 0 } };
    design = { ...design, nodes: [...design.nodes, paymentsBus], edges: design.edges.map((e) => (e.target === "refunds" && e.kind === "feeds" ? { ...e, source: "payments" } : e)) };
    const moved = plan(design, await readAll());
    expect(summary(moved)).toEqual([
      "create bus payments",
      "create rule payments/refunds",
      "create target payments/refunds#refund-fn",
      "delete target orders/refunds#refund-fn",
      "delete rule orders/refunds",
    ]);
    expect(moved.changes[1]!.reason).toBe("moved from bus orders");
    expect(moved.changes[4]!.reason).toBe("moved to bus payments");
    expect((await applyPlan(client, moved)).failed).toBeUndefined();
    expect(summary(plan(design, await readAll()))).toEqual([]);
    const busTags = await client.send(new ListTagsForResourceCommand({ ResourceARN: arn("events", "event-bus/payments") }));
    expect(busTags.Tags).toEqual([{ Key: DESIGN_TAG, Value: DESIGN_ID }]);
  });

  it("deletes an untagged rule left out of the design only when its bus is ticked", async () => {
    const all = nodeWhere(design, "rule", (n) => n.name === "all-orders");
    const without = { ...design, nodes: design.nodes.filter((n) => n.id !== all.id), edges: design.edges.filter((e) => e.source !== all.id && e.target !== all.id) };
    const untouched = plan(without, await readAll());
    expect(summary(untouched)).toEqual([]);
    expect(untouched.kept.map((k) => k.label)).toContain("orders/all-orders");
    const ticked = plan(without, await readAll(), ["orders"]);
    expect(summary(ticked)).toEqual([
      "delete target orders/all-orders#ecs",
      "delete target orders/all-orders#stream",
      "delete target orders/all-orders#to-audit",
      "delete rule orders/all-orders",
    ]);
    expect((await applyPlan(client, ticked)).failed).toBeUndefined();
    expect(summary(plan(without, await readAll(), ["orders"]))).toEqual([]);
    design = without;
  });

  it("creates and updates a bus's archive, and imports it back", async () => {
    const orders = nodeWhere(design, "event-bus", (n) => n.name === "orders");
    design = replaceNode(design, { ...orders, archive: { name: "orders-archive", pattern: '{"source":["com.shop"]}', retentionDays: 30 } });
    expect(summary(plan(design, await readAll()))).toEqual(["create archive orders archive orders-archive"]);
    expect((await applyPlan(client, plan(design, await readAll()))).failed).toBeUndefined();
    expect(summary(plan(design, await readAll()))).toEqual([]);

    design = replaceNode(design, { ...orders, archive: { name: "orders-archive", pattern: '{ "source": ["com.shop"], "detail-type": ["Paid"] }', retentionDays: 0 } });
    const update = plan(design, await readAll());
    expect(update.changes.map((c) => [c.label, c.fields.map((f) => f.field)])).toEqual([["orders archive orders-archive", ["eventPattern", "retentionDays"]]]);
    expect((await applyPlan(client, update)).failed).toBeUndefined();
    expect(summary(plan(design, await readAll()))).toEqual([]);

    // AWS has no way to take an archive's pattern away: apply says so instead of failing obscurely.
    const everything = replaceNode(design, { ...orders, archive: { name: "orders-archive", pattern: "", retentionDays: 0 } });
    const refused = await applyPlan(client, plan(everything, await readAll()));
    expect(refused.failed?.error).toBe("AWS cannot remove the pattern of archive orders-archive; give the design's archive a pattern, or recreate the archive in AWS");

    const imported = designFromAccount(await readAll(), "again").design;
    expect(nodeWhere(imported, "event-bus", (n) => n.name === "orders").archive).toEqual({ name: "orders-archive", pattern: '{ "source": ["com.shop"], "detail-type": ["Paid"] }', retentionDays: 0 });
  });

  it("never touched the resources outside the design", async () => {
    const audit = await client.send(new ListRulesCommand({ EventBusName: "audit" }));
    expect(audit.Rules?.map((r) => r.Name)).toEqual(["audit-keeper"]);
    const keep = await client.send(new ListTargetsByRuleCommand({ Rule: "audit-keeper", EventBusName: "audit" }));
    expect(keep.Targets?.map((t) => t.Id)).toEqual(["keep"]);
    const nightly = await client.send(new ListTargetsByRuleCommand({ Rule: "nightly" }));
    expect(nightly.Targets).toHaveLength(3);
  });

  it("retries throttled calls with backoff, and reports throttling that outlasts the attempts", async () => {
    const rule = (description: string) => ({ ...designResources(design, { account: ACCOUNT, region: REGION }, DESIGN_ID).rules.find((r) => r.name === "big-orders")!, description });
    const update = (description: string): Plan => ({
      account: ACCOUNT,
      region: REGION,
      designId: DESIGN_ID,
      changes: [{ action: "update", resource: "rule", bus: "orders", rule: "big-orders", label: "orders/big-orders", fields: [], desiredRule: rule(description) }],
      kept: [],
      buses: [],
      notes: [],
    });
    // A client of its own: adaptive retry slows a throttled client down for the calls after.
    const throttledClient = eventBridgeClientFor({ region: REGION, endpoint: endpoint.url });
    onTestFinished(() => throttledClient.destroy());
    endpoint.failNth("PutRule", 1, { error: "ThrottlingException", times: 2 });
    const started = Date.now();
    expect((await applyPlan(throttledClient, update("retried"))).failed).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThan(50); // it waited before retrying
    expect((await client.send(new DescribeRuleCommand({ Name: "big-orders", EventBusName: "orders" }))).Description).toBe("retried");

    endpoint.failNth("PutRule", 1, { error: "ThrottlingException", times: MAX_ATTEMPTS });
    const throttled = await applyPlan(throttledClient, update("never"));
    expect(throttled.failed?.error).toMatch(/throttl/i);
    expect((await client.send(new DescribeRuleCommand({ Name: "big-orders", EventBusName: "orders" }))).Description).toBe("retried");
    // The design still says what it said: the next plan puts its description back.
    expect(plan(design, await readAll()).changes.find((c) => c.label === "orders/big-orders")?.fields).toEqual([{ field: "description", before: "retried", after: "Orders over 100" }]);
  }, 60_000);

  it("uses the SDK's adaptive retry with bounded attempts", async () => {
    expect(await client.config.retryStrategy()).toMatchObject({ mode: "adaptive" });
    expect(await client.config.maxAttempts()).toBe(MAX_ATTEMPTS);
  });
});
