import { describe, expect, it } from "vitest";
import { addCondition } from "@/lib/lab";
import { conditionFromText, topLevelOrCount } from "./pattern-builder";

describe("builder condition text", () => {
  it("reads a numeric range typed as operators and numbers", () => {
    expect(conditionFromText("numeric", "> 100 <= 150", { kind: "number" })).toEqual({ op: "numeric", range: [">", 100, "<=", 150] });
    expect(conditionFromText("numeric", ">=, 1", { kind: "number" })).toEqual({ op: "numeric", range: [">=", 1] });
  });

  it("keeps the field's type for exact values and anything-but lists", () => {
    expect(conditionFromText("exact", "150", { kind: "number" })).toEqual({ op: "exact", value: 150 });
    expect(conditionFromText("exact", "150", { kind: "string" })).toEqual({ op: "exact", value: "150" });
    expect(conditionFromText("exact", "true", { kind: "boolean" })).toEqual({ op: "exact", value: true });
    expect(conditionFromText("anything-but", "1, 2", { kind: "number" })).toEqual({ op: "anything-but", values: [1, 2] });
    expect(conditionFromText("anything-but", "a, b", { kind: "string" })).toEqual({ op: "anything-but", values: ["a", "b"] });
    expect(conditionFromText("exists", "false", { kind: "string" })).toEqual({ op: "exists", exists: false });
  });

  it("gives addCondition a condition that makes a valid pattern", () => {
    const result = addCondition('{"source": ["demo.payments"]}', ["detail", "total_cost"], conditionFromText("numeric", "> 200", { kind: "number" }));
    expect(result.ok && JSON.parse(result.text)).toEqual({ source: ["demo.payments"], detail: { total_cost: [{ numeric: [">", 200] }] } });
  });

  it("counts the alternatives of a top-level $or", () => {
    expect(topLevelOrCount('{"$or": [{"a": [1]}, {"b": [2]}, {"c": [3]}]}')).toBe(3);
    expect(topLevelOrCount('{"source": ["x"]}')).toBe(0);
    expect(topLevelOrCount('{"source": [')).toBe(0);
    expect(topLevelOrCount("[]")).toBe(0);
  });
});
