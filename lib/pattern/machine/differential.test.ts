/**
 * Differential tests: `RuleMachine` must give, for every rule, the verdict of the single-pattern
 * reference matcher — on the AWS-verified corpus and on generated patterns and events drawn
 * from a small shared vocabulary (so that matches, near misses and array conflicts are common).
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compilePattern, TEST_EVENT_PATTERN_MAX_LENGTH } from "../compile";
import { InvalidEventError } from "../errors";
import { flattenJson } from "../event";
import { testEventPattern } from "../index";
import { parseJson } from "../json";
import { matchesEvent } from "../match";
import type { CompiledPattern, Condition } from "../model";
import { RuleMachine } from "./index";

interface CorpusCase {
  readonly name: string;
  readonly pattern: string;
  readonly event: string;
  readonly expected: "match" | "no-match" | "invalid";
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const shared = process.env.SWITCHYARD_SHARED ?? path.resolve(repoRoot, "../shared");
const corpus = JSON.parse(readFileSync(path.join(shared, "conformance/aws-verified-patterns.json"), "utf8")) as CorpusCase[];
const validCases = corpus.filter((c) => c.expected !== "invalid");
const corpusOptions = { compileOptions: { maxLength: TEST_EVENT_PATTERN_MAX_LENGTH } };

describe("RuleMachine on the AWS-verified corpus", () => {
  it.each(validCases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const machine = new RuleMachine(corpusOptions);
    machine.addRule(c.name, c.pattern);
    const verdict = machine.matchingRules(c.event).includes(c.name);
    expect(verdict).toBe(c.expected === "match");
    expect(verdict).toBe(testEventPattern(c.pattern, c.event));
  });

  it("returns, with every corpus rule in one machine, exactly the rules each event matches", () => {
    const machine = new RuleMachine(corpusOptions);
    for (const c of validCases) machine.addRule(c.name, c.pattern);
    expect(machine.size).toBe(validCases.length);
    for (const c of corpus) {
      const expected = validCases.filter((rule) => testEventPattern(rule.pattern, c.event)).map((rule) => rule.name);
      expect(machine.matchingRules(c.event).sort(), c.name).toEqual(expected.sort());
    }
  });

  it("rejects every invalid corpus pattern with the compiler's reason", () => {
    for (const c of corpus.filter((k) => k.expected === "invalid")) {
      const machine = new RuleMachine(corpusOptions);
      let reason: unknown;
      try {
        compilePattern(c.pattern, corpusOptions.compileOptions);
      } catch (e) {
        reason = (e as Error).message;
      }
      expect(() => machine.addRule(c.name, c.pattern), c.name).toThrow(String(reason));
      expect(machine.size).toBe(0);
    }
  });
});

// ---- generated cases ---------------------------------------------------------------------

/** JSON as written, so number lexemes, duplicate keys and escapes survive. */
type Json =
  | { readonly t: "object"; readonly entries: readonly (readonly [string, Json])[] }
  | { readonly t: "array"; readonly items: readonly Json[] }
  | { readonly t: "string"; readonly value: string; readonly escapeAll: boolean }
  | { readonly t: "raw"; readonly text: string };

function render(json: Json): string {
  switch (json.t) {
    case "object":
      return `{${json.entries.map(([key, value]) => `${JSON.stringify(key)}:${render(value)}`).join(",")}}`;
    case "array":
      return `[${json.items.map(render).join(",")}]`;
    case "string":
      return json.escapeAll
        ? `"${[...json.value].map((ch) => [...ch].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")).join("")}"`
        : JSON.stringify(json.value);
    case "raw":
      return json.text;
  }
}

const str = (value: string, escapeAll = false): Json => ({ t: "string", value, escapeAll });
const raw = (text: string): Json => ({ t: "raw", text });
const arr = (...items: Json[]): Json => ({ t: "array", items });
const obj = (...entries: (readonly [string, Json])[]): Json => ({ t: "object", entries });

