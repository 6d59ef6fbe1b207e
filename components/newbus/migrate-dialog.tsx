"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import * as api from "@/components/designs/api";
import { Modal } from "@/components/designs/modal";
import type { Design } from "@/lib/graph";
import { checkMigratedExpectations, migratableBuses, planMigration, type LineStatus } from "@/lib/migration";

const STATUS: Record<LineStatus, { label: string; className: string }> = {
  moved: { label: "Moved", className: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" },
  adapted: { label: "Adapted", className: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200" },
  "cannot-move": { label: "Cannot move", className: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" },
};

/**
 * "Migrate to the Custom Event Bus": pick the Classic buses of a design, read the planner's
 * report line by line and the old rules' expectations checked against the new subscribers,
 * then save the migrated design as a new design (the original stays as it is).
 */
export function MigrateDialog({ design, onClose }: { design: Design; onClose: () => void }) {
  const router = useRouter();
  const buses = useMemo(() => migratableBuses(design), [design]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(buses.map((b) => b.id)));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plan = useMemo(() => planMigration(design, buses.filter((b) => selected.has(b.id)).map((b) => b.id)), [design, buses, selected]);
  const checks = useMemo(() => checkMigratedExpectations(design, plan), [design, plan]);
  const broken = checks.filter((c) => !c.holds);
  const name = `${design.name} (Custom Event Bus)`;

  const toggle = (id: string) => setSelected((prev) => (prev.has(id) ? new Set([...prev].filter((x) => x !== id)) : new Set([...prev, id])));
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const { design: saved } = await api.createDesignFrom({ ...plan.design, name }, name);
      router.push(`/designs/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      setError(`The migrated design could not be saved: ${e instanceof Error ? e.message : String(e)}`);
      setSaving(false);
    }
  };

  return (
    <Modal labelledBy="migrate-title" onClose={onClose} className="max-w-3xl">
      <h2 id="migrate-title" className="text-lg font-semibold">
        Migrate “{design.name}” to the Custom Event Bus
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Each rule and target becomes a subscriber; its pattern is the subscriber&apos;s DATA filter and its input a transform. The result is saved as a new design.
      </p>

      {buses.length === 0 ? (
        <p className="mt-4 text-sm">No Classic bus in this design carries rules: there is nothing to migrate.</p>
      ) : (
        <>
          <fieldset className="mt-4">
            <legend className="text-sm font-medium">Classic buses to migrate</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {buses.map((bus) => (
                <label key={bus.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={selected.has(bus.id)} onChange={() => toggle(bus.id)} />
                  {bus.name} <span className="text-xs text-slate-500">({bus.variant})</span>
                </label>
              ))}
            </div>
          </fieldset>

          <h3 className="mt-4 text-sm font-medium">Report</h3>
          <ol aria-label="Migration report" className="mt-1 max-h-72 space-y-1 overflow-y-auto text-sm">
            {plan.lines.map((line, i) => (
              <li key={i} data-status={line.status} className="flex items-start gap-2">
                <span className={`mt-0.5 shrink-0 rounded px-1.5 text-[11px] font-semibold ${STATUS[line.status].className}`}>{STATUS[line.status].label}</span>
                <span>{line.message}</span>
              </li>
            ))}
          </ol>

          <h3 className="mt-4 text-sm font-medium">Expectations</h3>
          <p data-testid="migration-expectations" className={`text-sm ${broken.length > 0 ? "text-red-700 dark:text-red-300" : "text-emerald-700 dark:text-emerald-300"}`}>
            {checks.length === 0
              ? "The migrated rules carry no saved expectations."
              : broken.length === 0
                ? `All ${checks.length} saved expectations of the old rules hold for the new subscribers.`
                : `${broken.length} of ${checks.length} saved expectations no longer hold.`}
          </p>
          {broken.length > 0 && (
            <ul className="text-sm">
              {broken.map((c) => (
                <li key={`${c.subscriberId}/${c.sample}`}>
                  {c.subscriberId}: sample {c.sample} should {c.expect === "match" ? "match" : "not match"}; the subscriber gives {c.subscriber}.
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600">
          Close
        </button>
        {buses.length > 0 && (
          <button type="button" onClick={() => void save()} disabled={saving || selected.size === 0} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
            {saving ? "Saving…" : "Save as new design"}
          </button>
        )}
      </div>
    </Modal>
  );
}
