/**
 * Schedule groups, schedules and pipes through plan → apply → import → plan against the local
 * endpoint with the real `@aws-sdk/client-scheduler` and `@aws-sdk/client-pipes` (no mocks): a
 * design applied and imported back plans nothing; a changed expression is a one-line update;
 * what the design drops is deleted only where its tags (a group's, a pipe's) say it is the
 * design's. Scheduler tags groups only, not schedules
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-group.html);
 * UpdatePipe cannot change a pipe's source
 * (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_UpdatePipe.html).
 */
import { CreatePipeCommand, DescribePipeCommand, ListPipesCommand, type PipesClient } from "@aws-sdk/client-pipes";
import { CreateScheduleCommand, GetScheduleCommand, ListScheduleGroupsCommand, ListTagsForResourceCommand, type SchedulerClient } from "@aws-sdk/client-scheduler";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, validateDesign, type Design, type DesignNode } from "@/lib/graph";
import { startTestEndpoint, type TestEndpoint } from "../emulator/test-endpoint";
import { DESIGN_TAG } from "../resources/account-state";
import { designResources, inDesignOrder } from "../resources/design-resources";
import { schedulerPipesResources } from "../resources/scheduler-pipes-resources";
import { applyPlan } from "./apply";
import { eventBridgeClientFor, pipesClientFor, schedulerClientFor } from "./connection";
import { designFromAccount } from "./import";
import { planChanges, type Plan } from "./plan";
import { readAccount } from "./read-account";

