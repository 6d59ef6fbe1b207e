/**
 * The Custom Event Bus on the local endpoint: publish, subscriber delivery with scoped filters
 * and transforms, pause/resume with a backlog, replay, FIFO groups, de-duplication, retention.
 * AWS's pages: eventsv2 API reference (API_PutEvents.html: EventBusArn, 1–100 entries,
 * SystemMetadata; UpdateSubscriber: State RUNNING | STOPPED, ResumePosition LAST_PROCESSED |
 * LATEST), eb-custom-bus-filtering.html (scopes ANDed, aws:DeliveryType REPLAY),
 * eb-custom-bus-transform.html (RAW, WITH_METADATA, JSONATA over $events),
 * eb-custom-bus-ordering.html (FIFO within an event group, de-duplication at publish).
 * Deliveries are read from the local record the Events page shows, and from a real local SQS
 * queue with the SDK.
 */
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueArn } from "../../arn";
import { eventDetail } from "../../explorer";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";
import { expireEvents, publishEvents, putEventBusV2, putSubscriber, replaySubscriber, setSubscriberState, type SubscriberConfig } from ".";

let endpoint: TestEndpoint;
const scope = { account: "123456789012", region: "us-east-1" };
const payment = (amount: number, extra: Record<string, unknown> = {}) => ({ source: "com.shop", detailType: "PaymentProcessed", detail: JSON.stringify({ amount, ...extra }) });

beforeAll(async () => {
  endpoint = await startTestEndpoint();
});
afterAll(() => endpoint.close());

let busCount = 0;
/** A fresh bus with one subscriber; answers their ARNs. */
async function busWith(subscriber: Partial<SubscriberConfig>, retentionDays = 7) {
  const bus = await putEventBusV2(endpoint.runtime.db, scope, `payments-${++busCount}`, retentionDays);
  const sub = await putSubscriber(endpoint.runtime.db, bus, {
    name: "rewards",
    targetArn: `arn:aws:lambda:us-east-1:123456789012:function:rewards`,
    filters: {},
    transform: { type: "RAW" },
    ordering: "UNORDERED",
    state: "RUNNING",
    ...subscriber,
  });
  return { bus, sub };
}

async function received(subscriberArn: string, status = "inbox") {
  const rows = await endpoint.runtime.db.delivery.findMany({ where: { ruleArn: subscriberArn, status }, orderBy: { id: "asc" } });
  return rows.map((row) => JSON.parse(row.payload) as unknown);
}

