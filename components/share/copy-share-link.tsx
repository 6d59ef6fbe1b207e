"use client";

import { useEffect, useId, useState } from "react";
import type { Design } from "@/lib/graph";
import { shareUrl } from "./share-url";

/** What the control shows: each state remembers the design it was made for, so an edit clears it. */
type CopyState =
  | { readonly status: "idle" }
  | { readonly status: "copied"; readonly design: Design }
  | { readonly status: "manual"; readonly design: Design; readonly url: string }
  | { readonly status: "failed"; readonly design: Design; readonly message: string };

const CONFIRMATION_MS = 2500;

/**
 * "Copy link": puts a URL that carries the whole design on the clipboard. Where the clipboard is
 * unavailable (insecure origin, permission denied) it shows the URL in a selected field instead.
 */
export function CopyShareLink({ design }: { design: Design }) {
  const [state, setState] = useState<CopyState>({ status: "idle" });
  const fieldId = useId();
  const current = state.status !== "idle" && state.design === design ? state : null;

  useEffect(() => {
    if (state.status !== "copied") return;
    const timer = setTimeout(() => setState({ status: "idle" }), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    let url: string;
    try {
      url = shareUrl(window.location.origin, design);
    } catch (error) {
      setState({ status: "failed", design, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    try {
      // `navigator.clipboard` is undefined outside secure contexts; writing may also be refused.
      if (!navigator.clipboard) throw new Error("The clipboard is not available here");
      await navigator.clipboard.writeText(url);
      setState({ status: "copied", design });
    } catch {
      setState({ status: "manual", design, url });
    }
  };

  return (
    <div className="relative inline-flex items-center gap-2">
      <button
        type="button"
        onClick={() => void copy()}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        Copy link
      </button>
      <span role="status" className="text-sm text-green-800 dark:text-green-200">
        {current?.status === "copied" && "Copied"}
      </span>
      {current?.status === "manual" && (
        <div className="absolute right-0 top-full z-20 mt-1 w-96 rounded-md border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <label htmlFor={fieldId} className="block text-sm">
            The clipboard is not available: copy this link yourself.
          </label>
          <input
            id={fieldId}
            readOnly
            autoFocus
            value={current.url}
            onFocus={(event) => event.currentTarget.select()}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs dark:border-slate-600"
          />
          <button type="button" onClick={() => setState({ status: "idle" })} className="mt-2 rounded-md border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600">
            Close
          </button>
        </div>
      )}
      {current?.status === "failed" && (
        <p role="alert" className="absolute right-0 top-full z-20 mt-1 w-96 rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {current.message}
        </p>
      )}
    </div>
  );
}
