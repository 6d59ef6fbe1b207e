/**
 * Edge families where the matcher follows event-ruler's behaviour (aws/event-ruler, the engine
 * EventBridge uses; each expectation below was checked against Ruler HEAD `337e8d9` run on Java 25):
 * numbers at the edge of double precision, keys that are the empty string, `exists: false` inside
 * arrays, title-case letters under equals-ignore-case, and CIDR ranges across IP versions.
 * Each case runs through the single-pattern matcher and the RuleMachine.
 */
import { describe, expect, it } from "vitest";
import { pathReadsEmptyKeys } from "./event";
import { InvalidEventPatternError, testEventPattern } from "./index";
import { RuleMachine } from "./machine";
import { eventWith } from "./test-helpers";

/** The verdict of both engines, which must agree. */
function verdict(pattern: string, members: string): boolean {
  const event = eventWith(members);
  const single = testEventPattern(pattern, event);
  const machine = new RuleMachine();
  machine.addRule("r", pattern);
  expect(machine.matchingRules(event).includes("r"), "RuleMachine agrees").toBe(single);
  return single;
}

function reason(pattern: string): string | undefined {
  try {
    testEventPattern(pattern, eventWith(""));
    return undefined;
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error.reason;
    throw error;
  }
}

describe("numbers at the edge of double precision (Ruler's ComparableNumber)", () => {
  it("compares Double.MIN_VALUE written as Java writes it, in any spelling", () => {
    for (const spelling of ["4.9e-324", "4.9E-324", "0.49e-323", "49e-325", "4.90e-324"]) {
      expect(reason(`{"a":[{"numeric":["=",${spelling}]}]}`), spelling).toBeUndefined();
      expect(verdict(`{"a":[{"numeric":["=",${spelling}]}]}`, '"a": 4.9e-324'), spelling).toBe(true);
      expect(verdict(`{"a":[${spelling}]}`, '"a": 49e-325'), spelling).toBe(true);
      expect(verdict(`{"a":[{"numeric":[">",0,"<",${spelling}]}]}`, '"a": 4.9e-324'), spelling).toBe(false);
    }
    expect(verdict('{"a":[{"numeric":[">",0,"<=",9.9e-324]}]}', '"a": 0.49e-323')).toBe(true);
  });

  it("refuses JavaScript's one-digit form of a subnormal as a bound, and matches it only by its text", () => {
    expect(reason('{"a":[{"numeric":["=",5e-324]}]}')).toBe("Cannot compare number : 5e-324");
    expect(reason('{"a":[{"numeric":[">",1e-323]}]}')).toBe("Cannot compare number : 1e-323");
    expect(verdict('{"a":[5e-324]}', '"a": 5e-324')).toBe(true);
    expect(verdict('{"a":[5e-324]}', '"a": 4.9e-324')).toBe(false);
    expect(verdict('{"a":[{"numeric":[">",0]}]}', '"a": 5e-324')).toBe(false);
    expect(verdict('{"a":[{"numeric":[">",0]}]}', '"a": 4.9e-324')).toBe(true);
    expect(verdict('{"a":[{"anything-but":[4.9e-324]}]}', '"a": 5e-324')).toBe(true);
  });
});

describe("keys that are the empty string (Ruler's paths and used steps)", () => {
  it("knows which paths read empty keys: an empty step before a non-empty one, or the empty path", () => {
    expect(["", ".a", "a..b", ".", "a.", "a..", "color."].filter(pathReadsEmptyKeys)).toEqual(["", ".a", "a..b"]);
  });

  it("does not reach `color.` through an empty key, only through the key `color.`", () => {
    for (const pattern of ['{"color.":["red"]}', '{"color":{"":["red"]}}']) {
      expect(verdict(pattern, '"color.": "red"'), pattern).toBe(true);
      expect(verdict(pattern, '"color": {"": "red"}'), pattern).toBe(false);
      expect(verdict(pattern, '"color": [{"": "red"}]'), pattern).toBe(false);
    }
    expect(verdict('{"color.":[{"prefix":"r"}]}', '"color": {"": "red", "x": "y"}')).toBe(false);
    expect(verdict('{"color.":[{"exists":true}]}', '"color": {"": "red"}')).toBe(false);
  });

  it("treats a value behind an unread empty key as absent, so exists:false holds", () => {
    expect(verdict('{"color.":[{"exists":false}]}', '"color": {"": "red"}')).toBe(true);
    expect(verdict('{"color":{"":[{"exists":false}]}}', '"color": {"": null}')).toBe(true);
    expect(verdict('{"color.":[{"exists":false}]}', '"color.": "red"')).toBe(false);
  });

  it("reads empty keys when a path of the pattern has an empty step, joining every key with a dot", () => {
    expect(verdict('{".color":["red"]}', '"": {"color": "red"}')).toBe(true);
    expect(verdict('{"a..b":["red"]}', '"a": {"": {"b": "red"}}')).toBe(true);
    expect(verdict('{"":["red"]}', '"": "red"')).toBe(true);
    expect(verdict('{"":["red"]}', '"": {"": "red"}')).toBe(false); // that value is at "."
    // Another path with an empty step makes the pattern read every empty key.
    expect(verdict('{"color.":["red"],".x":["y"]}', '"color": {"": "red"}, "": {"x": "y"}')).toBe(true);
  });

  it("joins a pattern's keys as Ruler does: after a lone empty key, without a dot", () => {
    expect(verdict('{"":{"color":["red"]}}', '"color": "red"')).toBe(true);
    expect(verdict('{"":{"color":["red"]}}', '"": {"color": "red"}')).toBe(false);
    expect(verdict('{"":{"":{"a":["x"]}}}', '"..a": "x"')).toBe(true);
  });
});

