import { describe, expect, it } from "vitest";
import { safeParseDesign, validateDesign } from "@/lib/graph";
import type { AccountState, RuleState } from "../resources/account-state";
import { designFromAccount } from "./import";
import { planChanges } from "./plan";
import { designResources } from "../resources/design-resources";

const ACCOUNT = "111122223333";
const at = (service: string, resource: string, account = ACCOUNT, region = "eu-west-1") => `arn:aws:${service}:${region}:${account}:${resource}`;

function rule(name: string, bus: string, fields: Partial<RuleState>): RuleState {
  return { name, bus, state: "ENABLED", tags: {}, targets: [], ...fields };
}

const state: AccountState = {
  account: ACCOUNT,
  region: "eu-west-1",
  buses: [{ name: "default", tags: {} }, { name: "orders", tags: {} }, { name: "aws.partner/saas.example/123/events", tags: {} }],
  rules: [
    rule("a", "orders", { eventPattern: '{"source":["shop"]}', targets: [{ Id: "Target0", Arn: at("lambda", "function:one") }] }),
    rule("b", "orders", {
      eventPattern: '{"source":["shop"]}',
      description: "B",
      state: "DISABLED",
      targets: [
        { Id: "Target0", Arn: at("lambda", "function:two", "444455556666", "us-east-1"), Input: '{"x":1}' },
        { Id: "fwd", Arn: at("events", "event-bus/central", "444455556666") },
        { Id: "task", Arn: at("ecs", "cluster/jobs") },
        { Id: "hook", Arn: at("events", "api-destination/crm/0f1e"), HttpParameters: { HeaderParameters: { a: "b" } } },
      ],
    }),
    rule("tick", "default", { scheduleExpression: "rate(1 hour)", roleArn: "arn:aws:iam::111122223333:role/r", targets: [{ Id: "q", Arn: at("sqs", "work") }] }),
    rule("saas", "aws.partner/saas.example/123/events", { eventPattern: '{"source":["saas"]}', targets: [{ Id: "t", Arn: at("sns", "topic") }] }),
  ],
  archives: [
    { name: "orders-all", bus: "orders", retentionDays: 30 },
    { name: "orders-paid", bus: "orders", eventPattern: '{"detail-type":["Paid"]}', retentionDays: 0 },
  ],
  apiDestinations: [{ name: "crm", arn: at("events", "api-destination/crm/0f1e"), endpoint: "https://crm.example/in", method: "PUT", connectionArn: at("events", "connection/crm-conn/9a8b") }],
};

describe("designFromAccount", () => {
  const { design, warnings } = designFromAccount(state, "Imported", "from tests");

  it("makes a design the schema accepts, with unique node ids and laid-out positions", () => {
    expect(safeParseDesign(design).success).toBe(true);
    expect(new Set(design.nodes.map((n) => n.id)).size).toBe(design.nodes.length);
    expect(design.nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true);
    expect(new Set(design.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(design.nodes.length);
  });

  it("keeps AWS's target ids when two rules both have a Target0", () => {
    const lambdas = design.nodes.filter((n) => n.kind === "lambda");
    expect(lambdas.map((n) => n.kind === "lambda" && n.targetId)).toEqual(["Target0", "Target0"]);
  });

  it("marks targets in other accounts and regions, and adds the bus an event-bus target forwards to", () => {
    const two = design.nodes.find((n) => n.kind === "lambda" && n.functionName === "two");
    expect(two).toMatchObject({ crossAccount: true, account: "444455556666", region: "us-east-1", input: { type: "constant", input: '{"x":1}' } });
    const forward = design.edges.find((e) => e.kind === "forwards")!;
    expect(design.nodes.find((n) => n.id === forward.target)).toMatchObject({ kind: "event-bus", name: "central", account: "444455556666", variant: "custom" });
  });

  it("reads bus variants, schedule rules, rule roles and API destinations", () => {
    const buses = design.nodes.filter((n) => n.kind === "event-bus");
    expect(buses.map((b) => b.kind === "event-bus" && `${b.name}:${b.variant}`)).toContain("aws.partner/saas.example/123/events:partner");
    expect(design.nodes.find((n) => n.kind === "rule" && n.name === "tick")).toMatchObject({ trigger: { type: "schedule", expression: "rate(1 hour)" }, roleArn: "arn:aws:iam::111122223333:role/r" });
    expect(design.nodes.find((n) => n.kind === "rule" && n.name === "b")).toMatchObject({ enabled: false, description: "B" });
    expect(design.nodes.find((n) => n.kind === "api-destination")).toMatchObject({ name: "crm", endpoint: "https://crm.example/in", method: "PUT", connection: { name: "crm-conn" } });
  });

  it("puts a bus's archive on its node", () => {
    expect(design.nodes.find((n) => n.kind === "event-bus" && n.name === "orders")).toMatchObject({ archive: { name: "orders-all", pattern: "", retentionDays: 30 } });
  });

  it("warns about what it cannot hold instead of dropping it silently", () => {
    expect(warnings).toEqual([
      "Archive orders-paid of bus orders was left out: a design holds one archive per bus (orders-all was kept).",
      `The target task of rule b (bus orders) calls ${at("ecs", "cluster/jobs")}, a kind of target a design cannot hold yet; it was left out.`,
      "The target hook of rule b (bus orders) has HttpParameters, which the design does not hold.",
      "The connection of API destination crm is imported by name; check its authorization type.",
    ]);
  });

  it("passes validation without errors", () => {
    expect(validateDesign(design).filter((p) => p.severity === "error").map((p) => p.code)).toEqual([]);
  });

  it("plans nothing when planned straight back against the account it came from", () => {
    const plan = planChanges(designResources(design, { account: ACCOUNT, region: "eu-west-1" }, "dsn_x"), state, { designId: "dsn_x" });
    expect(plan.changes).toEqual([]);
    expect(plan.kept.map((k) => k.label)).toEqual(["orders/b#task"]);
  });
});
