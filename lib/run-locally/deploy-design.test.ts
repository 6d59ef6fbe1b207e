/** "Run locally": a design's buses, rules and targets on the local EventBridge, checked with the SDK. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DescribeApiDestinationCommand, DescribeArchiveCommand, ListRulesCommand, ListTargetsByRuleCommand, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { design, node, patternRule } from "../graph/test-fixtures";
import { deployDesign } from "./deploy-design";
import { targetIdFor } from "./design-path";
import { sendTestEvent } from "./test-event";
import { startTestEndpoint, type TestEndpoint } from "../emulator/test-endpoint";

let endpoint: TestEndpoint;
let receiver: http.Server;
let receiverUrl: string;
const bodies: string[] = [];

beforeAll(async () => {
  // The receiver is on this machine, which API destinations call only when allowed.
  endpoint = await startTestEndpoint({ SWITCHYARD_ALLOWED_OUTBOUND_HOSTS: "127.0.0.1" });
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      bodies.push(body);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await endpoint.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function orderDesign(withQueue: boolean) {
  const bus = node("event-bus", "bus-orders", { name: "orders", variant: "custom", archive: { name: "orders-all", pattern: "", retentionDays: 7 } });
  const rule = patternRule("rule-paid", JSON.stringify({ source: ["shop"], "detail-type": ["OrderPaid"] }), { name: "paid" });
  const hook = node("api-destination", "hook node", {
    name: "paid-hook",
    endpoint: receiverUrl,
    method: "POST",
    connection: { name: "hook-conn", authorization: "API_KEY" },
    invocationRateLimitPerSecond: 20,
    input: { type: "input-transformer", inputPathsMap: { id: "$.detail.id" }, inputTemplate: '{"paid": <id>}' },
  });
  const queue = node("sqs", "queue", { queueName: "paid-orders" });
  const orphan = patternRule("rule-orphan", JSON.stringify({ source: ["x"] }), { name: "orphan" });
  const links: [string, string][] = [
    ["bus-orders", "rule-paid"],
    ["rule-paid", "hook node"],
    ...(withQueue ? ([["rule-paid", "queue"]] as [string, string][]) : []),
  ];
  return design([bus, rule, hook, ...(withQueue ? [queue] : []), orphan], links);
}

describe("deployDesign", () => {
  const eb = () => endpoint.eventBridgeClient();

  it("creates the buses, archive, rules and targets, which then deliver", async () => {
    const report = await deployDesign(endpoint.runtime, orderDesign(true));
    expect(report.buses).toContain("arn:aws:events:us-east-1:000000000000:event-bus/orders");
    expect(report.rules).toEqual(["arn:aws:events:us-east-1:000000000000:rule/orders/paid"]);
    expect(report.targets).toBe(2);
    expect(report.problems).toEqual([{ nodeId: "rule-orphan", message: "Rule orphan is fed by no event bus and is left out." }]);
    expect(report.outboundHosts).toEqual([{ host: new URL(receiverUrl).host, nodeIds: ["hook node"], allowed: true }]);

    const rules = await eb().send(new ListRulesCommand({ EventBusName: "orders" }));
    expect(rules.Rules?.map((r) => r.Name)).toEqual(["paid"]);
    const targets = await eb().send(new ListTargetsByRuleCommand({ Rule: "paid", EventBusName: "orders" }));
    expect(targets.Targets?.map((t) => [t.Id, t.Arn?.split(":")[2]])).toEqual([
      [targetIdFor("hook node"), "events"],
      ["queue", "sqs"],
    ]);
    expect((await eb().send(new DescribeArchiveCommand({ ArchiveName: "orders-all" }))).RetentionDays).toBe(7);
    expect(await eb().send(new DescribeApiDestinationCommand({ Name: "paid-hook" }))).toMatchObject({ ApiDestinationState: "ACTIVE", HttpMethod: "POST", InvocationRateLimitPerSecond: 20 });

    await eb().send(new PutEventsCommand({ Entries: [{ EventBusName: "orders", Source: "shop", DetailType: "OrderPaid", Detail: '{"id": "o-9"}' }] }));
    for (let i = 0; i < 200 && bodies.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(bodies.map((b) => JSON.parse(b))).toEqual([{ paid: "o-9" }]);
    // A first deploy and the SDK's first calls take seconds on a loaded machine.
  }, 20_000);

  it("deploying again updates in place and removes targets the design dropped", async () => {
    const report = await deployDesign(endpoint.runtime, orderDesign(false));
    expect(report.targets).toBe(1);
    const targets = await eb().send(new ListTargetsByRuleCommand({ Rule: "paid", EventBusName: "orders" }));
    expect(targets.Targets?.map((t) => t.Id)).toEqual([targetIdFor("hook node")]);
    expect(targetIdFor("hook node")).toBe("hook-node");
  });

  it("reports AWS's error for a rule it cannot create, and deploys the rest", async () => {
    const bad = orderDesign(false);
    const broken = bad.nodes.map((n) => (n.kind === "rule" && n.id === "rule-paid" ? { ...n, trigger: { type: "pattern" as const, pattern: '{"source": "shop"}' } } : n));
    const report = await deployDesign(endpoint.runtime, { ...bad, nodes: broken });
    expect(report.problems.find((p) => p.nodeId === "rule-paid")?.message).toMatch(/^InvalidEventPatternException: Event pattern is not valid/);
    expect(report.buses).toHaveLength(1);
  });

  it("deploys a Custom Event Bus with its subscribers and sends a producer's event through them", async () => {
    const subscriber = node("subscriber", "sub", {
      name: "big-payments",
      filters: { DATA: '{"detail":{"amount":[{"numeric":[">",100]}]}}' },
      transform: { type: "JSONATA", expression: "{% { \"reward\": $events.Data.detail.amount / 10 } %}" },
    });
    const producer = node("custom-app", "shop", { name: "Shop", source: "shop", detailTypes: ["PaymentProcessed"] });
    const d = {
      ...design([node("eventsv2-bus", "v2", { name: "payments-v2" }), subscriber, node("sqs", "q", { queueName: "v2-rewards" }), producer, node("eventsv2-source", "src")], [["shop", "v2"], ["v2", "sub"], ["sub", "q"]]),
      samples: [{ id: "s1", name: "big", producer: "shop", event: '{"source":"shop","detail-type":"PaymentProcessed","detail":{"amount":500}}' }],
    };
    const report = await deployDesign(endpoint.runtime, d);
    expect(report.problems).toEqual([{ nodeId: "src", message: "The local endpoint produces no AWS service or partner events: this event source is not deployed." }]);
    expect(report.newBuses).toEqual([expect.stringMatching(/:event-busv2\/payments-v2\/[a-z0-9]{25}$/)]);
    expect(report.subscribers).toEqual([expect.stringMatching(/:subscriber\/big-payments\/[a-z0-9]{25}$/)]);

    const sqs = new SQSClient({ endpoint: endpoint.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "v2-rewards" }));
    const [path] = await sendTestEvent(endpoint.runtime, d, "shop");
    expect(path.matchedRules).toEqual(report.subscribers);
    expect(path.deliveries).toEqual([{ ruleArn: report.subscribers[0], targetId: "big-payments", targetArn: "arn:aws:sqs:us-east-1:000000000000:v2-rewards", status: "inbox" }]);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(Messages?.map((m) => m.Body)).toEqual(['{"reward":50}']);

    // Deploying again without the subscriber removes it.
    const again = await deployDesign(endpoint.runtime, { ...d, nodes: d.nodes.filter((n) => n.id !== "sub"), edges: d.edges.filter((e) => e.source !== "sub" && e.target !== "sub") });
    expect(again.newBuses).toEqual(report.newBuses);
    expect(await endpoint.runtime.db.busSubscriber.count({ where: { busArn: report.newBuses[0] } })).toBe(0);
  });

  it("sends a producer's test event and reports the path it took", async () => {
    const base = orderDesign(true);
    const producer = node("custom-app", "shop-app", { name: "Shop", source: "shop", detailTypes: ["OrderPaid"] });
    const withProducer = { ...base, nodes: [...base.nodes, producer], edges: [...base.edges, { id: "p", kind: "puts-events" as const, source: "shop-app", target: "bus-orders" }] };
    await deployDesign(endpoint.runtime, withProducer);
    const [path] = await sendTestEvent(endpoint.runtime, withProducer, "shop-app");
    expect(path.busArn).toBe("arn:aws:events:us-east-1:000000000000:event-bus/orders");
    expect(path.matchedRules).toEqual(["arn:aws:events:us-east-1:000000000000:rule/orders/paid"]);
    expect(path.deliveries.map((d) => [d.targetId, d.status]).sort()).toEqual([
      ["hook-node", "pending"],
      ["queue", "inbox"],
    ]);
    await expect(sendTestEvent(endpoint.runtime, withProducer, "rule-paid")).rejects.toThrow(/does not put events on a bus/);
  });

  it("sends the chosen sample of a producer (source, detail-type, resources and detail from it; fresh id and time)", async () => {
    const base = orderDesign(true);
    const fn = node("lambda", "payments-fn", { functionName: "payments" });
    const paid = (detail: unknown, source = "shop") =>
      JSON.stringify({ version: "0", id: "fixed-id", "detail-type": "OrderPaid", source, account: "123456789012", time: "2026-01-01T00:00:00Z", region: "eu-west-1", resources: ["arn:aws:x:::order/9"], detail }).replace("9.5", "9.50");
    const withFn = {
      ...base,
      nodes: [...base.nodes, fn],
      edges: [...base.edges, { id: "p", kind: "puts-events" as const, source: "payments-fn", target: "bus-orders" }],
      samples: [
        { id: "paid", name: "Paid", producer: "payments-fn", event: paid({ id: "o-42", total: 9.5 }) },
        { id: "elsewhere", name: "Elsewhere", producer: "payments-fn", event: paid({ id: "o-43" }, "other") },
        { id: "broken", name: "Broken", producer: "payments-fn", event: '{"detail-type": "x"}' },
      ],
    };
    await deployDesign(endpoint.runtime, withFn);
    const [first] = await sendTestEvent(endpoint.runtime, withFn, "payments-fn");
    expect(first.matchedRules).toEqual(["arn:aws:events:us-east-1:000000000000:rule/orders/paid"]);
    const stored = await endpoint.runtime.db.busEvent.findFirstOrThrow({ where: { eventId: first.eventId } });
    const event = JSON.parse(stored.body);
    expect(event).toMatchObject({ source: "shop", "detail-type": "OrderPaid", account: "000000000000", region: "us-east-1", resources: ["arn:aws:x:::order/9"], detail: { id: "o-42", total: 9.5 } });
    expect(event.id).not.toBe("fixed-id");
    expect(stored.body).toContain('"total":9.50}'); // the detail as written, number lexemes included

    const [other] = await sendTestEvent(endpoint.runtime, withFn, "payments-fn", "elsewhere");
    expect(other.matchedRules).toEqual([]);
    await expect(sendTestEvent(endpoint.runtime, withFn, "payments-fn", "broken")).rejects.toThrow('Sample "Broken" has no source.');
    await expect(sendTestEvent(endpoint.runtime, withFn, "payments-fn", "nope")).rejects.toThrow("Node payments-fn sends no sample nope.");
    const noSamples = { ...withFn, samples: [] };
    await expect(sendTestEvent(endpoint.runtime, noSamples, "payments-fn")).rejects.toThrow(/has no sample event to send/);
  });
});

describe("the hosts a design calls", () => {
  const eb = () => endpoint.eventBridgeClient();

  it("are listed with the outbound policy's verdict, and a refused one is never called: its deliveries dead-letter at once", async () => {
    const bus = node("event-bus", "bus-hooks", { name: "hooks", variant: "custom" });
    const rule = patternRule("rule-hooks", JSON.stringify({ source: ["hooks"] }), { name: "all-hooks" });
    const destination = (id: string, endpointUrl: string) =>
      node("api-destination", id, { name: id, endpoint: endpointUrl, method: "POST", connection: { name: "hooks-conn", authorization: "API_KEY" } });
    const metadata = destination("metadata", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
    // The receiver again, by a name the settings do not allow (they allow 127.0.0.1).
    const byName = destination("by-name", receiverUrl.replace("127.0.0.1", "localhost"));
    const report = await deployDesign(endpoint.runtime, design([bus, rule, metadata, byName], [["bus-hooks", "rule-hooks"], ["rule-hooks", "metadata"], ["rule-hooks", "by-name"]]));
    expect(report.outboundHosts).toEqual([
      { host: "169.254.169.254", nodeIds: ["metadata"], allowed: false, reason: "169.254.169.254 is a cloud metadata service address, which Switchyard never calls" },
      {
        host: new URL(receiverUrl).host.replace("127.0.0.1", "localhost"),
        nodeIds: ["by-name"],
        allowed: false,
        reason: expect.stringMatching(/^localhost \((127\.0\.0\.1|::1)\) is on this machine; add the host to SWITCHYARD_ALLOWED_OUTBOUND_HOSTS/),
      },
    ]);

    const received = bodies.length;
    await eb().send(new PutEventsCommand({ Entries: [{ EventBusName: "hooks", Source: "hooks", DetailType: "Ping", Detail: "{}" }] }));
    const deliveries = async () => endpoint.runtime.db.delivery.findMany({ where: { ruleArn: { endsWith: "rule/hooks/all-hooks" } } });
    for (let i = 0; i < 200 && (await deliveries()).some((d) => d.status === "pending"); i++) await new Promise((r) => setTimeout(r, 25));
    const settled = await deliveries();
    expect(settled.map((d) => [d.status, d.attempts])).toEqual([
      ["dead-letter", 1],
      ["dead-letter", 1],
    ]);
    expect(settled.map((d) => d.lastError).sort()).toEqual([expect.stringContaining("never calls"), expect.stringContaining("SWITCHYARD_ALLOWED_OUTBOUND_HOSTS")].sort());
    expect(bodies.slice(received).filter((body) => body.includes('"source":"hooks"'))).toEqual([]);
  });
});
