import { describe, expect, it } from "vitest";
import type { PlannedChange } from "@/lib/aws/plan";
import { changeTitle, diffLines, formatValue, planSummary } from "./plan-format";

const change = (action: PlannedChange["action"]): PlannedChange => ({ action, resource: "rule", bus: "orders", rule: "big", label: "orders/big", fields: [] });

describe("formatValue", () => {
  it("pretty-prints a pattern text and leaves other text as written", () => {
    expect(formatValue('{"source":["a"],"detail":{"n":[1]}}')).toBe('{\n  "source": [\n    "a"\n  ],\n  "detail": {\n    "n": [\n      1\n    ]\n  }\n}');
    expect(formatValue("rate(5 minutes)")).toBe("rate(5 minutes)");
    expect(formatValue("{not json")).toBe("{not json");
  });

  it("prints absent values, numbers and objects", () => {
    expect(formatValue(undefined)).toBe("(none)");
    expect(formatValue(185)).toBe("185");
    expect(formatValue({ "switchyard:design": "d1" })).toBe('{\n  "switchyard:design": "d1"\n}');
  });
});

describe("diffLines", () => {
  it("keeps common lines and marks the changed one as removed then added", () => {
    const before = formatValue('{"source":["a"],"detail-type":["X"]}');
    const after = formatValue('{"source":["b"],"detail-type":["X"]}');
    const diff = diffLines(before, after);
    expect(diff.filter((l) => l.kind === "removed").map((l) => l.text.trim())).toEqual(['"a"']);
    expect(diff.filter((l) => l.kind === "added").map((l) => l.text.trim())).toEqual(['"b"']);
    expect(diff.filter((l) => l.kind === "same")).toHaveLength(after.split("\n").length - 1);
  });

  it("shows a value that appears from nothing as all added", () => {
    expect(diffLines("(none)", "x\ny")).toEqual([
      { kind: "removed", text: "(none)" },
      { kind: "added", text: "x" },
      { kind: "added", text: "y" },
    ]);
  });
});

describe("planSummary", () => {
  it("counts each action, or says there is nothing to do", () => {
    expect(planSummary([change("create"), change("update"), change("update"), change("delete")])).toBe("Plan: 1 to create, 2 to change, 1 to delete.");
    expect(planSummary([])).toBe("No changes. The account matches the design.");
    expect(changeTitle({ action: "update", resource: "rule", label: "orders/big", bus: "orders" })).toBe("update rule orders/big");
    expect(changeTitle({ action: "create", resource: "archive", label: "orders archive all", bus: "orders", archive: "all" })).toBe("create archive all on bus orders");
    expect(changeTitle({ action: "create", resource: "schedule-group", label: "nightly", bus: "" })).toBe("create schedule group nightly");
    expect(changeTitle({ action: "update", resource: "schedule", label: "nightly/report", bus: "" })).toBe("update schedule nightly/report");
    expect(changeTitle({ action: "delete", resource: "pipe", label: "paid-orders", bus: "" })).toBe("delete pipe paid-orders");
  });
});
