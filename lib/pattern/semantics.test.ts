/**
 * Matching semantics from lib/pattern/SEMANTICS.md, operator by operator, and thirty cases a naive
 * matcher gets wrong (its "Cases a naive matcher gets wrong").
 */
import { describe, expect, it } from "vitest";
import { testEventPattern } from "./index";
import { detailEvent, eventWith, reasonOf } from "./test-helpers";

const m = (pattern: string, event: string): boolean => testEventPattern(pattern, event);

describe("thirty cases a naive matcher gets wrong", () => {
  const cases: [number, string, string | undefined, boolean | string][] = [
    [1, '{"number":[300]}', eventWith('"number": 300.0'), true],
    [2, '{"n":[300]}', eventWith('"n": 3.0e2'), true],
    [3, '{"n":["300"]}', eventWith('"n": 300'), false],
    [4, '{"number":[{"numeric":[">",100]}]}', eventWith('"number": "300"'), false],
    [5, '{"n":[{"numeric":[">",0]}]}', eventWith('"n": 9007199254740993'), false],
    [6, '{"detail":{"responseElements":[null]}}', detailEvent('{"responseElements": "null"}'), false],
    [7, '{"resources":[{"exists":true}]}', eventWith(""), false],
    [8, '{"dynamodb":{"presentKey":[{"exists":true}]}}', eventWith('"dynamodb": {"presentKey": {"S": "x"}}'), false],
    [9, '{"detail":{"v":[{"exists":true}]}}', detailEvent('{"v": null}'), true],
    [
      10,
      '{"dynamodb":{"NewImage":{"homemade":{"S":[{"anything-but":["roses"]},{"exists":false}]}}}}',
      eventWith('"dynamodb": {"NewImage": {"purchased": {"N": "789"}}}'),
      true,
    ],
    [11, '{"detail":{"state":[{"anything-but":"initializing"}]}}', detailEvent("{}"), false],
    [12, '{"detail":{"state":[{"anything-but":"initializing"}]}}', detailEvent('{"state": null}'), true],
    [13, '{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}', detailEvent('{"state": 12}'), true],
    [14, '{"detail":{"s":[{"anything-but":"a"}]}}', detailEvent('{"s": ["a", "b"]}'), true],
    [15, '{"detail":{"s":[{"anything-but":[100,200]}]}}', detailEvent('{"s": 100.0}'), false],
    [16, '{"source":[{"prefix":""}]}', eventWith(""), true],
    [17, '{"EventBusArn":[{"wildcard":""}]}', eventWith('"EventBusArn": "arn:aws:events:us-east-1:1:event-bus/b"'), false],
    [18, '{"detail":{"FilePath":[{"anything-but":{"wildcard":""}}]}}', detailEvent('{"FilePath": "dir/init/file"}'), true],
    [19, '{"EventBusArn":[{"wildcard":"arn:aws:events:us-east-1:**:event-bus/*"}]}', undefined, "Consecutive wildcard characters at pos 26"],
    [
      20,
      '{"EventBusArn":[{"wildcard":"*:*:*:*:*:event-bus/*"}]}',
      undefined,
      "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
    ],
    [21, '{"detail":{"escape_star":["*"],"escape_backslash":["\\\\"]}}', detailEvent('{"escape_star": "*", "escape_backslash": "\\\\"}'), true],
    [22, '{"detail":{"state.status":["running"]}}', detailEvent('{"state": {"status": "running"}}'), true],
    [23, '{"detail":{"state":{"status":["running"]}}}', detailEvent('{"state.status": "running"}'), true],
    [24, '{"detail":{"my-key":["my-value"]}}', eventWith('"detail": "{\\"my-key\\": \\"my-value\\"}"'), false],
    [
      25,
      '{"detail":{"location":[{"prefix":"us-"}],"location":[{"anything-but":"us-east"}]}}',
      detailEvent('{"location": "eu-central-1"}'),
      true,
    ],
    [
      26,
      '{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}',
      eventWith('"employees": [{"firstName":"Anna","lastName":"Smith"},{"firstName":"Peter","lastName":"Jones"}]'),
      false,
    ],
    [27, '{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}', detailEvent('{"sourceIPAddress": 123}'), false],
    [28, '{"detail":{"ip":[{"cidr":"10.0.0.1/32"}]}}', undefined, "IPv4 mask bits must be < 32"],
    [29, '{"detail":{"c-count":[{"numeric":[">",0,">",0]}]}}', undefined, "Bad numeric range operator: >"],
    [
      30,
      '{"detail":{"state":[{"anything-but":["stopped",null]}]}}',
      undefined,
      "Inside anything but list, start|null|boolean is not supported.",
    ],
  ];
  for (const [n, pattern, event, expected] of cases) {
    it(`#${n} ${pattern}`, () => {
      if (typeof expected === "string") expect(reasonOf(pattern)).toBe(expected);
      else expect(m(pattern, event ?? eventWith(""))).toBe(expected);
    });
  }
  it("#29b a range whose bottom is not below its top", () => {
    expect(reasonOf('{"x":[{"numeric":[">=",5,"<=",5]}]}')).toBe("Bottom must be less than top");
  });
  it("also worth a test: [] is invalid, suffix is case-sensitive, prefix lists are invalid", () => {
    expect(reasonOf('{"resources":[]}')).toBe("Empty arrays are not allowed");
    expect(m('{"f":[{"suffix":".PNG"}]}', eventWith('"f": "image.png"'))).toBe(false);
    expect(reasonOf('{"time":[{"prefix":["x"]}]}')).toBe("prefix match pattern must be a string");
  });
  it("also worth a test: straße, -0.0, a key present in any array element", () => {
    expect(m('{"s":[{"equals-ignore-case":"straße"}]}', eventWith('"s": "STRASSE"'))).toBe(true);
    expect(m('{"n":[0]}', eventWith('"n": -0.0'))).toBe(true);
    expect(m('{"a":{"k":[{"exists":false}]}}', eventWith('"a": [{"x": 1}, {"k": 2}]'))).toBe(false);
  });
});

