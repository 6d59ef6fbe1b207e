/**
 * Retry policies and dead-letter queues on the local bus, read back with the unmodified SQS SDK
 * client: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html ("Each
 * message in your DLQ will include the following custom attributes: RULE_ARN, TARGET_ARN,
 * ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS"; errors that retrying
 * cannot fix, such as a target that no longer exists, go to the DLQ without retries).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient, type Message } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../schedule";
import { retryDelay } from "./delivery";
import { startTestEndpoint } from "../test-endpoint";

const ACCOUNT = "000000000000";
const calls = new Map<string, number>();
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  // /status/<code> answers that status, every time.
  receiver = http.createServer((req, res) => {
    req.resume();
    calls.set(req.url ?? "", (calls.get(req.url ?? "") ?? 0) + 1);
    res.writeHead(Number((req.url ?? "").split("/")[2] ?? 200)).end("no");
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

/** An endpoint with SDK clients, and helpers for a rule whose one target has a dead-letter queue. */
async function bus(clock?: ManualClock) {
  const endpoint = await startTestEndpoint({ SWITCHYARD_BUS_RETRY_BASE_MS: "20", SWITCHYARD_ALLOWED_OUTBOUND_HOSTS: "127.0.0.1" }, clock);
  const options = { endpoint: endpoint.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  const eb = new EventBridgeClient(options);
  const sqs = new SQSClient(options);
  return {
    endpoint,
    eb,
    async apiDestination(name: string, path: string): Promise<string> {
      const connection = await eb.send(new CreateConnectionCommand({ Name: `${name}-c`, AuthorizationType: "API_KEY", AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "k", ApiKeyValue: "v" } } }));
      const destination = await eb.send(new CreateApiDestinationCommand({ Name: name, ConnectionArn: connection.ConnectionArn, InvocationEndpoint: `${receiverUrl}${path}`, HttpMethod: "POST" }));
      return destination.ApiDestinationArn!;
    },
    /** A rule matching source `name` with `target`, whose DLQ is the local queue `${name}-dlq`; puts one event and answers its id. */
    async putThrough(name: string, target: Omit<Target, "Id" | "DeadLetterConfig">): Promise<{ eventId: string; ruleArn: string }> {
      await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
      const { RuleArn } = await eb.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: [name] }) }));
      await eb.send(new PutTargetsCommand({ Rule: name, Targets: [{ ...target, Id: "t", Arn: target.Arn, DeadLetterConfig: { Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}-dlq` } }] }));
      const put = await eb.send(new PutEventsCommand({ Entries: [{ Source: name, DetailType: "Order", Detail: '{"order": 7}' }] }));
      return { eventId: put.Entries![0].EventId!, ruleArn: RuleArn! };
    },
    async deadLetters(name: string, waitSeconds = 10): Promise<Message[]> {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/${name}-dlq`, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds, MessageAttributeNames: ["All"] }),
      );
      return out.Messages ?? [];
    },
    async close() {
      eb.destroy();
      sqs.destroy();
      await endpoint.close();
    },
  };
}

const attributes = (message: Message) => Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue]));

