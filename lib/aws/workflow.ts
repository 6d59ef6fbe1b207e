/**
 * The server-side steps the routes run: import an account as a saved design, plan a saved
 * design against the account, apply that plan. Each reads the connection in use, makes one
 * EventBridge, Scheduler and Pipes client each, and always re-reads the account, so a plan never
 * rests on stale state.
 */
import { createHash } from "node:crypto";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { PipesClient } from "@aws-sdk/client-pipes";
import type { SchedulerClient } from "@aws-sdk/client-scheduler";
import { z } from "zod";
import { createDesign, getDesign } from "@/lib/designs/repository";
import type { DesignRecord } from "@/lib/designs/types";
import { validateDesign, type Problem } from "@/lib/graph";
import { ConflictError, fromZodError, ValidationError } from "@/lib/errors";
import { DESIGN_NAME_MAX_LENGTH } from "@/lib/limits";
import { applyPlan, type ApplyResult, type StepResult } from "./apply";
import { currentAwsConnection, eventBridgeClientFor, pipesClientFor, schedulerClientFor, type AwsConnectionSettings } from "./connection";
import { designFromAccount } from "./import";
import { applyNewBusChanges, designHasNewBus, planNewBusChanges, type NewBusPlan, type NewBusStepResult } from "./new-bus";
import { readNewBusAccount, type NewBusAccess, type NewBusAccountState } from "./new-bus-api";
import { newBusAccess } from "./new-bus-client";
import { describeAwsError } from "./errors";
import { planChanges, type Plan } from "./plan";
import { readAccount, type ReadProgress, type ReadScope } from "./read-account";
import { designResources, inDesignOrder } from "../resources/design-resources";
import { schedulerPipesResources } from "../resources/scheduler-pipes-resources";

async function requireConnection(): Promise<AwsConnectionSettings> {
  const connection = await currentAwsConnection();
  if (connection === null) throw new ValidationError("AWS is not configured: choose a region (and a profile or endpoint) in Settings → AWS first");
  return connection;
}

interface Clients {
  readonly scheduler: SchedulerClient;
  readonly pipes: PipesClient;
}

/** The Classic client, Scheduler's and Pipes', and the Custom Event Bus's API or why there is none (new-bus-client.ts). */
async function withClient<T>(work: (client: EventBridgeClient, connection: AwsConnectionSettings, clients: Clients, newBus: NewBusAccess) => Promise<T>, abortSignal?: AbortSignal): Promise<T> {
  const connection = await requireConnection();
  const client = eventBridgeClientFor(connection);
  const clients = { scheduler: schedulerClientFor(connection), pipes: pipesClientFor(connection) };
  const newBus = newBusAccess(connection, abortSignal);
  try {
    return await work(client, connection, clients, newBus);
  } finally {
    client.destroy();
    clients.scheduler.destroy();
    clients.pipes.destroy();
    if (newBus.available) newBus.close();
  }
}

export interface ImportRequest {
  readonly scope?: ReadScope;
  /** The new design's name; defaults to "Imported from <account> <region>". */
  readonly name?: string;
}

export interface ImportOutcome {
  readonly design: DesignRecord;
  readonly warnings: readonly string[];
}

export function importAccount(request: ImportRequest, onProgress?: (progress: ReadProgress) => void, abortSignal?: AbortSignal): Promise<ImportOutcome> {
  return withClient(async (client, connection, clients, newBus) => {
    const state = await readAccount(client, connection.region, { scope: request.scope, onProgress, abortSignal, apiDestinations: true, ...clients });
    const scopeText = [request.scope?.bus && `bus ${request.scope.bus}`, request.scope?.rulePrefix && `rules ${request.scope.rulePrefix}*`].filter(Boolean).join(", ");
    const name = request.name?.trim() || `Imported from ${state.account} ${state.region}${scopeText ? ` (${scopeText})` : ""}`;
    // A scoped import reads Classic buses and rules only.
    const newBusState = newBus.available && scopeText === "" ? await readNewBusAccount(newBus.api) : undefined;
    const { design, warnings } = designFromAccount(state, name, `EventBridge resources of account ${state.account} in ${state.region}, imported by Switchyard.`, newBusState);
    const record = await createDesign({ name, description: design.description, graph: design });
    return { design: record, warnings };
  }, abortSignal);
}

export interface PlanRequest {
  readonly designId: string;
  readonly deleteUnmanaged?: readonly string[];
}

/** Apply runs only a plan the user reviewed: its fingerprint is required, and must still hold. */
export interface ApplyRequest extends PlanRequest {
  /** The fingerprint of the plan the user confirmed: apply refuses to run a different one. */
  readonly fingerprint: string;
}

/** A plan as the user saw it, as one short string: what would change, and how (the Custom Event Bus's changes too). */
export function planFingerprint(plan: Pick<Plan, "account" | "region" | "changes"> & { readonly newBus?: NewBusPlan }): string {
  const what = plan.changes.map(({ action, resource, label, fields }) => ({ action, resource, label, fields }));
  const newBus = plan.newBus?.available ? plan.newBus.changes.map(({ action, resource, label, fields }) => ({ action, resource, label, fields })) : [];
  const all = { account: plan.account, region: plan.region, what, ...(newBus.length > 0 ? { newBus } : {}) };
  return createHash("sha256").update(JSON.stringify(all)).digest("base64url").slice(0, 22);
}

export type FingerprintedPlan = Plan & {
  readonly fingerprint: string;
  /** The design's validation errors: while there are any, apply refuses to run. */
  readonly problems: readonly Problem[];
  /** The Custom Event Bus's part, or why it cannot be planned. */
  readonly newBus: NewBusPlan;
};

