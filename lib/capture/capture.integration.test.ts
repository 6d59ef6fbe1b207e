/**
 * Capture end to end with the real SDK clients: one local endpoint plays the AWS account (bus,
 * archive, replays, SQS), a second local runtime is Switchyard's own archive. Checks exactly the
 * window's events land there as originals, the account is left as it was (capture rule, target
 * and queue removed), other rules on the bus never see the replay, and failure and cancel paths
 * clean up too.
 */
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
} from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, GetQueueAttributesCommand, ListQueuesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "@/lib/emulator/test-endpoint";
import { CaptureFailedError, captureArchive, liveCapture, type CaptureProgress } from "./capture";
import type { CaptureClients } from "./clients";
import { estimateCapture } from "./estimate";
import { storeCapturedEvent } from "./stored-events";
import { AwsCallError, describeAwsError } from "../aws/errors";

let aws: TestEndpoint;
let switchyard: TestEndpoint;
let clients: CaptureClients;
const BUS_ARN = "arn:aws:events:us-east-1:000000000000:event-bus/orders";
const FAST = { pollWaitSeconds: 0, replayPollMs: 150, drainQuietMs: 400, maxDurationMs: 20_000, ruleSettleMs: 0 };
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const windowStart = minutesAgo(60);
const windowEnd = minutesAgo(30);
let inWindowIds: string[] = [];
let watcherUrl: string;

beforeAll(async () => {
  aws = await startTestEndpoint();
  switchyard = await startTestEndpoint();
  const config = { endpoint: aws.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  clients = { events: new EventBridgeClient(config), sqs: new SQSClient(config), endpoint: aws.url };
  await clients.events.send(new CreateEventBusCommand({ Name: "orders" }));
  await clients.events.send(new CreateArchiveCommand({ ArchiveName: "orders-archive", EventSourceArn: BUS_ARN }));
  // Another rule on the bus, with its own queue: it must never receive the capture's replay.
  watcherUrl = (await clients.sqs.send(new CreateQueueCommand({ QueueName: "watcher" }))).QueueUrl!;
  const watcherArn = (await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: watcherUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn;
  await clients.events.send(new PutRuleCommand({ Name: "watch-all", EventBusName: "orders", EventPattern: JSON.stringify({ source: ["shop"] }) }));
  await clients.events.send(new PutTargetsCommand({ Rule: "watch-all", EventBusName: "orders", Targets: [{ Id: "w", Arn: watcherArn }] }));

  const entry = (minutes: number, order: number) => ({
    EventBusName: "orders",
    Source: "shop",
    DetailType: "OrderPlaced",
    Time: minutesAgo(minutes),
    Detail: `{"order":${order},"big":12345678901234567890}`,
  });
  const put = await clients.events.send(new PutEventsCommand({ Entries: [entry(70, 1), entry(50, 2), entry(45, 3), entry(40, 4), entry(5, 5)] }));
  expect(put.FailedEntryCount).toBe(0);
  const ids = put.Entries!.map((e) => e.EventId!);
  inWindowIds = [ids[1], ids[2], ids[3]];
  // An event on another bus, in the window: not in the archive.
  await clients.events.send(new PutEventsCommand({ Entries: [{ Source: "shop", DetailType: "OrderPlaced", Time: minutesAgo(50), Detail: "{}" }] }));
  // Drain the watcher's live deliveries, so anything later would be the replay leaking.
  await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: watcherUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 3600 }));
}, 30_000);

afterAll(async () => {
  clients.events.destroy();
  clients.sqs.destroy();
  await aws.close();
  await switchyard.close();
});

async function leftovers(): Promise<{ rules: string[]; queues: string[] }> {
  const rules = await clients.events.send(new ListRulesCommand({ EventBusName: "orders", NamePrefix: "switchyard-capture" }));
  const queues = await clients.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "switchyard-capture" }));
  return { rules: (rules.Rules ?? []).map((r) => r.Name!), queues: queues.QueueUrls ?? [] };
}

describe("estimateCapture", () => {
  it("reads the archive's counts and states the cost", async () => {
    const estimate = await estimateCapture(clients, "orders-archive", { from: windowStart, to: windowEnd });
    expect(estimate).toMatchObject({ busArn: BUS_ARN, busName: "orders", archiveEvents: 5, maxEvents: 5, state: "ENABLED" });
    expect(estimate.archiveBytes).toBeGreaterThan(0);
    // 5 events: 5 replayed-event charges; SQS: 5 sends + 1 receive + 1 delete + setup.
    expect(estimate.replayCostUsd).toBeCloseTo(5 / 1e6, 12);
    expect(estimate.sqsRequests).toBe(5 + 2 + 10);
    expect(estimate.costText).toMatch(/up to 5 events/);
    expect(estimate.costText).toMatch(/\$1\.00 per million/);
  });

  it("rejects a window that ends before it starts", async () => {
    await expect(estimateCapture(clients, "orders-archive", { from: windowEnd, to: windowStart })).rejects.toThrow(/from must be before to/);
  });
});

