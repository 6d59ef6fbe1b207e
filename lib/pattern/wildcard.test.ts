import { describe, expect, it } from "vitest";
import { globMatches, parseWildcard, wildcardComplexity } from "./wildcard";
import type { WildcardGlob } from "./model";

function glob(text: string): WildcardGlob {
  const r = parseWildcard(text);
  if (!r.ok) throw new Error(r.reason);
  return r.glob;
}

describe("parseWildcard", () => {
  it("splits at unescaped stars and unescapes", () => {
    expect(glob("a*b\\*c")).toEqual({ parts: ["a", "b*c"] });
    expect(glob("*")).toEqual({ parts: ["", ""] });
    expect(glob("")).toEqual({ parts: [""] });
    expect(glob("\\\\*")).toEqual({ parts: ["\\", ""] });
    expect(glob("\\**")).toEqual({ parts: ["*", ""] });
  });
  it("reports pos as UTF-8 byte offset + 1", () => {
    expect(parseWildcard("arn:aws:events:us-east-1:**:event-bus/*")).toEqual({
      ok: false,
      reason: "Consecutive wildcard characters at pos 26",
    });
    expect(parseWildcard("é**")).toEqual({ ok: false, reason: "Consecutive wildcard characters at pos 3" });
    expect(parseWildcard("🚀**")).toEqual({ ok: false, reason: "Consecutive wildcard characters at pos 5" });
    expect(parseWildcard("ab\\c")).toEqual({ ok: false, reason: "Invalid escape character at pos 3" });
    expect(parseWildcard("\\*\\x")).toEqual({ ok: false, reason: "Invalid escape character at pos 3" });
    expect(parseWildcard("x\\")).toEqual({ ok: false, reason: "Invalid escape character at pos 2" });
  });
});

describe("globMatches", () => {
  it("matches like a glob with * only", () => {
    const cases: [string, string, boolean][] = [
      ["a*", "abc", true],
      ["*c", "abc", true],
      ["a*c", "ac", true],
      ["a*c", "a", false],
      ["*b*", "abc", true],
      ["*b*", "ac", false],
      ["a*b*c", "aXbYc", true],
      ["a*b*c", "acb", false],
      ["*aa*aa*", "aaa", false],
      ["*aa*aa*", "aaaa", true],
      ["ab*ba", "aba", false],
      ["ab*ba", "abba", true],
      ["", "", true],
      ["", "x", false],
      ["x", "x", true],
      ["*", "", true],
    ];
    for (const [p, v, expected] of cases) expect(globMatches(glob(p), v), `${p} vs ${v}`).toBe(expected);
  });
  it("decides a 1 MB adversarial value correctly (linear time, no backtracking)", () => {
    const value = "a".repeat(1_000_000);
    expect(globMatches(glob(`*${"a".repeat(1000)}b*`), value)).toBe(false);
    expect(globMatches(glob("*a*a*a*a*a*a*a*a*a*a*a*a*b"), value)).toBe(false);
    expect(globMatches(glob("a*a*a*a*a*a*a*a*a*a*a*a*a"), value)).toBe(true);
    expect(globMatches(glob(`*${"a".repeat(5000)}*`), `${value}b`)).toBe(true);
    expect(globMatches(glob(`*${"ab".repeat(300)}c*`), "ab".repeat(500_000))).toBe(false);
  });
});

describe("wildcardComplexity", () => {
  it("reproduces the calibrated values in SEMANTICS.md \"Wildcard complexity\"", () => {
    const c = (text: string): number => wildcardComplexity([glob(text)], 100);
    expect(c("*:*:*:*:*:event-bus/*")).toBe(11);
    expect(c("/Users/*/dir/dir/dir/dir/dir/doc.txt")).toBe(7);
    expect(c("arn:aws:events:us-east-1:*:event-bus/*")).toBe(3);
    expect(c("*/dir/*")).toBe(4);
    expect(c("*:*:*:event-bus/*")).toBe(7);
    expect(c("no-wildcard")).toBe(1);
  });
  it("adds up wildcards sharing a field, consistent with the Valkyrie report (3 accepted, 4 rejected)", () => {
    const stacks = (n: number): WildcardGlob[] => ["a", "b", "c", "d"].slice(0, n).map((s) => glob(`*:stack/${s}/*`));
    expect(wildcardComplexity(stacks(3), 100)).toBe(9);
    expect(wildcardComplexity(stacks(4), 100)).toBe(12);
  });
  it("stops at the cap", () => {
    expect(wildcardComplexity([glob("*a*a*a*a*a*a*a*a*a*a*a*a*")], 11)).toBe(11);
    expect(wildcardComplexity([glob(`x*${"abcdefgh".repeat(250)}*`)], 11)).toBe(11);
  });
});
