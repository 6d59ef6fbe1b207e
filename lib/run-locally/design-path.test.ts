import { describe, expect, it } from "vitest";
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, type Design, type DesignNode } from "../graph";
import { designPathOf, firedPathOf, targetIdFor } from "./design-path";

const at = { x: 0, y: 0 };
const named = <N extends DesignNode>(node: N, fields: Partial<N>): N => ({ ...node, ...fields });

function design(): Design {
  const nodes: DesignNode[] = [
    createNode("custom-app", "app", at),
    named(createNode("event-bus", "bus", at), { name: "orders" }),
    named(createNode("rule", "big-orders", at), { name: "big" }),
    named(createNode("rule", "small-orders", at), { name: "small" }),
    createNode("sqs", "billing queue", at),
    createNode("lambda", "audit", at),
  ];
  const edges = [
    { id: "e1", kind: "puts-events", source: "app", target: "bus" },
    { id: "e2", kind: "feeds", source: "bus", target: "big-orders" },
    { id: "e3", kind: "feeds", source: "bus", target: "small-orders" },
    { id: "e4", kind: "invokes", source: "big-orders", target: "billing queue" },
    { id: "e5", kind: "invokes", source: "small-orders", target: "audit" },
  ] as const;
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: "d", description: "", nodes, edges: [...edges] };
}

const ruleArn = (name: string) => `arn:aws:events:us-east-1:000000000000:rule/orders/${name}`;

describe("designPathOf", () => {
  it("lights up the producer, bus, matched rules and delivered targets with the edges between them", () => {
    const path = designPathOf(design(), "app", [
      {
        busArn: "arn:aws:events:us-east-1:000000000000:event-bus/orders",
        eventId: "1",
        matchedRules: [ruleArn("big")],
        deliveries: [{ ruleArn: ruleArn("big"), targetId: targetIdFor("billing queue"), targetArn: "arn:aws:sqs:…", status: "inbox" }],
      },
    ]);
    expect(new Set(path.nodeIds)).toEqual(new Set(["app", "bus", "big-orders", "billing queue"]));
    expect(new Set(path.edgeIds)).toEqual(new Set(["e1", "e2", "e4"]));
  });

  it("stops at the bus when no rule matched", () => {
    const path = designPathOf(design(), "app", [
      { busArn: "arn:aws:events:us-east-1:000000000000:event-bus/orders", eventId: "1", matchedRules: [], deliveries: [] },
    ]);
    expect(path).toEqual({ nodeIds: ["app", "bus"], edgeIds: ["e1"] });
  });

  it("lights up a Custom Event Bus, the subscribers that received the event and their targets", () => {
    // The same shape with the bus a Custom Event Bus and its rules subscribers.
    const classic = design();
    const nodes = classic.nodes.map((n): DesignNode =>
      n.kind === "event-bus" ? named(createNode("eventsv2-bus", n.id, at), { name: n.name }) : n.kind === "rule" ? named(createNode("subscriber", n.id, at), { name: n.name }) : n,
    );
    const edges = classic.edges.map((e) => (e.kind === "feeds" ? { ...e, kind: "subscribes" as const } : e));
    const subscriber = "arn:aws:events:us-east-1:000000000000:subscriber/big/abcdefghijklmnopqrstuvwxy";
    const path = designPathOf({ ...classic, nodes, edges }, "app", [
      {
        busArn: "arn:aws:events:us-east-1:000000000000:event-busv2/orders/abcdefghijklmnopqrstuvwxy",
        eventId: "1",
        matchedRules: [subscriber],
        deliveries: [{ ruleArn: subscriber, targetId: "big", targetArn: "arn:aws:sqs:us-east-1:000000000000:billing", status: "paused" }],
      },
    ]);
    expect(path).toEqual({ nodeIds: ["app", "bus", "big-orders", "billing queue"], edgeIds: ["e1", "e2", "e4"] });
  });

  it("sanitises node ids into AWS target ids", () => {
    expect(targetIdFor("billing queue")).toBe("billing-queue");
    expect(targetIdFor("x".repeat(80))).toHaveLength(64);
  });
});

describe("firedPathOf", () => {
  it("lights up a fired rule and the targets its event reached", () => {
    const fired = (status: string) =>
      firedPathOf(design(), "small-orders", {
        busArn: "arn:aws:events:us-east-1:000000000000:event-bus/default",
        eventId: "1",
        matchedRules: [ruleArn("small")],
        deliveries: status === "" ? [] : [{ ruleArn: ruleArn("small"), targetId: targetIdFor("audit"), targetArn: "arn:aws:lambda:…", status }],
      });
    expect(fired("inbox")).toEqual({ nodeIds: ["small-orders", "audit"], edgeIds: ["e5"] });
    expect(fired("")).toEqual({ nodeIds: ["small-orders"], edgeIds: [] });
  });
});