describe("captureArchive", () => {
  it("stores exactly the window's events as originals, then removes its rule, target and queue", async () => {
    const progress: CaptureProgress[] = [];
    const result = await captureArchive(
      clients,
      switchyard.runtime,
      { archiveName: "orders-archive", busName: "orders", from: windowStart, to: windowEnd },
      { timing: FAST, onProgress: (p) => progress.push(p) },
    );
    expect(result.status).toBe("completed");
    expect(result.stored).toBe(3);
    expect(result.duplicates).toBe(0);
    expect(result.cleanup.failed).toEqual([]);
    expect(result.cleanup.removed).toHaveLength(3);
    expect([...result.storedEventIds].sort()).toEqual([...inWindowIds].sort());

    const stored = await switchyard.runtime.db.busEvent.findMany({ orderBy: { id: "asc" } });
    expect(stored.map((e) => e.eventId).sort()).toEqual([...inWindowIds].sort());
    const originals = await aws.runtime.db.busEvent.findMany({ where: { eventId: { in: inWindowIds }, replayName: null, busArn: BUS_ARN } });
    for (const event of stored) {
      const original = originals.find((o) => o.eventId === event.eventId)!;
      expect(event.busArn).toBe(BUS_ARN);
      expect(event.replayName).toBeNull();
      // Byte for byte the original event (the replay's replay-name removed, the big number intact).
      expect(event.body).toBe(original.body);
      // The event's own time (AWS writes it to the second), also as the ingestion time.
      const eventTime = Date.parse((JSON.parse(original.body) as { time: string }).time);
      expect(event.time.getTime()).toBe(eventTime);
      expect(event.ingestedAt.getTime()).toBe(eventTime);
      expect(event.matchedRules).toBe("[]");
    }
    // No local deliveries were made for captured events.
    expect(await switchyard.runtime.db.delivery.count()).toBe(0);

    expect(await leftovers()).toEqual({ rules: [], queues: [] });
    expect((await clients.events.send(new ListRulesCommand({ EventBusName: "orders" }))).Rules?.map((r) => r.Name)).toEqual(["watch-all"]);
    // The replay went to the capture rule only: the other rule's queue got nothing.
    const watcher = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: watcherUrl, MaxNumberOfMessages: 10 }));
    expect(watcher.Messages ?? []).toEqual([]);

    expect(progress[0].phase).toBe("preparing");
    expect(progress.some((p) => p.phase === "replaying" && p.replayState !== undefined)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: "done", stored: 3 });
  }, 30_000);

  it("stores nothing twice when the same window is captured again", async () => {
    const result = await captureArchive(clients, switchyard.runtime, { archiveName: "orders-archive", from: windowStart, to: windowEnd }, { timing: FAST });
    expect([result.stored, result.duplicates]).toEqual([0, 3]);
    expect(await switchyard.runtime.db.busEvent.count()).toBe(3);
    expect(await leftovers()).toEqual({ rules: [], queues: [] });
  }, 30_000);

  it("knows an event already stored with milliseconds in its time: the event's own time names whole seconds", async () => {
    // PutEvents keeps the milliseconds of an entry's Time; the event JSON AWS delivers writes seconds
    // (https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html).
    const original = { id: "ms-event", source: "shop", detailType: "OrderPlaced", time: new Date("2026-11-30T10:00:00.250Z"), text: "{}" };
    expect(await storeCapturedEvent(switchyard.runtime, BUS_ARN, original)).toBe(true);
    expect(await storeCapturedEvent(switchyard.runtime, BUS_ARN, { ...original, time: new Date("2026-11-30T10:00:00Z") })).toBe(false);
    await switchyard.runtime.db.busEvent.deleteMany({ where: { eventId: "ms-event" } });
  });

  it("fails clearly for a missing archive and leaves nothing behind", async () => {
    const failure = await captureArchive(clients, switchyard.runtime, { archiveName: "no-such-archive", from: windowStart, to: windowEnd }, { timing: FAST }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AwsCallError);
    const described = describeAwsError(failure);
    expect(described.code).toBe("aws_not_found");
    expect(described.message).toContain("no-such-archive");
    expect(await leftovers()).toEqual({ rules: [], queues: [] });
  });

  it("cleans up its rule, target and queue when a step fails part-way", async () => {
    // A replay of that name already exists, so StartReplay fails after queue, rule and target exist.
    await clients.events.send(
      new StartReplayCommand({
        ReplayName: "taken-name",
        EventSourceArn: "arn:aws:events:us-east-1:000000000000:archive/orders-archive",
        EventStartTime: windowStart,
        EventEndTime: windowEnd,
        Destination: { Arn: BUS_ARN, FilterArns: ["arn:aws:events:us-east-1:000000000000:rule/orders/watch-all-missing"] },
      }),
    );
    const failure = await captureArchive(
      clients,
      switchyard.runtime,
      { archiveName: "orders-archive", from: windowStart, to: windowEnd },
      { timing: FAST, captureName: "taken-name" },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CaptureFailedError);
    const failed = failure as CaptureFailedError;
    expect(describeAwsError(failed.original).code).toBe("aws_conflict");
    expect(failed.message).toMatch(/StartReplay/);
    expect(failed.cleanup.failed).toEqual([]);
    expect(failed.cleanup.removed).toEqual(["target switchyard-capture of rule taken-name", "rule taken-name", "queue taken-name"]);
    const rules = await clients.events.send(new ListRulesCommand({ EventBusName: "orders", NamePrefix: "taken-name" }));
    expect(rules.Rules ?? []).toEqual([]);
    expect((await clients.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "taken-name" }))).QueueUrls).toBeUndefined();
  }, 30_000);

  it("can be cancelled while replaying, and still cleans up", async () => {
    const controller = new AbortController();
    const result = await captureArchive(
      clients,
      switchyard.runtime,
      { archiveName: "orders-archive", from: windowStart, to: windowEnd },
      {
        timing: { ...FAST, replayPollMs: 60_000 },
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === "replaying") controller.abort();
        },
      },
    );
    expect(result.status).toBe("cancelled");
    expect(result.cleanup.failed).toEqual([]);
    expect(await leftovers()).toEqual({ rules: [], queues: [] });
  }, 30_000);
});

