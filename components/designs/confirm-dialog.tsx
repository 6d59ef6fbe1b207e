"use client";

import { useEffect, useRef } from "react";
import { Modal } from "./modal";

/** A modal yes/no question; Escape and the Cancel button both say no. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice has focus, so a stray Enter does not destroy anything.
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <Modal role="alertdialog" labelledBy="confirm-title" onClose={onCancel}>
      <h2 id="confirm-title" className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-2 text-sm text-slate-600 dark:text-slate-400">{children}</div>
      <div className="mt-5 flex justify-end gap-2">
        <button ref={cancelRef} onClick={onCancel} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
          Cancel
        </button>
        <button
          onClick={onConfirm}
          disabled={busy}
          className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
        >
          {busy ? "Working…" : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