describe("retry policy and dead-letter queue", () => {
  let local: Awaited<ReturnType<typeof bus>>;
  beforeAll(async () => {
    local = await bus();
  });
  afterAll(() => local.close());

  it("retries a failing target MaximumRetryAttempts times, then sends the event to the DLQ with AWS's attributes", async () => {
    const destination = await local.apiDestination("down", "/status/503");
    const { eventId, ruleArn } = await local.putThrough("flaky-orders", { Arn: destination, RetryPolicy: { MaximumRetryAttempts: 2 } });
    const [letter] = await local.deadLetters("flaky-orders");
    expect(JSON.parse(letter.Body!)).toMatchObject({ id: eventId, source: "flaky-orders", "detail-type": "Order", detail: { order: 7 } });
    expect(attributes(letter)).toEqual({
      RULE_ARN: ruleArn,
      TARGET_ARN: destination,
      ERROR_CODE: "ERROR_FROM_TARGET",
      ERROR_MESSAGE: "HTTP 503",
      EXHAUSTED_RETRY_CONDITION: "MaximumRetryAttempts",
      RETRY_ATTEMPTS: "2",
    });
    expect(Object.values(letter.MessageAttributes!).every((value) => value.DataType === "String")).toBe(true);
    expect(calls.get("/status/503")).toBe(3);
    const row = await local.endpoint.runtime.db.delivery.findFirstOrThrow({ where: { ruleArn } });
    expect(row).toMatchObject({ status: "dead-letter", attempts: 3, errorCode: "ERROR_FROM_TARGET" });
    expect(row.lastError).toContain("Sent to the dead-letter queue");
  });

  it("sends what retrying cannot fix to the DLQ at once, without an exhausted condition", async () => {
    const destination = await local.apiDestination("refuses", "/status/400");
    const refused = await local.putThrough("refused-orders", { Arn: destination });
    const [letter] = await local.deadLetters("refused-orders");
    expect(JSON.parse(letter.Body!).id).toBe(refused.eventId);
    expect(attributes(letter)).toEqual({ RULE_ARN: refused.ruleArn, TARGET_ARN: destination, ERROR_CODE: "ERROR_FROM_TARGET", ERROR_MESSAGE: "HTTP 400", RETRY_ATTEMPTS: "0" });
    expect(calls.get("/status/400")).toBe(1);

    // A target bus that does not exist: "a target resource that no longer exists".
    const missingBus = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/nowhere`;
    const lost = await local.putThrough("lost-orders", { Arn: missingBus });
    const [gone] = await local.deadLetters("lost-orders");
    expect(attributes(gone)).toMatchObject({ ERROR_CODE: "NO_RESOURCE", TARGET_ARN: missingBus, RULE_ARN: lost.ruleArn, RETRY_ATTEMPTS: "0" });
    expect(attributes(gone).ERROR_MESSAGE).toContain("does not exist");
  });

  it("calls a target that cannot be reached a connection failure", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const connection = await local.eb.send(new CreateConnectionCommand({ Name: "closed-c", AuthorizationType: "API_KEY", AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "k", ApiKeyValue: "v" } } }));
    const destination = await local.eb.send(
      new CreateApiDestinationCommand({ Name: "closed", ConnectionArn: connection.ConnectionArn, InvocationEndpoint: `http://127.0.0.1:${port}/x`, HttpMethod: "POST" }),
    );
    await local.putThrough("unreachable", { Arn: destination.ApiDestinationArn!, RetryPolicy: { MaximumRetryAttempts: 1 } });
    const [letter] = await local.deadLetters("unreachable");
    expect(attributes(letter)).toMatchObject({ ERROR_CODE: "CONNECTION_FAILURE", EXHAUSTED_RETRY_CONDITION: "MaximumRetryAttempts", RETRY_ATTEMPTS: "1" });
  });
});

describe("MaximumEventAgeInSeconds", () => {
  it("gives up when the event is older than the limit, whatever attempts are left", async () => {
    const clock = new ManualClock(Date.now());
    const local = await bus(clock);
    try {
      const destination = await local.apiDestination("slow-down", "/status/500");
      const { ruleArn } = await local.putThrough("aging-orders", { Arn: destination, RetryPolicy: { MaximumEventAgeInSeconds: 60 } });
      const row = () => local.endpoint.runtime.db.delivery.findFirstOrThrow({ where: { ruleArn } });
      const settle = async (attempts: number) => {
        for (let i = 0; i < 200 && (await row()).attempts < attempts; i++) await new Promise((r) => setTimeout(r, 25));
      };
      clock.set(Date.now());
      await settle(1);
      clock.advance(30_000);
      await settle(2);
      expect(await local.deadLetters("aging-orders", 0)).toEqual([]);
      clock.advance(31_000);
      const [letter] = await local.deadLetters("aging-orders");
      expect(attributes(letter)).toMatchObject({ ERROR_CODE: "ERROR_FROM_TARGET", EXHAUSTED_RETRY_CONDITION: "MaximumEventAgeInSeconds", RETRY_ATTEMPTS: "1" });
      expect(await row()).toMatchObject({ status: "dead-letter", attempts: 2 });
    } finally {
      await local.close();
    }
  });
});

describe("retryDelay", () => {
  it("waits a random time up to an exponential backoff that stops growing at five minutes", () => {
    expect([1, 2, 3, 4].map((retry) => retryDelay(retry, 1000, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(30, 1000, () => 1)).toBe(300_000);
    expect(retryDelay(3, 1000, () => 0.5)).toBe(2000);
    expect(retryDelay(3, 1000, () => 0)).toBe(0);
  });
});
