import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testEventPattern, validatePattern } from "@/lib/pattern";
import { addCondition, BUILDER_OPERATORS, conditionText, eventTree, suggestCondition, type BuilderCondition, type EventTreeNode } from "./builder";
import { catalogueEntry } from "./catalogue";

function added(pattern: string, path: string[], condition: BuilderCondition, mode?: "replace" | "append", orBranch?: number): string {
  const result = addCondition(pattern, path, condition, { mode, orBranch });
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

describe("eventTree", () => {
  it("shows fields with pattern paths (array indexes are not part of a pattern path) and exact scalars", () => {
    const result = eventTree('{"detail": {"total": 1.50, "tags": ["a", {"k": null}], "ok": true}}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const detail = result.root.children![0]!;
    expect(detail).toMatchObject({ key: "detail", path: ["detail"], kind: "object" });
    const [total, tags, ok] = detail.children!;
    expect(total).toEqual({ key: "total", path: ["detail", "total"], kind: "number", value: "1.50" });
    expect(tags?.children?.[0]).toEqual({ key: 0, path: ["detail", "tags"], kind: "string", value: "a" });
    expect(tags?.children?.[1]?.children?.[0]).toEqual({ key: "k", path: ["detail", "tags", "k"], kind: "null", value: "null" });
    expect(ok).toEqual({ key: "ok", path: ["detail", "ok"], kind: "boolean", value: "true" });
  });

  it("returns an error, not a throw, for text that is not JSON", () => {
    expect(eventTree('{"a": }')).toEqual({ ok: false, error: expect.stringMatching(/^The event is not valid JSON: Unexpected character/) });
  });
});

describe("addCondition", () => {
  it("adds a nested field to a pretty pattern in its own style, keeping every other byte", () => {
    const pattern = '{\n    "source": [ "aws.ec2" ],\n    "detail-type": ["EC2 Instance State-change Notification"]\n}';
    const text = added(pattern, ["detail", "state"], { op: "exact", value: "running" });
    expect(text).toBe('{\n    "source": [ "aws.ec2" ],\n    "detail-type": ["EC2 Instance State-change Notification"],\n    "detail": {\n      "state": ["running"]\n    }\n}');
  });

  it("adds into an existing nested object and replaces an existing field's conditions", () => {
    const pattern = '{"source": ["demo.payments"], "detail": {"customer_id": [{"prefix": "c-"}],   "total_cost": [1]}}';
    expect(added(pattern, ["detail", "total_cost"], { op: "numeric", range: [">", 200] })).toBe(
      '{"source": ["demo.payments"], "detail": {"customer_id": [{"prefix": "c-"}],   "total_cost": [{ "numeric": [">", 200] }]}}',
    );
    expect(added(pattern, ["detail", "currency"], { op: "exists", exists: false })).toBe(
      '{"source": ["demo.payments"], "detail": {"customer_id": [{"prefix": "c-"}],   "total_cost": [1], "currency": [{ "exists": false }]}}',
    );
  });

  it("adds into one alternative of a top-level $or", () => {
    const pattern = '{"source": ["aws.ec2"], "$or": [{"detail": {"state": ["running"]}}, {"detail-type": ["x"]}]}';
    expect(added(pattern, ["detail", "state"], { op: "exact", value: "stopped" }, undefined, 1)).toBe(
      '{"source": ["aws.ec2"], "$or": [{"detail": {"state": ["running"]}}, {"detail-type": ["x"], "detail": { "state": ["stopped"] }}]}',
    );
    expect(addCondition(pattern, ["a"], { op: "exact", value: 1 }, { orBranch: 2 })).toEqual({ ok: false, error: "The pattern's top-level $or has no alternative 3 (it has 2)." });
    expect(addCondition('{"a": [1]}', ["a"], { op: "exact", value: 1 }, { orBranch: 0 })).toEqual({ ok: false, error: "The pattern's top-level $or has no alternative 1 (it has 0)." });
  });

  it("ORs a condition into a field in append mode", () => {
    expect(added('{"state": ["running"]}', ["state"], { op: "prefix", value: "stop" }, "append")).toBe('{"state": ["running", { "prefix": "stop" }]}');
  });

  it("starts a pattern from empty text or an empty object", () => {
    expect(added("", ["source"], { op: "exact", value: "aws.s3" })).toBe('{\n  "source": ["aws.s3"]\n}');
    expect(added("  {}  ", ["detail", "bucket", "name"], { op: "suffix", value: "-logs" })).toBe(
      '  {\n    "detail": {\n      "bucket": {\n        "name": [{ "suffix": "-logs" }]\n      }\n    }\n  }  ',
    );
  });

  it("writes every operator as a valid condition that matches what it should", () => {
    const event = catalogueEntry("guardduty-finding")!.text;
    const cases: [string[], BuilderCondition, boolean][] = [
      [["detail", "type"], { op: "exact", value: "UnauthorizedAccess:EC2/SSHBruteForce" }, true],
      [["detail", "type"], { op: "prefix", value: "Unauthorized" }, true],
      [["detail", "type"], { op: "suffix", value: "BruteForce" }, true],
      [["detail", "type"], { op: "equals-ignore-case", value: "unauthorizedaccess:ec2/sshbruteforce" }, true],
      [["detail", "type"], { op: "anything-but", values: ["Recon:EC2/PortProbeUnprotectedPort", "Backdoor:EC2/Spambot"] }, true],
      [["detail", "severity"], { op: "numeric", range: [">=", 7, "<", 9] }, true],
      [["detail", "severity"], { op: "numeric", range: ["<", 4] }, false],
      [["detail", "title"], { op: "exists", exists: true }, true],
      [["detail", "type"], { op: "wildcard", value: "*:EC2/*" }, true],
      [["detail", "service", "action", "networkConnectionAction", "remoteIpDetails", "ipAddressV4"], { op: "cidr", value: "198.51.100.0/24" }, true],
      [["detail", "service", "archived"], { op: "exact", value: false }, true],
    ];
    for (const [path, condition, matches] of cases) {
      const text = added('{"source": ["aws.guardduty"]}', path, condition);
      expect(validatePattern(text).problems).toEqual([]);
      expect(testEventPattern(text, event), text).toBe(matches);
    }
  });

  it("never rewrites a pattern that is not JSON", () => {
    const result = addCondition('{"source": ["aws.ec2"],\n "detail": {', ["detail", "state"], { op: "exact", value: "running" });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^The pattern is not valid JSON \(line 2, column 13: Unexpected end-of-input.*\); fix it first/) });
    expect(addCondition("[1]", ["a"], { op: "exact", value: 1 })).toEqual({ ok: false, error: "The pattern must be a JSON object before conditions can be added." });
  });

  it("explains a path taken by a leaf or by nested fields", () => {
    expect(addCondition('{"detail": ["x"]}', ["detail", "state"], { op: "exact", value: "a" })).toEqual({
      ok: false,
      error: "detail already has conditions of its own, so it cannot also hold state; remove them first.",
    });
    expect(addCondition('{"detail": {"state": ["x"]}}', ["detail"], { op: "exact", value: "a" })).toEqual({
      ok: false,
      error: "detail holds nested fields in the pattern; pick one of them instead.",
    });
    expect(addCondition("{}", [], { op: "exact", value: "a" }).ok).toBe(false);
  });

  it("refuses a condition AWS would reject, with AWS's reason, and keeps the pattern", () => {
    const result = addCondition('{"a": ["b"]}', ["n"], { op: "numeric", range: [">", "ten"] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^That condition would make the pattern invalid: /);
  });

  it("keeps an already-invalid pattern's other problems for the user to fix (no clobbering)", () => {
    const text = added('{"a": "not-an-array"}', ["b"], { op: "exact", value: 1 });
    expect(text).toBe('{"a": "not-an-array", "b": [1]}');
  });

  it("escapes keys and returns where the new conditions are", () => {
    const result = addCondition('{"x": [1]}', ['we"ird'], { op: "exact", value: "é" });
    expect(result).toMatchObject({ ok: true, text: '{"x": [1], "we\\"ird": ["é"]}' });
    if (result.ok) expect(result.text.slice(result.span.offset, result.span.offset + result.span.length)).toBe('["é"]');
  });

  it("suggests a first condition for a clicked field for every operator, each one valid", () => {
    const leaves: EventTreeNode[] = [
      { key: "n", path: ["detail", "n"], kind: "number", value: "150" },
      { key: "s", path: ["detail", "s"], kind: "string", value: "198.51.100.7" },
      { key: "b", path: ["detail", "b"], kind: "boolean", value: "true" },
    ];
    for (const leaf of leaves) {
      for (const op of BUILDER_OPERATORS) {
        if (op === "cidr" && leaf.kind !== "string") continue; // only an IP address suggests a range
        const result = addCondition("{}", [...leaf.path], suggestCondition(op, leaf));
        expect(result.ok, `${op} on ${leaf.kind}: ${JSON.stringify(result)}`).toBe(true);
      }
    }
    expect(suggestCondition("numeric", leaves[0]!)).toEqual({ op: "numeric", range: [">=", 150] });
    expect(suggestCondition("cidr", leaves[1]!)).toEqual({ op: "cidr", value: "198.51.100.0/24" });
    expect(conditionText(suggestCondition("exact", leaves[0]!))).toBe("150");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: any valid pattern, any formatting, any field, any operator

const KEYS = ["source", "detail", "state", "total", "a.b", "x"];
type PatternObject = { [key: string]: string[] | PatternObject };

const leafArb = fc.array(fc.constantFrom("x", "running", "aws.ec2", "é"), { minLength: 1, maxLength: 2 });
const patternArb: fc.Arbitrary<PatternObject> = fc.letrec<{ obj: PatternObject }>((tie) => ({
  obj: fc.dictionary(fc.constantFrom(...KEYS), fc.oneof({ depthSize: "small", maxDepth: 2 }, leafArb, tie("obj")), { minKeys: 1, maxKeys: 3 }),
})).obj;

const conditionArb: fc.Arbitrary<BuilderCondition> = fc.oneof(
  fc.record({ op: fc.constant("exact" as const), value: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)) }),
  fc.record({ op: fc.constantFrom("prefix" as const, "suffix" as const, "equals-ignore-case" as const), value: fc.string({ minLength: 1 }) }),
  fc.record({ op: fc.constant("wildcard" as const), value: fc.constantFrom("*", "a*b", "arn:aws:*:us-*", "x\\*y") }),
  fc.record({ op: fc.constant("cidr" as const), value: fc.constantFrom("10.0.0.0/8", "198.51.100.0/24", "2001:db8::/32") }),
  fc.record({ op: fc.constant("anything-but" as const), values: fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant("exists" as const), exists: fc.boolean() }),
  fc.integer({ min: -1000, max: 1000 }).chain((low) =>
    fc.oneof(
      fc.constant({ op: "numeric" as const, range: [">", low] }),
      fc.integer({ min: 1, max: 1000 }).map((width) => ({ op: "numeric" as const, range: [">=", low, "<", low + width] })),
    ),
  ),
);

function format(pattern: PatternObject, style: number): string {
  if (style === 0) return JSON.stringify(pattern);
  if (style === 1) return JSON.stringify(pattern, null, 2);
  if (style === 2) return JSON.stringify(pattern, null, "\t");
  return JSON.stringify(pattern).replace(/,/g, " ,  ").replace(/:/g, " : ");
}

/** What the pattern should mean after the edit: the path set to the new leaf (replace mode). */
function expected(pattern: PatternObject, path: readonly string[], leaf: unknown): PatternObject | "conflict" {
  const copy = structuredClone(pattern);
  let node: PatternObject = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]!];
    if (next === undefined) node = node[path[i]!] = {};
    else if (Array.isArray(next)) return "conflict";
    else node = next;
  }
  const last = path[path.length - 1]!;
  if (node[last] !== undefined && !Array.isArray(node[last])) return "conflict";
  (node as Record<string, unknown>)[last] = leaf;
  return copy;
}