const KEYS = ["a", "b", "c"];
const EVENT_KEYS = [...KEYS, "a.b", "b.c"];
const STRINGS = ["x", "X", "xy", "xY", "ab", "abc", "aXc", "a*b", "", "straße", "STRASSE", "été", "ÉTÉ", "\u212a", "k", "ǅ", "Ǆ", "10.0.0.1", "10.0.0.300", "2001:DB8:0:0:0:0:0:1", "null", "300"];
const NUMBERS = ["0", "-0", "0.0", "1", "1.0", "1e0", "10", "300", "3e2", "300.0", "2.5", "-1.5", "9007199254740993", "12345678901234567890", "1e400", "0.1", "4.9e-324", "5e-324"];
/** Comparable bounds in increasing order, for numeric ranges. */
const BOUNDS = ["-1.5", "0", "1", "2.5", "10", "300"];
const AFFIXES = ["x", "X", "a", "ab", "c", "C", "y", "ß", "É", "1", "0.1"];
const GLOBS = ["x*", "*y", "a*c", "*", "x", "*b*", "a\\*b", "*Y", "", "*a*c"];
const CIDRS = ["10.0.0.0/24", "2001:db8::/32", "10.0.0.1/31", "::/1"];

const string = fc.constantFrom(...STRINGS).map((s) => str(s));
const number = fc.constantFrom(...NUMBERS).map(raw);
const literal = fc.constantFrom("true", "false", "null").map(raw);
const affix = fc.constantFrom(...AFFIXES);
const ignoreCase = (value: Json): Json => obj(["equals-ignore-case", value]);
const oneOrList = <T>(item: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> => fc.oneof(item, fc.array(item, { minLength: 1, maxLength: 3 }));
const asJson = (strings: string | string[]): Json => (Array.isArray(strings) ? arr(...strings.map((s) => str(s))) : str(strings));

const numericRange: fc.Arbitrary<Json> = fc
  .tuple(fc.constantFrom(">", ">=", "<", "<=", "="), fc.nat(BOUNDS.length - 1), fc.option(fc.tuple(fc.constantFrom("<", "<="), fc.nat(BOUNDS.length - 1)), { nil: undefined }))
  .map(([op, low, upper]) => {
    const items: Json[] = [str(op), raw(BOUNDS[low])];
    if (upper !== undefined && (op === ">" || op === ">=") && upper[1] > low) items.push(str(upper[0]), raw(BOUNDS[upper[1]]));
    return obj(["numeric", arr(...items)]);
  });

const anythingBut: fc.Arbitrary<Json> = fc.oneof(
  string,
  fc.constantFrom(...BOUNDS).map(raw),
  fc.array(string, { minLength: 1, maxLength: 3 }).map((items) => arr(...items)),
  fc.array(fc.constantFrom(...NUMBERS.filter((n) => n !== "1e400")).map(raw), { minLength: 1, maxLength: 3 }).map((items) => arr(...items)),
  oneOrList(affix).map((v) => obj(["prefix", asJson(v)])),
  oneOrList(affix).map((v) => obj(["suffix", asJson(v)])),
  oneOrList(fc.constantFrom(...STRINGS)).map((v) => ignoreCase(asJson(v))),
  oneOrList(fc.constantFrom(...GLOBS)).map((v) => obj(["wildcard", asJson(v)])),
);

const condition: fc.Arbitrary<Json> = fc.oneof(
  string,
  number,
  literal,
  affix.map((v) => obj(["prefix", str(v)])),
  affix.map((v) => obj(["prefix", ignoreCase(str(v))])),
  affix.map((v) => obj(["suffix", str(v)])),
  affix.map((v) => obj(["suffix", ignoreCase(str(v))])),
  fc.constantFrom(...STRINGS).map((v) => ignoreCase(str(v))),
  fc.constantFrom(...GLOBS).map((v) => obj(["wildcard", str(v)])),
  numericRange,
  fc.boolean().map((exists) => obj(["exists", raw(String(exists))])),
  anythingBut.map((v) => obj(["anything-but", v])),
  fc.constantFrom(...CIDRS).map((v) => obj(["cidr", str(v)])),
);

const leaf = fc.array(condition, { minLength: 1, maxLength: 3 }).map((items) => arr(...items));

/** A pattern object nesting at most `depth` more levels (objects or `$or`), so it stays small. */
function patternOf(depth: number): fc.Arbitrary<Json> {
  const value = depth === 0 ? leaf : fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: patternOf(depth - 1) });
  const fields = fc.array(fc.tuple(fc.constantFrom(...KEYS, "a.b"), value), { minLength: 1, maxLength: 2 });
  if (depth === 0) return fields.map((entries) => obj(...entries));
  const alternatives = fc.option(fc.array(patternOf(depth - 1), { minLength: 2, maxLength: 3 }), { nil: undefined, freq: 4 });
  return fc
    .tuple(fields, alternatives)
    .map(([entries, or]) => obj(...entries, ...(or === undefined ? [] : [["$or", arr(...or)] as const])));
}

