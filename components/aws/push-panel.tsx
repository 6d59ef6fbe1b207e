"use client";

/**
 * Push a saved design to AWS: the plan first (a readable diff), per bus the choice to also delete
 * what the design does not mention, then Apply after explicit confirmation with each step's
 * result shown as it happens. Apply runs only the plan that was confirmed (its fingerprint); a
 * failure part-way says what was and was not applied, and "Apply again" plans afresh (what is
 * left) and asks again, so it continues from there.
 */
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import type { StepResult } from "@/lib/aws/apply";
import type { Plan, PlanBus } from "@/lib/aws/plan";
import type { FingerprintedPlan } from "@/lib/aws/workflow";
import { ConfirmDialog } from "@/components/designs/confirm-dialog";
import { applyDesign, planDesign, requireConnection } from "./api";
import { countChanges } from "./plan-format";
import { appliedCount, notAppliedOf, recordStep, settleSteps, startSteps, type Steps } from "./apply-steps";
import { KeptResources, PlanChanges, PlanSummary } from "./plan-view";
import { NewBusPlanPart } from "./new-bus-part";

/** One run of apply: the plan the server ran and how far it got. */
interface Attempt {
  readonly plan: FingerprintedPlan;
  readonly steps: Steps;
  readonly failed?: StepResult;
  readonly error?: string;
}

type Phase =
  | { readonly kind: "planning"; readonly lastAttempt?: Attempt }
  | { readonly kind: "plan-failed"; readonly message: string }
  | { readonly kind: "planned"; readonly plan: FingerprintedPlan; readonly lastAttempt?: Attempt }
  | ({ readonly kind: "applying" } & Attempt)
  | ({ readonly kind: "applied" } & Attempt);

const button =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";
const primary = "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50";

function complete(attempt: Attempt): boolean {
  return attempt.failed === undefined && attempt.error === undefined && appliedCount(attempt.steps) === attempt.plan.changes.length;
}

/** A validation error of the saved design, `where` being its node's title. */
export interface DesignError {
  readonly where?: string;
  readonly message: string;
}

