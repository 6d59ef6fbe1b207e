/**
 * The migration planner on the five starters and the IaC fixtures, report asserted line by line,
 * plus the cases none of them holds. AWS's mapping:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-migrate.html (rule +
 * target → subscriber; pattern → DATA filter, unchanged for PutEvents; input transformer →
 * JSONATA; retry policy and DLQ → the subscriber's; archive → retention; targets that carry over:
 * SQS, Lambda, SNS, Kinesis, Firehose, Step Functions, API Gateway, API destinations, event bus).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyTransform, putEventsEnvelope } from "@/lib/eventsv2";
import { designSchema, validateDesign, type Design, type InputMode, type NodeOfKind } from "@/lib/graph";
import { design, node, patternRule } from "@/lib/graph/test-fixtures";
import { STARTERS } from "@/lib/starters";
import { renderTargetInput } from "@/lib/transform";
import { targetInputSpec } from "@/components/lab/transform-preview";
import { checkMigratedExpectations, migratableBuses, planMigration, type MigrationPlan } from "./index";

const starter = (id: string) => STARTERS.find((s) => s.id === id)!.design();
const fixture = (name: string) => designSchema.parse(JSON.parse(readFileSync(new URL(`../iac/__fixtures__/${name}.json`, import.meta.url), "utf8")));
const report = (plan: MigrationPlan) => plan.lines.map((l) => `${l.status} ${l.nodeId}`);

/** Every migrated design is valid, and every expectation of the old rules holds for its subscribers. */
function expectSound(original: Design, plan: MigrationPlan, expectations: number): void {
  expect(validateDesign(plan.design).filter((p) => p.severity === "error")).toEqual([]);
  const checks = checkMigratedExpectations(original, plan);
  expect(checks).toHaveLength(expectations);
  expect(checks.filter((c) => !c.holds || c.rule !== c.subscriber)).toEqual([]);
}

/** No Classic bus carries rules: no line, and the design unchanged. */
function expectNothingToMigrate(original: Design): void {
  expect(migratableBuses(original)).toEqual([]);
  const plan = planMigration(original);
  expect(plan.lines).toEqual([]);
  expect(plan.design).toEqual(original);
}

describe("migration of the starters", () => {
  it("Reward big payments: the custom bus and its three rules move, each rule to one subscriber", () => {
    const original = starter("reward-big-payments");
    const plan = planMigration(original);
    expect(report(plan)).toEqual(["moved eda-bus", "adapted eda-bus", "moved rewards", "moved warehouse", "moved shipping"]);
    expect(plan.lines[1]?.message).toBe("Bus eda_bus had no archive; the Custom Event Bus keeps every event for 7 days (1 to 365), which replaces archive and replay.");
    const subscribers = plan.design.nodes.filter((n): n is NodeOfKind<"subscriber"> => n.kind === "subscriber");
    expect(subscribers.map((s) => s.name)).toEqual(["payment-processed", "warehouse-payment-processed", "shipping-payment-processed"]);
    const rewards = subscribers[0]!;
    const rule = original.nodes.find((n) => n.id === "payment-processed");
    if (rule?.kind !== "rule" || rule.trigger.type !== "pattern") throw new Error("the starter's rule has a pattern");
    expect(rewards.filters).toEqual({ DATA: rule.trigger.pattern });
    expect(rewards.transform).toEqual({ type: "RAW" });
    // Classic's retry defaults are kept explicitly: a subscriber's own are 300 s and 5 attempts.
    expect(rewards.retryPolicy).toEqual({ maxEventAgeInSeconds: 86_400, maxRetryAttempts: 185 });
    expect(plan.design.nodes.find((n) => n.id === "eda-bus")).toMatchObject({ kind: "eventsv2-bus", name: "eda_bus", retentionDays: 7 });
    expect(plan.design.nodes.some((n) => n.kind === "rule" || n.kind === "event-bus")).toBe(false);
    expect(plan.design.edges.filter((e) => e.kind === "puts-events")).toEqual([{ id: expect.any(String), kind: "puts-events", source: "payment", target: "eda-bus" }]);
    expectSound(original, plan, 9);
  });

  it("Tag every new database: AWS service events become an event source on a new bus beside the default one", () => {
    const original = starter("tag-new-databases");
    const plan = planMigration(original);
    expect(report(plan)).toEqual(["adapted default-bus", "adapted default-bus", "adapted rds", "moved autotag"]);
    expect(plan.lines[0]?.message).toBe("The default bus stays where AWS delivers its own events; its rules move to a new Custom Event Bus named default-migrated.");
    expect(plan.design.nodes.find((n) => n.id === "rds")).toMatchObject({ kind: "eventsv2-source", config: { type: "aws-service", awsService: "aws.rds" } });
    expectSound(original, plan, 3);
  });

  it("Log every new product and Answers and reports: default-bus rules move to the new bus", () => {
    for (const [id, lines, expectations] of [
      ["log-new-products", ["adapted default-bus", "adapted default-bus", "moved log-product-fn"], 2],
      ["answers-and-reports", ["adapted default-bus", "adapted default-bus", "moved rating", "moved get-report-event"], 4],
    ] as const) {
      const original = starter(id);
      const plan = planMigration(original);
      expect(report(plan), id).toEqual(lines);
      expectSound(original, plan, expectations);
    }
  });

  it("Kafka across accounts: no Classic bus carries rules, so there is nothing to migrate", () => {
    expectNothingToMigrate(starter("kafka-cross-account"));
  });
});

