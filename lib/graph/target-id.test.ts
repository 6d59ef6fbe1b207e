import { describe, expect, it } from "vitest";
import { design, node, patternRule } from "./test-fixtures";
import { targetIdFor, targetIdOf } from "./target-id";
import { validateDesign } from "./validate";

describe("AWS target ids", () => {
  it("derives ids AWS accepts from node ids, or keeps an imported one", () => {
    expect(targetIdFor("billing queue")).toBe("billing-queue");
    expect(targetIdFor("x".repeat(80))).toHaveLength(64);
    expect(targetIdFor("")).toBe("target");
    expect(targetIdOf({ id: "target:orders/a/Target0", targetId: "Target0" })).toBe("Target0");
    expect(targetIdOf({ id: "bill" })).toBe("bill");
  });

  it("flags two targets of one rule with the same AWS id, and a malformed id", () => {
    const d = design(
      [
        node("event-bus", "bus", { variant: "custom", name: "orders" }),
        patternRule("r", '{"source":["a"]}'),
        node("lambda", "one", { targetId: "Target0" }),
        node("lambda", "two", { targetId: "Target0" }),
        node("sqs", "bad", { targetId: "no spaces" }),
      ],
      [["bus", "r"], ["r", "one"], ["r", "two"], ["r", "bad"]],
    );
    const problems = validateDesign(d).filter((p) => p.code === "duplicate-target-id" || p.field === "targetId");
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ["duplicate-target-id", "two"],
      ["invalid-name", "bad"],
    ]);
  });

  it("checks a rule's role ARN", () => {
    const d = design([node("event-bus", "bus", { variant: "custom", name: "orders" }), patternRule("r", '{"source":["a"]}', { roleArn: "role/x" })], [["bus", "r"]]);
    expect(validateDesign(d).filter((p) => p.field === "roleArn").map((p) => p.code)).toEqual(["invalid-arn"]);
  });
});
