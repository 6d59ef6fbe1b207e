"use client";

import type { ReactNode } from "react";

/**
 * The designer lab's header, pinned to the top of the docked panel: what is being tested, its
 * actions, and the panel's own controls (dock side, close), given by the page.
 */
export function LabPanelHeader({ children, actions, controls }: { children: ReactNode; actions?: ReactNode; controls?: ReactNode }) {
  return (
    <div className="sticky top-0 z-10 flex items-start gap-2 border-b border-slate-200 bg-white px-3 py-1.5 text-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-1.5">
        {children}
        {actions && <div className="ml-auto flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {controls && <div className="flex shrink-0 items-center gap-1">{controls}</div>}
    </div>
  );
}

/** What the lab tests: the design's samples (`label`), the events added here, and the button that saves those. */
export function SampleCount({ label, unsaved, readOnly, onSave, saveTestId }: { label: string; unsaved: number; readOnly: boolean; onSave: () => void; saveTestId: string }) {
  return (
    <>
      <span className="text-slate-600 dark:text-slate-400">
        {label}
        {unsaved > 0 && `, ${unsaved} added here (not saved until you mark an expectation or save them)`}
      </span>
      {unsaved > 0 && !readOnly && (
        <button
          type="button"
          data-testid={saveTestId}
          onClick={onSave}
          className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Save them as design samples
        </button>
      )}
    </>
  );
}

export const designSamples = (count: number) => `${count} design sample${count === 1 ? "" : "s"}`;
