"use client";

import { useEffect, useRef } from "react";

export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: "Ctrl/⌘ + Z", action: "Undo" },
  { keys: "Ctrl/⌘ + Shift + Z, Ctrl + Y", action: "Redo" },
  { keys: "Ctrl/⌘ + C", action: "Copy the selected nodes" },
  { keys: "Ctrl/⌘ + V", action: "Paste (fresh ids, offset, edges between copied nodes kept)" },
  { keys: "Delete, Backspace", action: "Delete the selection" },
  { keys: "Shift + drag", action: "Select with a rectangle" },
  { keys: "Ctrl/⌘ + click", action: "Add a node to the selection" },
  { keys: "Shift + 1", action: "Zoom to fit" },
  { keys: "?", action: "Show or hide this help" },
  { keys: "Esc", action: "Close this help" },
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-950/40 p-4" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        className="w-full max-w-lg rounded-xl border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === "Escape" && onClose()}
      >
        <div className="mb-3 flex items-center justify-between">
          <h2 id="shortcut-help-title" className="text-base font-semibold text-slate-900 dark:text-slate-100">
            Keyboard shortcuts
          </h2>
          <button ref={closeButton} type="button" onClick={onClose} className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
            Close
          </button>
        </div>
        <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {SHORTCUTS.map((s) => (
            <div key={s.keys} className="flex justify-between gap-4 py-1.5">
              <dt className="text-slate-700 dark:text-slate-300">{s.action}</dt>
              <dd>
                <kbd className="whitespace-nowrap rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200">{s.keys}</kbd>
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
