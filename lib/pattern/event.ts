/**
 * Reading an event: the envelope check TestEventPattern applies, and flattening into path → values
 * the way event-ruler's `Event` does (lib/pattern/SEMANTICS.md, "Reading an event").
 *
 * - Keys join with `.`, so an event key `"a.b"` and nested `a`→`b` give the same path.
 * - Numbers keep their lexeme; strings, booleans and null are values; objects are not.
 * - Each array element is a value at the array's own path (nested arrays flatten), and every value
 *   records which element of which array it came from, for array consistency (SEMANTICS.md "Array
 *   consistency").
 * - `[]` and `{}` contribute nothing, so the path counts as absent.
 * - A key given twice contributes both values (not AWS-verified; Ruler does this), with no
 *   array membership between them.
 */

import { InvalidEventError } from "./errors";
import { JsonSyntaxError, parseJson, type JsonNode } from "./json";
import type { EventValue } from "./model";
import { numberValue } from "./numbers";

/** The element of one array a value came from, linked to the enclosing array's element. */
export interface ArrayMembership {
  /** Arrays are numbered in document order. */
  readonly array: number;
  readonly index: number;
  readonly outer: ArrayMembership | undefined;
}

export interface FlatValue {
  readonly value: EventValue;
  /** Innermost array element holding the value; undefined outside arrays. Shared by siblings. */
  readonly membership: ArrayMembership | undefined;
}

/** What sits at a path that holds no values: used to explain why a field is "missing". */
export type NonValueShape = "object" | "empty-array" | "empty-object";

export interface FlatEvent {
  readonly values: ReadonlyMap<string, readonly FlatValue[]>;
  readonly shapes: ReadonlyMap<string, NonValueShape>;
  /** The values whose path goes through a key that is the empty string (see `pathReadsEmptyKeys`). */
  readonly throughEmptyKey: ReadonlySet<FlatValue>;
}

/** The PutEvents entry limit (1 MiB since January 2026), in UTF-8 bytes. */
export const MAX_EVENT_BYTES = 1_048_576;

/**
 * Envelope fields TestEventPattern requires; `resources` and `detail` are not enforced
 * (SEMANTICS.md "Reading an event").
 */
export const REQUIRED_EVENT_FIELDS: readonly string[] = ["id", "account", "source", "time", "region", "detail-type"];

/** UTF-8 length, stopping early once past `limit`. */
function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Parses, checks and flattens an event; throws `InvalidEventError`. */
export function readEvent(text: string): FlatEvent {
  if (utf8Length(text, MAX_EVENT_BYTES) > MAX_EVENT_BYTES) {
    throw new InvalidEventError(`The event is larger than ${MAX_EVENT_BYTES} bytes (UTF-8).`);
  }
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new InvalidEventError(`The event is not valid JSON: ${e.message} (at offset ${e.offset}).`);
    throw e;
  }
  if (root.kind !== "object") throw new InvalidEventError("The event must be a JSON object.");
  const present = new Set(root.entries.map((entry) => entry.key));
  const missing = REQUIRED_EVENT_FIELDS.filter((field) => !present.has(field));
  if (missing.length > 0) {
    throw new InvalidEventError(`The event lacks required field${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.`);
  }
  return flattenJson(root);
}

function scalar(node: JsonNode): EventValue | undefined {
  switch (node.kind) {
    case "string":
      return { kind: "string", value: node.value };
    case "number":
      return numberValue(node.lexeme);
    case "true":
      return { kind: "boolean", value: true };
    case "false":
      return { kind: "boolean", value: false };
    case "null":
      return { kind: "null" };
    default:
      return undefined;
  }
}

/**
 * Flattens any JSON tree (iteratively: events may nest up to the parser's depth limit). Keys join
 * with `.` all the way down, as Ruler's event paths do: `{"": {"a": 1}}` is at `.a`.
 */
export function flattenJson(root: JsonNode): FlatEvent {
  const values = new Map<string, FlatValue[]>();
  const shapes = new Map<string, NonValueShape>();
  let throughEmptyKey: Set<FlatValue> | undefined;
  let arrays = 0;
  // `path` is undefined at the root, so a key that is the empty string still adds a segment.
  const stack: { node: JsonNode; path: string | undefined; membership: ArrayMembership | undefined; emptyKey: boolean }[] = [
    { node: root, path: undefined, membership: undefined, emptyKey: false },
  ];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { node, membership, emptyKey } = top;
    if (node.kind === "object") {
      if (top.path !== undefined && !shapes.has(top.path)) shapes.set(top.path, node.entries.length === 0 ? "empty-object" : "object");
      // Pushed in reverse so values come out in document order.
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const entry = node.entries[i];
        if (entry === undefined) continue;
        const path = top.path === undefined ? entry.key : `${top.path}.${entry.key}`;
        stack.push({ node: entry.value, path, membership, emptyKey: emptyKey || entry.key === "" });
      }
      continue;
    }
    const path = top.path ?? "";
    if (node.kind === "array") {
      if (node.items.length === 0 && !shapes.has(path)) shapes.set(path, "empty-array");
      const array = arrays++;
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (item === undefined) continue;
        stack.push({ node: item, path, membership: { array, index: i, outer: membership }, emptyKey });
      }
    } else {
      const value = scalar(node);
      if (value === undefined) continue;
      const flat = { value, membership };
      const list = values.get(path);
      if (list === undefined) values.set(path, [flat]);
      else list.push(flat);
      if (emptyKey) (throughEmptyKey ??= new Set()).add(flat);
    }
  }
  return { values, shapes, throughEmptyKey: throughEmptyKey ?? NONE };
}

const NONE: ReadonlySet<FlatValue> = new Set();

/**
 * Whether Ruler reads event keys that are the empty string for a pattern with this field path.
 * Ruler follows an event key only when it is one of the "steps" of the rule's paths, a path
 * split Java's way at each `.`, which drops trailing empty strings: `.a`, `a..b` and `""` have
 * the empty step, `a.` and `.` do not. So `{"color": {"": "red"}}` is not at `color.` for the
 * pattern `{"color.": ["red"]}` (while the key `"color."` is: its steps are all used).
 */
export function pathReadsEmptyKeys(path: string): boolean {
  if (path === "") return true;
  const segments = path.split(".");
  let end = segments.length;
  while (end > 0 && segments[end - 1] === "") end--;
  return segments.slice(0, end).includes("");
}
