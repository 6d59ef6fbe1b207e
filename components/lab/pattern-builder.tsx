"use client";

/**
 * The pattern builder: the selected event as a tree; clicking a field offers the operators, and
 * "Add to pattern" puts the condition in the pattern with lib/lab's addCondition, which edits only
 * that field's text so hand edits survive.
 *
 * Test ids: lab-builder, lab-tree-field (button per scalar field, data-path = dotted path),
 * lab-builder-operator (select), lab-builder-value (input), lab-builder-mode (select replace|append),
 * lab-builder-or (select of the top-level $or alternative, when the pattern has one), lab-builder-add
 * (button), lab-builder-error.
 */
import { useMemo, useState } from "react";
import { addCondition, BUILDER_OPERATORS, eventTree, suggestCondition, type BuilderCondition, type BuilderOperator, type EventTreeNode, type LabEvent } from "@/lib/lab";
import { parseJson } from "@/lib/pattern";

const OPERATOR_LABELS: Record<BuilderOperator, string> = {
  exact: "equals",
  prefix: "prefix",
  suffix: "suffix",
  "equals-ignore-case": "equals, ignoring case",
  "anything-but": "anything but",
  numeric: "numeric range",
  exists: "exists",
  wildcard: "wildcard",
  cidr: "IP in CIDR",
};

/** The condition's value as one editable text. */
function valueText(condition: BuilderCondition): string {
  switch (condition.op) {
    case "exact":
      return String(condition.value);
    case "numeric":
      return condition.range.join(" ");
    case "anything-but":
      return condition.values.join(", ");
    case "exists":
      return String(condition.exists);
    default:
      return condition.value;
  }
}

/** How many alternatives the pattern's top-level `$or` has (0 without one, or when the text is not JSON). */
export function topLevelOrCount(pattern: string): number {
  try {
    const root = parseJson(pattern);
    if (root.kind !== "object") return 0;
    const alternatives = root.entries.find((e) => e.key === "$or")?.value;
    return alternatives?.kind === "array" ? alternatives.items.length : 0;
  } catch {
    return 0;
  }
}

const asNumberOr = (text: string) => (text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text);

/** The edited text back into a condition (numbers where the field is a number). */
export function conditionFromText(op: BuilderOperator, text: string, node: Pick<EventTreeNode, "kind">): BuilderCondition {
  switch (op) {
    case "exact":
      if (node.kind === "number") return { op, value: asNumberOr(text) };
      if (node.kind === "boolean" && (text === "true" || text === "false")) return { op, value: text === "true" };
      if (node.kind === "null" && text === "null") return { op, value: null };
      return { op, value: text };
    case "numeric":
      // ">= 100 < 200" or ">=, 100, <, 200"
      return { op, range: text.split(/[\s,]+/).filter((t) => t !== "").map(asNumberOr) };
    case "anything-but":
      return { op, values: text.split(",").map((v) => v.trim()).filter((v) => v !== "").map((v) => (node.kind === "number" ? asNumberOr(v) : v)) };
    case "exists":
      return { op, exists: text.trim() !== "false" };
    default:
      return { op, value: text };
  }
}

export function PatternBuilder({ event, pattern, onPatternChange, readOnly = false }: { event: LabEvent | undefined; pattern: string; onPatternChange: (text: string) => void; readOnly?: boolean }) {
  const tree = useMemo(() => (event ? eventTree(event.text) : null), [event]);
  const [picked, setPicked] = useState<EventTreeNode | null>(null);

  if (!event || !tree) return <p className="text-sm text-slate-500 dark:text-slate-400">Select an event to build a pattern from its fields.</p>;
  if (!tree.ok) return <p className="text-sm text-red-700 dark:text-red-400">{tree.error}</p>;
  return (
    <div data-testid="lab-builder" className="space-y-2 text-sm">
      <p className="text-xs text-slate-500 dark:text-slate-400">Click a field to add a condition on it to the pattern.</p>
      {picked && !readOnly && <ConditionForm key={picked.path.join(".") + String(picked.key)} node={picked} pattern={pattern} onPatternChange={onPatternChange} onDone={() => setPicked(null)} />}
      <div className="max-h-80 overflow-auto rounded-md border border-slate-200 p-2 font-mono text-xs dark:border-slate-700">
        <TreeNode node={tree.root} depth={0} picked={picked} onPick={setPicked} />
      </div>
    </div>
  );
}

