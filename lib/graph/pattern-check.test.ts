import { describe, expect, it } from "vitest";
import { checkPattern, compileForSamples, matchesSample, witnessSamples } from "./pattern-check";

describe("pattern adapter", () => {
  it("passes the engine's problems through with AWS's reason and offset", () => {
    expect(checkPattern('{"source":["a"]}')).toEqual([]);
    const [problem] = checkPattern('{"source":"a"}');
    expect(problem).toMatchObject({ offset: 10 });
    expect(problem!.message).not.toBe("");
  });

  it("compiles only valid patterns", () => {
    expect(compileForSamples('{"source":"a"}')).toBeUndefined();
    expect(compileForSamples('{"source":["a"]}')).toBeDefined();
  });

  it("matches samples with the envelope filled in", () => {
    const pattern = compileForSamples('{"source":["a"],"detail":{"n":[{"numeric":[">",1]}]}}')!;
    expect(matchesSample(pattern, { source: "a", detail: { n: 2 } })).toBe(true);
    expect(matchesSample(pattern, { source: "a", detail: { n: 1 } })).toBe(false);
    expect(matchesSample(pattern, { source: { not: "a string" } })).toBe(false);
  });

  it.each([
    '{"source":["a"]}',
    '{"source":[{"prefix":"com."}],"detail-type":[{"suffix":"Created"}]}',
    '{"detail":{"state":[{"anything-but":["off"]}],"n":[{"numeric":[">",5,"<=",6]}]}}',
    '{"detail":{"x":[{"exists":true}],"y":[{"exists":false}],"z":[{"equals-ignore-case":"AbC"}]}}',
    '{"detail":{"path":[{"wildcard":"a*b"}]}}',
    '{"$or":[{"source":["a"]},{"detail-type":["b"]}]}',
  ])("builds witnesses that really match %s", (text) => {
    const pattern = compileForSamples(text)!;
    const samples = witnessSamples(pattern);
    expect(samples.length).toBe(pattern.branches.length);
    for (const sample of samples) expect(matchesSample(pattern, sample)).toBe(true);
  });

  it("builds no witness where it cannot (CIDR)", () => {
    expect(witnessSamples(compileForSamples('{"detail":{"ip":[{"cidr":"10.0.0.0/8"}]}}')!)).toEqual([]);
  });
});
