/**
 * Browser-side calls to the AWS routes (app/api/aws/*). Only settings and results travel here:
 * credentials stay on the server, where the SDK's default provider chain resolves them.
 */
import { requestJson } from "@/components/api-client";
import type { StepResult } from "@/lib/aws/apply";
import type { AwsConnectionSettings, AwsConnectionSource } from "@/lib/aws/connection";
import type { AwsIdentity } from "@/lib/aws/identity";
import type { NewBusChange, NewBusStepResult } from "@/lib/aws/new-bus";
import type { PlannedChange } from "@/lib/aws/plan";
import type { FingerprintedPlan } from "@/lib/aws/workflow";
import type { ReadProgress, ReadScope } from "@/lib/aws/read-account";
import type { DesignSummary } from "@/lib/designs/types";
import { streamNdjson } from "./ndjson-client";

export interface ConnectionView {
  /** The settings in use (saved, or from the server's environment); null when none. */
  readonly settings: AwsConnectionSettings | null;
  readonly source: AwsConnectionSource | null;
  /** Profile names of the server's shared config files. */
  readonly profiles: readonly string[];
  /** Whether import and push reach Custom Event Buses (their SDK client is installed), and why not. */
  readonly newBus: { readonly available: boolean; readonly reason?: string };
}

export function getConnection(): Promise<ConnectionView> {
  return requestJson("/api/aws/connection", { method: "GET" });
}

/** Said by a panel that needs AWS before any connection exists (as the server would say it). */
export const NOT_CONFIGURED = "AWS is not configured: choose a region (and a profile or endpoint) in Settings → AWS first";

/** Resolves when a connection is set up; rejects with NOT_CONFIGURED otherwise, so a panel need not ask the server for what it cannot answer. */
export async function requireConnection(): Promise<void> {
  const { settings } = await getConnection();
  if (settings === null) throw new Error(NOT_CONFIGURED);
}

export function saveConnection(settings: AwsConnectionSettings): Promise<{ settings: AwsConnectionSettings }> {
  return requestJson("/api/aws/connection", { method: "PUT", body: JSON.stringify(settings) });
}

/** Forgets the saved settings: the server's environment (if any) applies again. */
export function clearConnection(): Promise<Pick<ConnectionView, "settings" | "source">> {
  return requestJson("/api/aws/connection", { method: "DELETE" });
}

/** Who the server's credentials are, for these settings (saved or not). */
export function testConnection(settings: AwsConnectionSettings): Promise<AwsIdentity> {
  return requestJson("/api/aws/connection/test", { method: "POST", body: JSON.stringify(settings) });
}

/** A failed stream's last line, with the body errorResponse would have sent. */
export type ErrorLine = { readonly type: "error"; readonly error: { readonly message: string } };

export type ImportLine =
  | ({ readonly type: "progress" } & ReadProgress)
  | { readonly type: "done"; readonly design: DesignSummary; readonly warnings: readonly string[] }
  | ErrorLine;

/** `name`: the new design's name; empty lets the server name it after the account and region. */
export function importAccount(scope: ReadScope, name: string, onLine: (line: ImportLine) => void, signal?: AbortSignal): Promise<void> {
  const body = { ...(scope.bus ? { bus: scope.bus } : {}), ...(scope.rulePrefix ? { prefix: scope.rulePrefix } : {}), ...(name.trim() ? { name: name.trim() } : {}) };
  return streamNdjson("/api/aws/import", body, (line) => onLine(line as ImportLine), signal);
}

export function planDesign(designId: string, deleteUnmanaged: readonly string[]): Promise<{ plan: FingerprintedPlan }> {
  return requestJson("/api/aws/plan", { method: "POST", body: JSON.stringify({ designId, deleteUnmanaged }) });
}

export type ApplyLine =
  | { readonly type: "plan"; readonly plan: FingerprintedPlan }
  | ({ readonly type: "step" } & StepResult)
  | ({ readonly type: "new-bus-step" } & NewBusStepResult)
  | {
      readonly type: "done";
      readonly applied: number;
      readonly failed: StepResult | null;
      readonly notApplied: readonly PlannedChange[];
      /** The Custom Event Bus's changes, when there were any to run. */
      readonly newBus: { readonly applied: number; readonly failed: NewBusStepResult | null; readonly notApplied: readonly NewBusChange[] } | null;
    }
  | ErrorLine;

/** Applies the plan the user confirmed (by its fingerprint); the server refuses a plan that changed since. */
export function applyDesign(designId: string, deleteUnmanaged: readonly string[], fingerprint: string, onLine: (line: ApplyLine) => void): Promise<void> {
  return streamNdjson("/api/aws/apply", { designId, deleteUnmanaged, fingerprint }, (line) => onLine(line as ApplyLine));
}
