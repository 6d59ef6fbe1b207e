/**
 * An EventBridge Scheduler schedule's occurrences and the input its target receives at each: the
 * pure part the local runner (lib/emulator/scheduler) and the lab's preview share.
 *   schedule types, start and end dates: https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 *   context attributes: https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html
 */
import { nextFireTime, type Schedule } from "./expression";
import { wallTimeAt } from "./time-zone";

export interface ScheduleBounds {
  /** IANA zone the expression is read in; UTC when absent. */
  readonly timeZone?: string;
  /** Epoch ms: a rate or cron schedule's StartDate and EndDate (a one-time schedule ignores both). */
  readonly start?: number;
  readonly end?: number;
}

/**
 * The schedule's first scheduled time strictly after `after`, within its start and end dates. A
 * rate counts its periods from its StartDate, which sets its first occurrence, or without one
 * from `plannedAt` (when the settings took effect), and fires there first.
 */
export function occurrenceAfter(schedule: Schedule, bounds: ScheduleBounds, plannedAt: number, after: number): number | undefined {
  const timeZone = bounds.timeZone ?? "UTC";
  if (schedule.kind === "at") return nextFireTime(schedule, after, { timeZone });
  const { start, end } = bounds;
  const from = start === undefined ? after : Math.max(after, start - 1);
  const next = nextFireTime(schedule, from, schedule.kind === "rate" ? { rateStart: start ?? plannedAt } : { timeZone });
  if (next === undefined) return undefined;
  return end !== undefined && next >= end ? undefined : next;
}

/**
 * Where in its flexible window a scheduled time fires: a fixed point (whole seconds) drawn from
 * the schedule's ARN and the time, so every process and every restart agrees on it and tests can
 * predict it. AWS only promises "within the window"; the point is ours.
 */
export function flexibleOffsetMs(windowMinutes: number | undefined, scheduleArn: string, scheduled: number): number {
  const window = (windowMinutes ?? 0) * 60;
  if (window === 0) return 0;
  let hash = 2166136261;
  for (const char of `${scheduleArn}@${scheduled}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return (hash % window) * 1000;
}

/** Scheduler's scheduled-time format: seconds, no fraction (`2022-03-22T18:59:43Z`). */
export const scheduledTimeText = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");

export interface ContextAttributes {
  readonly scheduleArn: string;
  readonly scheduledTime: number;
  readonly executionId: string;
  readonly attemptNumber: number;
}

/** The target's input with `<aws.scheduler.…>` keywords replaced, as Scheduler does when it invokes the target. */
export function fillContextAttributes(input: string, values: ContextAttributes): string {
  return input
    .replaceAll("<aws.scheduler.schedule-arn>", values.scheduleArn)
    .replaceAll("<aws.scheduler.scheduled-time>", scheduledTimeText(values.scheduledTime))
    .replaceAll("<aws.scheduler.execution-id>", values.executionId)
    .replaceAll("<aws.scheduler.attempt-number>", String(values.attemptNumber));
}

/** One upcoming scheduled time, read in the schedule's zone. */
export interface UpcomingFire {
  readonly scheduled: number;
  /** The zone's offset from UTC at that time, in minutes (60 for CET, 120 for CEST). */
  readonly utcOffsetMinutes: number;
  /** The offset differs from the previous fire's (or, for the first, from the one at `after`): a daylight-saving change came between. */
  readonly offsetChanged: boolean;
}

const offsetMinutes = (instant: number, timeZone: string) => Math.round((wallTimeAt(instant, timeZone) - instant) / 60_000);

/** The schedule's next `count` scheduled times after `after` (fewer when it runs out), with the zone's offset at each. */
export function upcomingFires(schedule: Schedule, bounds: ScheduleBounds, after: number, count: number): UpcomingFire[] {
  const timeZone = bounds.timeZone ?? "UTC";
  const fires: UpcomingFire[] = [];
  let previousOffset = offsetMinutes(after, timeZone);
  let time = occurrenceAfter(schedule, bounds, after, after);
  while (time !== undefined && fires.length < count) {
    const utcOffsetMinutes = offsetMinutes(time, timeZone);
    fires.push({ scheduled: time, utcOffsetMinutes, offsetChanged: utcOffsetMinutes !== previousOffset });
    previousOffset = utcOffsetMinutes;
    time = occurrenceAfter(schedule, bounds, after, time);
  }
  return fires;
}