interface PlanWithState {
  readonly plan: FingerprintedPlan;
  /** The account's Custom Event Buses as read for the plan (apply needs their ARNs). */
  readonly newBusState?: NewBusAccountState;
}

async function planWith(client: EventBridgeClient, connection: AwsConnectionSettings, clients: Clients, newBusApi: NewBusAccess, request: PlanRequest, abortSignal?: AbortSignal): Promise<PlanWithState> {
  const record = await getDesign(request.designId);
  const actual = await readAccount(client, connection.region, { abortSignal, ...clients });
  const where = { account: actual.account, region: connection.region };
  const rules = designResources(record.graph, where, record.id);
  const scheduled = schedulerPipesResources(record.graph, where, record.id);
  const desired = { ...rules, ...scheduled, problems: inDesignOrder(record.graph, [...rules.problems, ...scheduled.problems]) };
  const plan = planChanges(desired, actual, { designId: record.id, deleteUnmanaged: request.deleteUnmanaged });
  const problems = validateDesign(record.graph).filter((problem) => problem.severity === "error");
  const newBusState = newBusApi.available ? await readNewBusAccount(newBusApi.api) : undefined;
  const newBus: NewBusPlan =
    newBusState === undefined
      ? { available: false, reason: newBusApi.available ? "" : newBusApi.reason, designHasNewBus: designHasNewBus(record.graph) }
      : planNewBusChanges(record.graph, record.id, newBusState, where, request.deleteUnmanaged);
  return { plan: { ...plan, newBus, fingerprint: planFingerprint({ ...plan, newBus }), problems }, newBusState };
}

export function planDesign(request: PlanRequest, abortSignal?: AbortSignal): Promise<FingerprintedPlan> {
  return withClient(async (client, connection, clients, newBus) => (await planWith(client, connection, clients, newBus, request, abortSignal)).plan, abortSignal);
}

/**
 * Plans afresh, tells `onPlan`, then applies step by step. A fresh plan that differs from the
 * confirmed one (the design or the account changed meanwhile, or the request asks to delete
 * unmanaged resources the reviewed plan kept) is refused before anything changes.
 */
export function applyDesign(
  request: ApplyRequest,
  callbacks: { onPlan?: (plan: FingerprintedPlan) => void; onStep?: (step: StepResult) => void; onNewBusStep?: (step: NewBusStepResult) => void } = {},
  abortSignal?: AbortSignal,
): Promise<ApplyResult & { readonly newBus?: Awaited<ReturnType<typeof applyNewBusChanges>> }> {
  return withClient(async (client, connection, clients, newBusApi) => {
    const { plan, newBusState } = await planWith(client, connection, clients, newBusApi, request, abortSignal);
    if (plan.problems.length > 0) {
      const first = plan.problems.slice(0, 3).map((p) => p.message).join("; ");
      throw new ValidationError(`The design has ${plan.problems.length} error${plan.problems.length === 1 ? "" : "s"} to fix before it can be applied: ${first}${plan.problems.length > 3 ? "; …" : ""}`);
    }
    if (request.fingerprint !== plan.fingerprint) {
      throw new ConflictError("The plan changed since you reviewed it (the design or the account changed): review the new plan and confirm again");
    }
    callbacks.onPlan?.(plan);
    const classic = await applyPlan(client, plan, { onStep: callbacks.onStep, abortSignal, endpoint: connection.endpoint, ...clients });
    // The Custom Event Bus's changes run after Classic's: a subscriber may target a Classic bus created above.
    if (classic.failed !== undefined || !newBusApi.available || !plan.newBus.available || plan.newBus.changes.length === 0 || newBusState === undefined) return classic;
    const newBus = await applyNewBusChanges(newBusApi.api, plan.newBus.changes, newBusState, (error) => describeAwsError(error).message, callbacks.onNewBusStep);
    return { ...classic, newBus };
  }, abortSignal);
}

// ---------------------------------------------------------------------------------------------
// Request bodies (validated before anything reaches AWS)

const busName = z.string().trim().min(1, "must not be empty").max(256, "must be at most 256 characters");

export const importRequestInput = z.strictObject({
  /** Only this bus. */
  bus: busName.optional(),
  /** Only rules whose name starts with this. */
  prefix: z.string().trim().max(64, "must be at most 64 characters").optional(),
  name: z.string().trim().max(DESIGN_NAME_MAX_LENGTH, `must be at most ${DESIGN_NAME_MAX_LENGTH} characters`).optional(),
});

export function parseImportRequest(body: unknown): ImportRequest {
  const parsed = importRequestInput.safeParse(body ?? {});
  if (!parsed.success) throw fromZodError(parsed.error, "import request");
  const { bus, prefix, name } = parsed.data;
  return { scope: { ...(bus ? { bus } : {}), ...(prefix ? { rulePrefix: prefix } : {}) }, ...(name ? { name } : {}) };
}

export const planRequestInput = z.strictObject({
  designId: z.string().trim().min(1, "must not be empty"),
  /** Buses whose untagged resources that are not in the design are deleted too. */
  deleteUnmanaged: z.array(busName).max(100).optional(),
});

export const applyRequestInput = planRequestInput.extend({
  fingerprint: z
    .string({ error: "is required: apply runs only the plan you reviewed; plan first and send its fingerprint" })
    .trim()
    .min(1, "must not be empty")
    .max(64),
});

export function parsePlanRequest(body: unknown): PlanRequest {
  const parsed = planRequestInput.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "plan request");
  return parsed.data;
}

export function parseApplyRequest(body: unknown): ApplyRequest {
  const parsed = applyRequestInput.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "apply request");
  return parsed.data;
}
