/**
 * "Run locally" of the Order pipeline starter, checked with the real SDK clients against the
 * local endpoint: the pipe is made on the local Pipes service (DescribePipe shows what the design
 * says), sending to the local source queue runs it, the filter reads the SQS body
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-event-filtering.html), the
 * API destination enrichment is called for real (a loopback server, allowed by the outbound
 * setting) and its answer is what the target template reads
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/pipes-enrichment.html), and the bus's
 * rule delivers the enriched order to the fulfilment queue.
 */
import { DescribePipeCommand, PipesClient } from "@aws-sdk/client-pipes";
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Design } from "../graph";
import type { PipeStep } from "../emulator/pipes/engine";
import { startTestEndpoint, type TestEndpoint } from "../emulator/test-endpoint";
import { orderPipeline } from "../starters/order-pipeline";
import { startCustomerLookup, type CustomerLookup } from "../starters/order-pipeline-crm";
import { deployDesign } from "./deploy-design";
import { sendPipeRecords } from "./pipe-records";

const ACCOUNT = "000000000000";
let endpoint: TestEndpoint;
let crm: CustomerLookup;
let pipes: PipesClient;
let sqs: SQSClient;

beforeAll(async () => {
  crm = await startCustomerLookup();
  endpoint = await startTestEndpoint({ SWITCHYARD_ALLOWED_OUTBOUND_HOSTS: "127.0.0.1" });
  const options = { endpoint: endpoint.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  pipes = new PipesClient(options);
  sqs = new SQSClient(options);
});

afterAll(async () => {
  pipes.destroy();
  sqs.destroy();
  await endpoint.close();
  await crm.close();
});

/** The starter with its CRM on the loopback server. */
function localOrderPipeline(): Design {
  const design = orderPipeline();
  return {
    ...design,
    nodes: design.nodes.map((node) => (node.kind === "pipe" && node.enrichment?.type === "api-destination" ? { ...node, enrichment: { ...node.enrichment, endpoint: crm.url } } : node)),
  };
}

async function runsOf(pipeArn: string, count: number): Promise<{ status: string; steps: PipeStep[] }[]> {
  for (let i = 0; i < 200; i++) {
    const rows = await endpoint.runtime.db.pipeRun.findMany({ where: { pipeArn }, orderBy: { id: "asc" } });
    if (rows.length >= count) return rows.map((row) => ({ status: row.status, steps: JSON.parse(row.steps) as PipeStep[] }));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${pipeArn}: fewer than ${count} runs`);
}

describe("Run locally: the Order pipeline's pipe", { timeout: 30_000 }, () => {
  it("is made on the local Pipes service and runs what is sent to the orders queue", async () => {
    // The rule's target queue: Run locally makes the pipe's queues, a rule's SQS target delivers when its queue exists here.
    await sqs.send(new CreateQueueCommand({ QueueName: "fulfilment" }));
    const report = await deployDesign(endpoint.runtime, localOrderPipeline());
    expect(report.problems).toEqual([]);
    const pipeArn = `arn:aws:pipes:us-east-1:${ACCOUNT}:pipe/paid-orders`;
    expect(report.pipes).toEqual([pipeArn]);
    expect(report.outboundHosts).toEqual([expect.objectContaining({ host: new URL(crm.url).host, nodeIds: ["paid-orders-pipe"], allowed: true })]);

    const described = await pipes.send(new DescribePipeCommand({ Name: "paid-orders" }));
    expect(described).toMatchObject({
      CurrentState: "RUNNING",
      Source: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`,
      Target: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`,
      SourceParameters: { SqsQueueParameters: { BatchSize: 10 }, FilterCriteria: { Filters: [{ Pattern: expect.stringContaining('"PAID"') }] } },
      TargetParameters: { EventBridgeEventBusParameters: { Source: "com.example.orders", DetailType: "Order Paid" } },
    });
    expect(described.Enrichment).toMatch(new RegExp(`^arn:aws:events:us-east-1:${ACCOUNT}:api-destination/customer-lookup/`));

    // Deploying again replaces the pipe: one pipe, still running.
    expect((await deployDesign(endpoint.runtime, localOrderPipeline())).pipes).toEqual([pipeArn]);

    const queueUrl = `${endpoint.url}/${ACCOUNT}/orders`;
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ orderId: "o-1", customerId: "c-42", status: "PAID", total: 980 }) }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ orderId: "o-2", customerId: "c-43", status: "PENDING", total: 45 }) }));

    const fulfilment = `${endpoint.url}/${ACCOUNT}/fulfilment`;
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: fulfilment, WaitTimeSeconds: 10 }));
    const event = JSON.parse(received.Messages?.[0]?.Body ?? "{}") as { source: string; "detail-type": string; detail: unknown };
    expect(event).toMatchObject({ source: "com.example.orders", "detail-type": "Order Paid", detail: { orderId: "o-1", total: 980, customer: { id: "c-42", tier: "gold" } } });

    const runs = await runsOf(pipeArn, 1);
    const steps = runs.flatMap((run) => run.steps);
    const dropped = steps.flatMap((s) => (s.step === "filter" ? s.dropped : []));
    expect(dropped.map((record) => JSON.parse((record as { body: string }).body) as unknown)).toEqual([expect.objectContaining({ status: "PENDING" })]);
    expect(crm.requests.map((body) => JSON.parse(body) as unknown)).toEqual([{ orderId: "o-1", customerId: "c-42", total: 980 }]);
    expect(steps.find((s) => s.step === "target")).toMatchObject({ outcome: "delivered" });
  });

  it("\"Send test records\" puts the source's samples' bodies in its queue: the pipe runs them", async () => {
    const design = localOrderPipeline();
    const pipeArn = `arn:aws:pipes:us-east-1:${ACCOUNT}:pipe/paid-orders`;
    const before = await endpoint.runtime.db.pipeRun.count({ where: { pipeArn } });
    expect(sendPipeRecords(endpoint.runtime, design, "orders-queue")).toEqual({ sourceArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`, sent: 2, pipeArns: [pipeArn] });
    const runs = (await runsOf(pipeArn, before + 1)).slice(before);
    const steps = runs.flatMap((run) => run.steps);
    const entered = steps.flatMap((s) => (s.step === "source" ? s.records : []));
    expect(entered.map((record) => (JSON.parse((record as { body: string }).body) as { orderId: string }).orderId).sort()).toEqual(["o-1001", "o-1002"]);
    expect(steps.filter((s) => s.step === "filter").flatMap((s) => (s.step === "filter" ? s.dropped : [])).map((r) => (JSON.parse((r as { body: string }).body) as { status: string }).status)).toEqual(["PENDING"]);
    expect(() => sendPipeRecords(endpoint.runtime, design, "orders-bus")).toThrow("Node orders-bus is not a source read by a pipe.");
  });
});
