"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { useStore } from "zustand";
import type { DockSide } from "@/components/canvas/docked-panel";
import { DesignEditor } from "@/components/canvas/design-editor";
import { useCreateEditorStore, useEditorDocument } from "@/components/canvas/editor-context";
import type { EditorStore } from "@/components/canvas/store";
import type { CanvasHighlight } from "@/components/canvas/highlight";
import { PushToAwsButton } from "@/components/aws/push-to-aws-button";
import { LocalRunBar } from "@/components/local-run/local-run-bar";
import { CopyShareLink } from "@/components/share/copy-share-link";
import { useStoredPreference } from "@/components/shell/stored-preference";
import type { DesignRecord } from "@/lib/designs/types";
import type { Autosaver } from "@/lib/designs/autosave";
import { useAutosave, useSaveStatus } from "./use-autosave";
import { DESIGN_NAME_MAX_LENGTH } from "@/lib/limits";

const acceptDockSide = (stored: string): DockSide | undefined => (stored === "bottom" || stored === "right" ? stored : undefined);
const HEADER_BUTTON =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";

const DesignerLabPanel = dynamic(() => import("@/components/lab/designer-lab-panel").then((m) => m.DesignerLabPanel), { ssr: false });
const ExportDialog = dynamic(() => import("@/components/export/export-dialog").then((m) => m.ExportDialog), { ssr: false });

/**
 * The designer page's client side: the name header, the save state, and the editor with autosave.
 * The editor store owns the document; the parts that show or send it read it there, so an edit
 * re-renders them and the canvas, not this page.
 */
export function DesignWorkspace({ record }: { record: DesignRecord }) {
  const store = useCreateEditorStore(record.graph);
  const saver = useAutosave(record.id, record.version, store);
  const saved = useCallback(() => saver.saved(), [saver]);
  const [highlight, setHighlight] = useState<CanvasHighlight>();
  const [exporting, setExporting] = useState(false);
  const [labOpen, setLabOpen] = useState(false);
  const [labDock, setLabDock] = useStoredPreference<DockSide>("switchyard.designer.lab-dock", "bottom", acceptDockSide);
  const closeExport = useCallback(() => setExporting(false), []);
  // A test event's path is stale once the graph changes (a rename leaves it be).
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.revision !== previous.revision && state.meta.name === previous.meta.name) setHighlight(undefined);
      }),
    [store],
  );

  const labControls = (
    <>
      <button
        type="button"
        onClick={() => setLabDock(labDock === "bottom" ? "right" : "bottom")}
        title={labDock === "bottom" ? "Dock the lab beside the canvas, in place of the inspector" : "Dock the lab under the canvas"}
        className={HEADER_BUTTON}
      >
        {labDock === "bottom" ? "Dock right" : "Dock bottom"}
      </button>
      <button type="button" onClick={() => setLabOpen(false)} aria-label="Close the lab" title="Close the lab" className={HEADER_BUTTON}>
        ✕
      </button>
    </>
  );

  return (
    <div data-full-bleed className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-4 py-1.5 dark:border-slate-800 dark:bg-slate-900">
        <Link href="/designs" className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100">
          ← Designs
        </Link>
        <DesignNameField store={store} saver={saver} />
        <SaveIndicator saver={saver} />
        <div className="ml-auto flex items-center gap-2">
          <button
            type="button"
            aria-pressed={labOpen}
            data-testid="designer-lab-toggle"
            onClick={() => setLabOpen((open) => !open)}
            title="Test the selected rule's pattern against sample events"
            className={`${HEADER_BUTTON} aria-pressed:bg-indigo-50 aria-pressed:text-indigo-800 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-200`}
          >
            Lab
          </button>
          <button type="button" onClick={() => setExporting(true)} className={HEADER_BUTTON}>
            Export
          </button>
          <EditedShareLink store={store} />
          <PushToAwsButton designId={record.id} saved={saved} />
        </div>
      </div>
      <ConflictBanner saver={saver} />
      <div className="min-h-0 flex-1">
        <DesignEditor
          store={store}
          highlight={highlight}
          dockedPanel={
            labOpen
              ? { side: labDock, label: "the lab", content: <DesignerLabPanel controls={labControls} layout={labDock === "bottom" ? "columns" : "stack"} /> }
              : undefined
          }
          toolbarExtras={<EditedLocalRunBar store={store} designId={record.id} saved={saved} onHighlight={setHighlight} />}
        />
      </div>
      {exporting && <EditedExportDialog store={store} onClose={closeExport} />}
    </div>
  );
}

/** The header's name: a draft while typed, the store's document name once committed (Enter or leaving the field). */
function DesignNameField({ store, saver }: { store: EditorStore; saver: Autosaver }) {
  const savedName = useStore(store, (s) => s.meta.name);
  const [name, setName] = useState(savedName);
  const conflict = useSaveStatus(saver).state === "conflict";

  const commitName = () => {
    const trimmed = name.trim();
    if (trimmed === "" || trimmed === savedName) {
      setName(savedName);
      return;
    }
    setName(trimmed);
    store.getState().rename(trimmed);
  };

  return (
    <input
      aria-label="Design name"
      value={name}
      maxLength={DESIGN_NAME_MAX_LENGTH}
      disabled={conflict}
      onChange={(e) => setName(e.target.value)}
      onBlur={commitName}
      onKeyDown={(e) => {
        if (e.key === "Enter") e.currentTarget.blur();
        if (e.key === "Escape") {
          setName(savedName);
          requestAnimationFrame(() => (e.target as HTMLInputElement).blur());
        }
      }}
      className="min-w-40 max-w-full flex-1 rounded-md border border-transparent bg-transparent px-2 py-0.5 text-lg font-semibold text-slate-900 hover:border-slate-300 focus:border-indigo-500 focus:outline-none dark:text-slate-100 dark:hover:border-slate-600"
    />
  );
}

function ConflictBanner({ saver }: { saver: Autosaver }) {
  if (useSaveStatus(saver).state !== "conflict") return null;
  return (
    <div role="alert" className="flex items-center gap-3 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      <span>
        This design was changed in another tab — reload to see it. Changes made here since are not saved (autosave has stopped so nothing is overwritten).
      </span>
      <button type="button" onClick={() => window.location.reload()} className="rounded-md border border-red-300 bg-white px-2 py-0.5 font-medium hover:bg-red-100 dark:border-red-800 dark:bg-red-900">
        Reload
      </button>
    </div>
  );
}

function EditedLocalRunBar({ store, ...props }: { store: EditorStore } & Omit<React.ComponentProps<typeof LocalRunBar>, "currentDesign">) {
  return <LocalRunBar currentDesign={useEditorDocument(store)} {...props} />;
}

function EditedShareLink({ store }: { store: EditorStore }) {
  return <CopyShareLink design={useEditorDocument(store)} />;
}

function EditedExportDialog({ store, onClose }: { store: EditorStore; onClose: () => void }) {
  return <ExportDialog design={useEditorDocument(store)} onClose={onClose} />;
}

function SaveIndicator({ saver }: { saver: Autosaver }) {
  const status = useSaveStatus(saver);
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
    <div className="flex items-center gap-2 text-sm">
      <span role="status" data-testid="save-status" data-state={status.state} className={tone} title={status.state === "error" ? status.message : undefined}>
        {text}
        {status.state === "error" && `: ${status.message}`}
      </span>
      {status.state === "error" && (
        <button type="button" onClick={() => void saver.flush()} className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
          Retry
        </button>
      )}
    </div>
  );
}
