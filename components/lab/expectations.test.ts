import { describe, expect, it } from "vitest";
import { breaksExpectation, withExpectation } from "./expectations";

describe("lab expectations", () => {
  it("flags a verdict that contradicts the expectation, and an untestable event expected to match", () => {
    expect(breaksExpectation("match", { matched: false })).toBe(true);
    expect(breaksExpectation("match", { matched: true })).toBe(false);
    expect(breaksExpectation("no-match", { matched: true })).toBe(true);
    expect(breaksExpectation("no-match", { matched: false })).toBe(false);
    expect(breaksExpectation("match", { matched: false, error: "The event lacks required field: time." })).toBe(true);
    expect(breaksExpectation(undefined, { matched: true })).toBe(false);
    expect(breaksExpectation("match", undefined)).toBe(false);
  });

  it("sets and clears one event's expectation without touching the others", () => {
    const one = withExpectation({}, "a", "match");
    const two = withExpectation(one, "b", "no-match");
    expect(two).toEqual({ a: "match", b: "no-match" });
    expect(withExpectation(two, "a", undefined)).toEqual({ b: "no-match" });
    expect(one).toEqual({ a: "match" });
  });
});
