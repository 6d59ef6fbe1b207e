/**
 * How a plan reads to people: values printed like terraform shows them (JSON texts such as
 * patterns pretty-printed, absent values as "(none)") and a line diff of multi-line values, so a
 * changed pattern shows which lines changed rather than two walls of text.
 */
import type { ChangeAction, PlannedChange, ResourceKind } from "@/lib/aws/plan";

const ABSENT = "(none)";

/** A field's value as text: JSON texts pretty-printed, objects as JSON, absent as "(none)". */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return ABSENT;
  if (typeof value === "string") return prettyJsonText(value) ?? value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value, null, 2);
}

/** A string that holds a JSON object or array, pretty-printed; undefined for any other text. */
function prettyJsonText(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return undefined;
  }
}

export type DiffLine = { readonly kind: "same" | "removed" | "added"; readonly text: string };

/** Line diff (longest common subsequence) of two texts, in reading order. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  // common[i][j] = length of the longest common subsequence of a[i..] and b[j..].
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ kind: "same", text: a[i] });
      i++;
      j++;
    } else if (common[i + 1][j] >= common[i][j + 1]) {
      lines.push({ kind: "removed", text: a[i++] });
    } else {
      lines.push({ kind: "added", text: b[j++] });
    }
  }
  while (i < a.length) lines.push({ kind: "removed", text: a[i++] });
  while (j < b.length) lines.push({ kind: "added", text: b[j++] });
  return lines;
}

export type PlanCounts = Readonly<Record<ChangeAction, number>>;

export function countChanges(changes: readonly PlannedChange[]): PlanCounts {
  const counts = { create: 0, update: 0, delete: 0 };
  for (const change of changes) counts[change.action]++;
  return counts;
}

/** "Plan: 1 to create, 2 to change, 0 to delete." — or "No changes." */
export function planSummary(changes: readonly PlannedChange[]): string {
  if (changes.length === 0) return "No changes. The account matches the design.";
  const { create, update, delete: remove } = countChanges(changes);
  return `Plan: ${create} to create, ${update} to change, ${remove} to delete.`;
}

/** A new resource kind in the plan must be named here (the Record makes the compiler ask). */
const RESOURCE_NAMES: Record<ResourceKind, string> = {
  bus: "event bus",
  archive: "archive",
  rule: "rule",
  target: "target",
  "schedule-group": "schedule group",
  schedule: "schedule",
  pipe: "pipe",
};

/** "create rule orders/big-orders"; "update archive everything on bus orders" */
export function changeTitle(change: Pick<PlannedChange, "action" | "resource" | "label" | "bus" | "archive">): string {
  if (change.resource === "archive" && change.archive !== undefined) return `${change.action} archive ${change.archive} on bus ${change.bus}`;
  return `${change.action} ${RESOURCE_NAMES[change.resource]} ${change.label}`;
}
