import { describe, expect, it } from "vitest";
import { compilePattern } from "../compile";
import { conditionHolds } from "../conditions";
import { InvalidEventError, InvalidEventPatternError } from "../errors";
import type { Condition } from "../model";
import { RuleMachine } from "./index";

function machineWith(rules: Record<string, unknown>): RuleMachine {
  const machine = new RuleMachine();
  for (const [name, pattern] of Object.entries(rules)) machine.addRule(name, JSON.stringify(pattern));
  return machine;
}

/** Sorted names of the rules matching an event given as a JS value (or JSON text). */
function matching(machine: RuleMachine, event: unknown): string[] {
  return machine.matchingRules(typeof event === "string" ? event : JSON.stringify(event)).sort();
}

describe("RuleMachine rule management", () => {
  it("adds, replaces and removes rules", () => {
    const machine = new RuleMachine();
    machine.addRule("r", '{"source":["a"]}');
    expect(machine.size).toBe(1);
    expect(matching(machine, { source: "a" })).toEqual(["r"]);

    machine.addRule("r", '{"source":["b"]}');
    expect(machine.size).toBe(1);
    expect(matching(machine, { source: "a" })).toEqual([]);
    expect(matching(machine, { source: "b" })).toEqual(["r"]);

    expect(machine.removeRule("r")).toBe(true);
    expect(machine.removeRule("r")).toBe(false);
    expect(machine.size).toBe(0);
    expect(matching(machine, { source: "b" })).toEqual([]);
  });

  it("keeps shared states alive until the last rule using them goes", () => {
    const machine = machineWith({
      one: { source: ["s"], detail: { a: [1] } },
      two: { source: ["s"], detail: { a: [1] } },
      three: { source: ["s"], detail: { b: [{ exists: false }] } },
    });
    const event = { source: "s", detail: { a: 1 } };
    expect(matching(machine, event)).toEqual(["one", "three", "two"]);
    machine.removeRule("one");
    expect(matching(machine, event)).toEqual(["three", "two"]);
    machine.removeRule("three");
    expect(matching(machine, event)).toEqual(["two"]);
    machine.removeRule("two");
    expect(matching(machine, event)).toEqual([]);
    machine.addRule("again", '{"detail":{"a":[1]}}');
    expect(matching(machine, event)).toEqual(["again"]);
  });

  it("matches the same after rules that extend, share or fan out from a state come and go", () => {
    // `short` ends where `long` continues; twelve fields from one state go past the few a
    // state looks through one by one; ranges and values on one field share its index.
    const fields = Array.from({ length: 12 }, (_, i) => `f${i}`);
    const machine = machineWith({
      short: { a: [1] },
      long: { a: [1], b: [2] },
      range: { a: [{ numeric: [">", 0, "<", 5] }] },
      ...Object.fromEntries(fields.map((field) => [`wide-${field}`, { a: [1], [field]: [{ prefix: "x" }] }])),
    });
    const event = { a: 1, b: 2, f3: "xy", f11: "x" };
    expect(matching(machine, event)).toEqual(["long", "range", "short", "wide-f11", "wide-f3"]);
    machine.removeRule("long");
    expect(matching(machine, event)).toEqual(["range", "short", "wide-f11", "wide-f3"]);
    for (const field of fields.slice(0, 10)) machine.removeRule(`wide-${field}`);
    expect(matching(machine, event)).toEqual(["range", "short", "wide-f11"]);
    machine.removeRule("short");
    machine.removeRule("range");
    expect(matching(machine, event)).toEqual(["wide-f11"]);
    machine.addRule("long", '{"a":[1],"b":[2]}');
    expect(matching(machine, event)).toEqual(["long", "wide-f11"]);
    expect(matching(machine, { a: 1, b: 3 })).toEqual([]);
  });

  it("throws the shared compiler's error and leaves a replaced rule in place", () => {
    const machine = machineWith({ r: { source: ["a"] } });
    expect(() => machine.addRule("r", '{"source":[]}')).toThrow(InvalidEventPatternError);
    expect(() => machine.addRule("r", '{"source":[]}')).toThrow("Event pattern is not valid. Reason: Empty arrays are not allowed");
    expect(machine.size).toBe(1);
    expect(matching(machine, { source: "a" })).toEqual(["r"]);
  });

  it("accepts compiled patterns", () => {
    const machine = new RuleMachine();
    machine.addCompiledRule("c", compilePattern('{"detail":{"n":[{"numeric":[">",1]}]}}'));
    expect(matching(machine, { detail: { n: 2 } })).toEqual(["c"]);
  });

  it("honours compile options", () => {
    const long = JSON.stringify({ source: ["x".repeat(3000)] });
    expect(() => new RuleMachine().addRule("r", long)).toThrow(InvalidEventPatternError);
    const lenient = new RuleMachine({ compileOptions: { maxLength: 4096 } });
    lenient.addRule("r", long);
    expect(lenient.size).toBe(1);
  });
});

