/** Small text helpers shared by server and browser. */

/** A byte count for people: `512 bytes`, `1.5 KB`, `97.7 MB` (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** Whether `text` is a JSON text (any value). */
export function isJson(text: string): boolean {
  return jsonProblem(text) === undefined;
}

/** Why `text` is not a JSON text (the parser's message), or `undefined` when it is one. */
export function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return (error as SyntaxError).message;
  }
}

/** Whether `text` is a JSON object (not an array, string or other value). */
export function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** The record without its `undefined` members: a wire reads an absent member as absent, not as `undefined`. */
export function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
