"use client";

/**
 * A plan read like `terraform plan`: one block per change (+ create, ~ update, - delete), updates
 * field by field with the old value struck and the new one added, patterns pretty-printed with a
 * line diff. Also what the plan leaves alone, and why.
 */
import type { FieldChange, KeptResource, Plan, PlanBus, PlannedChange } from "@/lib/aws/plan";
import type { StepState, Steps } from "./apply-steps";
import { changeTitle, diffLines, formatValue, planSummary } from "./plan-format";

const SYMBOL = { create: "+", update: "~", delete: "-" } as const;
const TONE = {
  create: "text-emerald-700 dark:text-emerald-400",
  update: "text-amber-700 dark:text-amber-400",
  delete: "text-red-700 dark:text-red-400",
} as const;


export function PlanSummary({ plan }: { plan: Plan }) {
  return (
    <p data-testid="plan-summary" className="font-medium">
      {planSummary(plan.changes)}
    </p>
  );
}

export function PlanChanges({ changes, steps }: { changes: readonly PlannedChange[]; steps?: Steps }) {
  if (changes.length === 0) return null;
  return (
    <ol aria-label="Planned changes" className="space-y-3">
      {changes.map((change, index) => (
        <ChangeBlock key={`${change.action}:${change.resource}:${change.label}`} change={change} step={steps?.get(index)} />
      ))}
    </ol>
  );
}

function ChangeBlock({ change, step }: { change: PlannedChange; step?: StepState }) {
  return (
    <li data-testid="plan-change" data-action={change.action} data-resource={change.resource} data-label={change.label} className="rounded-md border border-slate-200 bg-white p-3 font-mono text-sm dark:border-slate-700 dark:bg-slate-900">
      <div className="flex flex-wrap items-baseline gap-2">
        <span aria-hidden className={`font-bold ${TONE[change.action]}`}>
          {SYMBOL[change.action]}
        </span>
        <span className={TONE[change.action]}>{changeTitle(change)}</span>
        {step && <StepBadge step={step} />}
      </div>
      {change.reason && <p className="mt-1 font-sans text-xs text-slate-500 dark:text-slate-400">{change.reason}</p>}
      {change.fields.length > 0 && (
        <dl className="mt-2 space-y-1.5">
          {change.fields.map((field) => (
            <FieldRow key={field.field} action={change.action} field={field} />
          ))}
        </dl>
      )}
    </li>
  );
}

function StepBadge({ step }: { step: StepState }) {
  const text = { pending: "not applied", running: "applying…", done: "applied", failed: "failed" }[step.status];
  const tone = {
    pending: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
    running: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
    done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
    failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  }[step.status];
  return (
    <span data-testid="step-status" data-status={step.status} className={`ml-auto rounded px-1.5 py-0.5 font-sans text-xs font-medium ${tone}`}>
      {text}
      {step.status === "failed" && `: ${step.message}`}
    </span>
  );
}

function FieldRow({ action, field }: { action: PlannedChange["action"]; field: FieldChange }) {
  const after = formatValue(field.after);
  if (action !== "update") {
    return (
      <div className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-3">
        <dt className="text-slate-500 dark:text-slate-400">{field.field}</dt>
        <dd className="whitespace-pre-wrap break-all">{after}</dd>
      </div>
    );
  }
  const before = formatValue(field.before);
  const multiLine = before.includes("\n") || after.includes("\n");
  return (
    <div data-testid="field-change" data-field={field.field} className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-3">
      <dt className="text-slate-500 dark:text-slate-400">{field.field}</dt>
      <dd className="min-w-0">
        {multiLine ? (
          <pre aria-label={`${field.field} changes`} className="overflow-x-auto rounded bg-slate-50 p-2 dark:bg-slate-950">
            {diffLines(before, after).map((line, i) => (
              <div key={i} className={line.kind === "removed" ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : line.kind === "added" ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" : ""}>
                {line.kind === "removed" ? "- " : line.kind === "added" ? "+ " : "  "}
                {line.text}
              </div>
            ))}
          </pre>
        ) : (
          <span className="break-all">
            <del className="text-red-700 dark:text-red-400">{before}</del>
            <span aria-hidden> → </span>
            <span className="sr-only"> becomes </span>
            <ins className="text-emerald-700 no-underline dark:text-emerald-400">{after}</ins>
          </span>
        )}
      </dd>
    </div>
  );
}

/**
 * What the plan leaves alone. On the design's own buses each resource is listed with its reason;
 * the rest of the account (often most of it) is only counted per bus.
 */
export function KeptResources({ kept, buses }: { kept: readonly KeptResource[]; buses: readonly PlanBus[] }) {
  if (kept.length === 0) return null;
  const designBuses = new Set(buses.filter((bus) => bus.inDesign).map((bus) => bus.name));
  const near = kept.filter((resource) => designBuses.has(resource.bus));
  const elsewhere = new Map<string, number>();
  for (const resource of kept) if (!designBuses.has(resource.bus)) elsewhere.set(resource.bus, (elsewhere.get(resource.bus) ?? 0) + 1);
  const elsewhereCount = kept.length - near.length;
  return (
    <details className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <summary className="cursor-pointer font-medium">
        Left alone: {near.length} on the design&apos;s buses{elsewhereCount > 0 && `, ${elsewhereCount} on ${elsewhere.size} other ${elsewhere.size === 1 ? "bus" : "buses"}`}
      </summary>
      {near.length > 0 && (
        <ul aria-label="Left alone on the design's buses" className="mt-2 space-y-1">
          {near.map((resource) => (
            <li key={`${resource.resource}:${resource.label}`}>
              <span className="font-mono">{resource.label}</span> <span className="text-slate-500 dark:text-slate-400">— {resource.reason}</span>
            </li>
          ))}
        </ul>
      )}
      {elsewhere.size > 0 && (
        <p className="mt-2 text-slate-500 dark:text-slate-400">
          Buses the design does not touch: {[...elsewhere].map(([bus, count]) => `${bus} (${count})`).join(", ")}.
        </p>
      )}
    </details>
  );
}