describe("exact values", () => {
  it("compare strings byte for byte, never folding case or trimming", () => {
    expect(m('{"s":["Abc "]}', eventWith('"s": "Abc "'))).toBe(true);
    expect(m('{"s":["abc"]}', eventWith('"s": "Abc"'))).toBe(false);
    expect(m('{"s":["abc"]}', eventWith('"s": "abc "'))).toBe(false);
  });
  it("keep \"\" apart from null and \"*\" literal", () => {
    expect(m('{"s":[""]}', eventWith('"s": ""'))).toBe(true);
    expect(m('{"s":[""]}', eventWith('"s": null'))).toBe(false);
    expect(m('{"s":[null]}', eventWith('"s": ""'))).toBe(false);
    expect(m('{"s":["*"]}', eventWith('"s": "anything"'))).toBe(false);
    expect(m('{"s":["*"]}', eventWith('"s": "*"'))).toBe(true);
  });
  it("keep booleans apart from their strings", () => {
    expect(m('{"b":[true]}', eventWith('"b": true'))).toBe(true);
    expect(m('{"b":[true]}', eventWith('"b": "true"'))).toBe(false);
    expect(m('{"b":["true"]}', eventWith('"b": true'))).toBe(false);
    expect(m('{"b":[false]}', eventWith('"b": true'))).toBe(false);
  });
  it("compare comparable numbers numerically and others by lexeme", () => {
    expect(m('{"n":[300]}', eventWith('"n": 3E2'))).toBe(true);
    expect(m('{"n":[0]}', eventWith('"n": -0'))).toBe(true);
    expect(m('{"n":[12345678901234567890]}', eventWith('"n": 12345678901234567890'))).toBe(true);
    expect(m('{"n":[12345678901234567890]}', eventWith('"n": 1.2345678901234567890e19'))).toBe(false);
    expect(m('{"n":[300]}', eventWith('"n": "300"'))).toBe(false);
  });
  it("treat a string IP literal as a one-address range", () => {
    expect(m('{"ip":["2001:db8::1"]}', eventWith('"ip": "2001:0DB8:0:0:0:0:0:1"'))).toBe(true);
    expect(m('{"ip":["10.0.0.1"]}', eventWith('"ip": "10.0.0.2"'))).toBe(false);
    expect(m('{"ip":["10.0.0.255"]}', eventWith('"ip": "10.0.0.255"'))).toBe(true);
  });
  it("match any element of an event array, and a nested array flattened", () => {
    expect(m('{"a":["x"]}', eventWith('"a": ["y", "x"]'))).toBe(true);
    expect(m('{"a":["x"]}', eventWith('"a": [["y"], ["z", ["x"]]]'))).toBe(true);
    expect(m('{"a":["x"]}', eventWith('"a": ["y"]'))).toBe(false);
  });
  it("OR within a leaf, AND across leaves", () => {
    expect(m('{"a":["x","y"],"b":["z"]}', eventWith('"a": "y", "b": "z"'))).toBe(true);
    expect(m('{"a":["x","y"],"b":["z"]}', eventWith('"a": "y", "b": "q"'))).toBe(false);
  });
  it("never match an object or an empty array", () => {
    expect(m('{"a":[null]}', eventWith('"a": []'))).toBe(false);
    expect(m('{"a":[{"anything-but":"x"}]}', eventWith('"a": {"b": 1}'))).toBe(false);
    expect(m('{"a":[{"anything-but":"x"}]}', eventWith('"a": []'))).toBe(false);
  });
  it("treat event keys as case-sensitive and duplicate event keys as both values", () => {
    expect(m('{"MY_KEY":["v"]}', eventWith('"my_key": "v"'))).toBe(false);
    expect(m('{"k":["b"]}', eventWith('"k": "a", "k": "b"'))).toBe(true);
    expect(m('{"k":["a"]}', eventWith('"k": "a", "k": "b"'))).toBe(true);
  });
});

