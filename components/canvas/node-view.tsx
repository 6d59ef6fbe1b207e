"use client";

import { Handle, Position, type NodeProps, type NodeTypes } from "@xyflow/react";
import { memo } from "react";
import { NODE_KINDS, NODE_REGISTRY } from "@/lib/graph";
import { useEditor } from "./editor-context";
import { useIsHighlighted } from "./highlight";
import { NODE_SIZE, type DesignFlowNode } from "./flow-mapping";
import { CATEGORY_STYLES, nodeTitle } from "./kind-views";

const HANDLE = "!h-3 !w-3 !border-2 !border-white !bg-slate-500 dark:!border-slate-900 dark:!bg-slate-400";

/** One view for every kind: handles where the registry allows edges, the title, a problem badge. */
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
      aria-label={`${spec.label} ${title}`}
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
      {spec.ends.length > 0 && <Handle type="target" position={Position.Left} className={HANDLE} aria-label={`Connect into ${title}`} />}
      <span className={`w-1.5 shrink-0 rounded-l-[7px] ${style.accent}`} aria-hidden />
      <div className="min-w-0 flex-1 px-3 py-2">
        <div className="flex h-4 items-center justify-between gap-2">
          <p className={`truncate text-[10px] font-semibold uppercase tracking-wide ${style.tag}`}>{spec.label}</p>
          {(errors > 0 || warnings > 0) && (
            <span
              data-testid="node-problem-badge"
              title={problems?.map((p) => p.message).join("\n")}
              className={`shrink-0 rounded-full px-1.5 text-[10px] font-semibold leading-4 text-white ${errors > 0 ? "bg-red-600" : "bg-amber-500"}`}
            >
              {errors > 0 ? `${errors} error${errors > 1 ? "s" : ""}` : `${warnings} warning${warnings > 1 ? "s" : ""}`}
            </span>
          )}
        </div>
        <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100" title={title}>
          {title}
        </p>
      </div>
      {spec.starts.length > 0 && <Handle type="source" position={Position.Right} className={HANDLE} aria-label={`Connect from ${title}`} />}
    </div>
  );
}

const MemoDesignNodeView = memo(DesignNodeView);

/** React Flow's `nodeTypes`, derived from the registry: every kind renders with the one view. */
export const NODE_TYPES: NodeTypes = Object.fromEntries(NODE_KINDS.map((kind) => [kind, MemoDesignNodeView]));