describe("migration of the IaC fixtures", () => {
  it("order-flow: inputs become transforms, the disabled rule a stopped subscriber, the log group stays behind", () => {
    const original = fixture("order-flow");
    const plan = planMigration(original);
    expect(report(plan)).toEqual([
      "moved bus",
      "adapted bus",
      "moved bill",
      "moved audit",
      "adapted notify",
      "moved stream",
      "moved fulfil",
      "adapted lake",
      "cannot-move logs",
      "adapted hook",
      "adapted bill",
    ]);
    expect(plan.lines[1]?.message).toBe(
      "Bus orders: archive orders-archive becomes a retention of 30 days; retention keeps every event, where the archive kept only those matching its pattern; replays become subscribers starting at a point in time, their events marked aws:DeliveryType REPLAY.",
    );
    expect(plan.lines[8]?.message).toBe(
      "Rule refunds → cloudwatch-logs logs: a CloudWatch Logs group has no subscriber target of its own; it needs a universal target (logs:putLogEvents), which this design model does not hold yet. Left out.",
    );
    expect(plan.design.nodes.some((n) => n.id === "logs")).toBe(false);
    expect(plan.design.nodes.filter((n) => n.kind === "subscriber" && n.state === "STOPPED").map((n) => n.id)).toEqual(["refunds--lake", "refunds--hook", "refunds--bill"]);
    expect(plan.design.nodes.find((n) => n.id === "big--bill")).toMatchObject({ deadLetterQueueArn: expect.stringMatching(/^arn:aws:sqs:/) });
    expectSound(original, plan, 0);
  });

  it("order-flow: every converted transform gives the target what the Classic target got", async () => {
    const original = fixture("order-flow");
    const plan = planMigration(original);
    const event = { version: "0", id: "e-1", "detail-type": "OrderPlaced", source: "com.shop", account: "123456789012", time: "2026-03-02T12:30:00Z", region: "us-east-1", resources: [], detail: { id: "o-42", total: 1250.5, items: [{ sku: "A" }] } };
    let compared = 0;
    for (const subscriber of plan.design.nodes) {
      if (subscriber.kind !== "subscriber") continue;
      const target = original.nodes.find((n) => n.id === plan.design.edges.find((e) => e.source === subscriber.id && e.kind === "invokes")?.target);
      if (!target || !("input" in target)) continue;
      const classic = renderTargetInput(targetInputSpec(target.input), JSON.stringify(event), { ruleArn: "arn", ruleName: "big-orders", ingestionTime: "2026-03-02T12:30:01Z" });
      const migrated = await applyTransform(subscriber.transform, putEventsEnvelope(event, { eventId: "e-1", ingestionTime: "2026-03-02T12:30:01Z", deliveryType: "LIVE" }));
      expect(migrated, subscriber.id).toEqual({ ok: true, output: JSON.parse(classic!) });
      compared++;
    }
    expect(compared).toBe(8);
  });

  it("cross-account: buses of several accounts and the partner bus stay Classic, each with its reason", () => {
    const original = fixture("cross-account");
    const plan = planMigration(original);
    expect(report(plan)).toEqual(["cannot-move default", "cannot-move branch", "cannot-move partner-bus"]);
    expect(plan.lines[0]?.message).toBe(
      "Bus default is in account 111122223333, beside buses of other accounts: a Custom Event Bus is shared through AWS RAM and each consuming account creates its own subscribers, so this sharing must be planned by hand; the bus and its rules stay Classic.",
    );
    expect(plan.design).toEqual(original);
  });

  it("custom-event-bus: already on the Custom Event Bus; its Classic bus carries no rules, so there is nothing to migrate", () => {
    expectNothingToMigrate(fixture("custom-event-bus"));
  });
});

