"use client";

/**
 * The Custom Event Bus's part of import and push: what the plan would do to the account's new
 * buses and subscribers, or — while their SDK client is not installed — that they are left out,
 * and why, rather than nothing at all.
 */
import { useEffect, useState } from "react";
import type { NewBusPlan } from "@/lib/aws/new-bus";
import { getConnection } from "./api";

const note = "text-sm text-slate-600 dark:text-slate-400";
const warning = "rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200";

/** Said before an import: whether Custom Event Buses will be read. */
export function NewBusImportNote() {
  const [reason, setReason] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    getConnection()
      .then(({ newBus }) => live && setReason(newBus.available ? undefined : newBus.reason))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (reason === undefined) return null;
  return (
    <p role="note" aria-label="Custom Event Buses" className={note}>
      Custom Event Buses are not imported: {reason}.
    </p>
  );
}

export function NewBusPlanPart({ plan }: { plan: NewBusPlan }) {
  if (!plan.available) {
    return (
      <p role="note" aria-label="Custom Event Buses" className={plan.designHasNewBus ? warning : note}>
        {plan.designHasNewBus ? "The design's Custom Event Buses and subscribers are not pushed" : "Custom Event Buses are not planned"}: {plan.reason}.
      </p>
    );
  }
  if (plan.changes.length + plan.kept.length + plan.notes.length === 0) return null;
  return (
    <section aria-label="Custom Event Buses" className="space-y-1 text-sm">
      <h3 className="font-medium">Custom Event Buses</h3>
      <ul className="space-y-0.5">
        {plan.changes.map((change) => (
          <li key={`${change.action} ${change.label}`}>
            <span className="font-medium">{change.action}</span> {change.resource === "subscriber" ? "subscriber" : "bus"} <span className="font-mono">{change.label}</span>
            {change.fields.length > 0 && change.action === "update" && <span className={note}> ({change.fields.map((f) => f.field).join(", ")})</span>}
            {change.reason && <span className={note}> — {change.reason}</span>}
          </li>
        ))}
        {plan.kept.map((kept) => (
          <li key={`kept ${kept.label}`} className={note}>
            kept <span className="font-mono">{kept.label}</span>: {kept.reason}
          </li>
        ))}
      </ul>
      {plan.notes.length > 0 && (
        <ul aria-label="Custom Event Bus resources not deployed" className={`list-disc pl-5 ${note}`}>
          {plan.notes.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
