import { describe, expect, it } from "vitest";
import type { DesignNode } from "./schema";
import { design, node, patternRule } from "./test-fixtures";
import { validateDesign } from "./validate";

const APP = () => node("custom-app", "app", { source: "com.shop", detailTypes: ["OrderPlaced"] });
const SHOP = '{"source":["com.shop"]}';

function loopProblems(nodes: DesignNode[], links: [string, string][]) {
  return validateDesign(design(nodes, links)).filter((p) => p.code === "event-loop" || p.code === "possible-event-loop");
}

describe("event loop detection", () => {
  it("finds a rule forwarding to its own bus (direct self-loop)", () => {
    const found = loopProblems(
      [APP(), node("event-bus", "bus", { name: "orders" }), patternRule("copy", SHOP), node("event-bus-target", "fwd")],
      [["app", "bus"], ["bus", "copy"], ["copy", "fwd"], ["fwd", "bus"]],
    );
    expect(found).toEqual([expect.objectContaining({ code: "event-loop", severity: "error", nodeId: "copy" })]);
    expect(found[0]!.message).toBe(
      'Event loop: rule copy → bus orders → rule copy; an event like source "com.shop", detail-type "OrderPlaced" matches every rule on it and is forwarded unchanged, forever',
    );
    expect(new Set(found[0]!.relatedNodeIds)).toEqual(new Set(["copy", "fwd", "bus"]));
  });

  const twoBuses = (patternA: string, patternB: string, extra: { inputB?: DesignNode } = {}) => {
    const nodes: DesignNode[] = [
      APP(),
      node("event-bus", "a", { name: "bus-a" }),
      node("event-bus", "b", { name: "bus-b" }),
      patternRule("to-b", patternA),
      patternRule("to-a", patternB),
      node("event-bus-target", "fwd-b"),
      extra.inputB ?? node("event-bus-target", "fwd-a"),
    ];
    const links: [string, string][] = [["app", "a"], ["a", "to-b"], ["to-b", "fwd-b"], ["fwd-b", "b"], ["b", "to-a"], ["to-a", "fwd-a"], ["fwd-a", "a"]];
    return loopProblems(nodes, links);
  };

  it("finds a two-bus chain that sends the same event back and forth", () => {
    const found = twoBuses(SHOP, '{"detail-type":["OrderPlaced"]}');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: "event-loop", severity: "error" });
    expect(found[0]!.message).toContain("rule to-b → bus bus-b → rule to-a → bus bus-a → rule to-b");
    expect(new Set(found[0]!.relatedNodeIds)).toEqual(new Set(["to-b", "fwd-b", "b", "to-a", "fwd-a", "a"]));
  });

  it("finds a loop through a witness event even when no producer emits it", () => {
    const found = twoBuses('{"source":["com.other"],"detail":{"n":[{"numeric":[">",5]}]}}', '{"detail":{"n":[{"numeric":["<",10]}]}}');
    expect(found).toEqual([expect.objectContaining({ code: "event-loop" })]);
  });

  it("only warns when the rules on the cycle match different events", () => {
    const found = twoBuses(SHOP, '{"source":["com.billing"]}');
    expect(found).toEqual([expect.objectContaining({ code: "possible-event-loop", severity: "warning" })]);
  });

  it("falls back to an error when a hop transforms the event and each rule matches something", () => {
    const transformed = node("event-bus-target", "fwd-a", { input: { type: "input-transformer", inputPathsMap: {}, inputTemplate: "{}" } });
    const found = twoBuses(SHOP, '{"source":["com.billing"]}', { inputB: transformed });
    expect(found).toEqual([expect.objectContaining({ code: "event-loop", severity: "error" })]);
    expect(found[0]!.message).toContain("transformed event");
  });

  it("does not report a forwarding chain without a cycle", () => {
    const found = loopProblems(
      [
        APP(),
        node("event-bus", "a", { name: "bus-a" }),
        node("event-bus", "b", { name: "bus-b" }),
        patternRule("to-b", SHOP),
        node("event-bus-target", "fwd-b"),
        patternRule("consume", SHOP),
        node("sqs", "q"),
      ],
      [["app", "a"], ["a", "to-b"], ["to-b", "fwd-b"], ["fwd-b", "b"], ["b", "consume"], ["consume", "q"]],
    );
    expect(found).toEqual([]);
  });

  it("ignores disabled and schedule rules, which forward nothing they receive", () => {
    const base = (rule: DesignNode) =>
      loopProblems(
        [APP(), node("event-bus", "bus", { variant: "default", name: "default" }), rule, node("event-bus-target", "fwd")],
        [["app", "bus"], ["bus", "copy"], ["copy", "fwd"], ["fwd", "bus"]],
      );
    expect(base(patternRule("copy", SHOP, { enabled: false }))).toEqual([]);
    expect(base(node("rule", "copy", { trigger: { type: "schedule", expression: "rate(1 hour)" } }))).toEqual([]);
  });

  it("warns, not errors, when a rule on the cycle has an invalid pattern", () => {
    const found = loopProblems(
      [APP(), node("event-bus", "bus", { name: "orders" }), patternRule("copy", '{"source":"com.shop"}'), node("event-bus-target", "fwd")],
      [["app", "bus"], ["bus", "copy"], ["copy", "fwd"], ["fwd", "bus"]],
    );
    expect(found).toEqual([expect.objectContaining({ code: "possible-event-loop" })]);
  });

  it("reports a component with several cycles once", () => {
    const nodes: DesignNode[] = [APP(), node("event-bus", "a", { name: "bus-a" }), node("event-bus", "b", { name: "bus-b" })];
    const links: [string, string][] = [["app", "a"]];
    for (const [rule, from, to] of [["r1", "a", "b"], ["r2", "b", "a"], ["r3", "a", "a"]] as const) {
      nodes.push(patternRule(rule, SHOP), node("event-bus-target", `f-${rule}`));
      links.push([from, rule], [rule, `f-${rule}`], [`f-${rule}`, to]);
    }
    expect(loopProblems(nodes, links)).toHaveLength(1);
  });

  it("handles a long forwarding ring without deep recursion", () => {
    const n = 3000;
    const nodes: DesignNode[] = [APP()];
    const links: [string, string][] = [["app", "b0"]];
    for (let i = 0; i < n; i++) {
      nodes.push(node("event-bus", `b${i}`, { name: `bus-${i}` }), patternRule(`r${i}`, SHOP), node("event-bus-target", `f${i}`));
      links.push([`b${i}`, `r${i}`], [`r${i}`, `f${i}`], [`f${i}`, `b${(i + 1) % n}`]);
    }
    expect(loopProblems(nodes, links)).toEqual([expect.objectContaining({ code: "event-loop" })]);
  });

  describe("functions that put events", () => {
    /** app → bus → rule "answer" → function fn → back on the same bus; fn's sample is what it publishes. */
    const replying = (answerPattern: string, fnSamples: string[]) => {
      const d = design(
        [APP(), node("event-bus", "bus", { name: "shared" }), patternRule("answer", answerPattern), node("lambda", "fn", { functionName: "rate" })],
        [["app", "bus"], ["bus", "answer"], ["answer", "fn"], ["fn", "bus"]],
      );
      d.samples = fnSamples.map((event, i) => ({ id: `s${i}`, name: `s${i}`, producer: "fn", event }));
      return validateDesign(d).filter((p) => p.code === "event-loop" || p.code === "possible-event-loop");
    };
    const REPORT = '{"source":"com.report","detail-type":"Report","detail":{}}';

    it("is no loop when the rule does not match what the function publishes", () => {
      expect(replying(SHOP, [REPORT])).toEqual([]);
    });

    it("is an event loop when the rule also matches the function's published sample", () => {
      const found = replying('{"source":["com.shop","com.report"]}', [REPORT]);
      expect(found).toEqual([expect.objectContaining({ code: "event-loop", severity: "error", nodeId: "answer" })]);
      expect(found[0]!.message).toContain("rule answer → function rate → bus shared → rule answer");
      expect(new Set(found[0]!.relatedNodeIds)).toEqual(new Set(["answer", "fn", "bus"]));
    });

    it("falls back to the conservative check when the function has no samples", () => {
      expect(replying(SHOP, [])).toEqual([expect.objectContaining({ code: "event-loop" })]);
    });
  });
});
