"use client";

import { Handle, Position, type NodeProps, type NodeTypes } from "@xyflow/react";
import { memo } from "react";
import { NODE_KINDS, NODE_REGISTRY } from "@/lib/graph";
import { useEditor } from "./editor-context";
import { useIsHighlighted } from "./highlight";
import { NODE_SIZE, type DesignFlowNode } from "./flow-mapping";
import { CATEGORY_STYLES, nodeTitle } from "./kind-views";
import { CANVAS_TEXT_PX } from "./viewport";

const HANDLE = "!h-3 !w-3 !border-2 !border-white !bg-slate-500 dark:!border-slate-900 dark:!bg-slate-400";

/** The canvas's smallest text (viewport.ts: legible at the opening zoom). */
const SMALL_TEXT = { fontSize: CANVAS_TEXT_PX, lineHeight: "16px" } as const;

/**
 * One view for every kind: handles where the registry allows edges, the kind, the full title (on
 * up to two lines: names are read on the canvas, not in a tooltip) and a problem badge. React Flow's
 * wrapper is the focusable element; its accessible name is set in flow-mapping.ts.
 */
function DesignNodeView({ id, data, selected }: NodeProps<DesignFlowNode>) {
  const { node } = data;
  const spec = NODE_REGISTRY[node.kind];
  const style = CATEGORY_STYLES[spec.category];
  const problems = useEditor((s) => s.problemsByNode.get(id));
  const errors = problems?.filter((p) => p.severity === "error").length ?? 0;
  const warnings = (problems?.length ?? 0) - errors;
  const title = nodeTitle(node);
  const lit = useIsHighlighted(id);

  return (
    <div
      data-testid="canvas-node"
      data-node-id={id}
      data-kind={node.kind}
      data-highlighted={lit || undefined}
      // A fixed size, which React Flow is told up front (flow-mapping.ts).
      style={NODE_SIZE}
      className={`relative flex rounded-lg border bg-white shadow-sm transition-shadow dark:bg-slate-900 ${
        selected
          ? "border-indigo-500 ring-2 ring-indigo-500/40"
          : lit
            ? "border-emerald-500 ring-4 ring-emerald-500/40"
            : "border-slate-200 dark:border-slate-700"
      }`}
    >
      {spec.ends.length > 0 && <Handle type="target" position={Position.Left} className={HANDLE} />}
      <span className={`w-1.5 shrink-0 rounded-l-[7px] ${style.accent}`} aria-hidden />
      <div className="flex min-w-0 flex-1 flex-col justify-center px-3 py-1.5">
        <div className="flex items-center justify-between gap-2">
          <p style={SMALL_TEXT} className={`truncate font-semibold ${style.tag}`}>
            {spec.label}
          </p>
          {(errors > 0 || warnings > 0) && (
            <span
              data-testid="node-problem-badge"
              title={problems?.map((p) => p.message).join("\n")}
              style={SMALL_TEXT}
              className={`shrink-0 rounded-full px-1.5 font-semibold text-white ${errors > 0 ? "bg-red-600" : "bg-amber-700"}`}
            >
              {errors > 0 ? `${errors} error${errors > 1 ? "s" : ""}` : `${warnings} warning${warnings > 1 ? "s" : ""}`}
            </span>
          )}
        </div>
        <p data-testid="canvas-node-title" className="line-clamp-2 text-sm leading-[18px] font-medium [overflow-wrap:anywhere] text-slate-900 dark:text-slate-100">
          {title}
        </p>
      </div>
      {spec.starts.length > 0 && <Handle type="source" position={Position.Right} className={HANDLE} />}
    </div>
  );
}

const MemoDesignNodeView = memo(DesignNodeView);

/** React Flow's `nodeTypes`, derived from the registry: every kind renders with the one view. */
export const NODE_TYPES: NodeTypes = Object.fromEntries(NODE_KINDS.map((kind) => [kind, MemoDesignNodeView]));
