/**
 * The lab's view of an EventBridge Scheduler schedule: its next scheduled times in its time zone
 * (with the zone's offset at each, so daylight-saving changes show), the flexible window each may
 * fire in, and the exact input its target receives at the next one, context attributes filled in
 * as the local runner fills them (lib/schedule); for a bus target, the event as the bus receives it.
 *   https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html
 */
import { scheduleArn, type Scope } from "@/lib/arn";
import { buildEnvelope } from "@/lib/emulator/events/event-envelope";
import { indexDesign } from "@/lib/graph/graph-index";
import { scheduleGroupNameOf, scheduleNameOf, type NodeOfKind, type Design } from "@/lib/graph";
import { scheduleTargetOf, type ScheduleTargetOf } from "@/lib/resources/schedule-resources";
import { fillContextAttributes, parseScheduleExpression, ScheduleExpressionError, upcomingFires, type UpcomingFire } from "@/lib/schedule";

/** Account and region the preview's ARNs are written in (the design names none for schedules). */
export const PREVIEW_SCOPE: Scope = { account: "123456789012", region: "us-east-1" };
/** The execution id shown in the preview: Scheduler draws a new one for each invocation. */
export const PREVIEW_EXECUTION_ID = "d32c5kddcf5bb8c3";

export interface SchedulePreview {
  readonly scheduleArn: string;
  readonly timeZone: string;
  readonly fires: readonly UpcomingFire[];
  readonly windowMinutes: number | undefined;
  readonly target: ScheduleTargetOf | undefined;
  /** The target's input at the next fire (undefined when there is none, or no target). */
  readonly payload: string | undefined;
  /** A bus target: the event the bus receives. */
  readonly event: string | undefined;
  /** Why no times can be listed (the expression does not parse). */
  readonly problem: string | undefined;
}

export function previewSchedule(design: Design, node: NodeOfKind<"schedule">, now: number, count = 10, where: Scope = PREVIEW_SCOPE): SchedulePreview {
  const index = indexDesign(design);
  const arn = scheduleArn(where, scheduleGroupNameOf(node, index), scheduleNameOf(node));
  const timeZone = node.timezone ?? "UTC";
  const target = scheduleTargetOf(node, index, where);
  const base = { scheduleArn: arn, timeZone, windowMinutes: node.flexibleWindowMinutes, target };
  let fires: UpcomingFire[];
  try {
    const schedule = parseScheduleExpression(node.expression, { allowAt: true });
    const bounds = { timeZone, start: dateOf(node.startDate), end: dateOf(node.endDate) };
    fires = upcomingFires(schedule, schedule.kind === "at" ? { timeZone } : bounds, now, count);
  } catch (error) {
    if (error instanceof ScheduleExpressionError) return { ...base, fires: [], payload: undefined, event: undefined, problem: error.reason };
    throw error;
  }
  const next = fires[0];
  if (next === undefined || target === undefined) return { ...base, fires, payload: undefined, event: undefined, problem: undefined };
  // Without an Input the local runner sends an empty JSON object.
  const payload = fillContextAttributes(node.targetInput ?? "{}", { scheduleArn: arn, scheduledTime: next.scheduled, executionId: PREVIEW_EXECUTION_ID, attemptNumber: 1 });
  const event =
    target.kind === "bus"
      ? buildEnvelope({ id: PREVIEW_EXECUTION_ID, source: node.source, detailType: node.detailType, account: where.account, region: where.region, time: new Date(next.scheduled), resources: [arn], detail: payload })
      : undefined;
  return { ...base, fires, payload, event, problem: undefined };
}

function dateOf(text: string | undefined): number | undefined {
  const time = text === undefined ? NaN : Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}