/** Event JSON nesting at most `depth` more containers, dense in the pattern vocabulary. */
function eventValueOf(depth: number): fc.Arbitrary<Json> {
  const scalar = fc.oneof(
    fc.tuple(fc.constantFrom(...STRINGS), fc.boolean()).map(([s, escapeAll]) => str(s, escapeAll)),
    number,
    literal,
  );
  const scalars = fc.array(scalar, { maxLength: 3 }).map((items) => arr(...items));
  if (depth === 0) return fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: scalars });
  const objects = fc.array(eventObjectOf(depth - 1), { maxLength: 3 }).map((items) => arr(...items));
  const nested = fc.array(fc.oneof(scalar, scalars, eventObjectOf(depth - 1)), { maxLength: 2 }).map((items) => arr(...items));
  return fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 2, arbitrary: scalars },
    { weight: 3, arbitrary: eventObjectOf(depth - 1) },
    { weight: 2, arbitrary: objects },
    { weight: 1, arbitrary: nested },
  );
}

/** Most keys present; a dotted key or a repeated key now and then. */
function eventObjectOf(depth: number): fc.Arbitrary<Json> {
  return fc
    .tuple(fc.subarray(EVENT_KEYS), fc.array(fc.constantFrom(...EVENT_KEYS), { maxLength: 1 }))
    .chain(([keys, repeated]) => fc.tuple(...[...keys, ...repeated].map((key) => eventValueOf(depth).map((value) => [key, value] as const))))
    .map((entries) => obj(...entries));
}

const pattern = patternOf(2);
const randomEvent = eventObjectOf(3).map(render);

/** A value text that satisfies `condition` (or, for `exists:false`, undefined: leave the field out). */
function witness(condition: Condition, choose: (n: number) => number): string | undefined {
  switch (condition.kind) {
    case "exact":
      if (condition.value.kind === "string") return JSON.stringify(condition.value.value);
      if (condition.value.kind === "number") return condition.value.lexeme;
      return condition.value.kind === "null" ? "null" : String(condition.value.value);
    case "prefix":
      return JSON.stringify(`${flipCase(condition.value, condition.ignoreCase && choose(2) === 0)}zz`);
    case "suffix":
      return JSON.stringify(`zz${flipCase(condition.value, condition.ignoreCase && choose(2) === 0)}`);
    case "equals-ignore-case":
      return JSON.stringify(flipCase(condition.value, choose(2) === 0));
    case "wildcard":
      return JSON.stringify(condition.glob.parts.join(choose(2) === 0 ? "" : "q*"));
    case "numeric": {
      const { lower, upper } = condition;
      if (lower !== undefined && upper !== undefined && lower.value === upper.value) return String(lower.value);
      if (lower !== undefined) return String(lower.inclusive && choose(2) === 0 ? lower.value : lower.value + (upper === undefined ? 1 : (upper.value - lower.value) / 2));
      return String(upper === undefined ? 0 : upper.inclusive && choose(2) === 0 ? upper.value : upper.value - 1);
    }
    case "cidr":
      return JSON.stringify(condition.range.version === 4 ? "10.0.0.1" : "2001:db8:0:0:0:0:0:5");
    case "exists":
      return condition.exists ? ["1", '"x"', "null"][choose(3)] : undefined;
    case "anything-but":
      return ['"zzz"', "7", "null", "true"][choose(4)];
  }
}

function flipCase(text: string, flip: boolean): string {
  return flip ? [...text].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join("") : text;
}

/** Field paths and their value texts, nested by segment; `values` are the path's own leaves. */
interface Tree {
  values: string[];
  readonly children: Map<string, Tree>;
}

