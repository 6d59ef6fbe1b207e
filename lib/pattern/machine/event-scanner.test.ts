import { describe, expect, it } from "vitest";
import { InvalidEventError } from "../errors";
import { parseJson } from "../json";
import { elementsConflict } from "./array-membership";
import { LeafKind, type Leaf } from "./event-leaf";
import { EventScanner } from "./event-scanner";
import { FieldPaths } from "./field-paths";

function scannerFor(...paths: string[]): { scanner: EventScanner; slots: Map<string, number> } {
  const fieldPaths = new FieldPaths();
  const slots = new Map(paths.map((p) => [p, fieldPaths.acquire(p)]));
  return { scanner: new EventScanner(fieldPaths), slots };
}

function leavesAt(scanner: EventScanner, slot: number): Leaf[] {
  return scanner.slotLeaves[slot]?.slice(0, scanner.leafCountAt(slot)) ?? [];
}

/** The leaves at each path, rendered as JSON-ish text for compact assertions. */
function scan(text: string, ...paths: string[]): Record<string, string[]> {
  const { scanner, slots } = scannerFor(...paths);
  scanner.scan(text);
  const found: Record<string, string[]> = {};
  for (const [p, slot] of slots) found[p] = leavesAt(scanner, slot).map(render);
  return found;
}

function render(leaf: Leaf): string {
  switch (leaf.kind) {
    case LeafKind.String:
      return JSON.stringify(leaf.string());
    case LeafKind.Number:
      return leaf.lexeme();
    case LeafKind.True:
      return "true";
    case LeafKind.False:
      return "false";
    default:
      return "null";
  }
}

