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
