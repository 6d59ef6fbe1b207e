/**
 * The pattern builder: an event shown as a tree of fields, and `addCondition`, which puts one
 * condition on a field into the pattern text by editing only the text it has to (offsets from
 * `lib/pattern`'s JSON parser), so the user's formatting, comments-free hand edits and key order
 * survive. A pattern that is not JSON is never rewritten: the caller gets a clear error instead.
 */
import { parseJson, validatePattern, type JsonNode } from "@/lib/pattern";

// ---------------------------------------------------------------------------------------------
// Event tree

export type TreeValueKind = "object" | "array" | "string" | "number" | "boolean" | "null";

export interface EventTreeNode {
  /** Object key, or array index. The root has key "". */
  readonly key: string | number;
  /** Pattern path of the field: object keys only (patterns do not name array indexes). */
  readonly path: readonly string[];
  readonly kind: TreeValueKind;
  /** For scalars: the value as written (numbers keep their lexeme, strings unquoted). */
  readonly value?: string;
  readonly children?: readonly EventTreeNode[];
}

export type EventTreeResult = { readonly ok: true; readonly root: EventTreeNode } | { readonly ok: false; readonly error: string };

/** The event as a tree for display; an event that is not JSON gives an error, never a throw. */
export function eventTree(eventText: string): EventTreeResult {
  let root: JsonNode;
  try {
    root = parseJson(eventText);
  } catch (error) {
    return { ok: false, error: `The event is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, root: toTree(root, "", []) };
}

function toTree(node: JsonNode, key: string | number, path: readonly string[]): EventTreeNode {
  switch (node.kind) {
    case "object":
      return { key, path, kind: "object", children: node.entries.map((e) => toTree(e.value, e.key, [...path, e.key])) };
    case "array":
      return { key, path, kind: "array", children: node.items.map((item, i) => toTree(item, i, path)) };
    case "string":
      return { key, path, kind: "string", value: node.value };
    case "number":
      return { key, path, kind: "number", value: node.lexeme };
    case "true":
    case "false":
      return { key, path, kind: "boolean", value: node.kind };
    case "null":
      return { key, path, kind: "null", value: "null" };
  }
}

// ---------------------------------------------------------------------------------------------
// Conditions

export type ExactValue = string | number | boolean | null;

/** One condition the builder can add; `numeric` is the operator list, e.g. `[">=", 1, "<", 5]`. */
export type BuilderCondition =
  | { readonly op: "exact"; readonly value: ExactValue }
  | { readonly op: "prefix" | "suffix" | "equals-ignore-case" | "wildcard" | "cidr"; readonly value: string }
  | { readonly op: "anything-but"; readonly values: readonly (string | number)[] }
  | { readonly op: "numeric"; readonly range: readonly (string | number)[] }
  | { readonly op: "exists"; readonly exists: boolean };

export type BuilderOperator = BuilderCondition["op"];

export const BUILDER_OPERATORS: readonly BuilderOperator[] = ["exact", "prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists", "wildcard", "cidr"];

/** The JSON text of one condition inside a leaf array. */
export function conditionText(condition: BuilderCondition): string {
  switch (condition.op) {
    case "exact":
      return JSON.stringify(condition.value);
    case "prefix":
    case "suffix":
    case "equals-ignore-case":
    case "wildcard":
    case "cidr":
      return `{ ${JSON.stringify(condition.op)}: ${JSON.stringify(condition.value)} }`;
    case "anything-but":
      return `{ "anything-but": ${condition.values.length === 1 ? JSON.stringify(condition.values[0]) : `[${condition.values.map((v) => JSON.stringify(v)).join(", ")}]`} }`;
    case "numeric":
      return `{ "numeric": [${condition.range.map((v) => JSON.stringify(v)).join(", ")}] }`;
    case "exists":
      return `{ "exists": ${String(condition.exists)} }`;
  }
}

/**
 * A sensible first condition for a clicked scalar, per operator: the value itself for exact,
 * `> value` for numeric, its first characters for prefix, and so on.
 */
export function suggestCondition(op: BuilderOperator, node: Pick<EventTreeNode, "kind" | "value">): BuilderCondition {
  const raw = node.value ?? "";
  const exact: ExactValue =
    node.kind === "number" ? Number(raw) : node.kind === "boolean" ? raw === "true" : node.kind === "null" ? null : raw;
  switch (op) {
    case "exact":
      return { op, value: exact };
    case "prefix":
      return { op, value: raw.slice(0, Math.max(1, Math.ceil(raw.length / 2))) };
    case "suffix":
      return { op, value: raw.slice(Math.floor(raw.length / 2)) };
    case "equals-ignore-case":
      return { op, value: raw };
    case "wildcard":
      return { op, value: raw.length > 1 ? `${raw.slice(0, Math.ceil(raw.length / 2)).replace(/[\\*]/g, "\\$&")}*` : "*" };
    case "cidr":
      return { op, value: /^\d+\.\d+\.\d+\.\d+$/.test(raw) ? `${raw.split(".").slice(0, 3).join(".")}.0/24` : raw };
    case "anything-but":
      return { op, values: [typeof exact === "number" ? exact : raw] };
    case "numeric":
      return { op, range: [">=", node.kind === "number" ? Number(raw) : 0] };
    case "exists":
      return { op, exists: true };
  }
}

// ---------------------------------------------------------------------------------------------
// Adding a condition

export interface AddConditionOptions {
  /** `replace` (default) swaps the field's conditions for this one; `append` ORs it in. */
  readonly mode?: "replace" | "append";
  /** Put the condition into this alternative of the pattern's top-level `$or` (0-based). */
  readonly orBranch?: number;
}

export type AddConditionResult =
  | { readonly ok: true; readonly text: string; /** Where the field's condition array now is. */ readonly span: { readonly offset: number; readonly length: number } }
  | { readonly ok: false; readonly error: string };

/**
 * Puts `condition` on the field at `path` (object keys, e.g. `["detail", "state"]`) and returns the
 * new pattern text; everything outside the edited field is kept byte for byte. Errors (the text is
 * not JSON, the path is taken by an object or a leaf, the result would not be a valid pattern)
 * come back as `{ ok: false, error }` with the pattern untouched.
 */
export function addCondition(patternText: string, path: readonly string[], condition: BuilderCondition, options: AddConditionOptions = {}): AddConditionResult {
  if (path.length === 0) return { ok: false, error: "Choose a field: the pattern's top level is not a field." };
  const leaf = `[${conditionText(condition)}]`;
  const edit = planEdit(patternText, path, leaf, condition, options.mode ?? "replace", options.orBranch);
  if (!edit.ok) return edit;
  const text = patternText.slice(0, edit.from) + edit.insert + patternText.slice(edit.to);
  const before = patternText.trim() === "" ? { valid: true } : validatePattern(patternText);
  const after = validatePattern(text);
  if (!after.valid && before.valid) {
    const first = after.problems[0];
    return { ok: false, error: `That condition would make the pattern invalid: ${first?.message ?? "unknown reason"}` };
  }
  const spanOffset = edit.from + edit.leafAt;
  return { ok: true, text, span: { offset: spanOffset, length: edit.leafLength } };
}

type Edit =
  | { readonly ok: true; readonly from: number; readonly to: number; readonly insert: string; readonly leafAt: number; readonly leafLength: number }
  | { readonly ok: false; readonly error: string };

function planEdit(text: string, path: readonly string[], leaf: string, condition: BuilderCondition, mode: "replace" | "append", orBranch: number | undefined): Edit {
  if (text.trim() === "") {
    const insert = `{\n${member(path, leaf, "  ")}\n}`;
    return { ok: true, from: 0, to: text.length, insert, leafAt: insert.lastIndexOf(leaf), leafLength: leaf.length };
  }
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (error) {
    const offset = error instanceof Error && "offset" in error && typeof error.offset === "number" ? error.offset : 0;
    const { line, column } = position(text, offset);
    return { ok: false, error: `The pattern is not valid JSON (line ${line}, column ${column}: ${error instanceof Error ? error.message : String(error)}); fix it first, the builder does not rewrite it.` };
  }
  if (root.kind !== "object") return { ok: false, error: "The pattern must be a JSON object before conditions can be added." };

  let node: JsonNode & { kind: "object" } = root;
  if (orBranch !== undefined) {
    const alternatives = lastEntry(root, "$or")?.value;
    const alternative = alternatives?.kind === "array" ? alternatives.items[orBranch] : undefined;
    if (alternative?.kind !== "object") {
      const count = alternatives?.kind === "array" ? alternatives.items.length : 0;
      return { ok: false, error: `The pattern's top-level $or has no alternative ${orBranch + 1} (it has ${count}).` };
    }
    node = alternative;
  }
  for (let depth = 0; depth < path.length; depth++) {
    const key = path[depth]!;
    const entry = lastEntry(node, key);
    const here = path.slice(0, depth + 1).join(".");
    if (entry === undefined) return insertMember(text, node, path.slice(depth), leaf);
    const value = entry.value;
    if (depth === path.length - 1) {
      if (value.kind === "object") return { ok: false, error: `${here} holds nested fields in the pattern; pick one of them instead.` };
      if (mode === "append" && value.kind === "array" && value.items.length > 0) {
        const last = value.items[value.items.length - 1]!;
        const added = `, ${conditionText(condition)}`;
        return { ok: true, from: last.end, to: last.end, insert: added, leafAt: value.start - last.end, leafLength: value.end - value.start + added.length };
      }
      return { ok: true, from: value.start, to: value.end, insert: leaf, leafAt: 0, leafLength: leaf.length };
    }
    if (value.kind !== "object") {
      return { ok: false, error: `${here} already has conditions of its own, so it cannot also hold ${path.slice(depth + 1).join(".")}; remove them first.` };
    }
    node = value;
  }
  return { ok: false, error: "Unreachable: the path was empty." };
}

