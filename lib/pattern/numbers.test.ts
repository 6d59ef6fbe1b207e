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
    expect(comparableValue("2.2250738585072014e-308")).toBe(2.2250738585072014e-308);
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
  // Ruler's ComparableNumber requires BigDecimal.valueOf(double) — Java's Double.toString, which
  // gives a double of one significant digit two digits when a closer two-digit decimal rounds to
  // it (Java 19+, checked against event-ruler on Java 25). Only subnormals have such doubles.
  it("compares a subnormal by Java's two-digit form, in any spelling, and not by JavaScript's one-digit form", () => {
    for (const spelling of ["4.9e-324", "4.9E-324", "0.49e-323", "49e-325", "4.90e-324", "0.00049e-320"]) {
      expect(comparableValue(spelling), spelling).toBe(Number.MIN_VALUE);
    }
    expect(comparableValue("-4.9e-324")).toBe(-Number.MIN_VALUE);
    expect(comparableValue("9.9e-324")).toBe(2 * Number.MIN_VALUE);
    expect(comparableValue("5.9e-323")).toBe(12 * Number.MIN_VALUE);
    for (const spelling of ["5e-324", "5E-324", "-5e-324", "4.94e-324", "1e-323", "1.0e-323", "6e-323"]) {
      expect(comparableValue(spelling), spelling).toBeUndefined();
    }
  });
  it("keeps the shortest form for subnormals of two digits or more, and for every normal double", () => {
    expect(comparableValue("1.5e-323")).toBe(3 * Number.MIN_VALUE);
    expect(comparableValue("2.0e-323")).toBe(4 * Number.MIN_VALUE);
    expect(comparableValue("2e-323")).toBe(4 * Number.MIN_VALUE);
    expect(comparableValue("1.6e-322")).toBe(32 * Number.MIN_VALUE);
    expect(comparableValue("1.58e-322")).toBeUndefined();
    expect(comparableValue("2.225073858507201e-308")).toBe(2.225073858507201e-308);
    expect(comparableValue("1e23")).toBe(1e23);
    // Java 17's Double.toString wrote this double 9.999999999999999E22; Java 19+ writes 1.0E23.
    expect(comparableValue("9.999999999999999e22")).toBeUndefined();
  });
  it("builds event values that keep the lexeme", () => {
    expect(numberValue("3.0e2")).toEqual({ kind: "number", lexeme: "3.0e2", comparable: 300 });
    expect(numberValue("1e400")).toEqual({ kind: "number", lexeme: "1e400", comparable: undefined });
  });
});
