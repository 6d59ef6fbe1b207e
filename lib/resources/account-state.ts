/**
 * EventBridge resources in one shape, whether read from an account (import) or derived from a
 * design (design-resources.ts): buses, rules (identified by bus + name) and their targets as AWS's own
 * `Target` structure. The plan compares two of these; apply sends them back through the SDK.
 */
import type { Target } from "@aws-sdk/client-eventbridge";

export type { Target };

/** The tag Switchyard puts on what it creates: the id of the design the resource belongs to. */
export const DESIGN_TAG = "switchyard:design";

export type Tags = Readonly<Record<string, string>>;

export interface BusState {
  readonly name: string;
  readonly arn?: string;
  readonly tags: Tags;
  /** The design node it comes from (desired state only). */
  readonly nodeId?: string;
}

export interface RuleState {
  readonly name: string;
  /** The bus's name (`default` for the account's default bus). */
  readonly bus: string;
  readonly arn?: string;
  readonly eventPattern?: string;
  readonly scheduleExpression?: string;
  /** ENABLED, DISABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS. */
  readonly state: string;
  readonly description?: string;
  readonly roleArn?: string;
  readonly tags: Tags;
  readonly targets: readonly Target[];
  readonly nodeId?: string;
}

/** An archive of a bus (DescribeArchive); archives cannot be tagged, so Switchyard never deletes one. */
export interface ArchiveState {
  readonly name: string;
  /** The name of the bus it archives. */
  readonly bus: string;
  /** Absent: every event. */
  readonly eventPattern?: string;
  /** 0 keeps events forever. */
  readonly retentionDays: number;
}

/** An API destination some target calls (DescribeApiDestination); its connection's secret stays in AWS. */
export interface ApiDestinationState {
  readonly name: string;
  readonly arn: string;
  readonly endpoint: string;
  readonly method: string;
  readonly connectionArn?: string;
  readonly rateLimitPerSecond?: number;
}

export interface AccountState {
  /** 12-digit account id (from the default bus's ARN when read). */
  readonly account: string;
  readonly region: string;
  readonly buses: readonly BusState[];
  readonly rules: readonly RuleState[];
  /** Archives of the buses read (of home buses, for a design). */
  readonly archives: readonly ArchiveState[];
  /** The API destinations the rules' targets call (read by import only). */
  readonly apiDestinations?: readonly ApiDestinationState[];
}

/** `bus/rule`: a rule's identity, since rule names are unique per bus only. */
export function ruleKey(rule: { readonly bus: string; readonly name: string }): string {
  return `${rule.bus}/${rule.name}`;
}
