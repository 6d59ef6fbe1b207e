"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { DesignEditor } from "@/components/canvas/design-editor";
import type { CanvasHighlight } from "@/components/canvas/highlight";
import { PushToAwsButton } from "@/components/aws/push-to-aws-button";
import { LocalRunBar } from "@/components/local-run/local-run-bar";
import { CopyShareLink } from "@/components/share/copy-share-link";
import type { DesignRecord } from "@/lib/designs/types";
import { DESIGN_NAME_MAX_LENGTH } from "@/lib/limits";
import type { Design } from "@/lib/graph";
import type { SaveStatus } from "@/lib/designs/autosave";
import { useAutosave } from "./use-autosave";

const DesignerLabPanel = dynamic(() => import("@/components/lab/designer-lab-panel").then((m) => m.DesignerLabPanel), { ssr: false });
const ExportDialog = dynamic(() => import("@/components/export/export-dialog").then((m) => m.ExportDialog), { ssr: false });

/** The designer page's client side: the name header, the save state, and the editor with autosave. */
export function DesignWorkspace({ record }: { record: DesignRecord }) {
  const { status, saver } = useAutosave(record.id, { graph: record.graph, version: record.version });
  const [name, setName] = useState(record.name);
  const [savedName, setSavedName] = useState(record.name);
  // The document as edited now, under the header's name: what sharing, export and test events use.
  const [graph, setGraph] = useState<Design>(record.graph);
  const current = useMemo<Design>(() => ({ ...graph, name: savedName }), [graph, savedName]);
  const [highlight, setHighlight] = useState<CanvasHighlight>();
  const [exporting, setExporting] = useState(false);
  const [labOpen, setLabOpen] = useState(false);
  const closeExport = useCallback(() => setExporting(false), []);

  const commitName = () => {
    const trimmed = name.trim();
    if (trimmed === "" || trimmed === savedName) {
      setName(savedName);
      return;
    }
    setName(trimmed);
    setSavedName(trimmed);
    saver.rename(trimmed);
  };

  return (
    <div data-full-bleed className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
        <Link href="/designs" className="text-sm text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100">
          ← Designs
        </Link>
        <input
          aria-label="Design name"
          value={name}
          maxLength={DESIGN_NAME_MAX_LENGTH}
          disabled={status.state === "conflict"}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => {
            if (e.key === "Enter") e.currentTarget.blur();
            if (e.key === "Escape") {
              setName(savedName);
              requestAnimationFrame(() => (e.target as HTMLInputElement).blur());
            }
          }}
          className="min-w-0 max-w-md flex-1 rounded-md border border-transparent bg-transparent px-2 py-1 text-lg font-semibold text-slate-900 hover:border-slate-300 focus:border-indigo-500 focus:outline-none dark:text-slate-100 dark:hover:border-slate-600"
        />
        <SaveIndicator status={status} onRetry={() => void saver.flush()} />
      </div>
      {status.state === "conflict" && (
        <div role="alert" className="flex items-center gap-3 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          <span>
            This design was changed in another tab — reload to see it. Changes made here since are not saved (autosave has stopped so nothing is overwritten).
          </span>
          <button type="button" onClick={() => window.location.reload()} className="rounded-md border border-red-300 bg-white px-2 py-0.5 font-medium hover:bg-red-100 dark:border-red-800 dark:bg-red-900">
            Reload
          </button>
        </div>
      )}
      <LocalRunBar designId={record.id} currentDesign={current} saved={() => saver.saved()} onHighlight={setHighlight} />
      <div className="min-h-0 flex-1">
        <DesignEditor
          design={record.graph}
          onChange={(next) => {
            setGraph(next);
            setHighlight(undefined);
            saver.change(next);
          }}
          highlight={highlight}
          bottomPanel={labOpen ? <DesignerLabPanel /> : undefined}
          toolbarExtras={
            <>
              <button
                type="button"
                aria-pressed={labOpen}
                data-testid="designer-lab-toggle"
                onClick={() => setLabOpen((open) => !open)}
                title="Test the selected rule's pattern against sample events"
                className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-200"
              >
                Lab
              </button>
              <button
                type="button"
                onClick={() => setExporting(true)}
                className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
              >
                Export
              </button>
              <CopyShareLink design={current} />
              <PushToAwsButton designId={record.id} saved={() => saver.saved()} />
            </>
          }
        />
      </div>
      {exporting && <ExportDialog design={current} onClose={closeExport} />}
    </div>
  );
}

function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const text = {
    saved: "Saved",
    unsaved: "Unsaved changes",
    saving: "Saving…",
    error: "Not saved",
    conflict: "Not saved: changed in another tab",
  }[status.state];
  const tone = {
    saved: "text-emerald-700 dark:text-emerald-400",
    unsaved: "text-amber-700 dark:text-amber-400",
    saving: "text-slate-500 dark:text-slate-400",
    error: "text-red-700 dark:text-red-400",
    conflict: "text-red-700 dark:text-red-400",
  }[status.state];
  return (
    <div className="ml-auto flex items-center gap-2 text-sm">
      <span role="status" data-testid="save-status" data-state={status.state} className={tone} title={status.state === "error" ? status.message : undefined}>
        {text}
        {status.state === "error" && `: ${status.message}`}
      </span>
      {status.state === "error" && (
        <button type="button" onClick={onRetry} className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
          Retry
        </button>
      )}
    </div>
  );
}
