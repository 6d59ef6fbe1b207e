/**
 * What the inspector can edit, as data: each node kind lists its fields (kind-views.ts), and one
 * form renders any list. Paths are dotted (`retryPolicy.maximumRetryAttempts`) and double as
 * the `field` of validation problems, so a field shows its own problems.
 */
import type { DesignNode } from "@/lib/graph";

/** Which JSON flavour a code field holds: patterns get AWS's pattern checks inline. */
export type CodeLanguage = "pattern" | "json" | "template";

interface Base {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
  /** Shown only when this holds for the node (e.g. the account of a cross-account target). */
  readonly when?: (node: DesignNode) => boolean;
}

export interface VariantOption {
  readonly value: string;
  readonly label: string;
  /** The object that replaces the whole sub-document at `path` when this option is chosen. */
  readonly create: () => unknown;
}

export type FieldSpec =
  | (Base & { readonly type: "text"; readonly optional?: boolean; readonly placeholder?: string })
  | (Base & { readonly type: "textarea" })
  | (Base & { readonly type: "number"; readonly optional?: boolean })
  | (Base & { readonly type: "checkbox" })
  | (Base & { readonly type: "select"; readonly options: readonly string[] })
  /** A list of strings, one per line. */
  | (Base & { readonly type: "lines" })
  /** A string → string map, one `key: value` per line. */
  | (Base & { readonly type: "map" })
  | (Base & { readonly type: "code"; readonly language: CodeLanguage })
  /** A list of code texts (stream filter criteria). */
  | (Base & { readonly type: "code-list"; readonly language: CodeLanguage })
  /** A discriminated sub-document: choosing an option replaces it; `discriminant` is its tag field. */
  | (Base & { readonly type: "variant"; readonly discriminant: string; readonly options: readonly VariantOption[] })
  /** An optional sub-document switched on (created) and off (removed) by a checkbox. */
  | (Base & { readonly type: "optional"; readonly create: () => unknown });

type Json = Record<string, unknown>;

export function getPath(node: DesignNode, path: string): unknown {
  let value: unknown = node;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Json)[key];
  }
  return value;
}

/** A copy of `node` with `value` at `path` (`undefined` removes the key); parents are copied, not mutated. */
export function setPath(node: DesignNode, path: string, value: unknown): DesignNode {
  const keys = path.split(".");
  const write = (target: unknown, depth: number): Json => {
    const copy: Json = { ...((typeof target === "object" && target !== null ? target : {}) as Json) };
    const key = keys[depth]!;
    if (depth === keys.length - 1) {
      if (value === undefined) delete copy[key];
      else copy[key] = value;
    } else {
      copy[key] = write(copy[key], depth + 1);
    }
    return copy;
  };
  return write(node, 0) as unknown as DesignNode;
}
