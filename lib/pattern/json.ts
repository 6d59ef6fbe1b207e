/**
 * A small JSON parser that keeps what `JSON.parse` throws away: number lexemes, duplicate keys,
 * key order and the character offset of every node.
 *
 * Patterns need the lexemes (lib/pattern/SEMANTICS.md, "Numbers") and offsets (for editors); events
 * need duplicate keys (SEMANTICS.md "Reading an event"). The parser is iterative, so deep nesting
 * cannot overflow the call stack, and on a syntax error `parseJsonPartial` still returns the tree
 * read so far: event-ruler reads patterns as a token stream, so a grammar error that comes before a
 * syntax error must win over it. Error texts imitate Jackson, the Java parser behind AWS's
 * messages.
 */

interface NodeBase {
  /** UTF-16 offset of the node's first character. */
  readonly start: number;
  /** Offset just past the node; for an unfinished container, where reading stopped. */
  end: number;
}

export interface JsonEntry {
  readonly key: string;
  /** Offset of the key's opening quote. */
  readonly keyStart: number;
  readonly value: JsonNode;
}

export interface JsonObject extends NodeBase {
  readonly kind: "object";
  /** Entries in source order, duplicates included. */
  readonly entries: JsonEntry[];
  /** False when the text ended or broke before the closing brace. */
  complete: boolean;
}

export interface JsonArray extends NodeBase {
  readonly kind: "array";
  readonly items: JsonNode[];
  complete: boolean;
}

export interface JsonString extends NodeBase {
  readonly kind: "string";
  readonly value: string;
}

export interface JsonNumber extends NodeBase {
  readonly kind: "number";
  /** The number exactly as written. */
  readonly lexeme: string;
}

export interface JsonLiteral extends NodeBase {
  readonly kind: "true" | "false" | "null";
}

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonLiteral;

export class JsonSyntaxError extends Error {
  /** UTF-16 offset where reading failed. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = "JsonSyntaxError";
    this.offset = offset;
  }
}

export interface JsonParseResult {
  /** The tree read so far; containers cut short by an error have `complete: false`. */
  readonly root: JsonNode | undefined;
  readonly error: JsonSyntaxError | undefined;
}

/** Jackson's default `StreamReadConstraints.maxNestingDepth`. */
export const MAX_NESTING_DEPTH = 1000;

const EXPECTED_VALUE = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** Parses a whole document; throws `JsonSyntaxError`. */
export function parseJson(text: string): JsonNode {
  const { root, error } = parseJsonPartial(text);
  if (error !== undefined) throw error;
  if (root === undefined) throw new JsonSyntaxError("No content to map due to end-of-input", 0);
  return root;
}

/** Parses as far as the text allows; never throws for bad input. */
export function parseJsonPartial(text: string): JsonParseResult {
  const parser = new Parser(text);
  try {
    parser.run();
    return { root: parser.root, error: undefined };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { root: parser.root, error: e };
    throw e;
  }
}

/** Jackson's `_getCharDesc`. */
export function describeChar(code: number): string {
  if (code < 32 || (code >= 0x7f && code <= 0x9f)) return `(CTRL-CHAR, code ${code})`;
  const ch = String.fromCharCode(code);
  if (code > 255) return `'${ch}' (code ${code} / 0x${code.toString(16)})`;
  return `'${ch}' (code ${code})`;
}

function unexpected(code: number, what: string, offset: number): JsonSyntaxError {
  return new JsonSyntaxError(`Unexpected character (${describeChar(code)}): ${what}`, offset);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Characters Jackson gathers into an "Unrecognized token" (Java identifier parts, roughly). */
function isTokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127
  );
}

/** The value of a hexadecimal digit's char code, or -1. */
export function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

type Container = JsonObject | JsonArray;

class Parser {
  root: JsonNode | undefined = undefined;
  private pos = 0;
  private readonly stack: Container[] = [];
  /** The key waiting for its value, per open object (parallel to `stack`). */
  private readonly keys: { key: string; keyStart: number }[] = [];

  constructor(private readonly text: string) {}

