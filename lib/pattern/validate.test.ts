import { describe, expect, it } from "vitest";
import { compilePattern, InvalidEventPatternError, validatePattern } from "./index";

describe("validatePattern", () => {
  it("returns the compiled pattern and no problems for a valid pattern", () => {
    const v = validatePattern('{"source":["aws.ec2"],"detail":{"state":[{"anything-but":"pending"}]}}');
    expect(v.valid).toBe(true);
    expect(v.problems).toEqual([]);
    expect(v.compiled?.branches[0]?.fields.map((f) => f.path)).toEqual(["source", "detail.state"]);
  });

  it("reports every broken leaf, with paths and offsets, first problem = the thrown reason", () => {
    const text = '{"a": [{"prefix": 1}], "b": {"c": [{"numeric": [">", "x"]}], "d": 5}, "e": [], "f": [{"exists": true}]}';
    const v = validatePattern(text);
    expect(v.valid).toBe(false);
    expect(v.compiled).toBeUndefined();
    expect(v.problems.map((p) => [p.code, p.path, p.message])).toEqual([
      ["operator-value", ["a", 0, "prefix"], "prefix match pattern must be a string"],
      ["numeric", ["b", "c", 0, "numeric"], "Value of > must be numeric"],
      ["leaf-not-array", ["b", "d"], '"d" must be an object or an array'],
      ["empty-array", ["e"], "Empty arrays are not allowed"],
    ]);
    expect(v.problems.map((p) => p.offset)).toEqual([
      text.indexOf("1}"),
      text.indexOf('"x"'),
      text.indexOf("5}"),
      text.indexOf("[]"),
    ]);
    let reason = "";
    try {
      compilePattern(text);
    } catch (e) {
      if (e instanceof InvalidEventPatternError) reason = e.reason;
    }
    expect(reason).toBe(v.problems[0]?.message);
  });

  it("reports several conditions of one leaf and continues inside $or", () => {
    const text = '{"$or": [{"a": [{"wildcard": "x**"}, {"cidr": "1.2.3.4"}]}, {"prefix": ["y"]}]}';
    const v = validatePattern(text);
    expect(v.problems.map((p) => p.message)).toEqual([
      "Consecutive wildcard characters at pos 2",
      "Malformed CIDR, one '/' required",
      "prefix is Ruler reserved fieldName which cannot be used inside $or.",
    ]);
    expect(v.problems[2]?.offset).toBe(text.indexOf('"prefix"'));
    expect(v.problems[2]?.path).toEqual(["$or", 1, "prefix"]);
  });

  it("stops at a JSON syntax error but keeps what came before", () => {
    const text = '{"a": [{"suffix": 1}], "b": ["x" "y"]}';
    const v = validatePattern(text);
    expect(v.problems.map((p) => p.code)).toEqual(["operator-value", "syntax"]);
    expect(v.problems[1]?.offset).toBe(text.indexOf('"y"'));
  });

  it("reports limits after grammar: size first, complexity last", () => {
    const long = `{"a":[{"wildcard":"*:*:*:*:*:event-bus/*"}],"b":["${"x".repeat(2100)}"]}`;
    const v = validatePattern(long);
    expect(v.problems.map((p) => p.code)).toEqual(["too-long", "too-complex"]);
    expect(v.problems[1]?.path).toEqual(["a"]);
    expect(v.problems[1]?.offset).toBe(long.indexOf("[{"));
    expect(validatePattern(long, { maxLength: 4096 }).problems.map((p) => p.code)).toEqual(["too-complex"]);
    expect(validatePattern(long, { maxLength: 4096, maxWildcardComplexity: 11 }).valid).toBe(true);
  });

  it("never throws on arbitrary text", () => {
    for (const text of ["", "{", "}", "[{", '{"a":', '{"a":[{"numeric":[">",', "\u0000", '{"$or":[{"a":["x"]},{"b":[', "nul"]) {
      const v = validatePattern(text);
      expect(v.valid).toBe(false);
      expect(v.problems.length).toBeGreaterThan(0);
    }
  });
});

describe("compiled model", () => {
  it("expands $or into branches, joins dotted paths and records leaf spans", () => {
    const text = '{"detail": {"state.status": ["a"], "$or": [{"x": [1]}, {"y": {"z": [{"prefix": "p"}]}}]}}';
    const compiled = compilePattern(text);
    expect(compiled.branches.map((b) => b.fields.map((f) => f.path))).toEqual([
      ["detail.state.status", "detail.x"],
      ["detail.state.status", "detail.y.z"],
    ]);
    const leaf = compiled.branches[1]?.fields[1];
    expect(leaf?.conditions).toEqual([{ kind: "prefix", value: "p", ignoreCase: false }]);
    expect(leaf?.span).toEqual({ offset: text.indexOf('[{"prefix"'), length: '[{"prefix": "p"}]'.length });
  });

  it("lets the last duplicate key win, also inside $or alternatives", () => {
    const compiled = compilePattern('{"a": ["1"], "$or": [{"a": ["2"]}, {"b": ["3"]}], "c": ["4"], "c": ["5"]}');
    const show = compiled.branches.map((b) =>
      b.fields.map((f) => `${f.path}=${f.conditions.map((c) => (c.kind === "exact" && c.value.kind === "string" ? c.value.value : "?")).join()}`),
    );
    expect(show).toEqual([
      ["a=2", "c=5"],
      ["a=1", "b=3", "c=5"],
    ]);
  });

  it("normalises operators into conditions", () => {
    const c = compilePattern(
      '{"n": [{"numeric": [">", 0, "<=", 5]}, 7, "10.0.0.1", {"anything-but": {"wildcard": ["a*", "b"]}}, {"cidr": "10.0.0.0/8"}, {"suffix": {"equals-ignore-case": ".PNG"}}]}',
    ).branches[0]?.fields[0]?.conditions;
    expect(c).toEqual([
      { kind: "numeric", lower: { value: 0, inclusive: false }, upper: { value: 5, inclusive: true } },
      { kind: "exact", value: { kind: "number", lexeme: "7", comparable: 7 } },
      { kind: "exact", value: { kind: "string", value: "10.0.0.1" }, ip: { version: 4, first: "0A000001", last: "0A000001" } },
      { kind: "anything-but", exclusion: { type: "wildcard", globs: [{ parts: ["a", ""] }, { parts: ["b"] }] } },
      { kind: "cidr", source: "10.0.0.0/8", range: { version: 4, first: "0A000000", last: "0AFFFFFF" } },
      { kind: "suffix", value: ".PNG", ignoreCase: true },
    ]);
  });
});