function TreeNode({ node, depth, picked, onPick }: { node: EventTreeNode; depth: number; picked: EventTreeNode | null; onPick: (node: EventTreeNode) => void }) {
  const label = depth === 0 ? "event" : typeof node.key === "number" ? `[${node.key}]` : node.key;
  if (node.children) {
    return (
      <div>
        {depth > 0 && <div className="text-slate-500 dark:text-slate-400">{label}</div>}
        <div className={depth > 0 ? "ml-3 border-l border-slate-200 pl-2 dark:border-slate-700" : ""}>
          {node.children.map((child, i) => (
            <TreeNode key={i} node={child} depth={depth + 1} picked={picked} onPick={onPick} />
          ))}
        </div>
      </div>
    );
  }
  const isPicked = picked === node;
  return (
    <button
      type="button"
      data-testid="lab-tree-field"
      data-path={node.path.join(".")}
      onClick={() => onPick(node)}
      title={`Add a condition on ${node.path.join(".")}`}
      className={`flex w-full gap-2 rounded px-1 text-left hover:bg-indigo-50 dark:hover:bg-indigo-950 ${isPicked ? "bg-indigo-100 dark:bg-indigo-900" : ""}`}
    >
      <span className="text-sky-700 dark:text-sky-300">{label}</span>
      <span className={`truncate ${node.kind === "string" ? "text-emerald-700 dark:text-emerald-300" : "text-amber-700 dark:text-amber-300"}`}>
        {node.kind === "string" ? JSON.stringify(node.value) : node.value}
      </span>
    </button>
  );
}

function ConditionForm({ node, pattern, onPatternChange, onDone }: { node: EventTreeNode; pattern: string; onPatternChange: (text: string) => void; onDone: () => void }) {
  const initialOp: BuilderOperator = node.kind === "number" ? "numeric" : "exact";
  const [op, setOp] = useState<BuilderOperator>(initialOp);
  const [value, setValue] = useState(() => valueText(suggestCondition(initialOp, node)));
  const [mode, setMode] = useState<"replace" | "append">("replace");
  const alternatives = topLevelOrCount(pattern);
  const [orBranch, setOrBranch] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const field = "rounded-md border border-slate-300 bg-white px-1.5 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-800";

  const add = () => {
    const branch = orBranch !== undefined && orBranch < alternatives ? orBranch : undefined;
    const result = addCondition(pattern, node.path, conditionFromText(op, value, node), { mode, ...(branch === undefined ? {} : { orBranch: branch }) });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onPatternChange(result.text);
    onDone();
  };

  return (
    <div className="space-y-1 rounded-md border border-indigo-200 bg-indigo-50/50 p-2 dark:border-indigo-900 dark:bg-indigo-950/40">
      <p className="font-mono text-xs">{node.path.join(".")}</p>
      <div className="flex flex-wrap items-center gap-1">
        <select
          aria-label="Operator"
          data-testid="lab-builder-operator"
          className={field}
          value={op}
          onChange={(e) => {
            const next = e.target.value as BuilderOperator;
            setOp(next);
            setValue(valueText(suggestCondition(next, node)));
            setError(null);
          }}
        >
          {BUILDER_OPERATORS.map((o) => (
            <option key={o} value={o}>
              {OPERATOR_LABELS[o]}
            </option>
          ))}
        </select>
        <input aria-label="Condition value" data-testid="lab-builder-value" className={`${field} min-w-0 flex-1 font-mono`} value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={(e) => e.key === "Enter" && add()} />
        <select aria-label="Add mode" data-testid="lab-builder-mode" className={field} value={mode} onChange={(e) => setMode(e.target.value as "replace" | "append")}>
          <option value="replace">replace</option>
          <option value="append">or</option>
        </select>
        {alternatives > 0 && (
          <select
            aria-label="Where in the pattern"
            data-testid="lab-builder-or"
            className={field}
            value={orBranch ?? ""}
            onChange={(e) => setOrBranch(e.target.value === "" ? undefined : Number(e.target.value))}
          >
            <option value="">whole pattern</option>
            {Array.from({ length: alternatives }, (_, i) => (
              <option key={i} value={i}>
                $or alternative {i + 1}
              </option>
            ))}
          </select>
        )}
        <button type="button" data-testid="lab-builder-add" onClick={add} className="rounded-md bg-indigo-600 px-2 py-0.5 text-xs font-medium text-white hover:bg-indigo-500">
          Add to pattern
        </button>
      </div>
      {op === "numeric" && <p className="text-[11px] text-slate-500 dark:text-slate-400">e.g. “&gt;= 100 &lt; 200” or “= 5”</p>}
      {error && (
        <p role="alert" data-testid="lab-builder-error" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
