/**
 * Scheduler's and Pipes' rules as problems. Limits: the Scheduler API reference's CreateSchedule
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html), Target
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html: Input, RoleArn),
 * RetryPolicy (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html),
 * DeadLetterConfig (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_DeadLetterConfig.html),
 * universal targets (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html) and the
 * Pipes API reference's CreatePipe
 * (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_CreatePipe.html), its
 * source parameters
 * (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_PipeSourceSqsQueueParameters.html,
 * API_PipeSourceDynamoDBStreamParameters.html, API_PipeSourceKinesisStreamParameters.html) and the
 * Pipes column of the filter operator table
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html).
 */
import { describe, expect, it } from "vitest";
import type { Design, DesignNode, PipeNode } from "./schema";
import { design, node } from "./test-fixtures";
import { validateDesign } from "./validate";

const codes = (d: Design) => validateDesign(d).map((p) => `${p.code}${p.field ? `@${p.field}` : ""}`);

describe("Scheduler validation", () => {
  it("finds nothing wrong in a schedule in a group delivering to a state machine", () => {
    const d = design([node("schedule-group", "g"), node("schedule", "s", { expression: "cron(0 2 * * ? *)", timezone: "Europe/Berlin" }), node("step-functions", "sfn")], [["g", "s"], ["s", "sfn"]]);
    expect(d.edges.map((e) => e.kind)).toEqual(["contains", "delivers"]);
    expect(codes(d)).toEqual([]);
  });

  it("checks the expression, the time zone, the window and the name", () => {
    const s = node("schedule", "s", { name: "nightly report", expression: "cron(0 2 * * * *)", timezone: "Europe/Bonn", flexibleWindowMinutes: 1441 });
    expect(codes(design([s, node("sqs", "q")], [["s", "q"]]))).toEqual(["invalid-name@name", "invalid-schedule-expression@expression", "invalid-time-zone@timezone", "out-of-range@flexibleWindowMinutes"]);
  });

  it("wants exactly one target: an edge or a universal target", () => {
    expect(codes(design([node("schedule", "s")]))).toEqual(["unconnected-node", "schedule-without-target"]);
    expect(codes(design([node("schedule", "s", { universalTarget: { service: "sqs", action: "sendMessage" } })]))).toEqual(["unconnected-node"]);
    const two = design([node("schedule", "s"), node("sqs", "q"), node("lambda", "fn")], [["s", "q"], ["s", "fn"]]);
    expect(codes(two)).toEqual(["too-many-schedule-targets"]);
  });
});

