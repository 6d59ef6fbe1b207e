import { describe, expect, it } from "vitest";
import { NODE_KINDS } from "./registry";
import { designSchema, safeParseDesign, type Design } from "./schema";
import { design, node } from "./test-fixtures";

/** One hand-written, complete example of every node kind (not registry defaults). */
const EVERY_KIND: Design = {
  format: "switchyard.design",
  version: 1,
  name: "orders",
  description: "Order flow",
  nodes: [
    { id: "ec2", kind: "aws-service", position: { x: 0, y: 0 }, source: "aws.ec2", emits: { type: "events", detailTypes: ["EC2 Instance State-change Notification"] } },
    { id: "trail", kind: "aws-service", position: { x: 0, y: 80 }, source: "aws.s3", emits: { type: "api-calls", eventNames: ["PutObject"] } },
    { id: "app", kind: "custom-app", position: { x: 0, y: 160 }, name: "shop", source: "com.shop", detailTypes: ["OrderPlaced"] },
    { id: "zendesk", kind: "saas-partner", position: { x: 0, y: 240 }, partnerName: "zendesk.com", eventSourceName: "aws.partner/zendesk.com/123/tickets" },
    { id: "tick", kind: "schedule", position: { x: 0, y: 320 }, expression: "cron(0 12 * * ? *)", timezone: "Europe/Paris", source: "com.shop.cron", detailType: "Tick" },
    { id: "nightly-group", kind: "schedule-group", position: { x: 0, y: 880 }, name: "reports" },
    {
      id: "nightly",
      kind: "schedule",
      position: { x: 200, y: 880 },
      name: "nightly-report",
      description: "Builds the nightly report",
      expression: "cron(0 2 * * ? *)",
      timezone: "Europe/Berlin",
      startDate: "2026-12-01T00:00:00Z",
      endDate: "2027-12-01T00:00:00Z",
      flexibleWindowMinutes: 15,
      state: "ENABLED",
      actionAfterCompletion: "NONE",
      source: "com.shop.reports",
      detailType: "Nightly",
      targetInput: '{"scheduledAt": "<aws.scheduler.scheduled-time>"}',
      retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3 },
      deadLetterQueueArn: "arn:aws:sqs:eu-west-1:111122223333:dlq",
      roleArn: "arn:aws:iam::111122223333:role/scheduler",
    },
    { id: "reminder", kind: "schedule", position: { x: 200, y: 960 }, expression: "at(2026-12-24T09:00:00)", actionAfterCompletion: "DELETE", source: "com.shop", detailType: "Reminder", universalTarget: { service: "sqs", action: "sendMessage" } },
    {
      id: "paid",
      kind: "pipe",
      position: { x: 200, y: 640 },
      name: "paid-orders",
      description: "Paid orders to the bus",
      desiredState: "RUNNING",
      enrichment: { type: "api-destination", name: "customers", endpoint: "https://crm.example.com/customers", method: "POST", connection: { name: "crm", authorization: "API_KEY" } },
      enrichmentInputTemplate: '{"id": <$.body.customerId>}',
      targetInputTemplate: '{"order": <$.body>}',
      busEvent: { source: "com.shop.pipe", detailType: "OrderPaid" },
      roleArn: "arn:aws:iam::111122223333:role/pipe",
    },
    { id: "route", kind: "http-api", position: { x: 0, y: 720 }, name: "products-api", method: "POST", path: "/product" },
    { id: "kafka", kind: "kafka-topic", position: { x: 0, y: 400 }, reader: "pipe", batchSize: 100, filterCriteria: ['{"value":{"type":["order"]}}'], startingPosition: "TRIM_HORIZON", cluster: "msk", clusterName: "c1", topic: "orders", consumerGroupId: "g1" },
    { id: "ddb", kind: "dynamodb-stream", position: { x: 0, y: 480 }, reader: "event-source-mapping", batchSize: 100, filterCriteria: [], startingPosition: "LATEST", tableName: "orders" },
    { id: "kin", kind: "kinesis-stream-source", position: { x: 0, y: 560 }, reader: "event-source-mapping", batchSize: 100, filterCriteria: [], startingPosition: "AT_TIMESTAMP", streamName: "clicks" },
    { id: "q", kind: "sqs-queue-source", position: { x: 0, y: 640 }, reader: "pipe", batchSize: 10, batchingWindowSeconds: 5, filterCriteria: ['{"body":{"status":["PAID"]}}'], queueName: "jobs" },
    { id: "bus", kind: "event-bus", position: { x: 200, y: 0 }, busType: "classic", variant: "custom", name: "orders", account: "111122223333", region: "eu-west-1", archive: { name: "orders-archive", pattern: "", retentionDays: 30 } },
    { id: "rule", kind: "rule", position: { x: 400, y: 0 }, name: "placed", description: "", enabled: true, trigger: { type: "pattern", pattern: '{"source":["com.shop"],"detail":{"total":[{"numeric":[">",100.0]}]}}' } },
    { id: "fn", kind: "lambda", position: { x: 600, y: 0 }, input: { type: "matched-event" }, retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3 }, crossAccount: false, functionName: "bill", deadLetterQueueArn: "arn:aws:sqs:eu-west-1:111122223333:dlq", roleArn: "arn:aws:iam::111122223333:role/eb" },
    { id: "sns", kind: "sns", position: { x: 600, y: 80 }, input: { type: "input-path", inputPath: "$.detail" }, retryPolicy: { maximumEventAgeInSeconds: 60, maximumRetryAttempts: 0 }, crossAccount: true, account: "444455556666", topicName: "alerts" },
    { id: "sqs", kind: "sqs", position: { x: 600, y: 160 }, input: { type: "constant", input: '{"n": 1.50}' }, retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 }, crossAccount: false, queueName: "orders.fifo", messageGroupId: "orders" },
    { id: "sfn", kind: "step-functions", position: { x: 600, y: 240 }, input: { type: "input-transformer", inputPathsMap: { id: "$.detail.id" }, inputTemplate: '{"orderId": <id>}' }, retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 }, crossAccount: false, stateMachineName: "fulfil" },
    { id: "fh", kind: "firehose", position: { x: 600, y: 320 }, input: { type: "matched-event" }, retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 }, crossAccount: false, deliveryStreamName: "lake" },
    { id: "ks", kind: "kinesis", position: { x: 600, y: 400 }, input: { type: "matched-event" }, retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 }, crossAccount: false, streamName: "s", partitionKeyPath: "$.id" },
    { id: "api", kind: "api-destination", position: { x: 600, y: 480 }, input: { type: "matched-event" }, retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 }, name: "crm", endpoint: "https://crm.example.com/hook", method: "POST", connection: { name: "crm", authorization: "OAUTH_CLIENT_CREDENTIALS" }, invocationRateLimitPerSecond: 10 },
    { id: "fwd", kind: "event-bus-target", position: { x: 600, y: 560 }, input: { type: "matched-event" }, retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 }, crossAccount: true },
    { id: "logs", kind: "cloudwatch-logs", position: { x: 600, y: 640 }, input: { type: "matched-event" }, retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 }, crossAccount: false, logGroupName: "/aws/events/orders" },
    { id: "tbl", kind: "dynamodb-table", position: { x: 800, y: 0 }, tableName: "orders" },
    { id: "s3", kind: "s3-bucket", position: { x: 800, y: 80 }, bucketName: "lake" },
    { id: "db", kind: "database", position: { x: 800, y: 160 }, engine: "PostgreSQL", name: "crm", notes: "owned by CRM team" },
    { id: "x", kind: "resource", position: { x: 800, y: 240 }, title: "Salesforce" },
    { id: "bus2", kind: "eventsv2-bus", position: { x: 200, y: 800 }, name: "payments", description: "Shared payments bus", retentionDays: 30, account: "111122223333", region: "eu-west-1" },
    { id: "s3src", kind: "eventsv2-source", position: { x: 0, y: 800 }, name: "uploads", config: { type: "aws-service", awsService: "aws.s3", pattern: '{"detail-type":["Object Created"]}' }, deadLetterQueueArn: "arn:aws:sqs:eu-west-1:111122223333:dlq" },
    {
      id: "sub",
      kind: "subscriber",
      position: { x: 400, y: 800 },
      name: "big-payments",
      filters: { DATA: '{"detail":{"amount":[{"numeric":[">",500]}]}}', METADATA: '{"tenant":["acme"]}' },
      transform: { type: "JSONATA", expression: "{% $events.Data.detail %}" },
      ordering: "FIFO",
      start: { type: "TIMESTAMP", startingPoint: 1_790_000_000 },
      state: "STOPPED",
      retryPolicy: { maxEventAgeInSeconds: 86_400, maxRetryAttempts: 185 },
      deadLetterQueueArn: "arn:aws:sqs:eu-west-1:111122223333:dlq",
      roleArn: "arn:aws:iam::111122223333:role/deliver",
      expectations: [],
    },
  ],
  edges: [
    { id: "e1", kind: "puts-events", source: "app", target: "bus" },
    { id: "e2", kind: "feeds", source: "bus", target: "rule" },
    { id: "e3", kind: "invokes", source: "rule", target: "fn" },
    { id: "e4", kind: "writes-to", source: "fn", target: "tbl" },
    { id: "e5", kind: "feeds-function", source: "ddb", target: "fn" },
    { id: "e6", kind: "forwards", source: "fwd", target: "bus" },
    { id: "e7", kind: "puts-events", source: "s3src", target: "bus2" },
    { id: "e8", kind: "subscribes", source: "bus2", target: "sub" },
    { id: "e9", kind: "invokes", source: "sub", target: "sqs" },
    { id: "e10", kind: "contains", source: "nightly-group", target: "nightly" },
    { id: "e11", kind: "delivers", source: "nightly", target: "sfn" },
    { id: "e12", kind: "feeds-pipe", source: "q", target: "paid" },
    { id: "e13", kind: "puts-events", source: "paid", target: "bus" },
  ],
};