function lastEntry(node: JsonNode & { kind: "object" }, key: string): { value: JsonNode } | undefined {
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i];
  return undefined;
}

/** `"a": { "b": <leaf> }` for the remaining keys, nested objects indented below `indent`. */
function member(keys: readonly string[], leaf: string, indent: string): string {
  const [first, ...rest] = keys;
  const name = JSON.stringify(first);
  if (rest.length === 0) return `${indent}${name}: ${leaf}`;
  return `${indent}${name}: {\n${member(rest, leaf, `${indent}  `)}\n${indent}}`;
}

function insertMember(text: string, object: JsonNode & { kind: "object" }, keys: readonly string[], leaf: string): Edit {
  const entries = object.entries;
  const objectIndent = lineIndent(text, object.start);
  const multiline = text.slice(object.start, object.end).includes("\n");
  if (entries.length === 0) {
    const indent = `${objectIndent}  `;
    const body = member(keys, leaf, indent);
    const insert = `{\n${body}\n${objectIndent}}`;
    return { ok: true, from: object.start, to: object.end, insert, leafAt: insert.lastIndexOf(leaf), leafLength: leaf.length };
  }
  const last = entries[entries.length - 1]!;
  if (multiline) {
    const indent = lineIndent(text, last.keyStart);
    const insert = `,\n${member(keys, leaf, indent)}`;
    return { ok: true, from: last.value.end, to: last.value.end, insert, leafAt: insert.lastIndexOf(leaf), leafLength: leaf.length };
  }
  const insert = `, ${member(keys, leaf, "").replace(/\n\s*/g, " ")}`;
  return { ok: true, from: last.value.end, to: last.value.end, insert, leafAt: insert.lastIndexOf(leaf), leafLength: leaf.length };
}

/** The whitespace that starts the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, offset));
  return match?.[0] ?? "";
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}
