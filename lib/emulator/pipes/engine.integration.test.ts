/**
 * Pipes at work on the local endpoint (real SQLite, real local SQS, real HTTP for the API
 * destination, the real PutEvents ingest): source → filter → enrichment → target with every step
 * stored. AWS behaviour asserted:
 * - filters see an SQS `body` parsed, a Kinesis `data` decoded
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-event-filtering.html);
 * - enrichment answers replace the events, an empty answer invokes no target
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/pipes-enrichment.html);
 * - InputTemplate `<$.path>` and `<aws.pipes.*>` placeholders, with the SQS body parsed implicitly
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-input-transformation.html);
 * - starting positions and BatchSize per source kind
 *   (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_PipeSourceKinesisStreamParameters.html).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { CreateApiDestinationCommand, CreateConnectionCommand, PutRuleCommand, PutTargetsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pipeArn } from "../../arn";
import { encodeBase64Utf8 } from "../../streams/base64";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";
import type { PipeStep } from "./engine";
import type { PipeRow } from "./service";

const ACCOUNT = "000000000000";
const SCOPE = { account: ACCOUNT, region: "us-east-1" };
const queueArnOf = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

let endpoint: TestEndpoint;
let eb: EventBridgeClient;
let sqs: SQSClient;
let enricher: http.Server;
let enricherUrl: string;
const enrichmentBodies: string[] = [];

beforeAll(async () => {
  // Answers an order with its customer tier; order 0 with nothing (the enrichment drops it).
  enricher = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      enrichmentBodies.push(body);
      const order = JSON.parse(body) as { id: number };
      res.writeHead(200, { "content-type": "application/json" }).end(order.id === 0 ? "{}" : JSON.stringify({ id: order.id, tier: "gold" }));
    });
  });
  await new Promise<void>((resolve) => enricher.listen(0, "127.0.0.1", resolve));
  enricherUrl = `http://127.0.0.1:${(enricher.address() as AddressInfo).port}/enrich`;
  endpoint = await startTestEndpoint({ SWITCHYARD_ALLOWED_OUTBOUND_HOSTS: "127.0.0.1" });
  eb = endpoint.eventBridgeClient();
  sqs = new SQSClient({ endpoint: endpoint.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
});

afterAll(async () => {
  enricher.closeAllConnections();
  await new Promise<void>((resolve) => enricher.close(() => resolve()));
  for (const client of [eb, sqs]) client.destroy();
  await endpoint.close();
});

async function createPipe(name: string, fields: Partial<PipeRow> & Pick<PipeRow, "source" | "target">): Promise<PipeRow> {
  const row = await endpoint.runtime.db.pipe.create({
    data: {
      arn: pipeArn(SCOPE, name),
      account: ACCOUNT,
      name,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/pipe`,
      desiredState: "RUNNING",
      currentState: "RUNNING",
      sourceParameters: fields.sourceParameters ?? "{}",
      enrichment: fields.enrichment ?? null,
      enrichmentParameters: fields.enrichmentParameters ?? null,
      source: fields.source,
      target: fields.target,
      targetParameters: fields.targetParameters ?? null,
    },
  });
  endpoint.runtime.pipes.run(row);
  return row;
}

async function runsOf(arn: string, count: number): Promise<{ status: string; steps: PipeStep[] }[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await endpoint.runtime.db.pipeRun.findMany({ where: { pipeArn: arn }, orderBy: { id: "asc" } });
    if (rows.length >= count) return rows.map((row) => ({ status: row.status, steps: JSON.parse(row.steps) as PipeStep[] }));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${arn}: fewer than ${count} runs`);
}

const step = <K extends PipeStep["step"]>(steps: PipeStep[], kind: K) => steps.find((s): s is Extract<PipeStep, { step: K }> => s.step === kind);

describe("a pipe from an SQS queue", { timeout: 20_000 }, () => {
  it("filters on the parsed body, enriches through an API destination, templates, and puts on a bus whose rule delivers", async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
    await sqs.send(new CreateQueueCommand({ QueueName: "paid-orders" }));
    const connection = await eb.send(new CreateConnectionCommand({ Name: "crm", AuthorizationType: "API_KEY", AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "k", ApiKeyValue: "v" } } }));
    const destination = await eb.send(new CreateApiDestinationCommand({ Name: "crm", ConnectionArn: connection.ConnectionArn, InvocationEndpoint: enricherUrl, HttpMethod: "POST" }));
    const busArn = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`;
    await eb.send(new PutRuleCommand({ Name: "paid", EventPattern: JSON.stringify({ source: ["Pipe orders-pipe"], detail: { tier: ["gold"] } }) }));
    await eb.send(new PutTargetsCommand({ Rule: "paid", Targets: [{ Id: "q", Arn: queueArnOf("paid-orders") }] }));

    const pipe = await createPipe("orders-pipe", {
      source: queueArnOf("orders"),
      sourceParameters: JSON.stringify({
        SqsQueueParameters: { BatchSize: 10, MaximumBatchingWindowInSeconds: 1 },
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { status: ["PAID"] } }) }] },
      }),
      enrichment: destination.ApiDestinationArn!,
      enrichmentParameters: JSON.stringify({ InputTemplate: '{"id": <$.body.id>, "pipe": "<aws.pipes.pipe-name>"}' }),
      target: busArn,
      targetParameters: JSON.stringify({ InputTemplate: '{"order": <$.id>, "tier": "<$.tier>"}' }),
    });
    const url = `${endpoint.url}/${ACCOUNT}/orders`;
    for (const [id, status] of [[1, "PAID"], [2, "NEW"], [0, "PAID"], [3, "PAID"]] as const) {
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ id, status }) }));
    }

    const [run] = await runsOf(pipe.arn, 1);
    expect(run.status).toBe("delivered");
    expect(step(run.steps, "source")?.records).toHaveLength(4);
    const filter = step(run.steps, "filter")!;
    expect(filter.passed).toBe(3);
    expect(filter.dropped.map((record) => (record as { body: string }).body)).toEqual(['{"id":2,"status":"NEW"}']);
    // One call per event (API destinations take no batches), each through the enrichment's template.
    expect(enrichmentBodies.map((body) => JSON.parse(body) as unknown)).toEqual([
      { id: 1, pipe: "orders-pipe" },
      { id: 0, pipe: "orders-pipe" },
      { id: 3, pipe: "orders-pipe" },
    ]);
    // Order 0's empty answer drops it; the target gets the others, templated from the answers.
    expect(step(run.steps, "target")).toMatchObject({ outcome: "delivered", payloads: ['{"order": 1, "tier": "gold"}', '{"order": 3, "tier": "gold"}'] });

    const delivered = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/paid-orders`, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }));
    const events = (delivered.Messages ?? []).map((m) => JSON.parse(m.Body!) as { source: string; "detail-type": string; detail: unknown });
    expect(events.map((e) => [e.source, e["detail-type"], e.detail])).toEqual([
      ["Pipe orders-pipe", "Event from aws:sqs", { order: 1, tier: "gold" }],
      ["Pipe orders-pipe", "Event from aws:sqs", { order: 3, tier: "gold" }],
    ]);
    // Consumed, filtered ones included: the source queue is empty.
    expect(endpoint.runtime.queues.byArn(queueArnOf("orders"))!.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    await endpoint.runtime.pipes.halt(pipe.arn);
  });

  it("stops at a Lambda target without a Lambda endpoint and records what the function would have received", async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: "to-lambda" }));
    const pipe = await createPipe("lambda-pipe", { source: queueArnOf("to-lambda"), target: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:handler` });
    await sqs.send(new SendMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/to-lambda`, MessageBody: "plain text" }));
    const [run] = await runsOf(pipe.arn, 1);
    expect(run.status).toBe("stopped");
    const target = step(run.steps, "target")!;
    expect(target.outcome).toBe("not-invoked");
    expect(target.detail).toMatch(/SWITCHYARD_LAMBDA_ENDPOINT/);
    // Lambda gets the batch as one array of SQS records.
    const [batch] = target.payloads.map((p) => JSON.parse(p) as { body: string; eventSource: string; eventSourceARN: string }[]);
    expect(batch).toMatchObject([{ body: "plain text", eventSource: "aws:sqs", eventSourceARN: queueArnOf("to-lambda") }]);
    await endpoint.runtime.pipes.halt(pipe.arn);
  });
});

describe("a Lambda enrichment through a Lambda-compatible endpoint (as `sam local start-lambda` serves)", { timeout: 20_000 }, () => {
  it("invokes the function with the batch through @aws-sdk/client-lambda and sends its answer on", async () => {
    // Stands in for the user's function: Lambda's Invoke API, answering each order with a total.
    const invoked: { path: string; body: string }[] = [];
    const lambda = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        invoked.push({ path: req.url ?? "", body });
        const batch = JSON.parse(body) as { body: string }[];
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(batch.map((r) => ({ total: (JSON.parse(r.body) as { n: number }).n * 10 }))));
      });
    });
    await new Promise<void>((resolve) => lambda.listen(0, "127.0.0.1", resolve));
    const lambdaUrl = `http://127.0.0.1:${(lambda.address() as AddressInfo).port}`;
    const withLambda = await startTestEndpoint({ SWITCHYARD_LAMBDA_ENDPOINT: lambdaUrl });
    try {
      const queues = withLambda.runtime.queues;
      queues.create(ACCOUNT, "in", {});
      const out = queues.create(ACCOUNT, "out", {});
      const row = await withLambda.runtime.db.pipe.create({
        data: {
          arn: pipeArn(SCOPE, "priced"),
          account: ACCOUNT,
          name: "priced",
          roleArn: `arn:aws:iam::${ACCOUNT}:role/pipe`,
          desiredState: "RUNNING",
          currentState: "RUNNING",
          source: queueArnOf("in"),
          sourceParameters: JSON.stringify({ SqsQueueParameters: { BatchSize: 2, MaximumBatchingWindowInSeconds: 1 } }),
          enrichment: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:price`,
          target: queueArnOf("out"),
        },
      });
      withLambda.runtime.pipes.run(row);
      queues.byArn(queueArnOf("in"))!.send('{"n":1}', { senderId: "test" });
      queues.byArn(queueArnOf("in"))!.send('{"n":2}', { senderId: "test" });
      const received = await out.receive({ max: 10, waitSeconds: 5 });
      expect(invoked.map((call) => call.path)).toEqual(["/2015-03-31/functions/price/invocations"]);
      expect((JSON.parse(invoked[0].body) as { body: string }[]).map((r) => r.body)).toEqual(['{"n":1}', '{"n":2}']);
      // The answer's array is two events; an SQS target takes them one message each.
      expect(received.map((m) => m.body).sort()).toEqual(['{"total":10}', '{"total":20}']);
    } finally {
      await withLambda.close();
      lambda.closeAllConnections();
      await new Promise<void>((resolve) => lambda.close(() => resolve()));
    }
  });
});

describe("a pipe from a Kinesis stream (test records)", { timeout: 20_000 }, () => {
  const stream = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/clicks`;
  const record = (page: string) => ({ partitionKey: "p", data: encodeBase64Utf8(JSON.stringify({ page })) });

  it("reads from its starting position, in batches of BatchSize, filtering on the decoded data", async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: "clicks" }));
    endpoint.runtime.pipes.putTestRecords(stream, [record("/before")]);
    const parameters = (position: string) =>
      JSON.stringify({
        KinesisStreamParameters: { StartingPosition: position, BatchSize: 2 },
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ data: { page: [{ prefix: "/" }] } }) }] },
      });
    const latest = await createPipe("clicks-latest", { source: stream, sourceParameters: parameters("LATEST"), target: queueArnOf("clicks") });
    const horizon = await createPipe("clicks-horizon", { source: stream, sourceParameters: parameters("TRIM_HORIZON"), target: queueArnOf("clicks") });
    endpoint.runtime.pipes.putTestRecords(stream, [record("/a"), record("/b"), { partitionKey: "p", data: encodeBase64Utf8("not json") }]);
    await endpoint.runtime.pipes.settled();

    const latestRuns = await runsOf(latest.arn, 2);
    expect(latestRuns.map((r) => step(r.steps, "source")!.records.length)).toEqual([2, 1]);
    expect(latestRuns.map((r) => r.status)).toEqual(["delivered", "filtered"]);
    // The decoded data a path can read; what the target gets still has it base64, as the source sent it.
    const delivered = step(latestRuns[0].steps, "target")!.payloads.map((p) => JSON.parse(p) as { data: string; eventSource: string });
    expect(delivered.map((r) => [r.eventSource, r.data])).toEqual([
      ["aws:kinesis", encodeBase64Utf8('{"page":"/a"}')],
      ["aws:kinesis", encodeBase64Utf8('{"page":"/b"}')],
    ]);
    // TRIM_HORIZON reads the record put before it started at once (no batching window), then the rest.
    const horizonRuns = await runsOf(horizon.arn, 3);
    expect(horizonRuns.map((r) => step(r.steps, "source")!.records.length)).toEqual([1, 2, 1]);
    await endpoint.runtime.pipes.halt(latest.arn);
    await endpoint.runtime.pipes.halt(horizon.arn);
  });
});
