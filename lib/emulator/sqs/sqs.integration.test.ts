/**
 * The local endpoint's SQS and STS through the unmodified AWS SDK clients: queues, messages,
 * visibility, long polling, batches, errors, the local bus delivering to a queue, and
 * GetCallerIdentity.
 */
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";

let endpoint: TestEndpoint;
const credentials = (accessKeyId = "test") => ({ accessKeyId, secretAccessKey: "test" });
let sqs: SQSClient;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  sqs = new SQSClient({ endpoint: endpoint.url, region: "us-east-1", credentials: credentials() });
});
afterAll(async () => {
  sqs.destroy();
  await endpoint.close();
});

async function attributes(url: string): Promise<Record<string, string>> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }));
  return out.Attributes ?? {};
}

describe("local SQS", () => {
  it("creates, finds, lists and deletes queues", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "orders-a" }));
    expect(QueueUrl).toBe(`${endpoint.url}/000000000000/orders-a`);
    // Creating it again with the same attributes answers the same URL.
    expect((await sqs.send(new CreateQueueCommand({ QueueName: "orders-a" }))).QueueUrl).toBe(QueueUrl);
    await sqs.send(new CreateQueueCommand({ QueueName: "orders-b" }));
    await sqs.send(new CreateQueueCommand({ QueueName: "other" }));
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: "orders-b" }))).QueueUrl).toBe(`${endpoint.url}/000000000000/orders-b`);
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "orders-" }));
    expect(listed.QueueUrls).toEqual([`${endpoint.url}/000000000000/orders-a`, `${endpoint.url}/000000000000/orders-b`]);
    const firstPage = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "orders-", MaxResults: 1 }));
    expect(firstPage.QueueUrls).toHaveLength(1);
    const secondPage = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "orders-", MaxResults: 1, NextToken: firstPage.NextToken }));
    expect(secondPage.QueueUrls).toEqual([`${endpoint.url}/000000000000/orders-b`]);
    expect(secondPage.NextToken).toBeUndefined();

    const attrs = await attributes(QueueUrl!);
    expect(attrs.QueueArn).toBe("arn:aws:sqs:us-east-1:000000000000:orders-a");
    expect(attrs.ApproximateNumberOfMessages).toBe("0");

    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    const missing = await sqs.send(new GetQueueUrlCommand({ QueueName: "orders-a" })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QueueDoesNotExist);
    const gone = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x" })).catch((e: unknown) => e);
    expect((gone as Error).name).toBe("QueueDoesNotExist");
  });

  it("keeps queues of different accounts apart (12-digit access key = account)", async () => {
    const other = new SQSClient({ endpoint: endpoint.url, region: "us-east-1", credentials: credentials("111122223333") });
    const { QueueUrl } = await other.send(new CreateQueueCommand({ QueueName: "private" }));
    expect(QueueUrl).toBe(`${endpoint.url}/111122223333/private`);
    const mine = await sqs.send(new GetQueueUrlCommand({ QueueName: "private" })).catch((e: unknown) => e);
    expect((mine as Error).name).toBe("QueueDoesNotExist");
    const named = await sqs.send(new GetQueueUrlCommand({ QueueName: "private", QueueOwnerAWSAccountId: "111122223333" }));
    expect(named.QueueUrl).toBe(QueueUrl);
    other.destroy();
  });

  it("sends, receives with visibility timeouts and deletes messages (the SDK checks the MD5s)", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "work", Attributes: { VisibilityTimeout: "1" } }));
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: '{"n":1,"text":"é ✓"}',
        MessageAttributes: { kind: { DataType: "String", StringValue: "order" }, size: { DataType: "Number", StringValue: "3" } },
      }),
    );
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    // The SDK checks the body's MD5 itself; the attributes' MD5 must come back unchanged on receive.
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    for (let n = 2; n <= 12; n++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `{"n":${n}}` }));
    expect((await attributes(QueueUrl!)).ApproximateNumberOfMessages).toBe("12");

    const first = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
    );
    expect(first.Messages).toHaveLength(10);
    expect(first.Messages![0].Body).toBe('{"n":1,"text":"é ✓"}');
    expect(first.Messages![0].MessageAttributes?.kind?.StringValue).toBe("order");
    expect(first.Messages![0].MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(first.Messages![0].Attributes?.ApproximateReceiveCount).toBe("1");
    const counts = await attributes(QueueUrl!);
    expect([counts.ApproximateNumberOfMessages, counts.ApproximateNumberOfMessagesNotVisible]).toEqual(["2", "10"]);

    // Delete three of the ten (one alone, two in a batch with one bad handle); the rest reappear.
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages![0].ReceiptHandle }));
    const batch = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: "a", ReceiptHandle: first.Messages![1].ReceiptHandle },
          { Id: "b", ReceiptHandle: first.Messages![2].ReceiptHandle },
          { Id: "c", ReceiptHandle: "not-a-handle" },
        ],
      }),
    );
    expect(batch.Successful?.map((s) => s.Id)).toEqual(["a", "b"]);
    expect(batch.Failed?.map((f) => [f.Id, f.Code])).toEqual([["c", "ReceiptHandleIsInvalid"]]);

    const rest = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(rest.Messages).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 1100));
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ["All"] }));
    expect(again.Messages).toHaveLength(9);
    expect(again.Messages!.every((m) => Number(m.Attributes?.ApproximateReceiveCount) >= 2)).toBe(true);
  });

  it("long-polls until a message arrives, and a short poll returns at once", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "poll" }));
    const started = Date.now();
    const empty = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(empty.Messages ?? []).toEqual([]);
    expect(Date.now() - started).toBeLessThan(500);

    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    setTimeout(() => void sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "late" })), 300);
    const got = await waiting;
    expect(got.Messages?.map((m) => m.Body)).toEqual(["late"]);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(3000);

    const timedOut = Date.now();
    const none = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect(none.Messages ?? []).toEqual([]);
    expect(Date.now() - timedOut).toBeGreaterThanOrEqual(950);
  });

  it("rejects what AWS rejects", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "strict" }));
    const tooMany = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })).catch((e: unknown) => e);
    expect((tooMany as Error).name).toBe("InvalidParameterValue");
    const badName = await sqs.send(new CreateQueueCommand({ QueueName: "bad name!" })).catch((e: unknown) => e);
    expect((badName as Error).name).toBe("InvalidParameterValue");
    const fifo = await sqs.send(new CreateQueueCommand({ QueueName: "f.fifo", Attributes: { FifoQueue: "true" } })).catch((e: unknown) => e);
    expect((fifo as Error).name).toBe("UnsupportedOperation");
    const clash = await sqs.send(new CreateQueueCommand({ QueueName: "strict", Attributes: { DelaySeconds: "5" } })).catch((e: unknown) => e);
    expect((clash as Error).name).toBe("QueueNameExists");
    const badPolicy = await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: "{not json" } })).catch((e: unknown) => e);
    expect((badPolicy as Error).name).toBe("InvalidAttributeValue");
    const bigBatch = await sqs
      .send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: "x" })) }))
      .catch((e: unknown) => e);
    expect((bigBatch as Error).name).toBe("TooManyEntriesInBatchRequest");
    const control = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "bad\u0001" })).catch((e: unknown) => e);
    expect((control as Error).name).toBe("InvalidMessageContents");
  });

  it("keeps a queue policy, and the local bus delivers an SQS target's events into the queue", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bus-target" }));
    const queueArn = (await attributes(QueueUrl!)).QueueArn;
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: queueArn }],
    });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: policy } }));
    expect((await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["Policy"] }))).Attributes).toEqual({ Policy: policy });

    const events = new EventBridgeClient({ endpoint: endpoint.url, region: "us-east-1", credentials: credentials() });
    await events.send(new PutRuleCommand({ Name: "to-queue", EventPattern: JSON.stringify({ source: ["shop"] }) }));
    await events.send(new PutTargetsCommand({ Rule: "to-queue", Targets: [{ Id: "q", Arn: queueArn, InputPath: "$.detail" }] }));
    await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: "shop", DetailType: "Order", Detail: '{"order":7}' },
          { Source: "elsewhere", DetailType: "Order", Detail: '{"order":8}' },
        ],
      }),
    );
    events.destroy();
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }));
    expect(got.Messages?.map((m) => JSON.parse(m.Body!))).toEqual([{ order: 7 }]);
    // The inbox record is still kept.
    const inbox = await endpoint.runtime.db.delivery.findMany({ where: { targetArn: queueArn } });
    expect(inbox.map((d) => [d.status, d.payload])).toEqual([["inbox", '{"order":7}']]);
  });
});