describe("RuleMachine events", () => {
  it("rejects text that is not a JSON object, and does not need the envelope", () => {
    const machine = machineWith({ r: { a: [1] } });
    for (const bad of ["", "[]", "1", '"x"', "{", '{"a":1,}', '{"a":1}x']) {
      expect(() => machine.matchingRules(bad)).toThrow(InvalidEventError);
    }
    expect(matching(machine, '{"a":1}')).toEqual(["r"]);
  });

  it("reports a rule once even when several $or branches match", () => {
    const machine = machineWith({ r: { $or: [{ a: [1] }, { b: [2] }] } });
    expect(matching(machine, { a: 1, b: 2 })).toEqual(["r"]);
    expect(matching(machine, { b: 2 })).toEqual(["r"]);
    expect(matching(machine, { c: 3 })).toEqual([]);
  });

  it("matches numbers by value when comparable and by lexeme otherwise", () => {
    const machine = machineWith({
      three: { n: [300] },
      range: { n: [{ numeric: [">", 0] }] },
      zero: { n: [0] },
    });
    // Written as text: a JS number literal would lose the digits.
    machine.addRule("big", '{"n":[12345678901234567890]}');
    for (const lexeme of ["300", "300.0", "3e2", "3.0E2"]) expect(matching(machine, `{"n":${lexeme}}`)).toEqual(["range", "three"]);
    expect(matching(machine, '{"n":"300"}')).toEqual([]);
    expect(matching(machine, '{"n":9007199254740993}')).toEqual([]);
    expect(matching(machine, '{"n":12345678901234567890}')).toEqual(["big"]);
    expect(matching(machine, '{"n":1.2345678901234567890e19}')).toEqual([]);
    expect(matching(machine, '{"n":-0.0}')).toEqual(["zero"]);
  });

  it("keeps fields of one branch within one array element", () => {
    const machine = machineWith({ r: { employees: { first: ["Anna"], last: ["Jones"] } } });
    const split = { employees: [{ first: "Anna", last: "Smith" }, { first: "Peter", last: "Jones" }] };
    const together = { employees: [{ first: "Peter", last: "Smith" }, { first: "Anna", last: "Jones" }] };
    expect(matching(machine, split)).toEqual([]);
    expect(matching(machine, together)).toEqual(["r"]);
  });

  it("keeps array consistency when a branch checks an exact field before a range on an earlier path", () => {
    // `age` comes before `name` in path order, but the exact `name` is checked first.
    const machine = machineWith({ r: { people: { age: [{ numeric: [">", 30] }], name: ["Anna"] } } });
    const split = { people: [{ age: 40, name: "Peter" }, { age: 20, name: "Anna" }] };
    const together = { people: [{ age: 20, name: "Peter" }, { age: 40, name: "Anna" }] };
    expect(matching(machine, split)).toEqual([]);
    expect(matching(machine, together)).toEqual(["r"]);
  });

  it("applies array consistency through nested arrays", () => {
    const machine = machineWith({ r: { a: { b: ["x"], c: ["y"] } } });
    expect(matching(machine, { a: [[{ b: "x" }], [{ c: "y" }]] })).toEqual([]);
    expect(matching(machine, { a: [[{ b: "x", c: "y" }]] })).toEqual(["r"]);
    expect(matching(machine, { a: [[{ b: "x" }, { c: "y" }]] })).toEqual([]);
    expect(matching(machine, { a: [{ b: ["q", "x"], c: "y" }] })).toEqual(["r"]);
  });

  it("treats [] and {} as absent and objects as non-values", () => {
    const machine = machineWith({
      present: { a: [{ exists: true }] },
      absent: { a: [{ exists: false }] },
      notNull: { a: [{ "anything-but": "z" }] },
    });
    expect(matching(machine, { a: [] })).toEqual(["absent"]);
    expect(matching(machine, { a: {} })).toEqual(["absent"]);
    expect(matching(machine, { a: { b: 1 } })).toEqual(["absent"]);
    expect(matching(machine, { a: null })).toEqual(["notNull", "present"]);
    expect(matching(machine, {})).toEqual(["absent"]);
  });

  it("sees a key in any array element as present for exists:false", () => {
    const machine = machineWith({ r: { a: { b: [{ exists: false }] } } });
    expect(matching(machine, { a: [{ c: 1 }, { b: 2 }] })).toEqual([]);
    expect(matching(machine, { a: [{ c: 1 }] })).toEqual(["r"]);
  });

  it("joins dotted keys in events and patterns", () => {
    const machine = machineWith({ nested: { a: { b: ["x"] } }, dotted: { "a.b": ["x"] } });
    expect(matching(machine, { "a.b": "x" })).toEqual(["dotted", "nested"]);
    expect(matching(machine, { a: { b: "x" } })).toEqual(["dotted", "nested"]);
  });

  it("gives duplicate event keys both values", () => {
    const machine = machineWith({ r: { a: ["second"] } });
    expect(matching(machine, '{"a":"first","a":"second"}')).toEqual(["r"]);
  });

  it("needs anything-but's field to be present, and lets other types through", () => {
    const machine = machineWith({
      r: { s: [{ "anything-but": ["a", "b"] }] },
      n: { s: [{ "anything-but": [100, 200] }] },
    });
    expect(matching(machine, {})).toEqual([]);
    expect(matching(machine, { s: "a" })).toEqual(["n"]);
    expect(matching(machine, { s: ["a", "c"] })).toEqual(["n", "r"]);
    expect(matching(machine, '{"s":100.0}')).toEqual(["r"]);
    expect(matching(machine, { s: true })).toEqual(["n", "r"]);
  });

  it("folds case the way event-ruler does", () => {
    const machine = machineWith({
      street: { s: [{ "equals-ignore-case": "straße" }] },
      k: { s: [{ "equals-ignore-case": "k" }] },
      pre: { s: [{ prefix: { "equals-ignore-case": "ÉT" } }] },
      suf: { s: [{ suffix: { "equals-ignore-case": "Ng" } }] },
      notFulton: { s: [{ "anything-but": { "equals-ignore-case": ["fulton"] } }] },
    });
    expect(matching(machine, { s: "STRASSE" })).toEqual(["notFulton", "street"]);
    expect(matching(machine, { s: "K" })).toEqual(["k", "notFulton"]);
    expect(matching(machine, { s: "\u212a" })).toEqual(["notFulton"]); // Kelvin sign is not k
    expect(matching(machine, { s: "été" })).toEqual(["notFulton", "pre"]);
    expect(matching(machine, { s: "KING" })).toEqual(["notFulton", "suf"]);
    expect(matching(machine, { s: "FuLtOn" })).toEqual([]);
  });

  it("checks folded ASCII keys against non-ASCII values, raw or escaped, in otherwise ASCII events", () => {
    const machine = machineWith({
      st: { s: [{ "equals-ignore-case": "st" }] },
      pre: { s: [{ prefix: { "equals-ignore-case": "s" } }] },
      suf: { s: [{ suffix: { "equals-ignore-case": "k" } }] },
      notSt: { s: [{ "anything-but": { "equals-ignore-case": ["st"] } }] },
    });
    // `ſ` (long s) folds like `s` and the Kelvin sign like `k`, but neither spells them.
    expect(matching(machine, '{"s":"ST"}')).toEqual(["pre", "st"]);
    expect(matching(machine, '{"s":"\\u017ft"}')).toEqual(["notSt"]);
    expect(matching(machine, { s: "\u017ft" })).toEqual(["notSt"]);
    expect(matching(machine, '{"s":"o\\u212a"}')).toEqual(["notSt"]);
    expect(matching(machine, '{"s":"oK"}')).toEqual(["notSt", "suf"]);
  });

  it("matches wildcards, including escaped stars and a long value", () => {
    const machine = machineWith({
      glob: { s: [{ wildcard: "a*b*c" }] },
      star: { s: [{ wildcard: "*" }] },
      literal: { s: [{ wildcard: "x\\*y" }] },
      middle: { s: [{ wildcard: "*mid*" }] },
      notGlob: { s: [{ "anything-but": { wildcard: "a*" } }] },
    });
    expect(matching(machine, { s: "aXbYc" })).toEqual(["glob", "star"]);
    expect(matching(machine, { s: "x*y" })).toEqual(["literal", "notGlob", "star"]);
    expect(matching(machine, { s: "xzy" })).toEqual(["notGlob", "star"]);
    expect(matching(machine, { s: "in the middle" })).toEqual(["middle", "notGlob", "star"]);
    expect(matching(machine, { s: 5 })).toEqual(["notGlob"]);
    expect(matching(machine, { s: `a${"b".repeat(100_000)}` })).toEqual(["star"]);
  });

  it("matches IP addresses and CIDR ranges", () => {
    const machine = machineWith({
      range: { ip: [{ cidr: "10.0.0.0/24" }] },
      host: { ip: ["2001:db8::1"] },
    });
    expect(matching(machine, { ip: "10.0.0.77" })).toEqual(["range"]);
    expect(matching(machine, { ip: "2001:0DB8:0:0:0:0:0:1" })).toEqual(["host"]);
    expect(matching(machine, { ip: 10 })).toEqual([]);
  });

  it("indexes many CIDR ranges and agrees with conditionHolds on every address", () => {
    const machine = new RuleMachine();
    const conditions = new Map<string, Condition>();
    for (let i = 0; i < 64; i++) {
      const cidr = i % 2 === 0 ? `10.${i}.0.0/${8 + (i % 24)}` : `2001:db8:${i.toString(16)}::/${32 + i}`;
      const compiled = compilePattern(JSON.stringify({ ip: [{ cidr }] }));
      machine.addCompiledRule(cidr, compiled);
      conditions.set(cidr, compiled.branches[0].fields[0].conditions[0]);
    }
    const addresses = ["10.0.0.1", "10.4.255.255", "10.63.1.2", "11.0.0.0", "2001:db8:3::1", "2001:DB8:1F:0:0:0:0:9", "a00:1::", "::", "x"];
    for (const address of addresses) {
      const expected = [...conditions].filter(([, c]) => conditionHolds(c, { kind: "string", value: address })).map(([name]) => name);
      expect(matching(machine, { ip: address }), address).toEqual(expected.sort());
    }
  });

  it("handles states with more fields than the event has", () => {
    const rules: Record<string, unknown> = {};
    for (let i = 0; i < 300; i++) rules[`k${i}`] = { detail: { [`k${i}`]: [i], ...(i % 3 === 0 ? { [`k${i + 1}`]: [{ exists: false }] } : {}) } };
    rules.none = { detail: { k7: [{ exists: false }], k8: [{ exists: false }] } };
    const machine = machineWith(rules);
    expect(matching(machine, { detail: { k3: 3, k4: 4 } })).toEqual(["k4", "none"]);
    expect(matching(machine, { detail: { k6: 6, k8: 8 } })).toEqual(["k6", "k8"]);
    expect(matching(machine, { detail: {} })).toEqual(["none"]);
  });

  it("indexes many numeric ranges", () => {
    const rules: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) rules[`r${i}`] = { n: [{ numeric: [">=", i, "<", i + 10] }] };
    rules.open = { n: [{ numeric: [">", 150] }] };
    rules.closed = { n: [{ numeric: ["<=", 5] }] };
    const machine = machineWith(rules);
    expect(matching(machine, { n: 5 })).toEqual(["closed", "r0", "r1", "r2", "r3", "r4", "r5"]);
    expect(matching(machine, { n: 155.5 }).length).toBe(11);
    expect(matching(machine, { n: -1 })).toEqual(["closed"]);
  });
});
