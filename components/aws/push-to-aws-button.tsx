"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/**
 * The designer's "Push to AWS": saves what is being edited first (the plan is of the saved
 * design), then opens the plan.
 */
export function PushToAwsButton({ designId, saved }: { designId: string; saved: () => Promise<void> }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const open = async () => {
    setState({ busy: true });
    try {
      await saved();
      router.push(`/designs/${encodeURIComponent(designId)}/push`);
    } catch (error) {
      setState({ busy: false, error: `Not saved, so not pushed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={() => void open()}
        disabled={state.busy}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
      >
        {state.busy ? "Saving…" : "Push to AWS"}
      </button>
      {state.error && (
        <span role="alert" className="max-w-xs truncate text-sm text-red-700 dark:text-red-400" title={state.error}>
          {state.error}
        </span>
      )}
    </>
  );
}
