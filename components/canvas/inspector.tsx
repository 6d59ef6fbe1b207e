"use client";

import dynamic from "next/dynamic";
import { useCallback, useId, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { NODE_REGISTRY, type DesignNode, type Problem } from "@/lib/graph";
import { useEditor } from "./editor-context";
import { getPath, setPath, type FieldSpec } from "./field-spec";
import { CATEGORY_STYLES, kindView, nodeTitle } from "./kind-views";

/** CodeMirror is a third of the designer's script: it loads when a field first shows it, not with the page. */
const CodeEditor = dynamic(() => import("./code-editor").then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => <div aria-hidden className="h-[78px] rounded-md border border-slate-300 bg-slate-50 dark:border-slate-600 dark:bg-slate-800" />,
});

const INPUT_CLASS =
  "nodrag w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 disabled:bg-slate-50 disabled:text-slate-500 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:disabled:bg-slate-800/60";

const NO_PROBLEMS: readonly Problem[] = [];

/** The form for the one selected node; several selected or none get a short note instead. */
export function Inspector() {
  const selected = useEditor(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const readOnly = useEditor((s) => s.readOnly);
  const only = selected.length === 1 ? selected[0]!.data.node : null;
  const problems = useEditor((s) => (only ? s.problemsByNode.get(only.id) : undefined)) ?? NO_PROBLEMS;

  if (!only) {
    return (
      <p className="p-4 text-sm text-slate-500 dark:text-slate-400">
        {selected.length > 1 ? `${selected.length} nodes selected. Select one to edit it.` : "Select a node to see its settings."}
      </p>
    );
  }
  return <NodeForm key={only.id} node={only} problems={problems} readOnly={readOnly} />;
}

function DeleteButton() {
  const deleteSelection = useEditor((s) => s.deleteSelection);
  return (
    <button type="button" onClick={deleteSelection} title="Delete this node and its connections (Delete)" className="rounded-md px-1.5 py-0.5 text-xs text-slate-500 hover:bg-red-50 hover:text-red-700 dark:text-slate-400 dark:hover:bg-red-950 dark:hover:text-red-300">
      Delete node
    </button>
  );
}

function NodeForm({ node, problems, readOnly }: { node: DesignNode; problems: readonly Problem[]; readOnly: boolean }) {
  const spec = NODE_REGISTRY[node.kind];
  const fields = kindView(node.kind).fields.filter((field) => !field.when || field.when(node));
  return (
    <form aria-label="Inspector" className="space-y-3 p-4" onSubmit={(e) => e.preventDefault()}>
      <div>
        <div className="flex items-center justify-between gap-2">
          <p className={`text-[11px] font-semibold uppercase tracking-wide ${CATEGORY_STYLES[spec.category].tag}`}>{spec.label}</p>
          {!readOnly && <DeleteButton />}
        </div>
        <h2 className="text-base font-semibold [overflow-wrap:anywhere] text-slate-900 dark:text-slate-100">{nodeTitle(node)}</h2>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {spec.description} <span className="font-mono">id {node.id}</span>
        </p>
      </div>
      {fields.map((field) => (
        <Field key={field.path} node={node} field={field} readOnly={readOnly} problems={problems.filter((p) => ownsProblem(field, p))} />
      ))}
    </form>
  );
}

/** A field shows problems at its path; list-like fields also those at their items (`filterCriteria.2`). */
function ownsProblem(field: FieldSpec, problem: Problem): boolean {
  if (problem.field === field.path) return true;
  const itemised = field.type === "code-list" || field.type === "lines" || field.type === "map";
  return itemised && problem.field?.startsWith(`${field.path}.`) === true;
}

function Field({ node, field, readOnly, problems }: { node: DesignNode; field: FieldSpec; readOnly: boolean; problems: readonly Problem[] }) {
  const id = useId();
  const updateNode = useEditor((s) => s.updateNode);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const value = getPath(node, field.path);
  /** Typing into one field merges into one undo step; switches are steps of their own. */
  const change = useCallback((next: unknown, coalesce = true) => updateNode(setPath(node, field.path, next), coalesce ? `${node.id}:${field.path}` : undefined), [node, field.path, updateNode]);

  let control: React.ReactNode;
  switch (field.type) {
    case "text":
      control = (
        <input
          id={id}
          className={INPUT_CLASS}
          disabled={readOnly}
          value={typeof value === "string" ? value : ""}
          placeholder={field.placeholder}
          onChange={(e) => change(field.optional && e.target.value === "" ? undefined : e.target.value)}
        />
      );
      break;
    case "textarea":
      control = <textarea id={id} rows={2} className={INPUT_CLASS} disabled={readOnly} value={typeof value === "string" ? value : ""} onChange={(e) => change(e.target.value)} />;
      break;
    case "number":
      control = (
        <input
          id={id}
          type="number"
          min={0}
          className={INPUT_CLASS}
          disabled={readOnly}
          value={typeof value === "number" ? value : ""}
          onChange={(e) => {
            const parsed = Number.parseInt(e.target.value, 10);
            if (e.target.value === "" && field.optional) change(undefined);
            else if (Number.isFinite(parsed) && parsed >= 0) change(parsed);
          }}
        />
      );
      break;
    case "checkbox":
      return (
        <div>
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
            <input type="checkbox" className="nodrag h-4 w-4 accent-indigo-600" disabled={readOnly} checked={value === true} onChange={(e) => change(e.target.checked, false)} />
            {field.label}
          </label>
          <FieldProblems problems={problems} />
        </div>
      );
    case "select":
      control = (
        <select id={id} className={INPUT_CLASS} disabled={readOnly} value={String(value)} onChange={(e) => change(e.target.value, false)}>
          {field.options.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      );
      break;
    case "lines":
      control = (
        <textarea
          id={id}
          rows={3}
          className={`${INPUT_CLASS} font-mono`}
          disabled={readOnly}
          value={Array.isArray(value) ? value.join("\n") : ""}
          onChange={(e) => change(e.target.value === "" ? [] : e.target.value.split("\n"))}
        />
      );
      break;
    case "map":
      control = <MapInput id={id} value={(value ?? {}) as Record<string, string>} readOnly={readOnly} onChange={change} />;
      break;
    case "code":
      control = (
        <CodeEditor value={typeof value === "string" ? value : ""} onChange={change} problems={problems} readOnly={readOnly} label={field.label} onUndo={undo} onRedo={redo} />
      );
      break;
    case "code-list": {
      const texts = Array.isArray(value) ? (value as string[]) : [];
      control = (
        <div className="space-y-2">
          {texts.map((text, i) => (
            <div key={i} className="space-y-1">
              <CodeEditor
                value={text}
                onChange={(next) => change(texts.map((t, j) => (j === i ? next : t)))}
                problems={problems.filter((p) => p.field === `${field.path}.${i}`)}
                readOnly={readOnly}
                label={`${field.label} ${i + 1}`}
                onUndo={undo}
                onRedo={redo}
              />
              {!readOnly && (
                <button type="button" className="text-xs text-slate-500 hover:text-red-600" onClick={() => change(texts.filter((_, j) => j !== i), false)}>
                  Remove filter {i + 1}
                </button>
              )}
            </div>
          ))}
          {!readOnly && (
            <button type="button" className="rounded-md border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600" onClick={() => change([...texts, '{\n  "data": {}\n}'], false)}>
              Add filter
            </button>
          )}
        </div>
      );
      break;
    }
    case "variant": {
      const tag = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[field.discriminant] : undefined;
      control = (
        <select
          id={id}
          className={INPUT_CLASS}
          disabled={readOnly}
          value={String(tag)}
          onChange={(e) => change(field.options.find((o) => o.value === e.target.value)?.create() ?? value, false)}
        >
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case "optional":
      return (
        <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
          <input type="checkbox" className="nodrag h-4 w-4 accent-indigo-600" disabled={readOnly} checked={value !== undefined} onChange={(e) => change(e.target.checked ? field.create() : undefined, false)} />
          {field.label}
        </label>
      );
  }

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600 dark:text-slate-300">
        {field.label}
      </label>
      {control}
      {field.hint && <p className="text-[11px] text-slate-500 dark:text-slate-400">{field.hint}</p>}
      <FieldProblems problems={problems} />
    </div>
  );
}

function formatMap(map: Record<string, string>): string {
  return Object.entries(map)
    .map(([key, path]) => `${key}: ${path}`)
    .join("\n");
}

/** Keeps the text as typed (blank lines, a half-typed key) while the model holds the parsed map. */
function MapInput({ id, value, readOnly, onChange }: { id: string; value: Record<string, string>; readOnly: boolean; onChange: (map: Record<string, string>) => void }) {
  const formatted = formatMap(value);
  const [draft, setDraft] = useState(formatted);
  const [shown, setShown] = useState(formatted);
  if (formatted !== shown) {
    // Changed from outside (undo): show the model unless the draft already says the same.
    setShown(formatted);
    if (formatMap(parseMap(draft)) !== formatted) setDraft(formatted);
  }
  return (
    <textarea
      id={id}
      rows={3}
      className={`${INPUT_CLASS} font-mono`}
      disabled={readOnly}
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        onChange(parseMap(e.target.value));
      }}
    />
  );
}

/** `name: $.path` lines to a map; lines without a colon are kept as keys with an empty path. */
function parseMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const colon = line.indexOf(":");
    const key = (colon < 0 ? line : line.slice(0, colon)).trim();
    map[key] = colon < 0 ? "" : line.slice(colon + 1).trim();
  }
  return map;
}

function FieldProblems({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="space-y-0.5" data-testid="field-problems">
      {problems.map((problem, i) => (
        <li key={i} className={`text-xs ${problem.severity === "error" ? "text-red-700 dark:text-red-400" : "text-amber-700 dark:text-amber-400"}`}>
          {problem.message}
        </li>
      ))}
    </ul>
  );
}