describe("Scheduler validation: dates, target settings and groups", () => {
  const toQueue = (s: ReturnType<typeof node<"schedule">>) => design([s, node("sqs", "q")], [["s", "q"]]);

  it("wants RFC 3339 dates, the end after the start, and ignores them (with a warning) on a one-time schedule", () => {
    expect(codes(toQueue(node("schedule", "s", { startDate: "2027-01-01T00:00:00Z", endDate: "2027-06-01T00:00:00+02:00" })))).toEqual([]);
    expect(codes(toQueue(node("schedule", "s", { startDate: "2027-01-01", endDate: "next week" })))).toEqual(["invalid-date@startDate", "invalid-date@endDate"]);
    expect(codes(toQueue(node("schedule", "s", { startDate: "2027-06-01T00:00:00Z", endDate: "2027-01-01T00:00:00Z" })))).toEqual(["invalid-date@endDate"]);
    expect(codes(toQueue(node("schedule", "s", { expression: "at(2027-01-01T09:00:00)", startDate: "2027-01-01T00:00:00Z" })))).toEqual(["date-ignored@startDate"]);
  });

  it("warns that DELETE after completion never happens on a schedule that never completes", () => {
    expect(codes(toQueue(node("schedule", "s", { expression: "at(2027-01-01T09:00:00)", actionAfterCompletion: "DELETE" })))).toEqual([]);
    expect(codes(toQueue(node("schedule", "s", { expression: "rate(1 hour)", actionAfterCompletion: "DELETE", endDate: "2027-01-01T00:00:00Z" })))).toEqual([]);
    expect(codes(toQueue(node("schedule", "s", { expression: "rate(1 hour)", actionAfterCompletion: "DELETE" })))).toEqual(["never-completes@actionAfterCompletion"]);
  });

  it("checks the retry policy's ranges, the dead-letter queue, the role and the description", () => {
    const s = node("schedule", "s", {
      retryPolicy: { maximumEventAgeInSeconds: 59, maximumRetryAttempts: 186 },
      deadLetterQueueArn: "arn:aws:sns:us-east-1:123456789012:topic",
      roleArn: "arn:aws:iam::123456789012:user/me",
      description: "x".repeat(513),
    });
    expect(codes(toQueue(s))).toEqual([
      "text-too-long@description",
      "out-of-range@retryPolicy.maximumEventAgeInSeconds",
      "out-of-range@retryPolicy.maximumRetryAttempts",
      "invalid-arn@deadLetterQueueArn",
      "invalid-arn@roleArn",
    ]);
    const fine = node("schedule", "s", { retryPolicy: { maximumEventAgeInSeconds: 60, maximumRetryAttempts: 0 }, deadLetterQueueArn: "arn:aws:sqs:us-east-1:123456789012:dlq", roleArn: "arn:aws:iam::123456789012:role/scheduler" });
    expect(codes(toQueue(fine))).toEqual([]);
  });

  it("wants JSON input for Step Functions and Lambda, a JSON object for a bus, any text for a queue", () => {
    const text = { targetInput: "nightly report please" };
    expect(codes(design([node("schedule", "s", text), node("step-functions", "t")], [["s", "t"]]))).toEqual(["invalid-input@targetInput"]);
    expect(codes(design([node("schedule", "s", text), node("lambda", "t")], [["s", "t"]]))).toEqual(["invalid-input@targetInput"]);
    expect(codes(design([node("schedule", "s", { targetInput: "[1]" }), node("event-bus", "b")], [["s", "b"]]))).toEqual(["invalid-input@targetInput"]);
    expect(codes(design([node("schedule", "s", text), node("sqs", "t")], [["s", "t"]]))).toEqual([]);
    expect(codes(design([node("schedule", "s", { targetInput: "" }), node("sqs", "t")], [["s", "t"]]))).toEqual(["invalid-input@targetInput"]);
  });

  it("wants a bus target's source outside aws.*", () => {
    expect(codes(design([node("schedule", "s", { source: "aws.scheduler" }), node("event-bus", "b")], [["s", "b"]]))).toEqual(["invalid-source@source"]);
  });

  it("checks a universal target's service and action, and refuses read-only actions", () => {
    const universal = (service: string, action: string, targetInput?: string) => codes(design([node("schedule", "s", { universalTarget: { service, action }, targetInput })]));
    expect(universal("sqs", "sendMessage", '{"QueueUrl":"q","MessageBody":"b"}')).toEqual(["unconnected-node"]);
    expect(universal("SQS", "SendMessage")).toEqual(["unconnected-node", "invalid-universal-target@universalTarget.service", "invalid-universal-target@universalTarget.action"]);
    expect(universal("s3", "getObject")).toEqual(["unconnected-node", "invalid-universal-target@universalTarget.action"]);
    expect(universal("s3", "listBuckets")).toEqual(["unconnected-node", "invalid-universal-target@universalTarget.action"]);
    expect(universal("s3", "putObject", "text")).toEqual(["unconnected-node", "invalid-input@targetInput"]);
  });

  it("refuses a group named default and names used twice in one group", () => {
    expect(codes(design([node("schedule-group", "g", { name: "default" }), node("schedule", "s"), node("sqs", "q")], [["g", "s"], ["s", "q"]]))).toEqual(["reserved-group-name@name"]);
    const twice = design(
      [node("schedule-group", "g", { name: "reports" }), node("schedule", "a", { name: "nightly" }), node("schedule", "b", { name: "nightly" }), node("schedule", "c", { name: "nightly" }), node("sqs", "q")],
      [["g", "a"], ["g", "b"], ["a", "q"], ["b", "q"], ["c", "q"]],
    );
    expect(codes(twice)).toEqual(["duplicate-schedule-name@name"]);
  });
});