export function PushPanel({ designId, designName, designErrors }: { designId: string; designName: string; designErrors: readonly DesignError[] }) {
  const [phase, setPhase] = useState<Phase>({ kind: "planning" });
  const [deleteUnmanaged, setDeleteUnmanaged] = useState<readonly string[]>([]);
  const [confirming, setConfirming] = useState(false);

  // Each request gets a number; only the latest one's answer is shown (ticking boxes quickly).
  const latest = useRef(0);
  const showPlan = useCallback(
    (ticked: readonly string[], then: { lastAttempt?: Attempt; confirm?: boolean } = {}) => {
      const request = ++latest.current;
      requireConnection()
        .then(() => planDesign(designId, ticked))
        .then(({ plan }) => {
          if (request !== latest.current) return;
          setPhase({ kind: "planned", plan, lastAttempt: then.lastAttempt });
          if (then.confirm && plan.changes.length > 0) setConfirming(true);
        })
        .catch((error: unknown) => request === latest.current && setPhase({ kind: "plan-failed", message: error instanceof Error ? error.message : String(error) }));
    },
    [designId],
  );

  useEffect(() => showPlan([]), [showPlan]);

  const plan = (ticked: readonly string[], then: { lastAttempt?: Attempt; confirm?: boolean } = {}) => {
    setPhase({ kind: "planning", lastAttempt: then.lastAttempt });
    showPlan(ticked, then);
  };

  const toggleBus = (bus: string, on: boolean) => {
    const next = on ? [...deleteUnmanaged, bus] : deleteUnmanaged.filter((name) => name !== bus);
    setDeleteUnmanaged(next);
    plan(next);
  };

  const apply = async (confirmed: FingerprintedPlan) => {
    setConfirming(false);
    let current: Attempt = { plan: confirmed, steps: startSteps(confirmed.changes.length) };
    setPhase({ kind: "applying", ...current });
    const update = (next: Partial<Attempt>) => {
      current = { ...current, ...next };
      setPhase({ kind: "applying", ...current });
    };
    try {
      await applyDesign(designId, deleteUnmanaged, confirmed.fingerprint, (line) => {
        if (line.type === "plan") update({ plan: line.plan, steps: startSteps(line.plan.changes.length) });
        else if (line.type === "step") update({ steps: recordStep(current.steps, line) });
        else if (line.type === "done") {
          const newBusFailure = line.newBus?.failed;
          update({ failed: line.failed ?? undefined, ...(newBusFailure ? { error: `Custom Event Bus change ${newBusFailure.change.action} ${newBusFailure.change.label} failed: ${newBusFailure.error ?? "unknown error"}` } : {}) });
        } else if (line.type === "error") update({ error: line.error.message });
      });
    } catch (failure) {
      update({ error: failure instanceof Error ? failure.message : String(failure) });
    }
    setPhase({ kind: "applied", ...current, steps: settleSteps(current.steps) });
  };

  const shown = phase.kind === "planning" || phase.kind === "plan-failed" ? undefined : phase.plan;
  const steps = phase.kind === "applying" || phase.kind === "applied" ? phase.steps : undefined;
  const lastAttempt = phase.kind === "planned" || phase.kind === "planning" ? phase.lastAttempt : undefined;
  const busy = phase.kind === "planning" || phase.kind === "applying";
  // The server refuses to apply a design with errors. A plan checks the design as saved then, so
  // once there is one it decides; the page's own check (with node titles) names them.
  const blocked = shown ? shown.problems.length > 0 : designErrors.length > 0;
  const errors: readonly DesignError[] = !blocked ? [] : designErrors.length > 0 ? designErrors : (shown?.problems ?? []).map((p) => ({ message: p.message }));

  return (
    <section aria-labelledby="push-title" className="mx-auto max-w-4xl space-y-4">
      <div>
        <Link href={`/designs/${encodeURIComponent(designId)}`} className="text-sm text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100">
          ← Back to the designer
        </Link>
        <h1 id="push-title" className="mt-1 text-2xl font-semibold">
          Push “{designName}” to AWS
        </h1>
        {shown && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Account <span className="font-mono">{shown.account}</span>, region <span className="font-mono">{shown.region}</span>. The plan compares the saved design with what the account has now.
          </p>
        )}
      </div>

      {blocked && <DesignErrors designId={designId} errors={errors} />}
      {lastAttempt && (
        <div className="space-y-1">
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">Last attempt</h2>
          <ApplyOutcome attempt={lastAttempt} />
        </div>
      )}
      {phase.kind === "planning" && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          Reading the account and planning…
        </p>
      )}
      {phase.kind === "plan-failed" && (
        <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          <p>Could not plan: {phase.message}</p>
          <div className="flex gap-2">
            <button type="button" className={button} onClick={() => plan(deleteUnmanaged)}>
              Try again
            </button>
            {/not configured/i.test(phase.message) && (
              <Link href="/settings" className={button}>
                Settings → AWS
              </Link>
            )}
          </div>
        </div>
      )}

      {shown && (
        <>
          <BusChoices buses={shown.buses} ticked={deleteUnmanaged} disabled={busy || phase.kind === "applied"} onToggle={toggleBus} />
          <PlanSummary plan={shown} />
          {shown.notes.length > 0 && (
            <ul aria-label="Not deployed" className="list-disc pl-5 text-sm text-slate-600 dark:text-slate-400">
              {shown.notes.map((note, i) => (
                <li key={i}>{note}</li>
              ))}
            </ul>
          )}
          <PlanChanges changes={shown.changes} steps={steps} />
          <KeptResources kept={shown.kept} buses={shown.buses} />
          <NewBusPlanPart plan={shown.newBus} />
          {phase.kind === "applied" && <ApplyOutcome attempt={phase} />}
          <div className="flex flex-wrap gap-2">
            {phase.kind === "applied" ? (
              !complete(phase) && (
                <button type="button" onClick={() => plan(deleteUnmanaged, { lastAttempt: phase, confirm: true })} className={primary}>
                  Apply again
                </button>
              )
            ) : (
              !blocked && (
                <button type="button" disabled={busy || shown.changes.length + (shown.newBus.available ? shown.newBus.changes.length : 0) === 0} onClick={() => setConfirming(true)} className={primary}>
                  {phase.kind === "applying" ? "Applying…" : "Apply"}
                </button>
              )
            )}
            <button type="button" disabled={busy} onClick={() => plan(deleteUnmanaged)} className={button}>
              {phase.kind === "applied" ? "Plan again" : "Refresh plan"}
            </button>
          </div>
        </>
      )}

      {confirming && phase.kind === "planned" && !blocked && (
        <ConfirmDialog title="Apply these changes to AWS?" confirmLabel="Apply" busy={false} onConfirm={() => void apply(phase.plan)} onCancel={() => setConfirming(false)}>
          <ConfirmText plan={phase.plan} />
        </ConfirmDialog>
      )}
    </section>
  );
}