describe("empty keys in a machine of many rules", () => {
  it("reads empty keys for every rule while one rule has an empty step, as Ruler's machine does", () => {
    const machine = new RuleMachine();
    const event = eventWith('"color": {"": "red"}');
    machine.addRule("color", '{"color.":["red"]}');
    expect(machine.matchingRules(event)).toEqual([]);
    machine.addRule("dot-x", '{".x":["y"]}');
    expect(machine.matchingRules(event)).toEqual(["color"]);
    machine.removeRule("dot-x");
    expect(machine.matchingRules(event)).toEqual([]);
  });
});

describe("exists:false inside arrays (Ruler's array-consistent search)", () => {
  it("holds for an element the fields before it took, when that element lacks the key", () => {
    expect(verdict('{"o":{"y":["a"],"z":[{"exists":false}]}}', '"o": [{"y": "b", "z": 1}, {"y": "a"}]')).toBe(true);
    expect(verdict('{"o":{"y":["a"],"z":[{"exists":false}]}}', '"o": [{"y": "a", "z": 1}, {"y": "b"}]')).toBe(false);
    expect(verdict('{"o":{"y":["a"],"z":[{"exists":false},"b"]}}', '"o": [{"y": "a", "z": "b"}, {"z": 1}]')).toBe(true);
  });

  it("depends on path order: a field sorting before the others sees no elements taken yet", () => {
    expect(verdict('{"o":{"a":[{"exists":false}],"y":["a"]}}', '"o": [{"a": 1, "y": "b"}, {"y": "a"}]')).toBe(false);
    expect(verdict('{"o":{"z":[{"exists":false}],"y":["a"]}}', '"o": [{"z": 1, "y": "b"}, {"y": "a"}]')).toBe(true);
  });

  it("is defeated by a value outside arrays or in an unrelated array", () => {
    expect(verdict('{"a":["x"],"o":{"z":[{"exists":false}]}}', '"a": ["x", "y"], "o": [{"z": 1}, {"y": "a"}]')).toBe(false);
    expect(verdict('{"o":{"y":["a"],"z":[{"exists":false}]}}', '"o": [{"y": "a"}, {"z": 1}], "o.z": 5')).toBe(false);
  });

  it("follows nested arrays and other fields after it", () => {
    expect(verdict('{"o":{"y":["a"],"z":[{"exists":false}]},"p":["x"]}', '"o": [{"z": 1, "y": "b"}, {"y": "a"}], "p": "x"')).toBe(true);
    expect(verdict('{"o":{"x":[{"exists":true}],"z":[{"exists":false}]}}', '"o": [[{"x": "a", "z": "b"}, {"x": "a"}], {"z": 1}]')).toBe(true);
  });

  // Ruler itself searches every choice here and did not finish the second event within a minute.
  it("stays prompt when many elements and arrays offer choices", () => {
    const elements = (n: number, make: (i: number) => object) => Array.from({ length: n }, (_, i) => make(i));
    const detail = {
      a: elements(500, () => ({ v: 1 })),
      b: elements(500, () => ({ v: 1 })),
      z: [...elements(500, () => ({ v: 1, w: 1 })), { v: 2 }],
    };
    const pattern = '{"a":{"v":[1]},"b":{"v":[1]},"z":{"v":[1,2],"w":[{"exists":false}]}}';
    expect(verdict(pattern, `"a": ${JSON.stringify(detail.a)}, "b": ${JSON.stringify(detail.b)}, "z": ${JSON.stringify(detail.z)}`)).toBe(true);
    detail.z.pop();
    expect(verdict(pattern, `"a": ${JSON.stringify(detail.a)}, "b": ${JSON.stringify(detail.b)}, "z": ${JSON.stringify(detail.z)}`)).toBe(false);
  });
});

