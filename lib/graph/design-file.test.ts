import { describe, expect, it } from "vitest";
import { checkDesign, designFileName, readDesignFile, writeDesignFile, type DesignCheck } from "./design-file";
import { NODE_KINDS, createNode } from "./registry";
import type { Design, DesignNode } from "./schema";
import { design, node, patternRule } from "./test-fixtures";

const SAMPLE = design(
  [node("custom-app", "app"), node("event-bus", "bus"), patternRule("rule", '{ "detail": { "total": [{ "numeric": [">", 1.50e2] }] } }'), node("lambda", "fn")],
  [["app", "bus"], ["bus", "rule"], ["rule", "fn"]],
);

function problems(result: DesignCheck) {
  if (result.ok) throw new Error("expected problems, the design was accepted");
  return result.problems;
}

/** The same value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversedKeys(inner)]));
}

describe("writeDesignFile", () => {
  it("pretty-prints with a final newline and reads back to the same design", () => {
    const text = writeDesignFile(SAMPLE);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe('  "format": "switchyard.design",');
    expect(readDesignFile(text)).toEqual({ ok: true, design: SAMPLE });
  });

  it("writes the same bytes whatever order the keys were set in", () => {
    const shuffled = reversedKeys(SAMPLE) as Design;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(SAMPLE));
    expect(writeDesignFile(shuffled)).toBe(writeDesignFile(SAMPLE));
    const keys = Object.keys(JSON.parse(writeDesignFile(shuffled)) as object);
    expect(keys).toEqual(["format", "version", "name", "description", "nodes", "edges"]);
  });

  it("keeps every node kind and pattern text exactly", () => {
    const nodes = NODE_KINDS.map((kind, i) => createNode(kind, `n${i}`, { x: i, y: i * -10.5 + 1 }));
    const all = { ...design([...nodes, ...SAMPLE.nodes]), name: "Alle Knoten ✓" };
    const read = readDesignFile(writeDesignFile(all));
    expect(read).toEqual({ ok: true, design: all });
    expect(writeDesignFile(SAMPLE)).toContain(String.raw`[\">\", 1.50e2]`);
  });

  it("refuses to write a document outside the schema", () => {
    expect(() => writeDesignFile({ ...SAMPLE, password: "x" } as Design)).toThrow(/password/);
  });
});

describe("readDesignFile", () => {
  it("accepts a byte-order mark", () => {
    expect(readDesignFile(`\uFEFF${writeDesignFile(SAMPLE)}`).ok).toBe(true);
  });

  it("says when the file is empty or not JSON", () => {
    expect(problems(readDesignFile("  \n"))).toEqual([{ path: "(file)", message: "The file is empty" }]);
    const [broken] = problems(readDesignFile('{ "format": "switchyard.design", }'));
    expect(broken!.path).toBe("(file)");
    expect(broken!.message).toMatch(/^Not valid JSON: .*position \d+/);
  });

  it("names JSON that is not a design instead of listing every missing field", () => {
    expect(problems(readDesignFile("[1, 2]"))).toEqual([{ path: "(file)", message: "Expected a Switchyard design (a JSON object), found an array" }]);
    expect(problems(readDesignFile('"hello"'))[0]!.message).toMatch(/found a string/);
    expect(problems(readDesignFile('{ "name": "package", "version": "1.0.0" }'))).toEqual([
      { path: "format", message: 'Not a Switchyard design: it has no format field, expected "switchyard.design"' },
    ]);
    expect(problems(checkDesign({ ...SAMPLE, format: "drawio" }))[0]!.message).toContain('its format is "drawio"');
  });

  it("refuses a newer format version with a message saying so", () => {
    expect(problems(checkDesign({ ...SAMPLE, version: 3 }))).toEqual([
      { path: "version", message: "Made by a newer Switchyard (design format version 3); this one reads version 1" },
    ]);
    expect(problems(checkDesign({ ...SAMPLE, version: 0 }))[0]!.path).toBe("version");
  });

  it("reports every schema problem with its path", () => {
    const bad = {
      ...SAMPLE,
      nodes: [
        { ...SAMPLE.nodes[0], token: "abc" },
        SAMPLE.nodes[1],
        { ...SAMPLE.nodes[2], enabled: "yes" },
        { ...SAMPLE.nodes[3], kind: "teleporter" },
      ] as unknown as DesignNode[],
    };
    const found = problems(checkDesign(bad));
    expect(found.map((p) => p.path)).toEqual(["nodes.0", "nodes.2.enabled", "nodes.3.kind"]);
    expect(found[0]!.message).toContain('"token"');
  });
});

describe("designFileName", () => {
  it("names the file after the design with the .switchyard.json suffix", () => {
    expect(designFileName("Order flow")).toBe("Order flow.switchyard.json");
    expect(designFileName("Bestellungen 🚚")).toBe("Bestellungen 🚚.switchyard.json");
  });

  it("replaces characters file systems refuse and never yields a hidden or empty name", () => {
    expect(designFileName('a/b\\c:d*e?"f"<g>|h\ti')).toBe("a-b-c-d-e-f-g-h-i.switchyard.json");
    expect(designFileName("../../etc/passwd")).toBe("-..-etc-passwd.switchyard.json");
    expect(designFileName("   ")).toBe("design.switchyard.json");
    expect(designFileName("...")).toBe("design.switchyard.json");
    expect(designFileName("x".repeat(300))).toBe(`${"x".repeat(100)}.switchyard.json`);
  });
});