describe("Pipes validation", () => {
  it("finds nothing wrong in a queue read by a pipe that puts events on a bus", () => {
    const d = design([node("sqs-queue-source", "q", { reader: "pipe" }), node("pipe", "p"), node("event-bus", "b")], [["q", "p"], ["p", "b"]]);
    expect(d.edges.map((e) => e.kind)).toEqual(["feeds-pipe", "puts-events"]);
    expect(codes(d)).toEqual([]);
  });

  it("wants the source read by a pipe, one source and one target", () => {
    const d = design([node("sqs-queue-source", "q"), node("kinesis-stream-source", "k", { reader: "pipe" }), node("pipe", "p"), node("lambda", "fn"), node("sqs", "out")], [["q", "p"], ["k", "p"], ["p", "fn"], ["p", "out"]]);
    expect(codes(d)).toEqual(["stream-reader-mismatch@reader", "too-many-pipe-sources", "too-many-pipe-targets"]);
    expect(codes(design([node("pipe", "p", { name: "paid orders" })]))).toEqual(["unconnected-node", "invalid-name@name", "pipe-without-source", "pipe-without-target"]);
  });

  it("keeps the batching window within 300 seconds", () => {
    const d = design([node("sqs-queue-source", "q", { reader: "pipe", batchingWindowSeconds: 301 }), node("pipe", "p"), node("event-bus", "b")], [["q", "p"], ["p", "b"]]);
    expect(codes(d)).toEqual(["out-of-range@batchingWindowSeconds"]);
  });

  const piped = (source: DesignNode, pipe: Partial<PipeNode> = {}) => design([source, node("pipe", "p", pipe), node("event-bus", "b")], [[source.id, "p"], ["p", "b"]]);

  it("wants a batching window for SQS batches above 10 messages", () => {
    // Batch size 1 to 10,000 for every kind; above 10 SQS messages only with a window (as for Lambda's SQS mappings).
    expect(codes(piped(node("sqs-queue-source", "q", { reader: "pipe", batchSize: 100 })))).toEqual(["out-of-range@batchingWindowSeconds"]);
    expect(codes(piped(node("sqs-queue-source", "q", { reader: "pipe", batchSize: 100, batchingWindowSeconds: 1 })))).toEqual([]);
    expect(codes(piped(node("sqs-queue-source", "q", { reader: "pipe", batchSize: 10_001, batchingWindowSeconds: 1 })))).toEqual(["out-of-range@batchSize"]);
  });

  it("reads a DynamoDB stream or Kafka topic from TRIM_HORIZON or LATEST, a Kinesis stream also AT_TIMESTAMP", () => {
    expect(codes(piped(node("dynamodb-stream", "d", { reader: "pipe", startingPosition: "AT_TIMESTAMP" })))).toEqual(["out-of-range@startingPosition"]);
    expect(codes(piped(node("kafka-topic", "k", { reader: "pipe", startingPosition: "AT_TIMESTAMP" })))).toEqual(["out-of-range@startingPosition"]);
    expect(codes(piped(node("kinesis-stream-source", "s", { reader: "pipe", startingPosition: "AT_TIMESTAMP" })))).toEqual([]);
  });

  it("accepts only the filter operators Pipes supports, pointing at the operator", () => {
    const wildcard = '{"body": {"status": [{"wildcard": "PA*"}]}}';
    const [problem] = validateDesign(piped(node("sqs-queue-source", "q", { reader: "pipe", filterCriteria: ['{"body": {"status": ["PAID"]}}', wildcard] })));
    expect(problem).toMatchObject({ code: "invalid-filter-pattern", field: "filterCriteria.1", offset: wildcard.indexOf('[{"wildcard"') });
    expect(problem.message).toMatch(/^Filter 2: body.status: the wildcard operator is not supported in EventBridge Pipes filters/);
    const anythingButPrefix = '{"body": {"status": [{"anything-but": {"prefix": "PEN"}}]}}';
    expect(codes(piped(node("sqs-queue-source", "q", { reader: "pipe", filterCriteria: [anythingButPrefix] })))).toEqual(["invalid-filter-pattern@filterCriteria.0"]);
    // The same filters on an event source mapping are Lambda's, which takes them.
    const mapping = design([node("sqs-queue-source", "q", { filterCriteria: [wildcard] }), node("lambda", "fn")], [["q", "fn"]]);
    expect(codes(mapping)).toEqual([]);
  });

  it("checks the enrichment, the templates' and the description's lengths", () => {
    const source = node("sqs-queue-source", "q", { reader: "pipe" });
    const connection = { name: "crm", authorization: "API_KEY" } as const;
    const http = { type: "api-destination", name: "crm", endpoint: "http://crm.example.com/customers", method: "POST", connection } as const;
    expect(codes(piped(source, { enrichment: http }))).toEqual(["invalid-endpoint@enrichment.endpoint"]);
    expect(codes(piped(source, { enrichment: { ...http, endpoint: "https://crm.example.com/customers" } }))).toEqual([]);
    expect(codes(piped(source, { enrichment: { type: "step-functions", stateMachineName: "enrich orders" } }))).toEqual(["invalid-name@enrichment.stateMachineName"]);
    const long = { description: "d".repeat(513), targetInputTemplate: "x".repeat(8193), enrichmentInputTemplate: "x".repeat(8192) };
    expect(codes(piped(source, long))).toEqual(["text-too-long@description", "text-too-long@targetInputTemplate"]);
  });

  it("keeps a source read by a pipe that puts events on a bus directly (designs from before pipe nodes) valid", () => {
    const legacy = design([node("sqs-queue-source", "q", { reader: "pipe", filterCriteria: ['{"body": {"status": ["PAID"]}}'] }), node("event-bus", "b")], [["q", "b"]]);
    expect(legacy.edges.map((e) => e.kind)).toEqual(["puts-events"]);
    expect(codes(legacy)).toEqual([]);
  });
});
