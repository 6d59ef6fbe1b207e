"use client";

import { useEffect } from "react";

/** Calls `onClose` when Escape is pressed anywhere on the page, while the caller is mounted. */
export function useCloseOnEscape(onClose: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
}

/** A centred dialog over a dimmed page; Escape calls `onClose`. */
export function Modal({
  role = "dialog",
  labelledBy,
  onClose,
  className = "max-w-md",
  children,
}: {
  role?: "dialog" | "alertdialog";
  labelledBy: string;
  onClose: () => void;
  /** Width of the dialog (a Tailwind max-width class). */
  className?: string;
  children: React.ReactNode;
}) {
  useCloseOnEscape(onClose);

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4">
      <div role={role} aria-modal="true" aria-labelledby={labelledBy} className={`w-full rounded-lg bg-white p-5 shadow-xl dark:bg-slate-900 ${className}`}>
        {children}
      </div>
    </div>
  );
}