function issuePaths(value: unknown): string[] {
  const result = designSchema.safeParse(value);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
}

describe("design schema", () => {
  it("accepts a design with every node kind and every field", () => {
    expect(designSchema.parse(EVERY_KIND)).toEqual(EVERY_KIND);
  });

  it("covers every registered kind in the example", () => {
    expect(new Set(EVERY_KIND.nodes.map((n) => n.kind))).toEqual(new Set(NODE_KINDS));
  });

  it("loads design files written before the Custom Event Bus, Scheduler and Pipes kinds unchanged (the new kinds and fields are additive)", async () => {
    const { readFileSync } = await import("node:fs");
    for (const name of ["order-flow.json", "cross-account.json"]) {
      const text = readFileSync(new URL(`../iac/__fixtures__/${name}`, import.meta.url), "utf8");
      expect(designSchema.parse(JSON.parse(text))).toEqual(JSON.parse(text));
    }
  });

  it("loads a schedule as first written (expression, time zone, source, detail-type only), with no field added", () => {
    const old = design([{ id: "tick", kind: "schedule", position: { x: 0, y: 0 }, expression: "rate(5 minutes)", source: "com.example", detailType: "Tick" }]);
    expect(designSchema.parse(old)).toEqual(old);
  });

  it("keeps at most one filter per scope: an unknown scope is an error at its key", () => {
    const subscriber = { ...node("subscriber", "s"), filters: { DATA: "{}", HEADERS: "{}" } };
    expect(issuePaths(design([subscriber as never]))).toEqual(["nodes.0.filters"]);
  });

  it("keeps pattern text exactly, number lexemes included", () => {
    const rule = designSchema.parse(EVERY_KIND).nodes.find((n) => n.kind === "rule");
    expect(rule?.kind === "rule" && rule.trigger.type === "pattern" && rule.trigger.pattern).toContain(">\",100.0]");
  });

  it("rejects unknown keys with their path (strict: nothing outside the schema is carried)", () => {
    const withSecret = design([{ ...node("lambda", "fn"), secretAccessKey: "x" } as never]);
    expect(issuePaths(withSecret)).toEqual(["nodes.0"]);
    const result = designSchema.safeParse(withSecret);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
    expect(issuePaths({ ...design([]), extra: true })).toEqual([""]);
  });

  it("rejects a wrong format or version", () => {
    expect(issuePaths({ ...design([]), format: "other" })).toEqual(["format"]);
    expect(issuePaths({ ...design([]), version: 2 })).toEqual(["version"]);
  });

  it("rejects an unknown node kind at the kind field", () => {
    expect(issuePaths(design([{ id: "a", kind: "teleporter", position: { x: 0, y: 0 } } as never]))).toEqual(["nodes.0.kind"]);
  });

  it("rejects an unknown bus type at busType", () => {
    expect(issuePaths(design([{ ...node("event-bus", "b"), busType: "subscriptions" } as never]))).toEqual(["nodes.0.busType"]);
  });

  it("reports nested field paths", () => {
    expect(issuePaths(design([{ ...node("lambda", "fn"), retryPolicy: { maximumEventAgeInSeconds: 1.5, maximumRetryAttempts: 3 } }]))).toEqual([
      "nodes.0.retryPolicy.maximumEventAgeInSeconds",
    ]);
    expect(issuePaths(design([{ ...node("rule", "r"), trigger: { type: "pattern" } } as never]))).toEqual(["nodes.0.trigger.pattern"]);
    expect(issuePaths(design([{ ...node("rule", "r"), position: { x: Number.NaN, y: 0 } }]))).toEqual(["nodes.0.position.x"]);
    expect(issuePaths(design([{ ...node("sqs", "q"), input: { type: "input-transformer", inputPathsMap: { a: 1 }, inputTemplate: "" } } as never]))).toEqual([
      "nodes.0.input.inputPathsMap.a",
    ]);
  });

  it("makes a rule with both a pattern and a schedule unsayable", () => {
    const both = { ...node("rule", "r"), trigger: { type: "pattern", pattern: "{}", expression: "rate(1 day)" } };
    expect(issuePaths(design([both as never]))).toEqual(["nodes.0.trigger"]);
  });

  it("rejects edges with an unknown kind or a missing endpoint", () => {
    const base = design([]);
    expect(issuePaths({ ...base, edges: [{ id: "e", kind: "teleports", source: "a", target: "b" }] })).toEqual(["edges.0.kind"]);
    expect(issuePaths({ ...base, edges: [{ id: "e", kind: "feeds", source: "a" }] })).toEqual(["edges.0.target"]);
  });

  it("safeParseDesign never throws on junk", () => {
    for (const junk of [null, 42, "design", [], { format: "switchyard.design" }]) {
      expect(safeParseDesign(junk).success).toBe(false);
    }
  });
});

describe("FORMAT.md", () => {
  it("has an example that is a valid design with no validation problems", async () => {
    const { readFileSync } = await import("node:fs");
    const { validateDesign } = await import("./validate");
    const doc = readFileSync(new URL("./FORMAT.md", import.meta.url), "utf8");
    const example = /## Example\s+```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const parsed = designSchema.parse(JSON.parse(example!));
    expect(validateDesign(parsed)).toEqual([]);
  });
});
