import { describe, expect, it } from "vitest";
import { safeParseDesign, validateDesign } from "@/lib/graph";
import type { AccountState, RuleState } from "../resources/account-state";
import { designFromAccount } from "./import";
import { planChanges } from "./plan";
import { designResources } from "../resources/design-resources";
import { schedulerPipesResources } from "../resources/scheduler-pipes-resources";

const ACCOUNT = "111122223333";
const at = (service: string, resource: string, account = ACCOUNT, region = "eu-west-1") => `arn:aws:${service}:${region}:${account}:${resource}`;

function rule(name: string, bus: string, fields: Partial<RuleState>): RuleState {
  return { name, bus, state: "ENABLED", tags: {}, targets: [], ...fields };
}

const state: AccountState = {
  account: ACCOUNT,
  region: "eu-west-1",
  buses: [{ name: "default", tags: {} }, { name: "orders", tags: {} }, { name: "aws.partner/saas.example/123/events", tags: {} }],
  rules: [
    rule("a", "orders", { eventPattern: '{"source":["shop"]}', targets: [{ Id: "Target0", Arn: at("lambda", "function:one") }] }),
    rule("b", "orders", {
      eventPattern: '{"source":["shop"]}',
      description: "B",
      state: "DISABLED",
      targets: [
        { Id: "Target0", Arn: at("lambda", "function:two", "444455556666", "us-east-1"), Input: '{"x":1}' },
        { Id: "fwd", Arn: at("events", "event-bus/central", "444455556666") },
        { Id: "task", Arn: at("ecs", "cluster/jobs") },
        { Id: "hook", Arn: at("events", "api-destination/crm/0f1e"), HttpParameters: { HeaderParameters: { a: "b" } } },
      ],
    }),
    rule("tick", "default", { scheduleExpression: "rate(1 hour)", roleArn: "arn:aws:iam::111122223333:role/r", targets: [{ Id: "q", Arn: at("sqs", "work") }] }),
    rule("saas", "aws.partner/saas.example/123/events", { eventPattern: '{"source":["saas"]}', targets: [{ Id: "t", Arn: at("sns", "topic") }] }),
  ],
  archives: [
    { name: "orders-all", bus: "orders", retentionDays: 30 },
    { name: "orders-paid", bus: "orders", eventPattern: '{"detail-type":["Paid"]}', retentionDays: 0 },
  ],
  apiDestinations: [{ name: "crm", arn: at("events", "api-destination/crm/0f1e"), endpoint: "https://crm.example/in", method: "PUT", connectionArn: at("events", "connection/crm-conn/9a8b") }],
};