describe("EventScanner", () => {
  it("reads scalars at the requested paths and nothing else", () => {
    expect(scan('{"a":"x","b":{"c":1.50,"d":[true,false,null]},"e":2}', "a", "b.c", "b.d")).toEqual({
      a: ['"x"'],
      "b.c": ["1.50"],
      "b.d": ["true", "false", "null"],
    });
  });

  it("keeps number lexemes and decodes escapes and unicode", () => {
    const found = scan('{"n":[3e2,-0,300.0],"s":"a\\"b\\\\c\\u00e9\\ud83d\\ude00\\n"}', "n", "s");
    expect(found.n).toEqual(["3e2", "-0", "300.0"]);
    expect(found.s).toEqual([JSON.stringify('a"b\\cé😀\n')]);
  });

  it("flattens nested arrays at any depth and objects inside arrays", () => {
    expect(scan('{"a":[[1,[2,[3]]],{"b":4},[{"b":[5,[6]]}]]}', "a", "a.b")).toEqual({
      a: ["1", "2", "3"],
      "a.b": ["4", "5", "6"],
    });
  });

  it("treats dotted event keys as nested paths and keeps duplicate keys", () => {
    expect(scan('{"a.b":1,"a":{"b":2,"b":3},"a.b.c":4,"x":{"y.z":5}}', "a.b", "x.y.z")).toEqual({
      "a.b": ["1", "2", "3"],
      "x.y.z": ["5"],
    });
  });

  it("finds keys written with escapes", () => {
    expect(scan('{"\\u0061":{"\\u0062":"hit"}}', "a.b")).toEqual({ "a.b": ['"hit"'] });
  });

  it("gives objects and empty containers no value", () => {
    expect(scan('{"a":{"b":1},"c":[],"d":{},"e":[[],{}]}', "a", "c", "d", "e")).toEqual({ a: [], c: [], d: [], e: [] });
  });

  it("looks up many sibling keys by hash", () => {
    const paths = Array.from({ length: 20 }, (_, i) => `k${i}`);
    const event = JSON.stringify(Object.fromEntries(paths.map((p, i) => [p, i])));
    const found = scan(event, ...paths);
    expect(found.k0).toEqual(["0"]);
    expect(found.k19).toEqual(["19"]);
  });

  it("records which array element each value came from", () => {
    const { scanner, slots } = scannerFor("e.first", "e.last");
    scanner.scan('{"e":[{"first":"Anna","last":"Smith"},{"first":"Peter","last":"Jones"}]}');
    const [anna, peter] = leavesAt(scanner, slots.get("e.first") ?? -1);
    const [smith, jones] = leavesAt(scanner, slots.get("e.last") ?? -1);
    expect(anna.constrainingElement).not.toBeNull();
    expect(elementsConflict(anna.element!, smith.element!)).toBe(false);
    expect(elementsConflict(anna.element!, jones.element!)).toBe(true);
    expect(elementsConflict(peter.element!, jones.element!)).toBe(false);
  });

  it("leaves values unconstrained when no other path shares their array", () => {
    const { scanner, slots } = scannerFor("xs", "other");
    scanner.scan('{"xs":[1,2],"other":3}');
    expect(leavesAt(scanner, slots.get("xs") ?? -1).map((leaf) => leaf.constrainingElement)).toEqual([null, null]);
  });

  it("reuses its pools across events without leaking values", () => {
    const { scanner, slots } = scannerFor("a");
    scanner.scan('{"a":[1,2,3]}');
    scanner.scan('{"b":1}');
    expect(leavesAt(scanner, slots.get("a") ?? -1)).toEqual([]);
    scanner.scan('{"a":"z"}');
    expect(leavesAt(scanner, slots.get("a") ?? -1).map(render)).toEqual(['"z"']);
  });

  it("allows nesting as deep as the event parser does, read or skipped", () => {
    for (const key of ["a", "skip"]) {
      for (const depth of [999, 1000]) {
        const text = `{"${key}":${"[".repeat(depth)}1${"]".repeat(depth)}}`;
        const { scanner } = scannerFor("a");
        let parsed = true;
        try {
          parseJson(text);
        } catch {
          parsed = false;
        }
        expect(parsed).toBe(depth === 999);
        if (parsed) scanner.scan(text);
        else expect(() => scanner.scan(text)).toThrow(InvalidEventError);
      }
    }
  });

  it.each(["[]", '"text"', "42", "null"])("rejects %j, which is JSON but not an object", (text) => {
    const { scanner } = scannerFor("a");
    expect(() => scanner.scan(text)).toThrow(InvalidEventError);
  });

  const invalid = [
    "",
    "{",
    '{"a":1',
    '{"a":1,}',
    '{"a" 1}',
    '{a:1}',
    '{"a":01}',
    '{"a":1.}',
    '{"a":-}',
    '{"a":1e}',
    '{"a":tru}',
    '{"a":"x\\q"}',
    '{"a":"x\\u12"}',
    '{"a":"line\nbreak"}',
    '{"a":"unterminated}',
    '{"skip":[1,2,}',
    '{"skip":{"k":}}',
    '{"skip":[1 2]}',
    '{"skip":{"k" 1}}',
    '{"a":1} x',
    '{"a":1}}',
  ];
  it.each(invalid)("rejects %j like JSON.parse does", (text) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    const { scanner } = scannerFor("a", "skip.k");
    expect(() => scanner.scan(text)).toThrow(InvalidEventError);
  });

  it("validates skipped numbers of every length as the event parser does", () => {
    const { scanner } = scannerFor("a");
    for (let length = 1; length <= 20; length++) {
      const digits = "1234567890".repeat(2).slice(0, length);
      for (const number of [digits, `-${digits}`, `0.${digits}`, `-${digits}.${digits}e+${digits}`, `0${digits}`, `${digits}.`, `${digits}e`, `${digits}x`]) {
        const text = `{"skip":[${number},{"n":${number}}],"a":1}`;
        let parsed = true;
        try {
          parseJson(text);
        } catch {
          parsed = false;
        }
        if (parsed) expect(scan(text, "a"), text).toEqual({ a: ["1"] });
        else expect(() => scanner.scan(text), text).toThrow(InvalidEventError);
      }
    }
  });

  it("accepts whitespace everywhere JSON allows it", () => {
    expect(scan(' \n\t{ "a" : [ 1 , { } , "x" ] , "b" : { "c" : null } } \r\n', "a", "b.c")).toEqual({
      a: ["1", '"x"'],
      "b.c": ["null"],
    });
  });
});