describe("local STS", () => {
  it("answers GetCallerIdentity with the caller's account", async () => {
    const sts = new STSClient({ endpoint: endpoint.url, region: "us-east-1", credentials: credentials() });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: "000000000000", Arn: "arn:aws:iam::000000000000:root", UserId: "000000000000" });
    sts.destroy();
    const other = new STSClient({ endpoint: endpoint.url, region: "eu-west-1", credentials: credentials("444455556666") });
    expect((await other.send(new GetCallerIdentityCommand({}))).Account).toBe("444455556666");
    other.destroy();
  });
});

describe("signatures, when the local endpoint checks them", () => {
  it("accepts SQS and STS calls signed with a configured key and refuses a wrong secret", async () => {
    const strict = await startTestEndpoint({ SWITCHYARD_BUS_KEYS: "AKIDLOCAL:right-secret" });
    try {
      const good = { endpoint: strict.url, region: "us-east-1", credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "right-secret" } };
      const bad = { ...good, credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "wrong-secret" }, maxAttempts: 1 };
      const goodSqs = new SQSClient(good);
      const { QueueUrl } = await goodSqs.send(new CreateQueueCommand({ QueueName: "signed" }));
      expect(QueueUrl).toBe(`${strict.url}/000000000000/signed`);
      const badSqs = new SQSClient(bad);
      const refused = await badSqs.send(new ListQueuesCommand({})).catch((e: unknown) => e);
      expect((refused as Error).name).toBe("InvalidSignatureException");
      const goodSts = new STSClient(good);
      expect((await goodSts.send(new GetCallerIdentityCommand({}))).Account).toBe("000000000000");
      const badSts = new STSClient(bad);
      const stsRefused = await badSts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
      expect((stsRefused as Error).name).toBe("InvalidSignatureException");
      for (const c of [goodSqs, badSqs, goodSts, badSts]) c.destroy();
    } finally {
      await strict.close();
    }
  });
});
