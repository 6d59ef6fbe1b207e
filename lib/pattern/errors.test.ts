/**
 * Every reason a pattern can be refused, with the exact text AWS (event-ruler) gives, and the
 * event errors.
 */
import { describe, expect, it } from "vitest";
import { compilePattern, InvalidEventError, InvalidEventPatternError, testEventPattern } from "./index";
import { eventWith, reasonOf } from "./test-helpers";

describe("pattern reasons", () => {
  const cases: [string, string][] = [
    // structure
    ["[1]", "Filter is not an object"],
    ['"x"', "Filter is not an object"],
    ["42", "Filter is not an object"],
    ["", "Filter is not an object"],
    ["   ", "Filter is not an object"],
    ["{}", "Empty objects are not allowed"],
    ['{"a":{}}', "Empty objects are not allowed"],
    ['{"a":[]}', "Empty arrays are not allowed"],
    ['{"int":42}', '"int" must be an object or an array'],
    ['{"s":"v"}', '"s" must be an object or an array'],
    ['{"n":null}', '"n" must be an object or an array'],
    ['{"a":[["x"]]}', "Match value must be String, number, true, false, or null"],
    ['{"a":[{}]}', "Match expression name not found"],
    ['{"a":[{"contains":"x"}]}', "Unrecognized match type contains"],
    ['{"a":[{"NUMERIC":["=",5]}]}', "Unrecognized match type NUMERIC"],
    ['{"a":[{"EXISTS":true}]}', "Unrecognized match type EXISTS"],
    ['{"a":[{"exactly":"x"}]}', "Unrecognized match type exactly"],
    ['{"a":[{"prefix":"x","suffix":"y"}]}', "Only one key allowed in match expression"],
    // prefix / suffix
    ['{"a":[{"prefix":123}]}', "prefix match pattern must be a string"],
    ['{"a":[{"prefix":null}]}', "prefix match pattern must be a string"],
    ['{"a":[{"suffix":[".png"]}]}', "suffix match pattern must be a string"],
    ['{"a":[{"prefix":{"foo":"x"}}]}', "Unsupported prefix pattern: foo"],
    ['{"a":[{"suffix":{"foo":"x"}}]}', "Unsupported suffix pattern: foo"],
    ['{"a":[{"prefix":{}}]}', "Prefix expression name not found"],
    ['{"a":[{"suffix":{}}]}', "Suffix expression name not found"],
    ['{"a":[{"prefix":{"equals-ignore-case":5}}]}', "equals-ignore-case match pattern must be a string"],
    ['{"a":[{"prefix":{"equals-ignore-case":"x","b":1}}]}', "Only one key allowed in match expression"],
    // equals-ignore-case, exists, wildcard
    ['{"a":[{"equals-ignore-case":["x"]}]}', "equals-ignore-case match pattern must be a string"],
    ['{"a":[{"equals-ignore-case":{"prefix":"x"}}]}', "equals-ignore-case match pattern must be a string"],
    ['{"a":[{"exists":"yes"}]}', "exists match pattern must be either true or false."],
    ['{"a":[{"exists":true,"x":1}]}', "Only one key allowed in match expression"],
    ['{"a":[{"wildcard":123}]}', "wildcard match pattern must be a string"],
    ['{"a":[{"wildcard":["x"]}]}', "wildcard match pattern must be a string"],
    ['{"a":[{"wildcard":"a**b"}]}', "Consecutive wildcard characters at pos 2"],
    ['{"a":[{"wildcard":"é**"}]}', "Consecutive wildcard characters at pos 3"],
    ['{"a":[{"wildcard":"a\\\\b"}]}', "Invalid escape character at pos 2"],
    ['{"a":[{"wildcard":"ab\\\\"}]}', "Invalid escape character at pos 3"],
    // numeric
    ['{"a":[{"numeric":10}]}', "Value of numeric must be an array."],
    ['{"a":[{"numeric":[">",0,">",0]}]}', "Bad numeric range operator: >"],
    ['{"a":[{"numeric":[">",0,"<"]}]}', "Value of < must be numeric"],
    ['{"a":[{"numeric":["<",10,">",0]}]}', "Too many elements in numeric expression"],
    ['{"a":[{"numeric":["=",5,"<",6]}]}', "Too many elements in numeric expression"],
    ['{"a":[{"numeric":[">=",5,"<=",5]}]}', "Bottom must be less than top"],
    ['{"a":[{"numeric":[">",10,"<",5]}]}', "Bottom must be less than top"],
    ['{"a":[{"numeric":["!=",5]}]}', "Unrecognized numeric range operator: !="],
    ['{"a":[{"numeric":[5]}]}', "Invalid member in numeric match: 5"],
    ['{"a":[{"numeric":[]}]}', "Invalid member in numeric match: ]"],
    ['{"a":[{"numeric":["=","x"]}]}', "Value of equals must be numeric"],
    ['{"a":[{"numeric":[">","1"]}]}', "Value of > must be numeric"],
    ['{"a":[{"numeric":[">=",1]}],"b":[{"numeric":["<"]}]}', "Value of < must be numeric"],
    ['{"a":[{"numeric":[">",0,"<",5,1]}]}', "Too many terms in numeric range expression"],
    ['{"a":[{"numeric":[">",0,5]}]}', "Bad value in numeric range: 5"],
    ['{"a":[{"numeric":[">",1e400]}]}', "Cannot compare number : 1e400"],
    ['{"a":[{"numeric":["=",9007199254740993]}]}', "Cannot compare number : 9007199254740993"],
    ['{"a":[{"numeric":[">",0.10000000000000000001,"<",1]}]}', "Cannot compare number : 0.10000000000000000001"],
    ['{"a":[{"numeric":[">",0],"x":1}]}', "Too many elements in numeric expression"],
    // anything-but
    ['{"a":[{"anything-but":null}]}', "Value of anything-but must be an array or single string/number value."],
    ['{"a":[{"anything-but":true}]}', "Value of anything-but must be an array or single string/number value."],
    ['{"a":[{"anything-but":{"prefix":{"equals-ignore-case":"x"}}}]}', "Value of anything-but must be an array or single string/number value."],
    ['{"a":[{"anything-but":{"suffix":{"equals-ignore-case":"x"}}}]}', "Value of anything-but must be an array or single string/number value."],
    ['{"a":[{"anything-but":["x",null]}]}', "Inside anything but list, start|null|boolean is not supported."],
    ['{"a":[{"anything-but":[true]}]}', "Inside anything but list, start|null|boolean is not supported."],
    ['{"a":[{"anything-but":[["x"]]}]}', "Inside anything but list, start|null|boolean is not supported."],
    ['{"a":[{"anything-but":["x",1]}]}', "Inside anything but list, either all values are number or string, mixed type is not supported"],
    ['{"a":[{"anything-but":[]}]}', "Inside anything but list, either all values are number or string, mixed type is not supported"],
    ['{"a":[{"anything-but":{"equals-ignore-case":123}}]}', "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."],
    ['{"a":[{"anything-but":{"equals-ignore-case":["x",1]}}]}', "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."],
    ['{"a":[{"anything-but":{"prefix":123}}]}', "prefix/suffix match pattern must be a string"],
    ['{"a":[{"anything-but":{"suffix":[null,".txt"]}}]}', "prefix/suffix match pattern must be a string"],
    ['{"a":[{"anything-but":{"prefix":""}}]}', "Null prefix/suffix not allowed"],
    ['{"a":[{"anything-but":{"suffix":["x",""]}}]}', "Null prefix/suffix not allowed"],
    ['{"a":[{"anything-but":{"wildcard":123}}]}', "wildcard match pattern must be a string"],
    ['{"a":[{"anything-but":{"wildcard":["x",1]}}]}', "wildcard match pattern must be a string"],
    ['{"a":[{"anything-but":{"wildcard":"x**"}}]}', "Consecutive wildcard characters at pos 2"],
    ['{"a":[{"anything-but":{"regex":"x"}}]}', "Unsupported anything-but pattern: regex"],
    ['{"a":[{"anything-but":{}}]}', "Anything-But expression name not found"],
    ['{"a":[{"anything-but":1e400}]}', "Cannot compare number : 1e400"],
    ['{"a":[{"anything-but":[1,12345678901234567890]}]}', "Cannot compare number : 12345678901234567890"],
    ['{"a":[{"anything-but":"x","b":1}]}', "Too many elements in numeric expression"],
    ['{"a":[{"anything-but":{"prefix":"x","b":1}}]}', "Too many elements in numeric expression"],
    // cidr
    ['{"a":[{"cidr":["x"]}]}', "prefix match pattern must be a string"],
    ['{"a":[{"cidr":"bad-filter"}]}', "Malformed CIDR, one '/' required"],
    ['{"a":[{"cidr":"10.0.0.0/"}]}', "Malformed CIDR, one '/' required"],
    ['{"a":[{"cidr":"1/2/3"}]}', "Malformed CIDR, one '/' required"],
    ['{"a":[{"cidr":"bad-/64filter"}]}', "Malformed CIDR, mask bits must be an integer"],
    ['{"a":[{"cidr":"10.0.0.0/-1"}]}', "Malformed CIDR, mask bits must not be negative"],
    ['{"a":[{"cidr":"xx.11.xx/8"}]}', "Nonstandard IP address: xx.11.xx"],
    ['{"a":[{"cidr":"xxxx:db8:1234:1a00::/64"}]}', "Nonstandard IP address: xxxx:db8:1234:1a00::"],
    ['{"a":[{"cidr":"999.0.0.1/8"}]}', "Invalid IP address: 999.0.0.1"],
    ['{"a":[{"cidr":"1:::2/8"}]}', "Invalid IP address: 1:::2"],
    ['{"a":[{"cidr":"10.0.0.1/32"}]}', "IPv4 mask bits must be < 32"],
    ['{"a":[{"cidr":"::/128"}]}', "IPv6 mask bits must be < 128"],
    ['{"a":[{"cidr":"10.0.0.0/8","x":1}]}', "Only one key allowed in match expression"],
    // $or
    ['{"$or":{"a":["x"]}}', "It must be an Array followed with $or."],
    ['{"$or":[{"a":["x"]}]}', "There must have at least 2 Objects in $or relationship."],
    ['{"$or":[]}', "There must have at least 2 Objects in $or relationship."],
    ['{"$or":[{"a":["x"]},"b"]}', "Only JSON object is allowed in array of $or relationship."],
    ['{"$or":[{"numeric":["x"]},{"b":["y"]}]}', "numeric is Ruler reserved fieldName which cannot be used inside $or."],
    ['{"$or":[{"a":{"prefix":["x"]}},{"b":["y"]}]}', "prefix is Ruler reserved fieldName which cannot be used inside $or."],
    ['{"$or":[{"regex":["x"]},{"b":["y"]}]}', "regex is Ruler reserved fieldName which cannot be used inside $or."],
    ['{"$or":[{"date-after":["x"]},{"b":["y"]}]}', "date-after is Ruler reserved fieldName which cannot be used inside $or."],
    ['{"$or":[{"=":["x"]},{"b":["y"]}]}', "= is Ruler reserved fieldName which cannot be used inside $or."],
    // JSON syntax (Jackson wording)
    ["this is not json", "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"],
    ["{'bad': 'quotation'}", "Unexpected character (''' (code 39)): was expecting double-quote to start field name"],
    ['{"not": closed mark"', "Unrecognized token 'closed': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"],
    ['{"a": ["x"] "b": ["y"]}', "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"],
    ['{"a" ["x"]}', "Unexpected character ('[' (code 91)): was expecting a colon to separate field name and value"],
    ['{"a": ["x"]', "Unexpected end-of-input: expected close marker for OBJECT"],
    ['{"a": [01]}', "Invalid numeric value: Leading zeroes not allowed"],
    ['{"a": ["x"]} trailing', "Unexpected character ('t' (code 116)): expected end of input"],
  ];
  for (const [pattern, reason] of cases) {
    it(`${pattern} → ${reason}`, () => {
      expect(reasonOf(pattern)).toBe(reason);
    });
  }

  it("reports a grammar error met before a JSON syntax error, as Ruler's stream reader does", () => {
    expect(reasonOf('{"a": [], "b": [')).toBe("Empty arrays are not allowed");
    expect(reasonOf('{"a": [{"prefix": 5}], oops')).toBe("prefix match pattern must be a string");
    expect(reasonOf('{"a": [oops], "b": []}')).toMatch(/^Unrecognized token 'oops'/);
    expect(reasonOf('{"a": [')).toBe("Unexpected end-of-input: expected close marker for ARRAY");
  });

  it("rejects over-long patterns with our documented text", () => {
    const long = `{"a":["${"x".repeat(2100)}"]}`;
    expect(() => compilePattern(long)).toThrow(
      `Event pattern is not valid. Reason: Event pattern is too long: ${long.length} characters, the maximum is 2048`,
    );
    expect(compilePattern(long, { maxLength: 4096 }).branches).toHaveLength(1);
    expect(testEventPattern(long, eventWith(""))).toBe(false);
    const tooLong = `{"a":["${"x".repeat(4100)}"]}`;
    expect(reasonOf(tooLong)).toBe(`Event pattern is too long: ${tooLong.length} characters, the maximum is 4096`);
  });

  it("limits $or to 1,000 combinations", () => {
    const alternatives = (n: number, key: string): string =>
      `[${Array.from({ length: n }, (_, i) => `{"${key}${i}":["v"]}`).join(",")}]`;
    // 10 × 10 × 10 = 1000 is fine, 10 × 10 × 11 is not.
    const ok = `{"$or":${alternatives(10, "a")},"b":{"$or":${alternatives(10, "b")}},"c":{"$or":${alternatives(10, "c")}}}`;
    expect(compilePattern(ok, { maxLength: 4096 }).branches).toHaveLength(1000);
    const over = `{"$or":${alternatives(10, "a")},"b":{"$or":${alternatives(10, "b")}},"c":{"$or":${alternatives(11, "c")}}}`;
    expect(() => compilePattern(over, { maxLength: 4096 })).toThrow(
      "Too many combinations: $or expands to more than 1000 rule combinations",
    );
  });

  it("carries code, path and offset", () => {
    const pattern = '{"detail": {"state": [{"prefix": 5}]}}';
    try {
      compilePattern(pattern);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidEventPatternError);
      const error = e as InvalidEventPatternError;
      expect(error.code).toBe("operator-value");
      expect(error.path).toEqual(["detail", "state", 0, "prefix"]);
      expect(error.offset).toBe(pattern.indexOf("5"));
      expect(error.name).toBe("InvalidEventPatternError");
    }
  });
});