describe("designFromAccount", () => {
  const { design, warnings } = designFromAccount(state, "Imported", "from tests");

  it("makes a design the schema accepts, with unique node ids and laid-out positions", () => {
    expect(safeParseDesign(design).success).toBe(true);
    expect(new Set(design.nodes.map((n) => n.id)).size).toBe(design.nodes.length);
    expect(design.nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true);
    expect(new Set(design.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(design.nodes.length);
  });

  it("keeps AWS's target ids when two rules both have a Target0", () => {
    const lambdas = design.nodes.filter((n) => n.kind === "lambda");
    expect(lambdas.map((n) => n.kind === "lambda" && n.targetId)).toEqual(["Target0", "Target0"]);
  });

  it("marks targets in other accounts and regions, and adds the bus an event-bus target forwards to", () => {
    const two = design.nodes.find((n) => n.kind === "lambda" && n.functionName === "two");
    expect(two).toMatchObject({ crossAccount: true, account: "444455556666", region: "us-east-1", input: { type: "constant", input: '{"x":1}' } });
    const forward = design.edges.find((e) => e.kind === "forwards")!;
    expect(design.nodes.find((n) => n.id === forward.target)).toMatchObject({ kind: "event-bus", name: "central", account: "444455556666", variant: "custom" });
  });

  it("reads bus variants, schedule rules, rule roles and API destinations", () => {
    const buses = design.nodes.filter((n) => n.kind === "event-bus");
    expect(buses.map((b) => b.kind === "event-bus" && `${b.name}:${b.variant}`)).toContain("aws.partner/saas.example/123/events:partner");
    expect(design.nodes.find((n) => n.kind === "rule" && n.name === "tick")).toMatchObject({ trigger: { type: "schedule", expression: "rate(1 hour)" }, roleArn: "arn:aws:iam::111122223333:role/r" });
    expect(design.nodes.find((n) => n.kind === "rule" && n.name === "b")).toMatchObject({ enabled: false, description: "B" });
    expect(design.nodes.find((n) => n.kind === "api-destination")).toMatchObject({ name: "crm", endpoint: "https://crm.example/in", method: "PUT", connection: { name: "crm-conn" } });
  });

  it("puts a bus's archive on its node", () => {
    expect(design.nodes.find((n) => n.kind === "event-bus" && n.name === "orders")).toMatchObject({ archive: { name: "orders-all", pattern: "", retentionDays: 30 } });
  });

  it("warns about what it cannot hold instead of dropping it silently", () => {
    expect(warnings).toEqual([
      "Archive orders-paid of bus orders was left out: a design holds one archive per bus (orders-all was kept).",
      `The target task of rule b (bus orders) calls ${at("ecs", "cluster/jobs")}, a kind of target a design cannot hold yet; it was left out.`,
      "The target hook of rule b (bus orders) has HttpParameters, which the design does not hold.",
      "The connection of API destination crm is imported by name; check its authorization type.",
    ]);
  });

  it("passes validation without errors", () => {
    expect(validateDesign(design).filter((p) => p.severity === "error").map((p) => p.code)).toEqual([]);
  });

  it("plans nothing when planned straight back against the account it came from", () => {
    const plan = planChanges(designResources(design, { account: ACCOUNT, region: "eu-west-1" }, "dsn_x"), state, { designId: "dsn_x" });
    expect(plan.changes).toEqual([]);
    expect(plan.kept.map((k) => k.label)).toEqual(["orders/b#task"]);
  });
});

describe("designFromAccount: schedule groups, schedules and pipes", () => {
  const ROLE = "arn:aws:iam::111122223333:role/invoke";
  const withScheduler: AccountState = {
    account: ACCOUNT,
    region: "eu-west-1",
    buses: [{ name: "default", tags: {} }, { name: "orders", tags: {} }],
    rules: [],
    archives: [],
    scheduleGroups: [{ name: "default", tags: {} }, { name: "nightly", tags: { team: "ops" } }],
    schedules: [
      {
        name: "report",
        group: "nightly",
        expression: "cron(0 2 * * ? *)",
        timezone: "Europe/Berlin",
        startDate: "2027-01-01T00:00:00.000Z",
        flexibleWindowMinutes: 10,
        state: "DISABLED",
        actionAfterCompletion: "NONE",
        target: { Arn: at("states", "stateMachine:report"), RoleArn: ROLE, Input: '{"kind":"daily"}', RetryPolicy: { MaximumEventAgeInSeconds: 600, MaximumRetryAttempts: 2 }, DeadLetterConfig: { Arn: at("sqs", "dlq") } },
      },
      { name: "remind", group: "default", expression: "at(2027-03-01T09:00:00)", state: "ENABLED", actionAfterCompletion: "DELETE", target: { Arn: "arn:aws:scheduler:::aws-sdk:sqs:sendMessage", RoleArn: ROLE, Input: '{"QueueUrl":"q","MessageBody":"hi"}' } },
      { name: "tick", group: "default", expression: "rate(5 minutes)", state: "ENABLED", actionAfterCompletion: "NONE", target: { Arn: at("events", "event-bus/orders"), RoleArn: ROLE, EventBridgeParameters: { Source: "com.tick", DetailType: "Tick" } } },
      { name: "task", group: "default", expression: "rate(1 day)", state: "ENABLED", actionAfterCompletion: "NONE", target: { Arn: at("ecs", "cluster/jobs"), RoleArn: ROLE, EcsParameters: { TaskDefinitionArn: at("ecs", "task-definition/t") } } },
    ],
    pipes: [
      {
        name: "stream",
        desiredState: "STOPPED",
        description: "Kinesis to a function",
        source: at("kinesis", "stream/clicks"),
        sourceParameters: { KinesisStreamParameters: { BatchSize: 50, StartingPosition: "TRIM_HORIZON", MaximumBatchingWindowInSeconds: 5 }, FilterCriteria: { Filters: [{ Pattern: '{"data":{"x":[1]}}' }] } },
        enrichment: at("events", "api-destination/crm/0f1e"),
        enrichmentParameters: { InputTemplate: '{"id": <$.data.id>}' },
        target: at("lambda", "function:handle"),
        roleArn: ROLE,
        tags: {},
      },
      {
        name: "table",
        desiredState: "RUNNING",
        source: at("dynamodb", "table/orders/stream/2027-01-01T00:00:00.000"),
        sourceParameters: { DynamoDBStreamParameters: { BatchSize: 100, StartingPosition: "LATEST" } },
        enrichment: at("execute-api", "a1b2/prod/POST/enrich/orders"),
        target: at("events", "event-bus/orders"),
        targetParameters: { EventBridgeEventBusParameters: { Source: "com.table", DetailType: "Row" } },
        roleArn: ROLE,
        tags: {},
      },
      { name: "kafka", desiredState: "RUNNING", source: "smk://b1.example:9092", sourceParameters: { SelfManagedKafkaParameters: { TopicName: "t", ConsumerGroupID: "g", StartingPosition: "TRIM_HORIZON", BatchSize: 10 } }, target: at("sqs", "out.fifo"), targetParameters: { SqsQueueParameters: { MessageGroupId: "m" } }, roleArn: ROLE, tags: {} },
      { name: "broker", desiredState: "RUNNING", source: at("mq", "broker:b:b-1"), sourceParameters: { ActiveMQBrokerParameters: { QueueName: "q", Credentials: { BasicAuth: "s" } } }, target: at("sns", "topic"), roleArn: ROLE, tags: {} },
    ],
  };
  const { design, warnings } = designFromAccount(withScheduler, "Imported");
  const node = (kind: string, name: string) => design.nodes.find((n) => n.kind === kind && "name" in n && n.name === name);
  const edgesOf = (id: string | undefined) => design.edges.filter((e) => e.source === id).map((e) => `${e.kind} ${design.nodes.find((n) => n.id === e.target)?.kind}`);

  it("makes a schema-valid design: a node per group but default, schedules in their groups", () => {
    expect(safeParseDesign(design).success).toBe(true);
    expect(design.nodes.filter((n) => n.kind === "schedule-group").map((n) => n.kind === "schedule-group" && n.name)).toEqual(["nightly"]);
    expect(edgesOf(node("schedule-group", "nightly")?.id)).toEqual(["contains schedule"]);
  });

  it("reads every setting of a schedule, its target as a node it delivers to", () => {
    const report = node("schedule", "report");
    expect(report).toMatchObject({
      expression: "cron(0 2 * * ? *)",
      timezone: "Europe/Berlin",
      startDate: "2027-01-01T00:00:00.000Z",
      flexibleWindowMinutes: 10,
      state: "DISABLED",
      targetInput: '{"kind":"daily"}',
      retryPolicy: { maximumEventAgeInSeconds: 600, maximumRetryAttempts: 2 },
      deadLetterQueueArn: at("sqs", "dlq"),
      roleArn: ROLE,
    });
    expect(edgesOf(report?.id)).toEqual(["delivers step-functions"]);
  });

  it("reads a universal target as one, and a bus target as puts-events with the event's source and detail-type", () => {
    expect(node("schedule", "remind")).toMatchObject({ universalTarget: { service: "sqs", action: "sendMessage" }, actionAfterCompletion: "DELETE" });
    expect(edgesOf(node("schedule", "remind")?.id)).toEqual([]);
    expect(node("schedule", "tick")).toMatchObject({ source: "com.tick", detailType: "Tick" });
    expect(edgesOf(node("schedule", "tick")?.id)).toEqual(["puts-events event-bus"]);
  });

  it("reads a pipe's source as a stream source read by the pipe, holding its source parameters", () => {
    const stream = node("pipe", "stream");
    expect(stream).toMatchObject({ desiredState: "STOPPED", description: "Kinesis to a function", enrichment: { type: "api-destination", name: "crm" }, enrichmentInputTemplate: '{"id": <$.data.id>}', roleArn: ROLE });
    const feeding = design.edges.find((e) => e.kind === "feeds-pipe" && e.target === stream?.id);
    expect(design.nodes.find((n) => n.id === feeding?.source)).toMatchObject({
      kind: "kinesis-stream-source",
      reader: "pipe",
      streamName: "clicks",
      batchSize: 50,
      batchingWindowSeconds: 5,
      startingPosition: "TRIM_HORIZON",
      filterCriteria: ['{"data":{"x":[1]}}'],
    });
    expect(edgesOf(stream?.id)).toEqual(["delivers lambda"]);
  });

  it("reads DynamoDB and Kafka sources, API Gateway enrichments, bus events and FIFO message groups", () => {
    const table = node("pipe", "table");
    expect(table).toMatchObject({ enrichment: { type: "api-gateway", apiId: "a1b2", stage: "prod", method: "POST", path: "/enrich/orders" }, busEvent: { source: "com.table", detailType: "Row" } });
    expect(design.nodes.find((n) => n.kind === "dynamodb-stream")).toMatchObject({ tableName: "orders", reader: "pipe", startingPosition: "LATEST" });
    expect(design.nodes.find((n) => n.kind === "kafka-topic")).toMatchObject({ cluster: "self-managed", clusterName: "b1.example:9092", topic: "t", consumerGroupId: "g", startingPosition: "TRIM_HORIZON", batchSize: 10 });
    expect(design.nodes.find((n) => n.kind === "sqs" && n.queueName === "out.fifo")).toMatchObject({ messageGroupId: "m" });
  });

  it("warns about what it cannot hold", () => {
    expect(warnings).toEqual([
      "The target of schedule task (group default) has EcsParameters, which the design does not hold.",
      `The schedule task (group default) delivers to ${at("ecs", "cluster/jobs")}, a kind of target a design cannot hold yet; it was left out.`,
      "The enrichment of pipe stream calls API destination crm; its endpoint, method and connection are placeholders.",
      `The pipe broker reads ${at("mq", "broker:b:b-1")}, a kind of source a design cannot hold yet; the pipe was imported without it.`,
    ]);
  });

  it("plans nothing for what it imported whole, and never deletes what it could not", () => {
    const where = { account: ACCOUNT, region: "eu-west-1" };
    const resources = { ...designResources(design, where, "dsn_x"), ...schedulerPipesResources(design, where, "dsn_x") };
    // The broker pipe has no source in the design and the ECS schedule no target: held back, not deleted.
    expect(resources.heldBack).toEqual({ schedules: ["default/task"], pipes: ["broker"] });
    const plan = planChanges(resources, withScheduler, { designId: "dsn_x" });
    // The DynamoDB stream is matched up to the label AWS gave it, the API destination enrichment by name.
    expect(plan.changes).toEqual([]);
  });
});
