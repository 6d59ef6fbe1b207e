import { describe, expect, it } from "vitest";
import { comparableValue, numberValue } from "./numbers";

describe("comparableValue", () => {
  it("accepts numbers whose decimal value survives the round trip", () => {
    expect(comparableValue("300")).toBe(300);
    expect(comparableValue("300.0")).toBe(300);
    expect(comparableValue("3.0e2")).toBe(300);
    expect(comparableValue("3E2")).toBe(300);
    expect(comparableValue("301.8")).toBe(301.8);
    expect(comparableValue("3.018e2")).toBe(301.8);
    expect(comparableValue("0.1")).toBe(0.1);
    expect(comparableValue("-0")).toBe(-0);
    expect(comparableValue("-0.0e5")).toBe(-0);
    expect(comparableValue("0e99999999999999999999")).toBe(0);
    expect(comparableValue("9007199254740992")).toBe(9007199254740992);
    expect(comparableValue("1e21")).toBe(1e21);
    expect(comparableValue("1.7976931348623157e308")).toBe(Number.MAX_VALUE);
    expect(comparableValue("5e-324")).toBe(5e-324);
    expect(comparableValue("123456789012345")).toBe(123456789012345);
    expect(comparableValue("-123456789012345")).toBe(-123456789012345);
  });
  it("refuses numbers a double cannot hold exactly", () => {
    expect(comparableValue("9007199254740993")).toBeUndefined();
    expect(comparableValue("12345678901234567890")).toBeUndefined();
    expect(comparableValue("1.2345678901234567890e19")).toBeUndefined();
    expect(comparableValue("0.10000000000000000001")).toBeUndefined();
    expect(comparableValue("1e400")).toBeUndefined();
    expect(comparableValue("-1e400")).toBeUndefined();
    expect(comparableValue("1e-400")).toBeUndefined();
    expect(comparableValue("0.30000000000000004441")).toBeUndefined();
  });
  it("builds event values that keep the lexeme", () => {
    expect(numberValue("3.0e2")).toEqual({ kind: "number", lexeme: "3.0e2", comparable: 300 });
    expect(numberValue("1e400")).toEqual({ kind: "number", lexeme: "1e400", comparable: undefined });
  });
});