/** First on the page: why this design cannot be pushed yet, and the way back to fix it. */
function DesignErrors({ designId, errors }: { designId: string; errors: readonly DesignError[] }) {
  return (
    <div role="alert" data-testid="push-design-errors" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      <p className="font-medium">
        This design has {errors.length} {errors.length === 1 ? "error" : "errors"} to fix before it can be applied to AWS.
      </p>
      <ul className="list-disc space-y-1 pl-5">
        {errors.map((error, i) => (
          <li key={i}>
            {error.where && <span className="font-medium">{error.where}: </span>}
            {error.message}
          </li>
        ))}
      </ul>
      <Link href={`/designs/${encodeURIComponent(designId)}`} className={`inline-block ${button}`}>
        Fix them in the designer
      </Link>
    </div>
  );
}

function ConfirmText({ plan }: { plan: Plan }) {
  const { create, update, delete: remove } = countChanges(plan.changes);
  return (
    <>
      <p>
        Account <span className="font-mono">{plan.account}</span> in <span className="font-mono">{plan.region}</span>: {create} to create, {update} to change,{" "}
        <strong className={remove > 0 ? "text-red-700 dark:text-red-300" : undefined}>{remove} to delete</strong>.
      </p>
      <p className="mt-2">
        The changes run in the order listed, stopping at the first failure. If the account or the design changed since this plan was made, nothing is applied and
        you are asked to review the new plan.
      </p>
    </>
  );
}

function BusChoices({ buses, ticked, disabled, onToggle }: { buses: readonly PlanBus[]; ticked: readonly string[]; disabled: boolean; onToggle: (bus: string, on: boolean) => void }) {
  // Only a bus that exists in the account can hold something the design does not mention.
  const existing = buses.filter((bus) => bus.exists && bus.inDesign);
  if (existing.length === 0) return null;
  return (
    <fieldset className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <legend className="px-1 font-medium">Resources on these buses that the design does not mention</legend>
      <p className="mb-2 text-slate-600 dark:text-slate-400">Kept unless ticked. What Switchyard created for this design and the design no longer has is always removed.</p>
      <ul className="space-y-1">
        {existing.map((bus) => (
          <li key={bus.name}>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={ticked.includes(bus.name)} disabled={disabled} onChange={(e) => onToggle(bus.name, e.target.checked)} />
              <span>
                <span className="font-mono">{bus.name}</span>: also delete what is not in the design
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function ApplyOutcome({ attempt }: { attempt: Attempt }) {
  const { plan, steps, failed: failedStep, error } = attempt;
  const total = plan.changes.length;
  const applied = appliedCount(steps);
  if (complete(attempt)) {
    return (
      <p role="status" data-testid="apply-outcome" data-outcome="complete" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
        Applied all {total} {total === 1 ? "change" : "changes"}. Plan again to check that the account matches the design.
      </p>
    );
  }
  const notApplied = notAppliedOf(plan.changes, steps);
  return (
    <div role="alert" data-testid="apply-outcome" data-outcome="partial" className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      <p>
        Stopped after {applied} of {total} {total === 1 ? "change" : "changes"}
        {failedStep ? `: ${failedStep.change.label} failed — ${failedStep.error ?? "unknown error"}` : error ? `: ${error}` : "."}
      </p>
      {notApplied.length > 0 && (
        <p>
          Not applied: <span className="font-mono">{notApplied.map((change) => `${change.action} ${change.label}`).join(", ")}</span>. Fix the cause and apply again: it continues from here.
        </p>
      )}
    </div>
  );
}