function renderTree(tree: Tree, choose: (n: number) => number): string {
  const members: string[] = [];
  for (const [key, child] of tree.children) {
    const texts: string[] = [];
    if (child.values.length > 0) texts.push(child.values.length === 1 && choose(3) > 0 ? child.values[0] : `[${child.values.join(",")}]`);
    if (child.children.size > 0) {
      const inner = renderTree({ values: [], children: child.children }, choose);
      const layout = choose(4);
      if (layout === 0) {
        // Split the members over two array elements: fields of one branch may no longer combine.
        const parts = splitMembers(inner);
        texts.push(`[${parts.map((part) => `{${part}}`).join(",")}]`);
      } else {
        texts.push(layout === 1 ? `[${inner === "{}" ? "" : `{"zz":0},`}${inner}]` : inner);
      }
    }
    // A key with both leaves and children appears twice, which events may do.
    for (const text of texts) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(",")}}`;
}

/** Splits `{m1,m2,…}` (members without nested commas at top level) into two groups. */
function splitMembers(objectText: string): string[] {
  const members: string[] = [];
  let depth = 0;
  let start = 1;
  let inString = false;
  for (let i = 1; i < objectText.length - 1; i++) {
    const ch = objectText[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      members.push(objectText.slice(start, i));
      start = i + 1;
    }
  }
  if (objectText.length > 2) members.push(objectText.slice(start, objectText.length - 1));
  const half = Math.ceil(members.length / 2);
  return [members.slice(0, half).join(","), members.slice(half).join(",")];
}

/**
 * An event built to satisfy one branch of one of the patterns, then disturbed: some values are
 * swapped for vocabulary values, some fields spread over array elements, so verdicts land on
 * both sides of the line.
 */
function witnessEvent(patterns: readonly CompiledPattern[], tape: readonly number[]): string {
  let position = 0;
  const choose = (n: number): number => (tape[position++ % tape.length] ?? 0) % n;
  const pattern = patterns[choose(patterns.length)];
  const branch = pattern.branches[choose(pattern.branches.length)];
  const root: Tree = { values: [], children: new Map() };
  for (const field of branch.fields) {
    const condition = field.conditions[choose(field.conditions.length)];
    let value = witness(condition, choose);
    if (choose(5) === 0) value = render(fc.sample(fc.oneof(string, number, literal), { seed: choose(1000), numRuns: 1 })[0]);
    if (value === undefined) continue;
    const segments = field.path.split(".");
    // Sometimes write the first two segments as one dotted key.
    if (segments.length > 1 && choose(4) === 0) segments.splice(0, 2, `${segments[0]}.${segments[1]}`);
    let node = root;
    for (const segment of segments) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = { values: [], children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.values.push(value);
  }
  return renderTree(root, choose);
}

function eventsFor(patternTexts: readonly string[]): fc.Arbitrary<string[]> {
  const compiled = patternTexts.map(tryCompile).filter((p): p is CompiledPattern => p !== undefined);
  const built = compiled.length === 0 ? randomEvent : fc.array(fc.nat(), { minLength: 8, maxLength: 24 }).map((tape) => witnessEvent(compiled, tape));
  return fc.array(fc.oneof({ weight: 3, arbitrary: built }, { weight: 1, arbitrary: randomEvent }), { minLength: 1, maxLength: 5 });
}

const patternsAndEvents = fc
  .array(pattern.map(render), { minLength: 1, maxLength: 6 })
  .chain((patterns) => fc.tuple(fc.constant(patterns), eventsFor(patterns)));

function referenceVerdict(compiled: CompiledPattern, eventText: string): boolean {
  return matchesEvent(compiled, flattenJson(parseJson(eventText)));
}

function tryCompile(text: string): CompiledPattern | undefined {
  try {
    return compilePattern(text);
  } catch {
    return undefined;
  }
}

/** Checks the machine against the reference for every event; then again after removing rules. */
function agreesWithReference(patternTexts: readonly string[], eventTexts: readonly string[]): void {
  const machine = new RuleMachine();
  const compiled = new Map<string, CompiledPattern>();
  patternTexts.forEach((text, i) => {
    const name = `p${i}`;
    const pattern = tryCompile(text);
    if (pattern === undefined) {
      expect(() => machine.addRule(name, text)).toThrow();
      return;
    }
    machine.addRule(name, text);
    compiled.set(name, pattern);
  });
  const check = (): void => {
    for (const eventText of eventTexts) {
      const expected = [...compiled].filter(([, p]) => referenceVerdict(p, eventText)).map(([name]) => name);
      expect(machine.matchingRules(eventText).sort(), `event ${eventText}`).toEqual(expected.sort());
    }
  };
  check();
  for (const name of [...compiled.keys()].filter((_, i) => i % 2 === 0)) {
    machine.removeRule(name);
    compiled.delete(name);
  }
  check();
}

const SEEDS = Array.from({ length: 40 }, (_, i) => 0x5eed0000 + i * 7919);
const RUNS_PER_SEED = 100;

describe("RuleMachine agrees with the reference matcher on generated rules and events", () => {
  it.each(SEEDS)("seed %i", (seed) => {
    const property = fc.property(patternsAndEvents, ([patterns, events]) => agreesWithReference(patterns, events));
    // fast-check's failure message names the seed, the path and the shrunk counterexample.
    fc.assert(property, { seed, numRuns: RUNS_PER_SEED });
  });

  it("returns exactly the matching rules from one machine holding 400 generated rules", () => {
    const patterns = fc.sample(pattern.map(render), { seed: 7, numRuns: 400 });
    const events = fc.sample(eventsFor(patterns), { seed: 7, numRuns: 40 }).flat();
    agreesWithReference(patterns, events);
  });

  it("generates cases where rules actually match, and cases where they do not", () => {
    let matches = 0;
    let total = 0;
    fc.assert(
      fc.property(patternsAndEvents, ([patterns, events]) => {
        for (const p of patterns) {
          const compiled = tryCompile(p);
          if (compiled === undefined) continue;
          for (const e of events) {
            total++;
            if (referenceVerdict(compiled, e)) matches++;
          }
        }
      }),
      { seed: 42, numRuns: 300 },
    );
    console.log(`generated pattern/event pairs: ${total}, matching: ${matches}`);
    expect(matches / total).toBeGreaterThan(0.15);
    expect(matches / total).toBeLessThan(0.85);
  });
});

describe("RuleMachine with array-heavy events", () => {
  const arrayField = fc.tuple(fc.constantFrom("x", "y"), fc.constantFrom("1", "2", "3")).map(([key, value]) => [key, raw(value)] as const);
  const element = fc.array(arrayField, { maxLength: 3 }).map((entries) => obj(...entries));
  const nested = fc.array(fc.oneof(element, fc.array(element, { maxLength: 3 }).map((items) => arr(...items))), { maxLength: 4 });
  const arrayEvent = fc.tuple(nested, nested).map(([a, b]) => obj(["a", arr(...a)], ["b", arr(...b)], ["a.x", raw("1")]));
  const fieldPattern = fc
    .tuple(fc.subarray(["a.x", "a.y", "b.x", "b.y"], { minLength: 1 }), fc.constantFrom("1", "2", "3"))
    .map(([paths, value]) => render(obj(...paths.map((p) => [p, arr(raw(value), obj(["numeric", arr(str(">"), raw("2"))]))] as const))));

  it.each(SEEDS.slice(0, 10))("seed %i", (seed) => {
    fc.assert(
      fc.property(fc.array(fieldPattern, { minLength: 1, maxLength: 6 }), fc.array(arrayEvent.map(render), { minLength: 1, maxLength: 4 }), (patterns, events) =>
        agreesWithReference(patterns, events),
      ),
      { seed, numRuns: RUNS_PER_SEED },
    );
  });
});

describe("RuleMachine rejects exactly the event texts the event parser rejects", () => {
  const edit = fc.tuple(fc.nat(), fc.constantFrom("", "{", "}", "[", "]", ",", ":", '"', "\\", "0", "-", ".", "e", "t", " ", "\u0001", "\\u12"));
  const mutated = fc
    .tuple(randomEvent, fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([text, edits, replace]) =>
      edits.reduce((t, [at, insert]) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + insert + t.slice(replace ? i + 1 : i);
      }, text),
    );

  it.each(SEEDS.slice(0, 5))("seed %i", (seed) => {
    const machine = new RuleMachine();
    machine.addRule("r", '{"a":[{"exists":true}],"b":{"c":[{"exists":false}]}}');
    fc.assert(
      fc.property(mutated, (text) => {
        let referenceRejects = false;
        try {
          referenceRejects = parseJson(text).kind !== "object";
        } catch {
          referenceRejects = true;
        }
        let machineRejects = false;
        try {
          machine.matchingRules(text);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidEventError);
          machineRejects = true;
        }
        expect(machineRejects, text).toBe(referenceRejects);
      }),
      { seed, numRuns: 400 },
    );
  });
});
