"use client";

/**
 * "Copy link" for the lab: the pattern, events and expectations in the URL fragment (lib/lab's
 * codec; a fragment never reaches the server). The link is also shown, for when the clipboard is
 * not available.
 *
 * Test ids: lab-share (button), lab-share-url (input), lab-share-error.
 */
import { useState } from "react";
import { encodeLabLink, type LabState } from "@/lib/lab";

export function labUrl(origin: string, state: LabState): string {
  return `${origin}/lab#${encodeLabLink(state)}`;
}

export function LabShareLink({ state }: { state: LabState }) {
  const [shown, setShown] = useState<{ url: string; copied: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const copy = async () => {
    let url: string;
    try {
      url = labUrl(window.location.origin, state);
    } catch (e) {
      setError((e as Error).message);
      setShown(null);
      return;
    }
    setError(null);
    let copied = false;
    try {
      if (navigator.clipboard) {
        await navigator.clipboard.writeText(url);
        copied = true;
      }
    } catch {
      copied = false;
    }
    setShown({ url, copied });
  };

  return (
    <div className="relative inline-flex items-center gap-2">
      <button type="button" data-testid="lab-share" onClick={() => void copy()} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700">
        Copy link
      </button>
      {shown && (
        <div className="absolute right-0 top-full z-20 mt-1 w-96 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <p role="status" className="text-xs text-slate-600 dark:text-slate-300">
            {shown.copied ? "Copied. Anyone opening this link sees this lab:" : "Copy this link:"}
          </p>
          <input
            readOnly
            aria-label="Lab link"
            data-testid="lab-share-url"
            value={shown.url}
            onFocus={(e) => e.currentTarget.select()}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-800"
          />
          <button type="button" onClick={() => setShown(null)} className="mt-1 text-xs text-slate-500 hover:underline dark:text-slate-400">
            Close
          </button>
        </div>
      )}
      {error && (
        <p role="alert" data-testid="lab-share-error" className="absolute right-0 top-full z-20 mt-1 w-96 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
    </div>
  );
}
