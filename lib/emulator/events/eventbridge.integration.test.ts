/**
 * The local EventBridge through the real AWS SDK: buses, rules, an API destination with an input
 * transformer received by a local HTTP server, a batch with an oversized entry, the stored
 * events, retries and dead letters, the inbox, bus-to-bus across accounts, and a replay.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateApiDestinationCommand,
  CreateArchiveCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRuleNamesByTargetCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
} from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";

interface Received {
  at: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let endpoint: TestEndpoint;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
const failuresLeft = new Map<string, number>([["/flaky", 2]]);

function client(accessKeyId = "test"): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: endpoint.url,
    region: "us-east-1",
    credentials: { accessKeyId, secretAccessKey: "test" },
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  // The receiver below is on this machine, which API destinations call only when allowed.
  endpoint = await startTestEndpoint({ SWITCHYARD_BUS_RETRY_BASE_MS: "20", SWITCHYARD_ALLOWED_OUTBOUND_HOSTS: "127.0.0.1" });
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ at: Date.now(), method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const path = (req.url ?? "").split("?")[0];
      const left = failuresLeft.get(path) ?? 0;
      if (path === "/down" || left > 0) {
        failuresLeft.set(path, left - 1);
        res.writeHead(503).end("try later");
        return;
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("thanks");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await endpoint.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function apiDestination(eb: EventBridgeClient, name: string, path: string, ratePerSecond?: number): Promise<string> {
  const connection = await eb.send(
    new CreateConnectionCommand({
      Name: `${name}-connection`,
      AuthorizationType: "API_KEY",
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "x-api-key", ApiKeyValue: "not-a-real-key" } },
    }),
  );
  const destination = await eb.send(
    new CreateApiDestinationCommand({
      Name: name,
      ConnectionArn: connection.ConnectionArn,
      InvocationEndpoint: `${receiverUrl}${path}`,
      HttpMethod: "POST",
      InvocationRateLimitPerSecond: ratePerSecond,
    }),
  );
  return destination.ApiDestinationArn!;
}

describe("local EventBridge through @aws-sdk/client-eventbridge", () => {
  const eb = () => client();

  it("has the default bus from the start and creates buses with AWS ARNs", async () => {
    const buses = await eb().send(new ListEventBusesCommand({}));
    expect(buses.EventBuses?.map((b) => b.Arn)).toEqual(["arn:aws:events:us-east-1:000000000000:event-bus/default"]);
    const created = await eb().send(new CreateEventBusCommand({ Name: "orders" }));
    expect(created.EventBusArn).toBe("arn:aws:events:us-east-1:000000000000:event-bus/orders");
    const described = await eb().send(new DescribeEventBusCommand({ Name: "orders" }));
    expect(described.Name).toBe("orders");
  });

  it("delivers the transformed event to an HTTP target, keeps every accepted event, and rejects only the oversized entry", async () => {
    const destination = await apiDestination(eb(), "orders-hook", "/hook/*");
    const rule = await eb().send(
      new PutRuleCommand({
        Name: "orders-to-http",
        EventBusName: "orders",
        EventPattern: JSON.stringify({ source: ["shop"], "detail-type": ["OrderPlaced"] }),
      }),
    );
    expect(rule.RuleArn).toBe("arn:aws:events:us-east-1:000000000000:rule/orders/orders-to-http");
    await eb().send(
      new PutTargetsCommand({
        Rule: "orders-to-http",
        EventBusName: "orders",
        Targets: [
          {
            Id: "http",
            Arn: destination,
            InputTransformer: {
              InputPathsMap: { id: "$.detail.orderId", total: "$.detail.total" },
              InputTemplate: '{"order": <id>, "amount": <total>, "rule": "<aws.events.rule-name>", "line": "order <id> for <total>"}',
            },
            HttpParameters: { PathParameterValues: ["orders"], HeaderParameters: { "x-tenant": "t1" }, QueryStringParameters: { v: "2" } },
          },
          {
            Id: "queue",
            Arn: "arn:aws:sqs:us-east-1:000000000000:orders-queue",
            InputPath: "$.detail",
            SqsParameters: { MessageGroupId: "orders" },
          },
        ],
      }),
    );
    const targets = await eb().send(new ListTargetsByRuleCommand({ Rule: "orders-to-http", EventBusName: "orders" }));
    expect(targets.Targets?.map((t) => t.Id)).toEqual(["http", "queue"]);
    // Parameters the local bus does not act on still round-trip.
    expect(targets.Targets?.[1].SqsParameters).toEqual({ MessageGroupId: "orders" });
    expect(targets.Targets?.[0].HttpParameters?.PathParameterValues).toEqual(["orders"]);
    const byTarget = await eb().send(new ListRuleNamesByTargetCommand({ TargetArn: destination, EventBusName: "orders" }));
    expect(byTarget.RuleNames).toEqual(["orders-to-http"]);
    await eb().send(new CreateArchiveCommand({ ArchiveName: "orders-archive", EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/orders" }));

    const oversized = JSON.stringify({ blob: "x".repeat(1024 * 1024) });
    const put = await eb().send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: "orders", Source: "shop", DetailType: "OrderPlaced", Detail: JSON.stringify({ orderId: "o-1", total: 12.5 }) },
          { EventBusName: "orders", Source: "shop", DetailType: "OrderPlaced", Detail: oversized },
          { EventBusName: "orders", Source: "shop", DetailType: "OrderPlaced", Detail: JSON.stringify({ orderId: "o-2", total: 3 }) },
          { EventBusName: "orders", Source: "shop", DetailType: "OrderShipped", Detail: JSON.stringify({ orderId: "o-1" }) },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(1);
    expect(put.Entries?.[1]).toMatchObject({ ErrorCode: "InvalidArgument" });
    expect(put.Entries?.[1].ErrorMessage).toContain("exceeds the limit of 1048576 bytes");
    const ids = put.Entries!.filter((e) => e.EventId !== undefined).map((e) => e.EventId!);
    expect(ids).toHaveLength(3);

    // Stored before PutEvents answered.
    const stored = await endpoint.runtime.db.busEvent.findMany({ where: { eventId: { in: ids } } });
    expect(stored.map((e) => e.eventId).sort()).toEqual([...ids].sort());
    expect(JSON.parse(stored.find((e) => e.eventId === ids[0])!.body)).toMatchObject({ source: "shop", account: "000000000000", detail: { orderId: "o-1" } });

    const hooks = await waitFor("two HTTP deliveries", () => (received.filter((r) => r.url.startsWith("/hook")).length >= 2 ? received.filter((r) => r.url.startsWith("/hook")) : undefined));
    const bodies = hooks.map((h) => JSON.parse(h.body)).sort((a, b) => a.order.localeCompare(b.order));
    expect(bodies).toEqual([
      { order: "o-1", amount: 12.5, rule: "orders-to-http", line: "order o-1 for 12.5" },
      { order: "o-2", amount: 3, rule: "orders-to-http", line: "order o-2 for 3" },
    ]);
    expect(hooks[0].url).toBe("/hook/orders?v=2");
    expect(hooks[0].headers["x-tenant"]).toBe("t1");
    expect(hooks[0].method).toBe("POST");

    const deliveries = await waitFor("deliveries recorded", async () => {
      const rows = await endpoint.runtime.db.delivery.findMany({ where: { targetId: "http" } });
      return rows.length === 2 && rows.every((r) => r.status === "delivered") ? rows : undefined;
    });
    expect(deliveries.every((d) => d.attempts === 1 && d.lastStatus === 200 && d.lastResponse === "thanks")).toBe(true);

    const inbox = await endpoint.runtime.db.delivery.findMany({ where: { targetId: "queue" } });
    expect(inbox.map((d) => d.status)).toEqual(["inbox", "inbox"]);
    expect(inbox.map((d) => JSON.parse(d.payload).orderId).sort()).toEqual(["o-1", "o-2"]);

    const archive = await eb().send(new DescribeArchiveCommand({ ArchiveName: "orders-archive" }));
    expect(archive.EventCount).toBe(3);
  });

  it("retries with backoff until the endpoint recovers, and dead-letters when the retry policy runs out", async () => {
    const flaky = await apiDestination(eb(), "flaky", "/flaky");
    const down = await apiDestination(eb(), "down", "/down");
    await eb().send(new PutRuleCommand({ Name: "retries", EventPattern: JSON.stringify({ source: ["retry-test"] }) }));
    await eb().send(
      new PutTargetsCommand({
        Rule: "retries",
        Targets: [
          { Id: "flaky", Arn: flaky },
          { Id: "down", Arn: down, RetryPolicy: { MaximumRetryAttempts: 1 } },
        ],
      }),
    );
    await eb().send(new PutEventsCommand({ Entries: [{ Source: "retry-test", DetailType: "t", Detail: "{}" }] }));
    const settled = await waitFor("both deliveries to settle", async () => {
      const rows = await endpoint.runtime.db.delivery.findMany({ where: { ruleArn: { endsWith: ":rule/retries" } } });
      return rows.length === 2 && rows.every((r) => r.status !== "pending") ? rows : undefined;
    });
    const flakyRow = settled.find((r) => r.targetId === "flaky")!;
    expect(flakyRow).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200 });
    const downRow = settled.find((r) => r.targetId === "down")!;
    expect(downRow).toMatchObject({ status: "dead-letter", attempts: 2, lastStatus: 503, lastResponse: "try later" });
  });

  it("keeps to an API destination's invocation rate", async () => {
    const slow = await apiDestination(eb(), "slow", "/slow", 1);
    await eb().send(new PutRuleCommand({ Name: "rated", EventPattern: JSON.stringify({ source: ["rated"] }) }));
    await eb().send(new PutTargetsCommand({ Rule: "rated", Targets: [{ Id: "slow", Arn: slow }] }));
    const entries = [1, 2, 3].map((n) => ({ Source: "rated", DetailType: "t", Detail: JSON.stringify({ n }) }));
    await eb().send(new PutEventsCommand({ Entries: entries }));
    const calls = await waitFor("three rate-limited calls", () => {
      const slowCalls = received.filter((r) => r.url === "/slow");
      return slowCalls.length === 3 ? slowCalls : undefined;
    });
    // One call per wall-clock second: the first and the third are more than a second apart.
    expect(calls[2].at - calls[0].at).toBeGreaterThan(1000);
    // The receiver sees the third call before the dispatcher has its answer: wait for the rows to settle.
    const rows = await waitFor("three settled deliveries", async () => {
      const settled = await endpoint.runtime.db.delivery.findMany({ where: { targetId: "slow", status: { not: "pending" } } });
      return settled.length === 3 ? settled : undefined;
    });
    expect(rows.every((r) => r.status === "delivered" && r.attempts === 1)).toBe(true);
  });

  it("forwards to a bus in another account, whose own rules then deliver", async () => {
    const other = client("111111111111");
    await other.send(new CreateEventBusCommand({ Name: "partner" }));
    await other.send(new PutRuleCommand({ Name: "partner-inbox", EventBusName: "partner", EventPattern: JSON.stringify({ source: ["shop"] }) }));
    await other.send(
      new PutTargetsCommand({
        Rule: "partner-inbox",
        EventBusName: "partner",
        Targets: [{ Id: "fn", Arn: "arn:aws:lambda:us-east-1:111111111111:function:partner" }],
      }),
    );
    await eb().send(new PutRuleCommand({ Name: "to-partner", EventPattern: JSON.stringify({ source: ["shop"] }) }));
    await eb().send(
      new PutTargetsCommand({ Rule: "to-partner", Targets: [{ Id: "bus", Arn: "arn:aws:events:us-east-1:111111111111:event-bus/partner" }] }),
    );
    const put = await eb().send(new PutEventsCommand({ Entries: [{ Source: "shop", DetailType: "Ping", Detail: '{"n": 1}' }] }));
    const eventId = put.Entries![0].EventId!;
    const forwarded = await waitFor("the event on the partner bus", () =>
      endpoint.runtime.db.busEvent
        .findFirst({ where: { eventId, busArn: "arn:aws:events:us-east-1:111111111111:event-bus/partner" } })
        .then((row) => row ?? undefined),
    );
    expect(JSON.parse(forwarded.matchedRules)).toEqual(["arn:aws:events:us-east-1:111111111111:rule/partner/partner-inbox"]);
    const inbox = await endpoint.runtime.db.delivery.findFirst({ where: { eventRowId: forwarded.id } });
    expect(inbox).toMatchObject({ status: "inbox", targetArn: "arn:aws:lambda:us-east-1:111111111111:function:partner" });
  });

  it("stops an event forwarded in a loop between buses after one round", async () => {
    await eb().send(new CreateEventBusCommand({ Name: "ping" }));
    await eb().send(new CreateEventBusCommand({ Name: "pong" }));
    for (const [from, to] of [["ping", "pong"], ["pong", "ping"]]) {
      await eb().send(new PutRuleCommand({ Name: `${from}-to-${to}`, EventBusName: from, EventPattern: JSON.stringify({ source: ["loop"] }) }));
      await eb().send(
        new PutTargetsCommand({
          Rule: `${from}-to-${to}`,
          EventBusName: from,
          Targets: [{ Id: "next", Arn: `arn:aws:events:us-east-1:000000000000:event-bus/${to}` }],
        }),
      );
    }
    const put = await eb().send(new PutEventsCommand({ Entries: [{ EventBusName: "ping", Source: "loop", DetailType: "Round", Detail: "{}" }] }));
    const eventId = put.Entries![0].EventId!;
    const deliveries = await waitFor("the loop to settle", async () => {
      const rows = await endpoint.runtime.db.delivery.findMany({ where: { targetId: "next" }, orderBy: { createdAt: "asc" } });
      return rows.length >= 2 && rows.every((r) => r.status !== "pending") ? rows : undefined;
    });
    // The second hop, back to the bus the event started on, is not a delivery: it is recorded as skipped, saying why.
    expect(deliveries.map((d) => d.status)).toEqual(["delivered", "skipped"]);
    expect(deliveries[1].lastError).toContain("forwarding loop stopped");
    const copies = await endpoint.runtime.db.busEvent.findMany({ where: { eventId } });
    expect(copies.map((c) => c.busArn.split("/")[1]).sort()).toEqual(["ping", "pong"]);
  });

  it("replays archived events to the bus's rules, marked with replay-name", async () => {
    const before = received.filter((r) => r.url.startsWith("/hook")).length;
    const started = await eb().send(
      new StartReplayCommand({
        ReplayName: "again",
        EventSourceArn: "arn:aws:events:us-east-1:000000000000:archive/orders-archive",
        EventStartTime: new Date(Date.now() - 3_600_000),
        EventEndTime: new Date(),
        Destination: { Arn: "arn:aws:events:us-east-1:000000000000:event-bus/orders" },
      }),
    );
    expect(started.ReplayArn).toBe("arn:aws:events:us-east-1:000000000000:replay/again");
    const done = await waitFor("the replay to complete", async () => {
      const replay = await eb().send(new DescribeReplayCommand({ ReplayName: "again" }));
      return replay.State === "COMPLETED" ? replay : undefined;
    });
    expect(done.EventLastReplayedTime).toBeInstanceOf(Date);
    const hooks = await waitFor("replayed deliveries", () => {
      const now = received.filter((r) => r.url.startsWith("/hook"));
      return now.length >= before + 2 ? now.slice(before) : undefined;
    });
    expect(hooks.map((h) => JSON.parse(h.body).order).sort()).toEqual(["o-1", "o-2"]);
    const replayed = await endpoint.runtime.db.busEvent.findMany({ where: { replayName: "again" } });
    expect(replayed).toHaveLength(3);
    expect(JSON.parse(replayed[0].body)["replay-name"]).toBe("again");
  });
});