  run(): void {
    const text = this.text;
    this.skipWs();
    if (this.pos >= text.length) return; // empty document: root stays undefined
    for (;;) {
      // A value starts here.
      if (this.readValue()) continue; // opened a non-empty container: read its first value
      // After a value: close containers and find the next value.
      for (;;) {
        const top = this.stack[this.stack.length - 1];
        this.skipWs();
        if (top === undefined) {
          if (this.pos < text.length) {
            throw unexpected(text.charCodeAt(this.pos), "expected end of input", this.pos);
          }
          return;
        }
        if (this.pos >= text.length) throw this.endOfInput(top);
        const c = text.charCodeAt(this.pos);
        if (c === 44 /* , */) {
          this.pos++;
          if (top.kind === "object") this.readKey();
          else this.skipWs();
          break;
        }
        if ((c === 93 /* ] */ && top.kind === "array") || (c === 125 /* } */ && top.kind === "object")) {
          this.pos++;
          this.close();
          continue;
        }
        throw unexpected(
          c,
          top.kind === "array"
            ? "was expecting comma to separate Array entries"
            : "was expecting comma to separate Object entries",
          this.pos,
        );
      }
    }
  }

  private endOfInput(top: Container): JsonSyntaxError {
    return new JsonSyntaxError(
      `Unexpected end-of-input: expected close marker for ${top.kind === "array" ? "ARRAY" : "OBJECT"}`,
      this.pos,
    );
  }

  private close(): void {
    const top = this.stack.pop();
    if (top === undefined) return;
    if (top.kind === "object") this.keys.pop();
    top.complete = true;
    top.end = this.pos;
  }

