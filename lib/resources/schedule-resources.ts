/**
 * A design's EventBridge Scheduler share, as CreateScheduleGroup and CreateSchedule take it: each
 * schedule in its group (the `contains` edge's, else `default`), its target's ARN built as a rule
 * target's is (target-arn.ts), a bus by its ARN with the event's source and detail type, or a
 * universal target. Pure; "Run locally" creates these on the local Scheduler and the lab
 * previews what the target receives from the same target ARN.
 *   https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
 */
import { busArn, scheduleArn, type Scope } from "@/lib/arn";
import { withoutUndefined } from "@/lib/format";
import { indexDesign, type DesignIndex } from "@/lib/graph/graph-index";
import { isTargetNode, scheduleGroupNameOf, scheduleNameOf, type Design, type NodeOfKind } from "@/lib/graph";
import { targetArnFor } from "./design-resources";
import { universalTargetArn } from "./scheduler-pipes-resources";

/** Where a schedule's invocation goes. */
export type ScheduleTargetOf =
  | { readonly kind: "bus"; readonly arn: string; readonly nodeId: string }
  | { readonly kind: "resource"; readonly arn: string; readonly nodeId: string; readonly nodeKind: string }
  | { readonly kind: "universal"; readonly arn: string };

/** The role a schedule assumes when the design names none (Target.RoleArn is required). */
export const defaultSchedulerRoleArn = (where: Scope) => `arn:aws:iam::${where.account}:role/switchyard-scheduler`;

/** The schedule's one target (the first, when validation reports several), or undefined without one. */
export function scheduleTargetOf(node: NodeOfKind<"schedule">, index: DesignIndex, where: Scope): ScheduleTargetOf | undefined {
  for (const edge of index.outgoing(node.id, "puts-events")) {
    const bus = index.node(edge.target);
    if (bus?.kind === "event-bus") return { kind: "bus", nodeId: bus.id, arn: busArn({ account: bus.account ?? where.account, region: bus.region ?? where.region }, bus.name) };
  }
  for (const edge of index.outgoing(node.id, "delivers")) {
    const target = index.node(edge.target);
    const arn = target !== undefined && isTargetNode(target) ? targetArnFor(target, index.design, where) : undefined;
    if (target !== undefined && arn !== undefined) return { kind: "resource", nodeId: target.id, nodeKind: target.kind, arn };
  }
  const universal = node.universalTarget;
  return universal === undefined ? undefined : { kind: "universal", arn: universalTargetArn(universal) };
}

export interface PlacedSchedule {
  readonly nodeId: string;
  readonly groupName: string;
  readonly name: string;
  readonly arn: string;
  /** CreateSchedule's (and UpdateSchedule's) input. */
  readonly input: Record<string, unknown>;
}

/** ISO 8601 text as the wire's timestamp (epoch seconds). */
const epochSeconds = (text: string | undefined) => (text === undefined ? undefined : Date.parse(text) / 1000);

/** The design's schedule groups and its schedules with a target, as created in `where`. */
export function placeSchedules(design: Design, where: Scope): { groups: { nodeId: string; name: string }[]; schedules: PlacedSchedule[] } {
  const index = indexDesign(design);
  const groups = design.nodes.flatMap((node) => (node.kind === "schedule-group" ? [{ nodeId: node.id, name: node.name }] : []));
  const schedules: PlacedSchedule[] = [];
  for (const node of design.nodes) {
    if (node.kind !== "schedule") continue;
    const target = scheduleTargetOf(node, index, where);
    if (target === undefined) continue;
    const groupName = scheduleGroupNameOf(node, index);
    const name = scheduleNameOf(node);
    const retry = node.retryPolicy;
    const input = withoutUndefined({
      Name: name,
      GroupName: groupName,
      Description: node.description,
      ScheduleExpression: node.expression,
      ScheduleExpressionTimezone: node.timezone,
      StartDate: epochSeconds(node.startDate),
      EndDate: epochSeconds(node.endDate),
      State: node.state,
      ActionAfterCompletion: node.actionAfterCompletion,
      FlexibleTimeWindow: node.flexibleWindowMinutes === undefined ? { Mode: "OFF" } : { Mode: "FLEXIBLE", MaximumWindowInMinutes: node.flexibleWindowMinutes },
      Target: withoutUndefined({
        Arn: target.arn,
        RoleArn: node.roleArn ?? defaultSchedulerRoleArn(where),
        Input: node.targetInput,
        EventBridgeParameters: target.kind === "bus" ? { Source: node.source, DetailType: node.detailType } : undefined,
        RetryPolicy: retry === undefined ? undefined : { MaximumEventAgeInSeconds: retry.maximumEventAgeInSeconds, MaximumRetryAttempts: retry.maximumRetryAttempts },
        DeadLetterConfig: node.deadLetterQueueArn === undefined ? undefined : { Arn: node.deadLetterQueueArn },
      }),
    });
    schedules.push({ nodeId: node.id, groupName, name, arn: scheduleArn(where, groupName, name), input });
  }
  return { groups, schedules };
}