describe("what cannot move", () => {
  const bus = node("event-bus", "bus", { name: "orders" });
  const target = node("sqs", "q");

  it("a schedule rule, and a pattern with the wildcard operator", () => {
    const d = design(
      [bus, node("rule", "tick", { name: "tick", trigger: { type: "schedule", expression: "rate(5 minutes)" } }), patternRule("wild", '{"detail":{"key":[{"wildcard":"orders/*.json"}]}}'), target, node("sqs", "q2")],
      [["bus", "tick"], ["bus", "wild"], ["tick", "q"], ["wild", "q2"]],
    );
    const plan = planMigration(d);
    expect(plan.lines.filter((l) => l.status === "cannot-move").map((l) => l.message)).toEqual([
      "Schedule rule tick (rate(5 minutes)): the Custom Event Bus has no schedules; use EventBridge Scheduler. Left out of the new design.",
      "Rule wild: detail.key: the wildcard operator is not supported in subscriber filters. Left out of the new design.",
    ]);
    expect(plan.design.nodes.map((n) => n.id)).toEqual(["bus"]);
  });

  it("a reshaping target on a rule that forwards to a Classic bus (a subscriber to a Classic bus is RAW only)", () => {
    const forward = node("event-bus-target", "fwd", { input: { type: "input-path", inputPath: "$.detail" } });
    const d = design([bus, patternRule("r", '{"source":["a"]}'), forward, node("event-bus", "other", { name: "other" })], [["bus", "r"], ["r", "fwd"], ["fwd", "other"]]);
    expect(planMigration(d, ["bus"]).lines.find((l) => l.nodeId === "fwd")).toEqual({
      status: "cannot-move",
      nodeId: "fwd",
      message: "Rule r → event-bus-target fwd: a subscriber whose target is a Classic bus takes the RAW transform only, and this target reshapes the event (input-path). Left out.",
    });
  });

  it("a template reading <aws.events.rule-arn>", () => {
    const input: InputMode = { type: "input-transformer", inputPathsMap: {}, inputTemplate: '{"rule": <aws.events.rule-arn>}' };
    const d = design([bus, patternRule("r", '{"source":["a"]}'), node("sqs", "q", { input })], [["bus", "r"], ["r", "q"]]);
    expect(planMigration(d).lines.at(-1)?.message).toBe("Rule r → sqs q: <aws.events.rule-arn> has no equivalent: a subscriber has no rule. Left out.");
  });

  it("refuses a bus id that is not a Classic bus", () => {
    expect(() => planMigration(design([bus]), ["nope"])).toThrow('No Classic event bus has the id "nope"');
  });
});

describe("templates as JSONata", () => {
  const event = { version: "0", id: "e-9", "detail-type": "EC2 Instance State-change Notification", source: "aws.ec2", account: "123456789012", time: "2015-11-11T21:29:54Z", region: "us-east-1", resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"], detail: { "instance-id": "i-0123456789", state: "RUNNING" } };

  /** AWS's input transformer examples (eb-transform-target-input.html) give the same target input once migrated. */
  it.each([
    ["JSON template", { instance: "$.detail.instance-id", state: "$.detail.state" }, '{"instance": <instance>, "state": [9, <state>, true], "Transformed": "Yes"}'],
    ["values inside strings", { instance: "$.detail.instance-id", state: "$.detail.state" }, '{"message": "instance <instance> is in <state>"}'],
    ["quoted string template", { instance: "$.detail.instance-id", state: "$.detail.state" }, '"<instance> is in state <state>"'],
    ["predefined variables", {}, '{"time": <aws.events.event.ingestion-time>, "rule": "<aws.events.rule-name>", "all": <aws.events.event.json>, "envelope": <aws.events.event>}'],
  ])("%s", async (_, inputPathsMap, inputTemplate) => {
    const original = design([node("event-bus", "bus"), patternRule("r", '{"source":["aws.ec2"]}'), node("sqs", "q", { input: { type: "input-transformer", inputPathsMap, inputTemplate } })], [["bus", "r"], ["r", "q"]]);
    const subscriber = planMigration(original).design.nodes.find((n) => n.kind === "subscriber");
    if (subscriber?.kind !== "subscriber") throw new Error("no subscriber");
    const classic = renderTargetInput({ inputTransformer: { inputPathsMap, inputTemplate } }, JSON.stringify(event), { ruleArn: "arn:aws:events:us-east-1:123456789012:rule/r", ruleName: "r", ingestionTime: "2015-11-11T21:29:55Z" });
    const migrated = await applyTransform(subscriber.transform, putEventsEnvelope(event, { eventId: "e-9", ingestionTime: "2015-11-11T21:29:55Z", deliveryType: "LIVE" }));
    expect(migrated).toEqual({ ok: true, output: JSON.parse(classic!) });
  });
});
