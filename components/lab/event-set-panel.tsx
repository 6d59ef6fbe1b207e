"use client";

/**
 * Where the lab's events come from: pasted or uploaded text, the bundled catalogue, the local
 * bus's archive, or a sample generated from a schema registry's schema.
 *
 * Test ids: lab-event-sources (tablist: Paste or upload, Catalogue, Archive, Schema registry),
 * lab-clear-events, plus those of each source.
 */
import { useState } from "react";
import type { LabEvent } from "@/lib/lab";
import { ArchivePicker } from "./archive-picker";
import { CataloguePicker } from "./catalogue-picker";
import { PasteEvents } from "./paste-events";
import { SchemaSamples } from "./schema-samples";
import { Tabs } from "./tabs";

type Source = "paste" | "catalogue" | "archive" | "schema";

const SOURCES = [
  { id: "paste", title: "Paste or upload" },
  { id: "catalogue", title: "Catalogue" },
  { id: "archive", title: "Archive" },
  { id: "schema", title: "Schema registry" },
] as const;

export function EventSetPanel({ count, onAdd, onClear }: { count: number; onAdd: (events: LabEvent[]) => void; onClear: () => void }) {
  const [source, setSource] = useState<Source>("catalogue");
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between text-sm">
        <span className="text-slate-600 dark:text-slate-300">{count} events in the set</span>
        <button
          type="button"
          data-testid="lab-clear-events"
          disabled={count === 0}
          onClick={onClear}
          className="rounded-md px-2 py-0.5 text-xs text-slate-500 hover:bg-red-50 hover:text-red-700 disabled:opacity-40 dark:hover:bg-red-950 dark:text-slate-400 dark:hover:text-red-300"
        >
          Clear set
        </button>
      </div>
      <Tabs label="Event sources" testId="lab-event-sources" tabs={SOURCES} value={source} onChange={setSource} />
      <div className="pt-1">
        {source === "paste" && <PasteEvents onAdd={onAdd} />}
        {source === "catalogue" && <CataloguePicker onAdd={onAdd} />}
        {source === "archive" && <ArchivePicker onAdd={onAdd} />}
        {source === "schema" && <SchemaSamples onAdd={onAdd} />}
      </div>
    </div>
  );
}
