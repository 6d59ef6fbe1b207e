/**
 * A small document tree for CloudFormation templates and the two writers that print it (JSON
 * and YAML). Event patterns travel as `RawJson`, so both print the canonical pattern text
 * byte for byte, number lexemes included; YAML takes it as a flow mapping (YAML is a superset
 * of JSON). Intrinsic functions are plain objects (`{ Ref }`, `{ "Fn::GetAtt" }`, `{ "Fn::Sub" }`)
 * that YAML prints in the short `!Ref` form.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

export type TreeValue = string | number | boolean | RawJson | readonly TreeValue[] | { readonly [key: string]: TreeValue | undefined };

function indentLines(text: string, pad: string): string {
  return text.split("\n").join("\n" + pad);
}

export function writeJsonTree(value: TreeValue, depth = 0): string {
  const pad = "  ".repeat(depth);
  const inner = "  ".repeat(depth + 1);
  if (value instanceof RawJson) return indentLines(value.text, pad);
  if (typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item: TreeValue) => inner + writeJsonTree(item, depth + 1)).join(",\n")}\n${pad}]`;
  }
  const entries = Object.entries(value).filter((entry): entry is [string, TreeValue] => entry[1] !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${writeJsonTree(item, depth + 1)}`).join(",\n")}\n${pad}}`;
}

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_ ./:@()*,+=-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  return PLAIN.test(value) && !YAML_WORDS.test(value) && !value.endsWith(" ") && !value.endsWith(":") && !value.includes(": ") && !value.includes(" #")
    ? value
    : JSON.stringify(value);
}

/** `!Ref X`, `!GetAtt X.Arn`, `!Sub "…"` for a one-key intrinsic object, else undefined. */
function shortIntrinsic(value: { readonly [key: string]: TreeValue | undefined }): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const inner = value[keys[0]!];
  if (keys[0] === "Ref" && typeof inner === "string") return `!Ref ${inner}`;
  if (keys[0] === "Fn::Sub" && typeof inner === "string") return `!Sub ${JSON.stringify(inner)}`;
  if (keys[0] === "Fn::GetAtt" && Array.isArray(inner) && inner.every((part) => typeof part === "string")) return `!GetAtt ${inner.join(".")}`;
  return undefined;
}

/** Inline form of a value, or undefined when it needs lines of its own. */
function yamlInline(value: TreeValue): string | undefined {
  if (value instanceof RawJson) return undefined;
  if (typeof value !== "object") return yamlScalar(value);
  if (Array.isArray(value)) return value.length === 0 ? "[]" : undefined;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return shortIntrinsic(value as { readonly [key: string]: TreeValue | undefined });
}

/** YAML lines for `value` at `depth` (two spaces a level), as the value of a key or list item. */
function yamlBlock(value: TreeValue, depth: number): string[] {
  const pad = "  ".repeat(depth);
  if (value instanceof RawJson) return [pad + indentLines(value.text, pad)];
  if (Array.isArray(value)) {
    return value.flatMap((item: TreeValue) => {
      const inline = yamlInline(item);
      if (inline !== undefined) return [`${pad}- ${inline}`];
      const lines = yamlBlock(item, depth + 1);
      // A list item's first line takes the dash in place of its indentation.
      return [`${pad}- ${lines[0]!.slice(pad.length + 2)}`, ...lines.slice(1)];
    });
  }
  const entries = Object.entries(value as { readonly [key: string]: TreeValue | undefined }).filter((entry): entry is [string, TreeValue] => entry[1] !== undefined);
  return entries.flatMap(([key, item]) => {
    const inline = yamlInline(item);
    const name = yamlScalar(key);
    if (inline !== undefined) return [`${pad}${name}: ${inline}`];
    return [`${pad}${name}:`, ...yamlBlock(item, depth + 1)];
  });
}

export function writeYamlTree(value: TreeValue): string {
  return yamlBlock(value, 0).join("\n") + "\n";
}
