"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import type { DesignSummary } from "@/lib/designs/types";
import type { Design } from "@/lib/graph";
import { DESIGN_NAME_MAX_LENGTH } from "@/lib/limits";
import * as api from "./api";
import { ConfirmDialog } from "./confirm-dialog";
import { ImportDesignFile } from "./import-design-file";
import { NewFromTemplate } from "./new-from-template";

// The export (CodeMirror, the emitters) loads only when someone opens it.
const ExportDialog = dynamic(() => import("@/components/export/export-dialog").then((m) => m.ExportDialog), { ssr: false });
const MigrateDialog = dynamic(() => import("@/components/newbus/migrate-dialog").then((m) => m.MigrateDialog), { ssr: false });

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function DesignList({ designs }: { designs: DesignSummary[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pendingDelete, setPendingDelete] = useState<DesignSummary | null>(null);
  const [busy, startTransition] = useTransition();
  const [exporting, setExporting] = useState<Design | null>(null);
  const [migrating, setMigrating] = useState<Design | null>(null);

  /** Runs a change, then re-reads the list from the server so the page shows what was saved. */
  const mutate = useCallback(
    async (change: () => Promise<unknown>): Promise<boolean> => {
      setError(null);
      try {
        await change();
        startTransition(() => router.refresh());
        return true;
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        return false;
      }
    },
    [router],
  );

  /** "New design" opens the new, empty design on the canvas, as a template does. */
  const createAndOpen = async (name: string): Promise<boolean> => {
    setError(null);
    try {
      const { design } = await api.createDesign(name);
      router.push(`/designs/${encodeURIComponent(design.id)}`);
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    }
  };

  const cancelDelete = useCallback(() => setPendingDelete(null), []);
  const closeExport = useCallback(() => setExporting(null), []);
  const closeMigrate = useCallback(() => setMigrating(null), []);
  /** Loads a design's graph for a dialog. */
  const openWith = async (id: string, open: (design: Design) => void) => {
    setError(null);
    try {
      open((await api.getDesign(id)).design.graph);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Designs</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">Event flows from producers through buses and rules to targets.</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ImportDesignFile />
          <NewFromTemplate />
          <NewDesignForm onCreate={createAndOpen} />
        </div>
      </div>

      {error && (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}

      {designs.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center dark:border-slate-600 dark:bg-slate-900">
          <h2 className="text-lg font-medium">No designs yet</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Create your first design with the form above.</p>
        </div>
      ) : (
        <ul aria-label="Designs" className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-900">
          {designs.map((design) => (
            <DesignRow
              key={design.id}
              design={design}
              onRename={(name) => mutate(() => api.renameDesign(design.id, name, design.version))}
              onDelete={() => setPendingDelete(design)}
              onExport={() => void openWith(design.id, setExporting)}
              onMigrate={() => void openWith(design.id, setMigrating)}
            />
          ))}
        </ul>
      )}

      {exporting && <ExportDialog design={exporting} onClose={closeExport} />}
      {migrating && <MigrateDialog design={migrating} onClose={closeMigrate} />}

      {pendingDelete && (
        <ConfirmDialog
          title={`Delete “${pendingDelete.name}”?`}
          confirmLabel="Delete design"
          busy={busy}
          onCancel={cancelDelete}
          onConfirm={async () => {
            if (await mutate(() => api.deleteDesign(pendingDelete.id))) setPendingDelete(null);
          }}
        >
          The design and its graph are removed for everyone. This cannot be undone.
        </ConfirmDialog>
      )}
    </section>
  );
}

function NewDesignForm({ onCreate }: { onCreate: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState("");
  const [saving, setSaving] = useState(false);
  return (
    <form
      className="flex gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setSaving(true);
        if (await onCreate(name.trim() || "Untitled design")) setName("");
        setSaving(false);
      }}
    >
      <label className="sr-only" htmlFor="new-design-name">
        Name of the new design
      </label>
      <input
        id="new-design-name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        placeholder="Name of the new design"
        maxLength={DESIGN_NAME_MAX_LENGTH}
        className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
      />
      <button type="submit" disabled={saving} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 dark:bg-slate-700">
        {saving ? "Creating…" : "New design"}
      </button>
    </form>
  );
}

function DesignRow({
  design,
  onRename,
  onDelete,
  onExport,
  onMigrate,
}: {
  design: DesignSummary;
  onRename: (name: string) => Promise<boolean>;
  onDelete: () => void;
  onExport: () => void;
  onMigrate: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(design.name);

  const save = async () => {
    const name = draft.trim();
    if (name === "" || name === design.name) {
      setEditing(false);
      setDraft(design.name);
      return;
    }
    if (await onRename(name)) setEditing(false);
  };

  return (
    <li className="flex items-center gap-4 px-4 py-3" data-testid="design-row">
      <div className="min-w-0 flex-1">
        {editing ? (
          <input
            aria-label={`New name for ${design.name}`}
            autoFocus
            value={draft}
            maxLength={DESIGN_NAME_MAX_LENGTH}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") void save();
              if (event.key === "Escape") {
                setDraft(design.name);
                setEditing(false);
              }
            }}
            className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
          />
        ) : (
          <p className="truncate font-medium">
            <Link href={`/designs/${encodeURIComponent(design.id)}`} className="hover:underline">
              {design.name}
            </Link>
          </p>
        )}
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Updated {dateFormat.format(new Date(design.updatedAt))} · version {design.version}
          {design.description ? ` · ${design.description}` : ""}
        </p>
      </div>
      {editing ? (
        <>
          <button onClick={() => void save()} className="rounded-md bg-slate-900 px-3 py-1 text-sm text-white dark:bg-slate-700">
            Save
          </button>
          <button
            onClick={() => {
              setDraft(design.name);
              setEditing(false);
            }}
            className="rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-600"
          >
            Cancel
          </button>
        </>
      ) : (
        <>
          <button
            onClick={() => {
              setDraft(design.name);
              setEditing(true);
            }}
            aria-label={`Rename ${design.name}`}
            className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Rename
          </button>
          <button onClick={onExport} aria-label={`Export ${design.name}`} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
            Export
          </button>
          <button
            onClick={onMigrate}
            aria-label={`Migrate ${design.name} to the Custom Event Bus`}
            title="Plan the move of this design's Classic buses to the Custom Event Bus"
            className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Migrate
          </button>
          <a
            href={`/api/designs/${encodeURIComponent(design.id)}/file`}
            download
            title={`Download “${design.name}” as a design file`}
            className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Download JSON
          </a>
          <button
            onClick={onDelete}
            aria-label={`Delete ${design.name}`}
            className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
          >
            Delete
          </button>
        </>
      )}
    </li>
  );
}