describe("addCondition properties", () => {
  it("always yields a valid pattern meaning the old one plus the condition, editing one contiguous place", () => {
    fc.assert(
      fc.property(patternArb, fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }), conditionArb, (pattern, style, path, condition) => {
        const text = format(pattern, style);
        fc.pre(validatePattern(text).valid);
        const result = addCondition(text, path, condition);
        const want = expected(pattern, path, JSON.parse(`[${conditionText(condition)}]`));
        if (want === "conflict") {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (!result.ok) return;
        expect(validatePattern(result.text).problems).toEqual([]);
        expect(JSON.parse(result.text)).toEqual(want);
        // Everything before the edit and after it is the old text, byte for byte.
        let prefix = 0;
        while (prefix < text.length && text[prefix] === result.text[prefix]) prefix++;
        let suffix = 0;
        while (suffix < text.length - prefix && text[text.length - 1 - suffix] === result.text[result.text.length - 1 - suffix]) suffix++;
        const removed = text.length - prefix - suffix;
        expect(removed).toBeLessThanOrEqual(JSON.stringify(pattern).length === 2 ? 2 : Math.max(0, ...leafLengths(text)));
      }),
      { numRuns: 400 },
    );
  });

  it("appending ORs the condition in: the field's array gets one more element", () => {
    fc.assert(
      fc.property(leafArb, conditionArb, (leaf, condition) => {
        fc.pre(condition.op !== "exists" && condition.op !== "anything-but");
        const text = JSON.stringify({ source: ["s"], detail: { state: leaf } }, null, 2);
        const result = addCondition(text, ["detail", "state"], condition, { mode: "append" });
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (!result.ok) return;
        expect(JSON.parse(result.text).detail.state).toEqual([...leaf, JSON.parse(conditionText(condition))]);
        expect(validatePattern(result.text).valid).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/** Lengths of every leaf array's text, the most a replace may remove. */
function leafLengths(text: string): number[] {
  return [...text.matchAll(/\[[^\]]*\]/g)].map((m) => m[0].length);
}