describe("Custom Event Bus on the local endpoint", () => {
  it("gives the bus and subscriber ARNs AWS's shape", async () => {
    const { bus, sub } = await busWith({});
    expect(bus).toMatch(/^arn:aws:events:us-east-1:123456789012:event-busv2\/payments-\d+\/[a-z0-9]{25}$/);
    expect(sub).toMatch(/^arn:aws:events:us-east-1:123456789012:subscriber\/rewards\/[a-z0-9]{25}$/);
    // Putting the same name again updates it.
    expect(await putEventBusV2(endpoint.runtime.db, scope, `payments-${busCount}`, 30)).toBe(bus);
  });

  it("delivers what passes the DATA filter, transformed by JSONata, and shows it on the Events page", async () => {
    const { bus, sub } = await busWith({
      filters: { DATA: '{"detail":{"amount":[{"numeric":[">",100]}]}}' },
      transform: { type: "JSONATA", expression: '{% { "reward": $events.Data.detail.amount / 10, "delivery": $events.SystemMetadata.`aws:DeliveryType` } %}' },
    });
    const result = await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(500), payment(50)] });
    expect(result.FailedEntryCount).toBe(0);
    expect(await received(sub)).toEqual([{ reward: 50, delivery: "LIVE" }]);

    const shown = await eventDetail(endpoint.runtime.db, result.rowIds[0]);
    expect(shown.rules).toEqual([sub]);
    expect(shown.deliveries.map((d) => [d.targetId, d.status, JSON.parse(d.payload) as unknown])).toEqual([["rewards", "inbox", { reward: 50, delivery: "LIVE" }]]);
    expect((await eventDetail(endpoint.runtime.db, result.rowIds[1])).deliveries).toEqual([]);
  });

  it("delivers Data for RAW and the whole $events for WITH_METADATA", async () => {
    const { bus, sub } = await busWith({ transform: { type: "WITH_METADATA" } });
    const { Entries } = await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [{ ...payment(7), eventGroupId: "customer-1" }] });
    const [delivered] = (await received(sub)) as { Data: { detail: unknown; id: string }; Metadata: unknown; SystemMetadata: Record<string, string> }[];
    expect(delivered.Data.detail).toEqual({ amount: 7 });
    expect(delivered.Metadata).toEqual({});
    expect(delivered.SystemMetadata).toMatchObject({ ContentType: "application/eventbridge+json", "aws:EventId": "EventId" in Entries[0] ? Entries[0].EventId : "", "aws:DeliveryType": "LIVE", EventGroupId: "customer-1" });
  });

  it("refuses entries one by one, and a subscriber its scope's profile or its target refuses", async () => {
    const { bus } = await busWith({});
    const result = await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(1), { source: "aws.s3", detailType: "x", detail: "{}" }, { source: "a", detailType: "b", detail: "[1]" }] });
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries.slice(1)).toEqual([
      { ErrorCode: "InvalidArgument", ErrorMessage: "The aws. prefix of Source is reserved for AWS services." },
      { ErrorCode: "InvalidArgument", ErrorMessage: "Detail is not a JSON object." },
    ]);
    await expect(busWith({ filters: { METADATA: '{"tenant":[{"prefix":"a"}]}' } })).rejects.toThrow("METADATA filter: tenant: the prefix operator is not supported in a METADATA filter");
    await expect(busWith({ targetArn: "arn:aws:events:us-east-1:123456789012:event-bus/classic", transform: { type: "WITH_METADATA" } })).rejects.toThrow("takes the RAW transform only");
    await expect(publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [] })).rejects.toThrow("PutEvents takes 1–100 entries, not 0.");
  });

  it("keeps a stopped subscriber's events as its backlog and delivers them on resume, oldest first, to a real queue", async () => {
    const sqs = new SQSClient({ endpoint: endpoint.url, region: "us-east-1", credentials: { accessKeyId: "123456789012", secretAccessKey: "test" } });
    await sqs.send(new CreateQueueCommand({ QueueName: "rewards-backlog" }));
    const { bus, sub } = await busWith({ targetArn: queueArn(scope, "rewards-backlog"), transform: { type: "JSONATA", expression: "{% $events.Data.detail.amount %}" } });
    await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(1)] });
    await setSubscriberState(endpoint.runtime, sub, "STOPPED");
    await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(2)] });
    await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(3)] });
    expect(await received(sub)).toEqual([1]);
    expect(await received(sub, "paused")).toEqual([2, 3]);

    expect(await setSubscriberState(endpoint.runtime, sub, "RUNNING")).toBe(2);
    expect(await received(sub)).toEqual([1, 2, 3]);
    const messages = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${endpoint.url}/123456789012/rewards-backlog`, MaxNumberOfMessages: 10 }));
    expect(messages.Messages?.map((m) => m.Body)).toEqual(["1", "2", "3"]);
  });

  it("skips the backlog when resumed at LATEST", async () => {
    const { bus, sub } = await busWith({ state: "STOPPED" });
    await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(1)] });
    await setSubscriberState(endpoint.runtime, sub, "RUNNING", "LATEST");
    await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(2)] });
    expect(await received(sub)).toEqual([expect.objectContaining({ detail: { amount: 2 } })]);
    expect(await received(sub, "skipped")).toHaveLength(1);
  });

  it("replays retained events from a point in time, marked REPLAY, to that subscriber only", async () => {
    const start = new Date();
    const { bus, sub } = await busWith({ transform: { type: "JSONATA", expression: "{% [$events.Data.detail.amount, $events.SystemMetadata.`aws:DeliveryType`] %}" } });
    await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(1)] }, new Date(start.getTime() - 60_000));
    await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(2), payment(3)] }, start);
    const other = await putSubscriber(endpoint.runtime.db, bus, { name: "audit", targetArn: "arn:aws:lambda:us-east-1:123456789012:function:audit", filters: {}, transform: { type: "RAW" }, ordering: "UNORDERED", state: "RUNNING" });

    expect(await replaySubscriber(endpoint.runtime, sub, start)).toBe(2);
    expect(await received(sub)).toEqual([[1, "LIVE"], [2, "LIVE"], [3, "LIVE"], [2, "REPLAY"], [3, "REPLAY"]]);
    expect(await received(other)).toEqual([]);
    await expect(replaySubscriber(endpoint.runtime, sub, new Date(start.getTime() - 8 * 86_400_000), start)).rejects.toThrow(/keeps events for 7 days: a replay starts at .* at the earliest/);
  });

  it("keeps each event group's order for a FIFO subscriber across a pause", async () => {
    const { bus, sub } = await busWith({ ordering: "FIFO", state: "STOPPED", transform: { type: "JSONATA", expression: "{% $events.SystemMetadata.EventGroupId & ':' & $events.Data.detail.amount %}" } });
    const entry = (group: string, amount: number) => ({ ...payment(amount), eventGroupId: group });
    const t0 = Date.now();
    await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [entry("a", 1), entry("b", 1), entry("a", 2)] }, new Date(t0));
    await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [entry("b", 2), entry("a", 3)] }, new Date(t0 + 1));
    await setSubscriberState(endpoint.runtime, sub, "RUNNING");
    const order = (await received(sub)) as string[];
    expect(order.filter((x) => x.startsWith("a:"))).toEqual(["a:1", "a:2", "a:3"]);
    expect(order.filter((x) => x.startsWith("b:"))).toEqual(["b:1", "b:2"]);
  });

  it("de-duplicates at publish for five minutes, by DeduplicationId or by content", async () => {
    const { bus, sub } = await busWith({});
    const t0 = new Date();
    const first = await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [{ ...payment(1), deduplicationId: "pay-1" }, { ...payment(9), deduplicationId: "pay-1" }] }, t0);
    const again = await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [{ ...payment(1), deduplicationId: "pay-1" }] }, new Date(t0.getTime() + 4 * 60_000));
    expect(first.Entries[1]).toEqual(first.Entries[0]);
    expect(again.Entries[0]).toEqual(first.Entries[0]);
    expect(again.rowIds).toEqual([]);
    const later = await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [{ ...payment(1), deduplicationId: "pay-1" }] }, new Date(t0.getTime() + 5 * 60_000 + 1));
    expect(later.Entries[0]).not.toEqual(first.Entries[0]);

    const content = await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(5), payment(5), payment(6)], deduplication: "CONTENT_BASED" }, t0);
    expect(content.Entries[1]).toEqual(content.Entries[0]);
    expect(content.Entries[2]).not.toEqual(content.Entries[0]);
    expect(await received(sub)).toHaveLength(4);
  });

  it("drops events past the bus's retention, with their waiting backlog", async () => {
    const { bus, sub } = await busWith({ state: "STOPPED" }, 1);
    const t0 = new Date();
    await publishEvents(endpoint.runtime, { eventBusArn: bus, entries: [payment(1)] }, t0);
    const busRow = { arn: bus, retentionDays: 1 };
    expect(await expireEvents(endpoint.runtime, busRow, new Date(t0.getTime() + 86_400_000 - 1000))).toBe(0);
    expect(await expireEvents(endpoint.runtime, busRow, new Date(t0.getTime() + 86_400_000 + 1000))).toBe(1);
    expect(await received(sub, "paused")).toEqual([]);
  });
});
