/**
 * EventBridge resources in one shape, whether read from an account (import) or derived from a
 * design (design-resources.ts): buses, rules (identified by bus + name) and their targets as AWS's own
 * `Target` structure. The plan compares two of these; apply sends them back through the SDK.
 */
import type { Target } from "@aws-sdk/client-eventbridge";
import type { PipeEnrichmentParameters, PipeSourceParameters, PipeTargetParameters } from "@aws-sdk/client-pipes";
import type { Target as ScheduleTarget } from "@aws-sdk/client-scheduler";

export type { PipeEnrichmentParameters, PipeSourceParameters, PipeTargetParameters, ScheduleTarget, Target };

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

/** A Scheduler schedule group; only groups carry tags (schedules cannot be tagged). */
export interface ScheduleGroupState {
  readonly name: string;
  readonly arn?: string;
  readonly tags: Tags;
  readonly nodeId?: string;
}

/** A Scheduler schedule (GetSchedule), identified by group and name. */
export interface ScheduleState {
  readonly name: string;
  readonly group: string;
  readonly expression: string;
  /** IANA zone; absent = UTC. */
  readonly timezone?: string;
  /** ISO 8601. */
  readonly startDate?: string;
  readonly endDate?: string;
  readonly description?: string;
  /** Absent = FlexibleTimeWindow OFF. */
  readonly flexibleWindowMinutes?: number;
  readonly state: "ENABLED" | "DISABLED";
  readonly actionAfterCompletion: "NONE" | "DELETE";
  /** As CreateSchedule takes it (the ARN of an API destination may lack its id on the design side). */
  readonly target: ScheduleTarget;
  readonly nodeId?: string;
}

/** An EventBridge pipe (DescribePipe); its source is fixed once created. */
export interface PipeState {
  readonly name: string;
  readonly arn?: string;
  readonly description?: string;
  readonly desiredState: "RUNNING" | "STOPPED";
  /** The source's ARN (or `smk://…`); on the design side a DynamoDB stream or MSK cluster is a prefix ending in `/` (AWS assigns the rest). */
  readonly source: string;
  readonly sourceParameters: PipeSourceParameters;
  readonly enrichment?: string;
  readonly enrichmentParameters?: PipeEnrichmentParameters;
  readonly target: string;
  readonly targetParameters?: PipeTargetParameters;
  readonly roleArn: string;
  readonly tags: Tags;
  readonly nodeId?: string;
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
  /** Scheduler and Pipes, when they were read (absent: not read, nothing to compare). */
  readonly scheduleGroups?: readonly ScheduleGroupState[];
  readonly schedules?: readonly ScheduleState[];
  readonly pipes?: readonly PipeState[];
  /** What could not be read (access denied), one sentence each. */
  readonly unread?: readonly string[];
}

/** `group/schedule`: a schedule's identity, since schedule names are unique per group only. */
export function scheduleKey(schedule: { readonly group: string; readonly name: string }): string {
  return `${schedule.group}/${schedule.name}`;
}

/** `bus/rule`: a rule's identity, since rule names are unique per bus only. */
export function ruleKey(rule: { readonly bus: string; readonly name: string }): string {
  return `${rule.bus}/${rule.name}`;
}
