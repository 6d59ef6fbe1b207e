/**
 * Array consistency (lib/pattern/SEMANTICS.md, "Array consistency") on events built to defeat a
 * backtracking search: several independent arrays multiply the candidate choices, and the conflict
 * sits in the last array. The decision must stay correct and come back promptly (the default test
 * timeout guards it).
 */
import { describe, expect, it } from "vitest";
import { testEventPattern } from "./index";

const envelope = { id: "1", account: "123456789012", source: "s", time: "2026-01-01T00:00:00Z", region: "eu-west-1", "detail-type": "d" };
const elements = (n: number, make: (i: number) => object) => Array.from({ length: n }, (_, i) => make(i));
const pattern = JSON.stringify({ detail: { a: { v: [1] }, b: { v: [1] }, c: { v: [1] }, z: { v: [1], w: [1] } } });

describe("array consistency on adversarial events", () => {
  const n = 2000;
  const independent = { a: elements(n, () => ({ v: 1 })), b: elements(n, () => ({ v: 1 })), c: elements(n, () => ({ v: 1 })) };

  it("rejects when the two fields of one array are never in the same element", () => {
    const z = [...elements(n, () => ({ v: 1 })), ...elements(n, () => ({ w: 1 }))];
    expect(testEventPattern(pattern, JSON.stringify({ ...envelope, detail: { ...independent, z } }))).toBe(false);
  });

  it("accepts when one element holds both, wherever it is", () => {
    const z = [...elements(n, () => ({ v: 1 })), ...elements(n, () => ({ w: 1 })), { v: 1, w: 1 }];
    expect(testEventPattern(pattern, JSON.stringify({ ...envelope, detail: { ...independent, z } }))).toBe(true);
  });

  it("follows nesting: fields in different inner arrays of one outer element may combine", () => {
    const nested = JSON.stringify({ detail: { o: { p: { x: [1] }, q: { y: [1] } } } });
    const sameOuter = { o: [{ p: [{ x: 1 }], q: [{ y: 1 }] }] };
    const differentOuter = { o: [...elements(n, () => ({ p: [{ x: 1 }] })), ...elements(n, () => ({ q: [{ y: 1 }] }))] };
    expect(testEventPattern(nested, JSON.stringify({ ...envelope, detail: sameOuter }))).toBe(true);
    expect(testEventPattern(nested, JSON.stringify({ ...envelope, detail: differentOuter }))).toBe(false);
  });
});
