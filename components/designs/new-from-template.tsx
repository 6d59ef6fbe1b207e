"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { STARTERS, type Starter } from "@/lib/starters";
import * as api from "./api";
import { Modal } from "./modal";

/** "New from template" on the Designs page: pick a starter design, save it as a new design, open it. */
export function NewFromTemplate() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800">
        New from template
      </button>
      {open && <TemplateDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function TemplateDialog({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async (starter: Starter) => {
    setBusy(starter.id);
    setError(null);
    try {
      const { design } = await api.createDesignFrom(starter.design(), starter.title);
      router.push(`/designs/${encodeURIComponent(design.id)}`);
    } catch (e) {
      setError(`${starter.title} could not be saved: ${e instanceof Error ? e.message : String(e)}`);
      setBusy(null);
    }
  };

  return (
    <Modal labelledBy="templates-title" onClose={onClose} className="max-w-2xl">
      <h2 id="templates-title" className="text-lg font-semibold">
        New from template
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Starter designs of real event-driven systems, with sample events and the verdicts their rules should give.</p>
      <ul aria-label="Starter designs" className="mt-4 space-y-2">
        {STARTERS.map((starter) => (
          <li key={starter.id}>
            <button
              type="button"
              onClick={() => choose(starter)}
              disabled={busy !== null}
              aria-describedby={`starter-${starter.id}-summary`}
              className="w-full rounded-md border border-slate-200 px-3 py-2 text-left hover:border-indigo-400 hover:bg-indigo-50 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-indigo-950"
            >
              <span className="block font-medium">{busy === starter.id ? `Creating “${starter.title}”…` : starter.title}</span>
              <span id={`starter-${starter.id}-summary`} className="block text-sm text-slate-600 dark:text-slate-400">
                {starter.summary}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
      <div className="mt-4 flex justify-end">
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
          Cancel
        </button>
      </div>
    </Modal>
  );
}
