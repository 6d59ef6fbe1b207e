"use client";

/**
 * The bundled catalogue: add a whole group, one event, or many copies for a large set.
 *
 * Test ids: lab-catalogue, lab-catalogue-group (button per group, data-group), lab-catalogue-entry
 * (button per event, data-entry), lab-catalogue-bulk (adds 1,000 events).
 */
import { CATALOGUE, catalogueEntryEvent, catalogueEvents, catalogueGroupEvents, type LabEvent } from "@/lib/lab";

const BUTTON = "rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800";

export function CataloguePicker({ onAdd }: { onAdd: (events: LabEvent[]) => void }) {
  return (
    <div data-testid="lab-catalogue" className="space-y-3 text-sm">
      <button type="button" data-testid="lab-catalogue-bulk" className={BUTTON} onClick={() => onAdd(catalogueEvents(1000))}>
        Add 1,000 catalogue events
      </button>
      {CATALOGUE.map((group) => (
        <div key={group.id}>
          <div className="flex items-center justify-between gap-2">
            <h4 className="font-medium">{group.name}</h4>
            <button type="button" data-testid="lab-catalogue-group" data-group={group.id} className={BUTTON} onClick={() => onAdd(catalogueGroupEvents(group.id))}>
              Add all {group.entries.length}
            </button>
          </div>
          <ul className="mt-1 space-y-0.5">
            {group.entries.map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  data-testid="lab-catalogue-entry"
                  data-entry={entry.id}
                  onClick={() => onAdd([catalogueEntryEvent(entry)])}
                  className="w-full truncate rounded px-1 text-left text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                >
                  + {entry.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
