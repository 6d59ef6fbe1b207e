/**
 * Switchyard and an AWS account: the connection (settings, profiles, identity), import of an
 * account's buses, rules and targets as a design, the plan of a design against the account,
 * and its apply; the Custom Event Bus's part through NewBusApi (new-bus-api.ts), whose SDK
 * client is loaded only when installed. Server-only (the SDK and the database); the browser reaches it through
 * /api/aws/*, and may import the plan's types (`import type`).
 */
export {
  awsConnectionInput,
  clearAwsConnection,
  currentAwsConnection,
  describeAwsConnection,
  eventBridgeClientFor,
  MAX_ATTEMPTS,
  parseAwsConnectionSettings,
  saveAwsConnection,
  pipesClientFor,
  schedulerClientFor,
  schemasClientFor,
  sqsClientFor,
  endpointProblem,
  isLoopbackEndpoint,
  stsClientFor,
  type AwsConnectionSettings,
  type AwsConnectionSource,
} from "./connection";
export { listAwsProfiles } from "./profiles";
export { testAwsConnection, type AwsIdentity } from "./identity";
export { readAccount, type ReadOptions, type ReadProgress, type ReadScope } from "./read-account";
export { designFromAccount, type ImportResult } from "./import";
export { planChanges, type ChangeAction, type FieldChange, type KeptResource, type Plan, type PlanBus, type PlannedChange, type PlanOptions, type ResourceKind } from "./plan";
export { applyPlan, type ApplyOptions, type ApplyResult, type StepResult } from "./apply";
export {
  applyDesign,
  applyRequestInput,
  importAccount,
  importRequestInput,
  parseApplyRequest,
  parseImportRequest,
  parsePlanRequest,
  planDesign,
  planFingerprint,
  planRequestInput,
  type ApplyRequest,
  type FingerprintedPlan,
  type ImportOutcome,
  type ImportRequest,
  type PlanRequest,
} from "./workflow";
export { ndjsonResponse, type NdjsonSend } from "./ndjson";
export { newBusClientMissing } from "./new-bus-client";
export type { NewBusChange, NewBusPlan, NewBusStepResult } from "./new-bus";