describe("prefix and suffix", () => {
  it("match strings only", () => {
    expect(m('{"s":[{"prefix":"us-"}]}', eventWith('"s": "us-east-1"'))).toBe(true);
    expect(m('{"s":[{"prefix":"1"}]}', eventWith('"s": 123'))).toBe(false);
    expect(m('{"s":[{"prefix":""}]}', eventWith('"s": 5'))).toBe(false);
    expect(m('{"s":[{"prefix":""}]}', eventWith('"s": null'))).toBe(false);
    expect(m('{"s":[{"suffix":""}]}', eventWith('"s": "x"'))).toBe(true);
    expect(m('{"s":[{"suffix":"3"}]}', eventWith('"s": 123'))).toBe(false);
  });
  it("are case-sensitive unless equals-ignore-case is nested", () => {
    expect(m('{"s":[{"prefix":"US-"}]}', eventWith('"s": "us-east-1"'))).toBe(false);
    expect(m('{"s":[{"prefix":{"equals-ignore-case":"US-"}}]}', eventWith('"s": "us-east-1"'))).toBe(true);
    expect(m('{"s":[{"suffix":{"equals-ignore-case":".PNG"}}]}', eventWith('"s": "a.png"'))).toBe(true);
    expect(m('{"s":[{"suffix":{"equals-ignore-case":".PNG"}}]}', eventWith('"s": "a.jpg"'))).toBe(false);
  });
});

describe("equals-ignore-case", () => {
  it("folds per code point, one way from the pattern", () => {
    expect(m('{"s":[{"equals-ignore-case":"été"}]}', eventWith('"s": "ÉTÉ"'))).toBe(true);
    expect(m('{"s":[{"equals-ignore-case":"STRASSE"}]}', eventWith('"s": "straße"'))).toBe(false);
    expect(m('{"s":[{"equals-ignore-case":""}]}', eventWith('"s": ""'))).toBe(true);
    expect(m('{"s":[{"equals-ignore-case":""}]}', eventWith('"s": "x"'))).toBe(false);
    expect(m('{"s":[{"equals-ignore-case":"5"}]}', eventWith('"s": 5'))).toBe(false);
  });
});