describe("title-case letters under equals-ignore-case (Ruler's per-character lower and upper case)", () => {
  it("lets ǅ match ǆ and Ǆ but not itself, in equals, prefix and suffix forms", () => {
    expect(verdict('{"a":[{"equals-ignore-case":"xǅ"}]}', '"a": "XǄ"')).toBe(true);
    expect(verdict('{"a":[{"equals-ignore-case":"xǅ"}]}', '"a": "xǆ"')).toBe(true);
    expect(verdict('{"a":[{"equals-ignore-case":"xǅ"}]}', '"a": "xǅ"')).toBe(false);
    expect(verdict('{"a":[{"prefix":{"equals-ignore-case":"ǅx"}}]}', '"a": "ǄXy"')).toBe(true);
    expect(verdict('{"a":[{"prefix":{"equals-ignore-case":"ǅx"}}]}', '"a": "ǅxy"')).toBe(false);
    expect(verdict('{"a":[{"suffix":{"equals-ignore-case":"xǲ"}}]}', '"a": "yxǱ"')).toBe(true);
    expect(verdict('{"a":[{"suffix":{"equals-ignore-case":"xǲ"}}]}', '"a": "yxǲ"')).toBe(false);
    expect(verdict('{"a":[{"equals-ignore-case":"ᾈ"}]}', '"a": "ᾀ"')).toBe(true);
    expect(verdict('{"a":[{"equals-ignore-case":"ᾈ"}]}', '"a": "ᾈ"')).toBe(false);
  });

  it("never lets a lower- or upper-case pattern letter match the title-case form", () => {
    expect(verdict('{"a":[{"equals-ignore-case":"ǆ"}]}', '"a": "ǅ"')).toBe(false);
    expect(verdict('{"a":[{"equals-ignore-case":"Ǆ"}]}', '"a": "ǅ"')).toBe(false);
  });

  it("so anything-but equals-ignore-case lets the title-case letter through", () => {
    expect(verdict('{"a":[{"anything-but":{"equals-ignore-case":"xǅ"}}]}', '"a": "xǅ"')).toBe(true);
    expect(verdict('{"a":[{"anything-but":{"equals-ignore-case":"xǅ"}}]}', '"a": "xǄ"')).toBe(false);
  });
});

describe("CIDR ranges across IP versions (Ruler's byte machine on hex digits)", () => {
  it("matches an IPv4 value with an IPv6 range when it is strictly inside the bounds' first 8 digits", () => {
    expect(verdict('{"a":[{"cidr":"::/1"}]}', '"a": "10.0.0.1"')).toBe(true);
    expect(verdict('{"a":[{"cidr":"::/1"}]}', '"a": "128.0.0.1"')).toBe(false);
    expect(verdict('{"a":[{"cidr":"::/1"}]}', '"a": "127.255.255.255"')).toBe(false);
    expect(verdict('{"a":[{"cidr":"::/0"}]}', '"a": "0.0.0.0"')).toBe(false);
    expect(verdict('{"a":[{"cidr":"8000::/1"}]}', '"a": "128.0.0.1"')).toBe(true);
    expect(verdict('{"a":[{"cidr":"::/16"}]}', '"a": "0.0.0.1"')).toBe(true);
    expect(verdict('{"a":[{"cidr":"::/16"}, {"cidr":"10.0.0.0/8"}]}', '"a": "10.1.2.3"')).toBe(true);
  });

  it("matches an IPv6 value with an IPv4 range by its first 8 digits, and an IPv4-mapped address as IPv4", () => {
    expect(verdict('{"a":[{"cidr":"10.0.0.0/8"}]}', '"a": "a00::1"')).toBe(true);
    expect(verdict('{"a":[{"cidr":"10.0.0.0/8"}]}', '"a": "::a00:1"')).toBe(false);
    expect(verdict('{"a":[{"cidr":"10.0.0.0/8"}]}', '"a": "::ffff:a00:1"')).toBe(true);
  });
});
