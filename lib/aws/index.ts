/**
 * Switchyard and an AWS account: the connection (settings, profiles, identity), import of an
 * account's buses, rules and targets as a design, the plan of a design against the account,
 * and its apply. Server-only (the SDK and the database); the browser reaches it through
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
export { DESIGN_TAG, ruleKey, type AccountState, type ApiDestinationState, type ArchiveState, type BusState, type RuleState, type Tags, type Target } from "./account-state";
export { readAccount, type ReadOptions, type ReadProgress, type ReadScope } from "./read-account";
export { recogniseTargetArn, type RecognisedTarget } from "./target-arn";
export { designFromAccount, type ImportResult } from "./import";
export {
  busArnAt,
  designResources,
  putRuleInput,
  RESOURCE_TARGET_ARNS,
  ruleDefinition,
  targetArnFor,
  targetIdFor,
  targetIdOf,
  targetSpecFor,
  type DesignResources,
  type Placement,
  type ResourceTargetNode,
  type TargetNode,
} from "./resources";
export { planChanges, type ChangeAction, type FieldChange, type KeptResource, type Plan, type PlanBus, type PlannedChange, type PlanOptions, type ResourceKind } from "./plan";
export { applyPlan, type ApplyOptions, type ApplyResult, type StepResult } from "./apply";
export {
  applyDesign,
  importAccount,
  importRequestInput,
  parseImportRequest,
  parsePlanRequest,
  planDesign,
  planFingerprint,
  planRequestInput,
  type FingerprintedPlan,
  type ImportOutcome,
  type ImportRequest,
  type PlanRequest,
} from "./workflow";
export { errorLine, ndjsonResponse, type NdjsonSend } from "./ndjson";
export { readOptionalJsonBody } from "./request-body";