describe("anything-but", () => {
  it("needs the field to be present", () => {
    for (const op of ['"x"', "5", '["x","y"]', '{"prefix":"x"}', '{"suffix":"x"}', '{"equals-ignore-case":"x"}', '{"wildcard":"x*"}']) {
      expect(m(`{"a":[{"anything-but":${op}}]}`, eventWith(""))).toBe(false);
      expect(m(`{"a":[{"anything-but":${op}}]}`, eventWith('"a": null'))).toBe(true);
    }
  });
  it("lets values of the other type through", () => {
    expect(m('{"a":[{"anything-but":"5"}]}', eventWith('"a": 5'))).toBe(true);
    expect(m('{"a":[{"anything-but":5}]}', eventWith('"a": "5"'))).toBe(true);
    expect(m('{"a":[{"anything-but":{"equals-ignore-case":"X"}}]}', eventWith('"a": 5'))).toBe(true);
    expect(m('{"a":[{"anything-but":{"wildcard":"*"}}]}', eventWith('"a": 5'))).toBe(true);
    expect(m('{"a":[{"anything-but":{"wildcard":"*"}}]}', eventWith('"a": ""'))).toBe(false);
  });
  it("compares numbers numerically; an uncomparable event number is never excluded", () => {
    expect(m('{"a":[{"anything-but":0}]}', eventWith('"a": -0.0'))).toBe(false);
    expect(m('{"a":[{"anything-but":[1,2]}]}', eventWith('"a": 2.0'))).toBe(false);
    expect(m('{"a":[{"anything-but":[1,2]}]}', eventWith('"a": 9007199254740993'))).toBe(true);
  });
  it("with an event array passes when some element is not excluded", () => {
    expect(m('{"a":[{"anything-but":"a"}]}', eventWith('"a": ["a"]'))).toBe(false);
    expect(m('{"a":[{"anything-but":{"prefix":"a"}}]}', eventWith('"a": ["ab", "ba"]'))).toBe(true);
    expect(m('{"a":[{"anything-but":"a"}]}', eventWith('"a": []'))).toBe(false);
  });
  it("ignores case, prefixes, suffixes and wildcards on request", () => {
    expect(m('{"a":[{"anything-but":{"equals-ignore-case":["X","y"]}}]}', eventWith('"a": "Y"'))).toBe(false);
    expect(m('{"a":[{"anything-but":{"suffix":[".txt",".jpg"]}}]}', eventWith('"a": "a.png"'))).toBe(true);
    expect(m('{"a":[{"anything-but":{"suffix":[".txt",".jpg"]}}]}', eventWith('"a": "a.jpg"'))).toBe(false);
    expect(m('{"a":[{"anything-but":{"wildcard":"*/init/*"}}]}', eventWith('"a": "dir/init/f"'))).toBe(false);
    expect(m('{"a":[{"anything-but":{"prefix":[]}}]}', eventWith('"a": "x"'))).toBe(true);
  });
});

describe("numeric", () => {
  it("applies to JSON numbers only", () => {
    expect(m('{"n":[{"numeric":[">",1]}]}', eventWith('"n": true'))).toBe(false);
    expect(m('{"n":[{"numeric":[">",1]}]}', eventWith('"n": null'))).toBe(false);
    expect(m('{"n":[{"numeric":[">",1]}]}', eventWith('"n": "5"'))).toBe(false);
  });
  it("honours every operator and bound kind", () => {
    const n = (expr: string, value: string): boolean => m(`{"n":[{"numeric":${expr}}]}`, eventWith(`"n": ${value}`));
    expect(n('["=", 3.018e2]', "301.8")).toBe(true);
    expect(n('["=", 5]', "5.0001")).toBe(false);
    expect(n('[">", 5]', "5")).toBe(false);
    expect(n('[">=", 5]', "5")).toBe(true);
    expect(n('["<", 5]', "5")).toBe(false);
    expect(n('["<=", 5]', "5")).toBe(true);
    expect(n('[">", 0, "<=", 5]', "5")).toBe(true);
    expect(n('[">", 0, "<=", 5]', "0")).toBe(false);
    expect(n('[">=", 0, "<", 5]', "0")).toBe(true);
    expect(n('[">=", 0, "<", 5]', "5")).toBe(false);
    expect(n('[">", -1e300]', "-1.5")).toBe(true);
    expect(n('["<", 1e308]', "1.7976931348623157e308")).toBe(false);
  });
});

