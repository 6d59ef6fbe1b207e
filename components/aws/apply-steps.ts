/**
 * The step list of one apply run, as the browser follows it: every change starts "not applied",
 * the one being sent shows "applying…", each reported step becomes "applied" or "failed". When
 * the run ends, whatever was never reported is not applied.
 */
export type StepState = { readonly status: "pending" | "running" | "done" } | { readonly status: "failed"; readonly message: string };
export type Steps = ReadonlyMap<number, StepState>;

/** Before the first answer: the first change is being applied, the others wait. */
export function startSteps(changeCount: number): Steps {
  return new Map(Array.from({ length: changeCount }, (_, index) => [index, index === 0 ? { status: "running" } : { status: "pending" }]));
}

/** A step's result; after a success the next waiting change is the one being applied. */
export function recordStep(steps: Steps, step: { readonly index: number; readonly ok: boolean; readonly error?: string }): Steps {
  const next = new Map(steps);
  next.set(step.index, step.ok ? { status: "done" } : { status: "failed", message: step.error ?? "failed" });
  if (step.ok && next.get(step.index + 1)?.status === "pending") next.set(step.index + 1, { status: "running" });
  return next;
}

/** The run is over: a change still marked as being applied never reported, so it was not applied. */
export function settleSteps(steps: Steps): Steps {
  return new Map([...steps].map(([index, step]) => [index, step.status === "running" ? { status: "pending" } : step]));
}

export function appliedCount(steps: Steps): number {
  return [...steps.values()].filter((step) => step.status === "done").length;
}

/** The changes (by position) that were not applied. */
export function notAppliedOf<T>(changes: readonly T[], steps: Steps): T[] {
  return changes.filter((_, index) => steps.get(index)?.status !== "done");
}