describe("captureArchive cancelled mid-replay", () => {
  it("cancels its replay, removes rule and queue, and keeps what it stored", async () => {
    const controller = new AbortController();
    const result = await captureArchive(
      clients,
      switchyard.runtime,
      { archiveName: "orders-archive", from: windowStart, to: windowEnd },
      {
        timing: FAST,
        captureName: "cancel-mid-replay",
        signal: controller.signal,
        onProgress: (p) => {
          if (p.replayState !== undefined) controller.abort();
        },
      },
    );
    expect(result.status).toBe("cancelled");
    expect(result.cleanup.failed).toEqual([]);
    expect(result.cleanup.removed).toEqual([
      "replay cancel-mid-replay (cancel)",
      "target switchyard-capture of rule cancel-mid-replay",
      "rule cancel-mid-replay",
      "queue cancel-mid-replay",
    ]);
    const replay = await aws.runtime.db.busReplay.findFirstOrThrow({ where: { name: "cancel-mid-replay" } });
    expect(["CANCELLING", "CANCELLED", "COMPLETED"]).toContain(replay.state);
    expect((await clients.events.send(new ListRulesCommand({ EventBusName: "orders", NamePrefix: "cancel-mid" }))).Rules ?? []).toEqual([]);
  }, 30_000);
});

describe("liveCapture", () => {
  it("stores the bus's events that arrive while it listens, then removes its rule and queue", async () => {
    const until = new Date(Date.now() + 1500);
    const listening = liveCapture(
      clients,
      switchyard.runtime,
      { busName: "orders", pattern: JSON.stringify({ "detail-type": ["Live"] }), until },
      { timing: FAST },
    );
    await new Promise((r) => setTimeout(r, 400));
    const rules = await clients.events.send(new ListRulesCommand({ EventBusName: "orders", NamePrefix: "switchyard-capture" }));
    expect(rules.Rules).toHaveLength(1);
    const targets = await clients.events.send(new ListTargetsByRuleCommand({ Rule: rules.Rules![0].Name!, EventBusName: "orders" }));
    expect(targets.Targets?.[0].Arn).toMatch(/^arn:aws:sqs:us-east-1:000000000000:switchyard-capture-/);
    const put = await clients.events.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: "orders", Source: "shop", DetailType: "Live", Detail: '{"n":1}' },
          { EventBusName: "orders", Source: "shop", DetailType: "Other", Detail: '{"n":2}' },
        ],
      }),
    );
    const result = await listening;
    expect(result.status).toBe("completed");
    expect(result.storedEventIds).toEqual([put.Entries![0].EventId]);
    const row = await switchyard.runtime.db.busEvent.findFirstOrThrow({ where: { eventId: put.Entries![0].EventId } });
    expect(JSON.parse(row.body)).toMatchObject({ "detail-type": "Live", detail: { n: 1 } });
    expect(await leftovers()).toEqual({ rules: [], queues: [] });
  }, 30_000);
});