const REGION = "us-east-1";
const ACCOUNT = "000000000000";
const DESIGN_ID = "dsn_sched";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/scheduler-and-pipes`;
const at = { x: 0, y: 0 };

let endpoint: TestEndpoint;
let events: EventBridgeClient;
let scheduler: SchedulerClient;
let pipes: PipesClient;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  const connection = { region: REGION, endpoint: endpoint.url };
  events = eventBridgeClientFor(connection);
  scheduler = schedulerClientFor(connection);
  pipes = pipesClientFor(connection);
  const sqs = new SQSClient({ ...connection, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  for (const name of ["orders-in", "reports"]) await sqs.send(new CreateQueueCommand({ QueueName: name }));
  sqs.destroy();
}, 30_000);

afterAll(async () => {
  events.destroy();
  scheduler.destroy();
  pipes.destroy();
  await endpoint.close();
});

function design(nodes: DesignNode[], edges: [Design["edges"][number]["kind"], string, string][]): Design {
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: "Nightly and orders", description: "", nodes, edges: edges.map(([kind, source, target], i) => ({ id: `e${i}`, kind, source, target })) };
}

/** A schedule group with a cron schedule (Berlin time) to a queue, and a pipe from a queue to a bus. */
function drawn(): Design {
  return design(
    [
      { ...createNode("event-bus", "bus", at), variant: "custom", name: "orders" },
      { ...createNode("schedule-group", "group", at), name: "nightly" },
      {
        ...createNode("schedule", "report", at),
        name: "report",
        expression: "cron(0 2 * * ? *)",
        timezone: "Europe/Berlin",
        flexibleWindowMinutes: 15,
        targetInput: '{"report": "daily"}',
        retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3 },
        roleArn: ROLE,
      },
      { ...createNode("sqs", "reports", at), queueName: "reports" },
      { ...createNode("sqs-queue-source", "orders-in", at), reader: "pipe", batchSize: 5, batchingWindowSeconds: 10, queueName: "orders-in", filterCriteria: ['{"body": {"status": ["PAID"]}}'] },
      { ...createNode("pipe", "pipe", at), name: "paid-orders", targetInputTemplate: '{"order": <$.body>}', busEvent: { source: "com.shop", detailType: "OrderPaid" }, roleArn: ROLE },
    ],
    [
      ["contains", "group", "report"],
      ["delivers", "report", "reports"],
      ["feeds-pipe", "orders-in", "pipe"],
      ["puts-events", "pipe", "bus"],
    ],
  );
}

async function planFor(graph: Design): Promise<Plan> {
  const actual = await readAccount(events, REGION, { scheduler, pipes });
  const where = { account: actual.account, region: REGION };
  const rules = designResources(graph, where, DESIGN_ID);
  const scheduled = schedulerPipesResources(graph, where, DESIGN_ID);
  return planChanges({ ...rules, ...scheduled, problems: inDesignOrder(graph, [...rules.problems, ...scheduled.problems]) }, actual, { designId: DESIGN_ID });
}

async function apply(plan: Plan): Promise<void> {
  const result = await applyPlan(events, plan, { scheduler, pipes });
  expect(result.failed).toBeUndefined();
}

const summary = (plan: Plan) => plan.changes.map((c) => `${c.action} ${c.resource} ${c.label}`);

describe("Scheduler and Pipes: plan, apply, import, plan again", { timeout: 30_000 }, () => {
  let imported: Design;

  it("creates the group before its schedule and the pipe after its bus, tagging the group and the pipe", async () => {
    expect(validateDesign(drawn()).filter((p) => p.severity === "error")).toEqual([]);
    const plan = await planFor(drawn());
    expect(plan.notes).toEqual([]);
    expect(summary(plan)).toEqual(["create bus orders", "create schedule-group nightly", "create schedule nightly/report", "create pipe paid-orders"]);
    await apply(plan);

    const schedule = await scheduler.send(new GetScheduleCommand({ GroupName: "nightly", Name: "report" }));
    expect(schedule).toMatchObject({
      ScheduleExpression: "cron(0 2 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 },
      Target: { Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:reports`, RoleArn: ROLE, Input: '{"report": "daily"}', RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 } },
    });
    const groups = await scheduler.send(new ListScheduleGroupsCommand({}));
    const nightly = groups.ScheduleGroups?.find((g) => g.Name === "nightly");
    expect((await scheduler.send(new ListTagsForResourceCommand({ ResourceArn: nightly?.Arn }))).Tags).toEqual([{ Key: DESIGN_TAG, Value: DESIGN_ID }]);
    const pipe = await pipes.send(new DescribePipeCommand({ Name: "paid-orders" }));
    expect(pipe).toMatchObject({
      Source: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-in`,
      SourceParameters: { SqsQueueParameters: { BatchSize: 5, MaximumBatchingWindowInSeconds: 10 }, FilterCriteria: { Filters: [{ Pattern: '{"body": {"status": ["PAID"]}}' }] } },
      Target: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/orders`,
      TargetParameters: { InputTemplate: '{"order": <$.body>}', EventBridgeEventBusParameters: { Source: "com.shop", DetailType: "OrderPaid" } },
      DesiredState: "RUNNING",
      Tags: { [DESIGN_TAG]: DESIGN_ID },
    });
  });

  it("imports them back as the same nodes and edges, and that design plans nothing", async () => {
    const state = await readAccount(events, REGION, { scheduler, pipes });
    const result = designFromAccount(state, "Imported");
    imported = result.design;
    expect(result.warnings).toEqual([]);
    expect(validateDesign(imported).filter((p) => p.severity === "error")).toEqual([]);
    const kinds = imported.nodes.map((n) => n.kind).sort();
    expect(kinds).toEqual(["event-bus", "event-bus", "pipe", "schedule", "schedule-group", "sqs", "sqs-queue-source"]);
    const edges = imported.edges.map((e) => `${e.kind} ${e.source} → ${e.target}`).sort();
    expect(edges).toEqual([
      "contains schedule-group:nightly → schedule:nightly:report",
      "delivers schedule:nightly:report → target:schedule:nightly:report",
      "feeds-pipe source:paid-orders → pipe:paid-orders",
      "puts-events pipe:paid-orders → bus:orders",
    ]);
    const source = imported.nodes.find((n) => n.kind === "sqs-queue-source");
    expect(source).toMatchObject({ reader: "pipe", batchSize: 5, batchingWindowSeconds: 10, queueName: "orders-in", filterCriteria: ['{"body": {"status": ["PAID"]}}'] });
    expect((await planFor(imported)).changes).toEqual([]);
  });

  it("plans a changed expression as one update of one field, and applies it", async () => {
    const changed = { ...imported, nodes: imported.nodes.map((n) => (n.kind === "schedule" ? { ...n, expression: "cron(30 3 * * ? *)" } : n)) };
    const plan = await planFor(changed);
    expect(plan.changes.map((c) => ({ action: c.action, resource: c.resource, label: c.label, fields: c.fields }))).toEqual([
      { action: "update", resource: "schedule", label: "nightly/report", fields: [{ field: "ScheduleExpression", before: "cron(0 2 * * ? *)", after: "cron(30 3 * * ? *)" }] },
    ]);
    await apply(plan);
    expect((await scheduler.send(new GetScheduleCommand({ GroupName: "nightly", Name: "report" }))).ScheduleExpression).toBe("cron(30 3 * * ? *)");
    expect((await planFor(changed)).changes).toEqual([]);
  });

  it("replaces a pipe whose batch stays but whose source changes; updates one whose filter changes", async () => {
    const refiltered = {
      ...imported,
      nodes: imported.nodes.map((n) => (n.kind === "sqs-queue-source" ? { ...n, filterCriteria: ['{"body": {"status": ["PAID", "REFUNDED"]}}'] } : n.kind === "schedule" ? { ...n, expression: "cron(30 3 * * ? *)" } : n)),
    };
    const update = await planFor(refiltered);
    expect(summary(update)).toEqual(["update pipe paid-orders"]);
    expect(update.changes[0]!.fields.map((f) => f.field)).toEqual(["SourceParameters.FilterCriteria"]);
    await apply(update);
    expect((await planFor(refiltered)).changes).toEqual([]);

    const moved = { ...refiltered, nodes: refiltered.nodes.map((n) => (n.kind === "sqs-queue-source" ? { ...n, queueName: "reports" } : n)) };
    const replace = await planFor(moved);
    expect(summary(replace)).toEqual(["delete pipe paid-orders", "create pipe paid-orders"]);
    expect(replace.changes[0]!.reason).toMatch(/cannot change a pipe's Source/);
    await apply(replace);
    expect((await pipes.send(new DescribePipeCommand({ Name: "paid-orders" }))).Source).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:reports`);
  });

  it("deletes only what the tags say is the design's: its pipe and group (with its schedule), not an untagged pipe or a default-group schedule", async () => {
    await pipes.send(new CreatePipeCommand({ Name: "someone-elses", Source: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-in`, Target: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/orders`, RoleArn: ROLE, DesiredState: "STOPPED" }));
    await scheduler.send(
      new CreateScheduleCommand({ Name: "by-hand", ScheduleExpression: "rate(1 hour)", FlexibleTimeWindow: { Mode: "OFF" }, Target: { Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:reports`, RoleArn: ROLE } }),
    );
    const onlyBus = design([{ ...createNode("event-bus", "bus:orders", at), variant: "custom", name: "orders" }], []);
    const plan = await planFor(onlyBus);
    expect(summary(plan)).toEqual(["delete pipe paid-orders", "delete schedule nightly/report", "delete schedule-group nightly"]);
    expect(plan.changes[1]!.reason).toBe("its group is deleted");
    await apply(plan);
    const left = await pipes.send(new ListPipesCommand({}));
    expect(left.Pipes?.map((p) => p.Name)).toEqual(["someone-elses"]);
    expect((await scheduler.send(new ListScheduleGroupsCommand({}))).ScheduleGroups?.map((g) => g.Name)).toEqual(["default"]);
    expect((await planFor(onlyBus)).changes).toEqual([]);
  });
});
