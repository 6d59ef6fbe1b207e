/**
 * The JSON paths EventBridge accepts in `InputPath` and `InputPathsMap`: `$`, dot notation
 * (letters, digits, `_`, `-`, `/`), array indexes `[n]`, and wildcards `*` / `[*]`.
 *
 * `parseJsonPath` returns the steps or `undefined` for a path AWS would reject; `selectJsonPath`
 * reads a value: a path with a wildcard yields an array of every match.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

type Step = { type: "field"; name: string } | { type: "index"; index: number } | { type: "wildcard" };

export interface JsonPath {
  readonly steps: readonly Step[];
  readonly hasWildcard: boolean;
}

const FIELD = /^[A-Za-z0-9_\-/]+/;

export function parseJsonPath(text: string): JsonPath | undefined {
  if (!text.startsWith("$")) return undefined;
  const steps: Step[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    if (rest.startsWith(".*")) {
      steps.push({ type: "wildcard" });
      rest = rest.slice(2);
    } else if (rest.startsWith(".")) {
      const name = FIELD.exec(rest.slice(1))?.[0];
      if (name === undefined) return undefined;
      steps.push({ type: "field", name });
      rest = rest.slice(1 + name.length);
    } else if (rest.startsWith("[*]")) {
      steps.push({ type: "wildcard" });
      rest = rest.slice(3);
    } else {
      const index = /^\[(\d+)\]/.exec(rest);
      if (index === null) return undefined;
      steps.push({ type: "index", index: Number(index[1]) });
      rest = rest.slice(index[0].length);
    }
  }
  return { steps, hasWildcard: steps.some((s) => s.type === "wildcard") };
}

/** The value at `path` in `root`, `undefined` when nothing is there. */
export function selectJsonPath(root: JsonValue, path: JsonPath): JsonValue | undefined {
  let current: JsonValue[] = [root];
  for (const step of path.steps) {
    const next: JsonValue[] = [];
    for (const value of current) {
      if (step.type === "field") {
        if (isObject(value) && Object.hasOwn(value, step.name)) next.push(value[step.name]);
      } else if (step.type === "index") {
        if (Array.isArray(value) && step.index < value.length) next.push(value[step.index]);
      } else if (Array.isArray(value)) {
        next.push(...value);
      } else if (isObject(value)) {
        next.push(...Object.values(value));
      }
    }
    current = next;
  }
  if (path.hasWildcard) return current;
  return current[0];
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