  private attach(node: JsonNode): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) this.root = node;
    else if (top.kind === "array") top.items.push(node);
    else {
      const k = this.keys[this.keys.length - 1];
      if (k !== undefined) top.entries.push({ key: k.key, keyStart: k.keyStart, value: node });
    }
  }

  /** Reads one value; returns true when it opened a container whose first value comes next. */
  private readValue(): boolean {
    const text = this.text;
    this.skipWs();
    const start = this.pos;
    if (start >= text.length) {
      const top = this.stack[this.stack.length - 1];
      throw top === undefined
        ? new JsonSyntaxError("No content to map due to end-of-input", start)
        : this.endOfInput(top);
    }
    const c = text.charCodeAt(start);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (this.stack.length >= MAX_NESTING_DEPTH) {
        throw new JsonSyntaxError(
          `Document nesting depth (${this.stack.length + 1}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
          start,
        );
      }
      const node: Container =
        c === 123
          ? { kind: "object", start, end: start + 1, entries: [], complete: false }
          : { kind: "array", start, end: start + 1, items: [], complete: false };
      this.attach(node);
      this.stack.push(node);
      this.pos++;
      this.skipWs();
      const next = this.pos < text.length ? text.charCodeAt(this.pos) : -1;
      if (c === 123) {
        this.keys.push({ key: "", keyStart: start });
        if (next === 125) {
          this.pos++;
          this.close();
          return false;
        }
        this.readKey();
        return true;
      }
      if (next === 93) {
        this.pos++;
        this.close();
        return false;
      }
      return true;
    }
    let node: JsonNode;
    if (c === 34 /* " */) {
      const value = this.readString();
      node = { kind: "string", start, end: this.pos, value };
    } else if (c === 45 /* - */ || isDigit(c)) {
      node = { kind: "number", start, end: 0, lexeme: this.readNumber() };
      node.end = this.pos;
    } else if (c === 116 /* t */ || c === 102 /* f */ || c === 110 /* n */) {
      const word = c === 116 ? "true" : c === 102 ? "false" : "null";
      let end = start;
      while (end < text.length && isTokenChar(text.charCodeAt(end))) end++;
      if (text.slice(start, end) !== word) this.unrecognized(start);
      this.pos = end;
      node = { kind: word, start, end };
    } else if (isTokenChar(c)) {
      this.unrecognized(start);
    } else {
      throw unexpected(c, `expected a valid value ${EXPECTED_VALUE}`, start);
    }
    this.attach(node);
    return false;
  }

  private unrecognized(start: number): never {
    const text = this.text;
    let end = start;
    while (end < text.length && isTokenChar(text.charCodeAt(end))) end++;
    if (end === start) end = start + 1;
    throw new JsonSyntaxError(
      `Unrecognized token '${text.slice(start, end)}': was expecting ${EXPECTED_VALUE}`,
      start,
    );
  }

  /** Reads `"key" :` inside an object, leaving the position at the value. */
  private readKey(): void {
    const text = this.text;
    this.skipWs();
    const keyStart = this.pos;
    if (keyStart >= text.length) {
      const top = this.stack[this.stack.length - 1];
      throw top === undefined ? new JsonSyntaxError("Unexpected end-of-input", keyStart) : this.endOfInput(top);
    }
    const c = text.charCodeAt(keyStart);
    if (c !== 34) {
      throw unexpected(c, "was expecting double-quote to start field name", keyStart);
    }
    const key = this.readString();
    this.skipWs();
    if (this.pos >= text.length) {
      const top = this.stack[this.stack.length - 1];
      throw top === undefined ? new JsonSyntaxError("Unexpected end-of-input", this.pos) : this.endOfInput(top);
    }
    const colon = text.charCodeAt(this.pos);
    if (colon !== 58) throw unexpected(colon, "was expecting a colon to separate field name and value", this.pos);
    this.pos++;
    const k = this.keys[this.keys.length - 1];
    if (k !== undefined) {
      k.key = key;
      k.keyStart = keyStart;
    }
  }

  /** Reads a string starting at its opening quote; returns the unescaped value. */
  private readString(): string {
    const text = this.text;
    let i = this.pos + 1;
    let chunkStart = i;
    let out = "";
    for (;;) {
      if (i >= text.length) {
        throw new JsonSyntaxError("Unexpected end-of-input: was expecting closing quote for a string value", i);
      }
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(chunkStart, i);
        this.pos = i + 1;
        return out;
      }
      if (c === 92 /* \ */) {
        out += text.slice(chunkStart, i);
        if (i + 1 >= text.length) {
          throw new JsonSyntaxError("Unexpected end-of-input in character escape sequence", i + 1);
        }
        const e = text.charCodeAt(i + 1);
        switch (e) {
          case 34: out += '"'; break;
          case 92: out += "\\"; break;
          case 47: out += "/"; break;
          case 98: out += "\b"; break;
          case 102: out += "\f"; break;
          case 110: out += "\n"; break;
          case 114: out += "\r"; break;
          case 116: out += "\t"; break;
          case 117: {
            let code = 0;
            for (let k = 0; k < 4; k++) {
              const at = i + 2 + k;
              if (at >= text.length) {
                throw new JsonSyntaxError("Unexpected end-of-input in character escape sequence", at);
              }
              const h = hexValue(text.charCodeAt(at));
              if (h < 0) {
                throw unexpected(text.charCodeAt(at), "expected a hex-digit for character escape sequence", at);
              }
              code = code * 16 + h;
            }
            out += String.fromCharCode(code);
            i += 4;
            break;
          }
          default:
            throw new JsonSyntaxError(`Unrecognized character escape ${describeChar(e)}`, i + 1);
        }
        i += 2;
        chunkStart = i;
        continue;
      }
      if (c < 32) {
        throw new JsonSyntaxError(
          `Illegal unquoted character (${describeChar(c)}): has to be escaped using backslash to be included in string value`,
          i,
        );
      }
      i++;
    }
  }

  /** Reads a number lexeme per the JSON grammar (no leading zeros, digits after `.` and `e`). */
  private readNumber(): string {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === 45) {
      i++;
      if (i >= text.length || !isDigit(text.charCodeAt(i))) {
        const c = i < text.length ? text.charCodeAt(i) : -1;
        throw new JsonSyntaxError(
          c < 0
            ? "Unexpected end-of-input in numeric value"
            : `Unexpected character (${describeChar(c)}) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value`,
          i,
        );
      }
    }
    if (text.charCodeAt(i) === 48 && i + 1 < text.length && isDigit(text.charCodeAt(i + 1))) {
      throw new JsonSyntaxError("Invalid numeric value: Leading zeroes not allowed", i);
    }
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i < text.length && text.charCodeAt(i) === 46 /* . */) {
      i++;
      const digitsStart = i;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      if (i === digitsStart) this.numberError(i, "Decimal point not followed by a digit");
    }
    if (i < text.length && (text.charCodeAt(i) | 32) === 101 /* e */) {
      i++;
      if (i < text.length && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45)) i++;
      const digitsStart = i;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      if (i === digitsStart) this.numberError(i, "Exponent indicator not followed by a digit");
    }
    this.pos = i;
    return text.slice(start, i);
  }

  private numberError(at: number, what: string): never {
    const text = this.text;
    if (at >= text.length) throw new JsonSyntaxError(`Unexpected end-of-input in numeric value`, at);
    throw new JsonSyntaxError(`Unexpected character (${describeChar(text.charCodeAt(at))}) in numeric value: ${what}`, at);
  }

  private skipWs(): void {
    const text = this.text;
    let i = this.pos;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      i++;
    }
    this.pos = i;
  }
}
