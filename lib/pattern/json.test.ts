import { describe, expect, it } from "vitest";
import { JsonSyntaxError, MAX_NESTING_DEPTH, parseJson, parseJsonPartial, type JsonNode } from "./json";

/** Rebuilds a plain JS value, to compare with JSON.parse on valid input. */
function plain(node: JsonNode): unknown {
  switch (node.kind) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) out[e.key] = plain(e.value);
      return out;
    }
    case "array":
      return node.items.map(plain);
    case "string":
      return node.value;
    case "number":
      return Number(node.lexeme);
    case "true":
      return true;
    case "false":
      return false;
    case "null":
      return null;
  }
}

function syntaxError(text: string): JsonSyntaxError {
  try {
    parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e;
    throw e;
  }
  throw new Error("parsed");
}

describe("parseJson", () => {
  it("agrees with JSON.parse on valid documents", () => {
    const docs = [
      '{"a": [1, -2.5e3, 0, true, false, null, "x\\n\\"y\\u00e9\\ud83d\\ude80"], "b": {"c": {}}, "d": []}',
      "[]",
      '"just a string"',
      "  -0.0e-0  ",
      '{"\\u0041": "\\/\\b\\f\\r\\t\\\\"}',
    ];
    for (const doc of docs) expect(plain(parseJson(doc))).toEqual(JSON.parse(doc));
  });

  it("keeps number lexemes, duplicate keys in order, and offsets", () => {
    const text = '{"n": 300.0, "k": 1, "k": 3E2}';
    const root = parseJson(text);
    if (root.kind !== "object") throw new Error("object expected");
    expect(root.entries.map((e) => e.key)).toEqual(["n", "k", "k"]);
    expect(root.entries.map((e) => (e.value.kind === "number" ? e.value.lexeme : ""))).toEqual(["300.0", "1", "3E2"]);
    expect(root.entries[1]?.keyStart).toBe(text.indexOf('"k"'));
    const third = root.entries[2]?.value;
    expect(third?.start).toBe(text.indexOf("3E2"));
    expect(third?.end).toBe(text.indexOf("3E2") + 3);
    expect(root.start).toBe(0);
    expect(root.end).toBe(text.length);
    expect(root.complete).toBe(true);
  });

  it("reports Jackson-like errors with offsets", () => {
    expect(syntaxError("{'a': 1}").message).toBe("Unexpected character (''' (code 39)): was expecting double-quote to start field name");
    expect(syntaxError("{'a': 1}").offset).toBe(1);
    expect(syntaxError("[1 2]").message).toBe("Unexpected character ('2' (code 50)): was expecting comma to separate Array entries");
    expect(syntaxError("[1 2]").offset).toBe(3);
    expect(syntaxError("[tru]").message).toMatch(/^Unrecognized token 'tru'/);
    expect(syntaxError("[truex]").message).toMatch(/^Unrecognized token 'truex'/);
    expect(syntaxError('["a\nb"]').message).toBe(
      "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value",
    );
    expect(syntaxError('["\\x"]').message).toBe("Unrecognized character escape 'x' (code 120)");
    expect(syntaxError('["\\u12g4"]').message).toMatch(/expected a hex-digit/);
    expect(syntaxError("[-]").message).toMatch(/expected digit \(0-9\) to follow minus sign/);
    expect(syntaxError("[1.]").message).toMatch(/Decimal point not followed by a digit/);
    expect(syntaxError("[1e]").message).toMatch(/Exponent indicator not followed by a digit/);
    expect(syntaxError("[00]").message).toBe("Invalid numeric value: Leading zeroes not allowed");
    expect(syntaxError("[1,]").message).toMatch(/^Unexpected character \(']' \(code 93\)\): expected a valid value/);
    expect(syntaxError('{"a":1,}').message).toBe("Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
    expect(syntaxError('"abc').message).toBe("Unexpected end-of-input: was expecting closing quote for a string value");
    expect(syntaxError("{} x").message).toBe("Unexpected character ('x' (code 120)): expected end of input");
    expect(syntaxError("").message).toBe("No content to map due to end-of-input");
  });

  it("limits nesting depth like Jackson instead of overflowing the stack", () => {
    const ok = "[".repeat(MAX_NESTING_DEPTH) + "]".repeat(MAX_NESTING_DEPTH);
    expect(parseJson(ok).kind).toBe("array");
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(syntaxError(deep).message).toMatch(/^Document nesting depth \(1001\) exceeds the maximum allowed \(1000/);
  });

  it("returns the partial tree on error, with unfinished containers marked", () => {
    const { root, error } = parseJsonPartial('{"a": [1, 2], "b": [3, ');
    expect(error?.message).toBe("Unexpected end-of-input: expected close marker for ARRAY");
    if (root?.kind !== "object") throw new Error("object expected");
    expect(root.complete).toBe(false);
    const [a, b] = root.entries;
    expect(a?.value.kind === "array" && a.value.complete).toBe(true);
    expect(b?.value.kind === "array" && !b.value.complete && b.value.items.length === 1).toBe(true);
  });

  it("parses a megabyte quickly", () => {
    const big = JSON.stringify({ items: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ["a", "b"], price: i * 1.5 })) });
    const start = performance.now();
    const root = parseJson(big);
    expect(root.kind).toBe("object");
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