describe("exists", () => {
  it("true needs a leaf value; null counts, [] {} and objects do not", () => {
    expect(m('{"a":[{"exists":true}]}', eventWith('"a": null'))).toBe(true);
    expect(m('{"a":[{"exists":true}]}', eventWith('"a": 0'))).toBe(true);
    expect(m('{"a":[{"exists":true}]}', eventWith('"a": {}'))).toBe(false);
    expect(m('{"a":[{"exists":true}]}', eventWith('"a": []'))).toBe(false);
    expect(m('{"a":[{"exists":true}]}', eventWith('"a": {"b": 1}'))).toBe(false);
  });
  it("false holds for missing, [], {} and objects, not for null", () => {
    expect(m('{"a":[{"exists":false}]}', eventWith(""))).toBe(true);
    expect(m('{"a":[{"exists":false}]}', eventWith('"a": []'))).toBe(true);
    expect(m('{"a":[{"exists":false}]}', eventWith('"a": {}'))).toBe(true);
    expect(m('{"a":[{"exists":false}]}', eventWith('"a": {"b": 1}'))).toBe(true);
    expect(m('{"a":[{"exists":false}]}', eventWith('"a": null'))).toBe(false);
    expect(m('{"a":{"b":[{"exists":false}]}}', eventWith('"a": "scalar"'))).toBe(true);
  });
  it("mixes with other conditions as an OR", () => {
    const p = '{"a":[{"exists":false},{"prefix":"x"}]}';
    expect(m(p, eventWith('"a": "xy"'))).toBe(true);
    expect(m(p, eventWith('"a": "yy"'))).toBe(false);
    expect(m(p, eventWith(""))).toBe(true);
  });
});

describe("cidr", () => {
  it("matches string IPs inside the block, ignoring host bits", () => {
    expect(m('{"ip":[{"cidr":"10.0.0.0/24"}]}', eventWith('"ip": "10.0.0.255"'))).toBe(true);
    expect(m('{"ip":[{"cidr":"10.0.0.0/24"}]}', eventWith('"ip": "10.0.1.0"'))).toBe(false);
    expect(m('{"ip":[{"cidr":"10.0.0.77/24"}]}', eventWith('"ip": "10.0.0.1"'))).toBe(true);
    expect(m('{"ip":[{"cidr":"10.0.0.0/24"}]}', eventWith('"ip": "10.0.0.256"'))).toBe(false);
    expect(m('{"ip":[{"cidr":"0.0.0.0/0"}]}', eventWith('"ip": "255.255.255.255"'))).toBe(true);
    expect(m('{"ip":[{"cidr":"2001:db8:1234:1a00::/64"}]}', eventWith('"ip": "2001:0db8:1234:1a00:0000:0000:0000:0001"'))).toBe(true);
    expect(m('{"ip":[{"cidr":"2001:db8:1234:1a00::/64"}]}', eventWith('"ip": "2001:db8:1234:1a01::1"'))).toBe(false);
    expect(m('{"ip":[{"cidr":"10.0.0.0/8"}]}', eventWith('"ip": ["1.1.1.1", "10.9.9.9"]'))).toBe(true);
  });
  it("keeps Ruler's quirks: leading-zero IPv4 parts, IPv4 ranges over IPv6 digits", () => {
    expect(m('{"ip":[{"cidr":"10.0.0.0/24"}]}', eventWith('"ip": "010.0.0.1"'))).toBe(true);
    expect(m('{"ip":[{"cidr":"10.0.0.0/8"}]}', eventWith('"ip": "a00:1::"'))).toBe(true);
    expect(m('{"ip":[{"cidr":"10.0.0.0/8"}]}', eventWith('"ip": "::ffff:10.0.0.1"'))).toBe(false);
  });
});

