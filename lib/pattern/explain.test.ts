import { describe, expect, it } from "vitest";
import { explain, InvalidEventError, InvalidEventPatternError, testEventPattern } from "./index";
import { detailEvent, eventWith } from "./test-helpers";

describe("explain", () => {
  it("gives a reason per leaf: held, failed, missing", () => {
    const pattern = '{"source": ["test.source"], "detail": {"total_cost": [{"numeric": [">", 200]}], "state": [{"anything-but": "x"}]}}';
    const e = explain(pattern, detailEvent('{"total_cost": 150}'));
    expect(e.matched).toBe(false);
    expect(e.branches).toHaveLength(1);
    const [source, cost, state] = e.branches[0]?.fields ?? [];
    expect(source?.held).toBe(true);
    expect(source?.reason).toBe('source is "test.source"; matches "test.source"');
    expect(source?.conditionIndex).toBe(0);
    expect(cost?.held).toBe(false);
    expect(cost?.reason).toBe("detail.total_cost is 150; needs > 200");
    expect(cost?.values).toEqual([{ kind: "number", lexeme: "150", comparable: 150 }]);
    expect(cost?.condition).toBeUndefined();
    expect(state?.reason).toBe("detail.state is missing; anything-but needs the field to exist");
    expect(e.branches[0]?.reason).toBe("2 of 3 fields do not hold");
  });

  it("names the condition that held among several", () => {
    const e = explain('{"s": [{"prefix": "a"}, {"suffix": "z"}, "q"]}', eventWith('"s": ["mmz", "b"]'));
    const field = e.branches[0]?.fields[0];
    expect(field?.held).toBe(true);
    expect(field?.conditionIndex).toBe(1);
    expect(field?.condition).toEqual({ kind: "suffix", value: "z", ignoreCase: false });
    expect(field?.matchingValues).toEqual([{ kind: "string", value: "mmz" }]);
    expect(field?.reason).toBe('s is "mmz"; matches suffix "z"');
  });

  it("lists alternatives when nothing holds, and describes shapes that count as missing", () => {
    const e = explain('{"a": [{"numeric": [">=", 1, "<", 5]}, {"exists": false}], "b": ["x"], "c": ["y"]}', eventWith('"a": [7, 9], "b": {"k": 1}, "c": []'));
    const [a, b, c] = e.branches[0]?.fields ?? [];
    expect(a?.reason).toBe("a is [7, 9]; needs one of: >= 1 and < 5, the field to be absent");
    expect(b?.reason).toBe('b is an object, not a value; needs "x"');
    expect(c?.reason).toBe('c is an empty array, which counts as missing; needs "y"');
  });

  it("explains exists:false holding and array consistency failing", () => {
    expect(explain('{"gone": [{"exists": false}]}', eventWith("")).branches[0]?.fields[0]?.reason).toBe(
      "gone is missing; exists: false holds",
    );
    const people = eventWith('"employees": [{"firstName":"Anna","lastName":"Smith"},{"firstName":"Peter","lastName":"Jones"}]');
    const e = explain('{"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}}', people);
    expect(e.matched).toBe(false);
    expect(e.branches[0]?.fields.every((f) => f.held)).toBe(true);
    expect(e.branches[0]?.arrayConsistent).toBe(false);
    expect(e.branches[0]?.reason).toBe("every field holds, but only with values from different elements of the same array");
  });

  it("explains each $or branch", () => {
    const e = explain('{"$or": [{"a": ["1"]}, {"b": [{"wildcard": "x*"}]}]}', eventWith('"b": "xyz"'));
    expect(e.matched).toBe(true);
    expect(e.branches.map((b) => b.matched)).toEqual([false, true]);
    expect(e.branches[0]?.reason).toBe("a does not hold");
    expect(e.branches[1]?.fields[0]?.reason).toBe('b is "xyz"; matches wildcard "x*"');
  });

  it("describes every operator", () => {
    const reason = (cond: string, value: string): string | undefined =>
      explain(`{"v": [${cond}]}`, eventWith(`"v": ${value}`)).branches[0]?.fields[0]?.reason;
    expect(reason('{"numeric": ["=", 5]}', "4")).toBe("v is 4; needs = 5");
    expect(reason('{"numeric": ["<", 5]}', "6")).toBe("v is 6; needs < 5");
    expect(reason('{"cidr": "10.0.0.0/8"}', '"1.1.1.1"')).toBe('v is "1.1.1.1"; needs cidr 10.0.0.0/8');
    expect(reason('{"anything-but": ["a", "b"]}', '"a"')).toBe('v is "a"; needs anything but "a", "b"');
    expect(reason('{"anything-but": [1, 2]}', "1")).toBe("v is 1; needs anything but 1, 2");
    expect(reason('{"anything-but": {"prefix": "a"}}', '"ab"')).toBe('v is "ab"; needs anything but prefix "a"');
    expect(reason('{"prefix": {"equals-ignore-case": "A"}}', '"b"')).toBe('v is "b"; needs prefix "A" (ignoring case)');
    expect(reason('{"equals-ignore-case": "A"}', '"b"')).toBe('v is "b"; needs equals-ignore-case "A"');
    expect(reason('{"exists": true}', "null")).toBe("v is null; matches exists: true");
    expect(reason('{"exists": false}', "true")).toBe("v is true; needs the field to be absent");
  });

  it("agrees with testEventPattern and throws the same errors", () => {
    const pairs: [string, string][] = [
      ['{"a": ["x"]}', eventWith('"a": "x"')],
      ['{"a": [{"numeric": [">", 1]}]}', eventWith('"a": 1')],
      ['{"$or": [{"a": ["x"]}, {"b": [{"exists": false}]}]}', eventWith('"b": 1')],
    ];
    for (const [p, ev] of pairs) expect(explain(p, ev).matched).toBe(testEventPattern(p, ev));
    expect(() => explain("[]", eventWith(""))).toThrow(InvalidEventPatternError);
    expect(() => explain('{"a": ["x"]}', "[]")).toThrow(InvalidEventError);
  });
});
