/**
 * JSON text for the exports: event patterns in one canonical key order, with number lexemes
 * kept exactly as the user wrote them (`1e3` stays `1e3`), so a re-export never produces a
 * spurious diff and AWS sees the very numbers of the design.
 *
 * Canonical order: object keys sorted by UTF-16 code units at every level (as RFC 8785 does);
 * arrays keep their order, since `$or` branches and value lists are read in order by people.
 */
import { EVENT_PATTERN_DEFAULT_QUOTA } from "@/lib/limits";
import { parseJson, type JsonNode } from "@/lib/pattern";


export interface JsonTextOptions {
  /** Sort object keys (patterns) or keep the user's order (inputs). */
  readonly sortKeys: boolean;
  /** Spaces per level; 0 writes one line. */
  readonly indent: number;
  /** Write keys as TypeScript property names (`source`, `"detail-type"`) instead of JSON strings. */
  readonly typescriptKeys?: boolean;
  /** Rename keys on the way out (CDK's `detailType`). Applied to the top level only. */
  readonly renameTopLevel?: Readonly<Record<string, string>>;
}

/** Writes a parsed JSON tree; scalars keep their source form. */
export function writeJson(node: JsonNode, options: JsonTextOptions): string {
  return write(node, options, 0, true);
}

function write(node: JsonNode, options: JsonTextOptions, depth: number, top: boolean): string {
  const pad = (level: number) => (options.indent > 0 ? "\n" + " ".repeat(options.indent * level) : "");
  const sep = options.indent > 0 ? ": " : ":";
  switch (node.kind) {
    case "string":
      return JSON.stringify(node.value);
    case "number":
      return node.lexeme;
    case "true":
    case "false":
    case "null":
      return node.kind;
    case "array": {
      if (node.items.length === 0) return "[]";
      const scalars = node.items.every((item) => item.kind !== "object" && item.kind !== "array");
      const items = node.items.map((item) => write(item, options, depth + 1, false));
      // Value lists stay on one line: `"source": ["a", "b"]` reads better than a column.
      if (scalars || options.indent === 0) return `[${items.join(options.indent > 0 ? ", " : ",")}]`;
      return `[${items.map((item) => pad(depth + 1) + item).join(",")}${pad(depth)}]`;
    }
    case "object": {
      if (node.entries.length === 0) return "{}";
      const entries = options.sortKeys ? [...node.entries].sort((a, b) => compareKeys(a.key, b.key)) : node.entries;
      const parts = entries.map((entry) => {
        const key = top && options.renameTopLevel?.[entry.key] !== undefined ? options.renameTopLevel[entry.key]! : entry.key;
        return `${formatKey(key, options)}${sep}${write(entry.value, options, depth + 1, false)}`;
      });
      return `{${parts.map((part) => pad(depth + 1) + part).join(",")}${pad(depth)}}`;
    }
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatKey(key: string, options: JsonTextOptions): string {
  return options.typescriptKeys && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

/** An event pattern (or filter) ready for every format. */
export interface CanonicalPattern {
  readonly tree: JsonNode;
  /** Canonical JSON, two-space indented. */
  readonly pretty: string;
  /** Canonical JSON on one line: what AWS stores and what counts against the quota. */
  readonly compact: string;
  /** Over the 2,048-character default quota (adjustable in Service Quotas). */
  readonly overQuota: boolean;
}

/** Canonical form of valid pattern text (the design has been validated before export). */
export function canonicalPattern(text: string): CanonicalPattern {
  const tree = parseJson(text);
  const compact = writeJson(tree, { sortKeys: true, indent: 0 });
  return {
    tree,
    pretty: writeJson(tree, { sortKeys: true, indent: 2 }),
    compact,
    overQuota: compact.length > EVENT_PATTERN_DEFAULT_QUOTA,
  };
}