describe("event errors", () => {
  const bad = (event: string): InvalidEventError => {
    try {
      testEventPattern('{"a":["x"]}', event);
    } catch (e) {
      if (e instanceof InvalidEventError) return e;
      throw e;
    }
    throw new Error("event was accepted");
  };
  it("rejects non-objects and non-JSON with AWS's message and a detail", () => {
    for (const event of ['"a string"', "[1, 2]", "nope", "", '{"id": "1"']) {
      const error = bad(event);
      expect(error.message).toBe("Parameter Event is not valid.");
      expect(error.detail.length).toBeGreaterThan(0);
    }
  });
  it("requires id, account, source, time, region and detail-type, not resources or detail", () => {
    expect(bad('{"testEvent": "value"}').detail).toBe(
      "The event lacks required fields: id, account, source, time, region, detail-type.",
    );
    expect(bad('{"id":"1","account":"1","source":"s","time":"t","region":"r"}').detail).toBe(
      "The event lacks required field: detail-type.",
    );
    expect(testEventPattern('{"a":["x"]}', '{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d"}')).toBe(false);
  });
  it("accepts exactly 1 MiB of UTF-8 and refuses one byte more", () => {
    const base = eventWith('"pad": ""');
    const room = 1_048_576 - new TextEncoder().encode(base).length;
    const filler = "é".repeat(Math.floor(room / 2)) + (room % 2 === 1 ? "x" : "");
    const fits = eventWith(`"pad": "${filler}"`);
    expect(new TextEncoder().encode(fits).length).toBe(1_048_576);
    expect(testEventPattern('{"pad":[{"prefix":"é"}]}', fits)).toBe(true);
    const over = eventWith(`"pad": "${filler}x"`);
    expect(bad(over).detail).toMatch(/larger than 1048576 bytes/);
  });
  it("checks the pattern before the event", () => {
    expect(() => testEventPattern("[]", "nope")).toThrow(InvalidEventPatternError);
  });
});