describe("wildcard", () => {
  it("matches strings with * as any run, escapes literal", () => {
    const w = (p: string, v: string): boolean => m(`{"s":[{"wildcard":${JSON.stringify(p)}}]}`, eventWith(`"s": ${JSON.stringify(v)}`));
    expect(w("/Users/*/doc.txt", "/Users/me/a/b/doc.txt")).toBe(true);
    expect(w("/Users/*/doc.txt", "/Users/me/doc.txt.bak")).toBe(false);
    expect(w("*", "")).toBe(true);
    expect(w("", "")).toBe(true);
    expect(w("a\\*b", "a*b")).toBe(true);
    expect(w("a\\*b", "axb")).toBe(false);
    expect(w("a\\\\b", "a\\b")).toBe(true);
    expect(w("*ab*ab*", "abab")).toBe(true);
    expect(w("*ab*ab*", "aba")).toBe(false);
    expect(m('{"s":[{"wildcard":"*"}]}', eventWith('"s": 5'))).toBe(false);
  });
});

describe("$or", () => {
  it("matches when any alternative does, AND-ed with siblings", () => {
    const p = '{"src":["a"],"$or":[{"x":["1"]},{"y":["2"],"z":["3"]}]}';
    expect(m(p, eventWith('"src": "b", "x": "1"'))).toBe(false);
    expect(m(p, eventWith('"src": "a", "x": "1"'))).toBe(true);
    expect(m(p, eventWith('"src": "a", "y": "2"'))).toBe(false);
    expect(m(p, eventWith('"src": "a", "y": "2", "z": "3"'))).toBe(true);
  });
  it("nests, and a later sibling overrides inside every alternative", () => {
    const nested = '{"$or":[{"a":["1"]},{"$or":[{"b":["2"]},{"c":["3"]}]}]}';
    expect(m(nested, eventWith('"c": "3"'))).toBe(true);
    expect(m(nested, eventWith('"d": "3"'))).toBe(false);
    const override = '{"$or":[{"a":["1"]},{"b":["2"]}],"a":["9"]}';
    expect(m(override, eventWith('"a": "1"'))).toBe(false);
    expect(m(override, eventWith('"a": "9", "b": "2"'))).toBe(true);
  });
});

describe("array consistency", () => {
  const people = '"employees": [{"firstName":"Anna","lastName":"Smith"},{"firstName":"Peter","lastName":"Jones"}]';
  it("takes fields of a branch from one element of an array", () => {
    expect(m('{"employees":{"firstName":["Anna"],"lastName":["Smith"]}}', eventWith(people))).toBe(true);
    expect(m('{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}', eventWith(people))).toBe(false);
    expect(m('{"employees":{"firstName":["Anna","Peter"],"lastName":["Jones"]}}', eventWith(people))).toBe(true);
  });
  it("lets unrelated arrays and scalars combine freely", () => {
    expect(m('{"employees":{"firstName":["Anna"]},"tags":["t2"]}', eventWith(`${people}, "tags": ["t1", "t2"]`))).toBe(true);
  });
  it("holds for nested arrays", () => {
    const e = eventWith('"g": [{"m": [{"a": 1, "b": 2}, {"a": 3, "b": 4}]}, {"m": [{"a": 1, "b": 4}]}]');
    expect(m('{"g":{"m":{"a":[1],"b":[4]}}}', e)).toBe(true);
    expect(m('{"g":{"m":{"a":[3],"b":[2]}}}', e)).toBe(false);
  });
  it("checks exists:false against the elements the fields before it in path order took (Ruler)", () => {
    // e.x comes first: it takes element 0, which has no y.
    expect(m('{"e":{"x":["1"],"y":[{"exists":false}]}}', eventWith('"e": [{"x": "1"}, {"y": "2"}]'))).toBe(true);
    expect(m('{"e":{"x":["1"],"y":[{"exists":false}]}}', eventWith('"e": [{"x": "1", "y": "3"}, {"y": "2"}]'))).toBe(false);
    expect(m('{"e":{"x":["1"],"y":[{"exists":false}]}}', eventWith('"e": [{"x": "1"}, {"z": "2"}]'))).toBe(true);
    // e.a comes first: nothing is taken yet, so a value in any element defeats it.
    expect(m('{"e":{"a":[{"exists":false}],"x":["1"]}}', eventWith('"e": [{"x": "1"}, {"a": "2"}]'))).toBe(false);
    expect(m('{"e":{"y":[{"exists":false}]}}', eventWith('"e": [{"x": "1"}, {"y": "2"}]'))).toBe(false);
  });
});
