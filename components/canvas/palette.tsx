"use client";

import { NODE_REGISTRY, paletteGroups, type NodeKind } from "@/lib/graph";
import { CATEGORY_LABELS, CATEGORY_STYLES } from "./kind-views";

/** The drag payload's type: only our own palette items are accepted as drops. */
export const PALETTE_MIME = "application/x-switchyard-node-kind";

/** Node kinds by category; drag one onto the canvas, or press it (keyboard) to add it in view. */
export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  return (
    <nav aria-label="Palette" className="space-y-4 p-3">
      {paletteGroups().map(({ category, kinds }) => (
        <section key={category} aria-label={CATEGORY_LABELS[category]}>
          <h3 className="mb-1.5 px-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{CATEGORY_LABELS[category]}</h3>
          <ul className="space-y-1">
            {kinds.map((kind) => {
              const spec = NODE_REGISTRY[kind];
              return (
                <li key={kind}>
                  <button
                    type="button"
                    draggable
                    data-testid={`palette-${kind}`}
                    aria-label={`Add ${spec.label}`}
                    title={`${spec.description} Drag onto the canvas, or press to add.`}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(PALETTE_MIME, kind);
                      event.dataTransfer.effectAllowed = "move";
                    }}
                    onClick={() => onAdd(kind)}
                    className="flex w-full cursor-grab items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1.5 text-left text-sm text-slate-800 shadow-xs hover:border-indigo-300 hover:bg-indigo-50 active:cursor-grabbing dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100 dark:hover:border-indigo-500 dark:hover:bg-slate-700"
                  >
                    <span className={`h-3 w-1.5 shrink-0 rounded-sm ${CATEGORY_STYLES[category].accent}`} aria-hidden />
                    <span className="truncate">{spec.label}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
