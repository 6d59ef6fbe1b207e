/**
 * Schedule expressions, one grammar for EventBridge rules and EventBridge Scheduler:
 * `rate(value unit)`, `cron(six fields)` and (Scheduler only) `at(yyyy-mm-ddThh:mm:ss)`.
 *   rules:     https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 *   Scheduler: https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */
import { CronSyntaxError, nextCronTime, parseCron, type Cron } from "./cron";
import { resolveWallTime } from "./time-zone";

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export type Schedule =
  | { readonly kind: "rate"; readonly everyMs: number }
  | { readonly kind: "cron"; readonly cron: Cron }
  /** A wall-clock time, read in the schedule's time zone. */
  | { readonly kind: "at"; readonly wall: number };

export class ScheduleExpressionError extends Error {
  constructor(
    readonly expression: string,
    /** What is wrong, for people; AWS's APIs answer only "Parameter ScheduleExpression is not valid." */
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface ScheduleOptions {
  /** EventBridge Scheduler also takes one-time `at(...)` schedules; rules do not. */
  readonly allowAt?: boolean;
}

const RATE = /^rate\((.*)\)$/;
const RATE_BODY = /^\s*(\d+)\s+([a-z]+)\s*$/;
const CRON = /^cron\((.*)\)$/;
const AT = /^at\((.*)\)$/;
const AT_BODY = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

function rate(expression: string, body: string): Schedule {
  const match = RATE_BODY.exec(body);
  const unit = match?.[2] ?? "";
  const singular = unit.endsWith("s") ? unit.slice(0, -1) : unit;
  if (match === null || !Object.hasOwn(UNIT_MS, singular)) {
    throw new ScheduleExpressionError(expression, "Use rate(<value> <unit>) with a whole number and minute(s), hour(s) or day(s)");
  }
  const value = Number(match[1]);
  if (value < 1) throw new ScheduleExpressionError(expression, "The rate value must be a positive whole number");
  if (value === 1 && unit !== singular) throw new ScheduleExpressionError(expression, `Use the singular unit for a value of 1: rate(1 ${singular})`);
  if (value > 1 && unit === singular) throw new ScheduleExpressionError(expression, `Use the plural unit for a value above 1: rate(${value} ${unit}s)`);
  return { kind: "rate", everyMs: value * UNIT_MS[singular as keyof typeof UNIT_MS] };
}

function at(expression: string, body: string): Schedule {
  const match = AT_BODY.exec(body);
  if (match === null) throw new ScheduleExpressionError(expression, "Write a one-time schedule as at(yyyy-mm-ddThh:mm:ss)");
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(wall);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new ScheduleExpressionError(expression, `${body} is not a date and time of day`);
  }
  return { kind: "at", wall };
}

/** Reads a schedule expression; throws ScheduleExpressionError saying what is wrong. */
export function parseScheduleExpression(expression: string, options: ScheduleOptions = {}): Schedule {
  if (expression.trim() === "") throw new ScheduleExpressionError(expression, "Schedule expression is empty");
  const rateBody = RATE.exec(expression)?.[1];
  if (rateBody !== undefined) return rate(expression, rateBody);
  const cronBody = CRON.exec(expression)?.[1];
  if (cronBody !== undefined) {
    try {
      return { kind: "cron", cron: parseCron(cronBody) };
    } catch (error) {
      if (error instanceof CronSyntaxError) throw new ScheduleExpressionError(expression, error.message);
      throw error;
    }
  }
  const atBody = AT.exec(expression)?.[1];
  if (atBody !== undefined) {
    if (!options.allowAt) throw new ScheduleExpressionError(expression, "One-time at(...) schedules are for EventBridge Scheduler, not rules");
    return at(expression, atBody);
  }
  throw new ScheduleExpressionError(expression, options.allowAt ? "Schedule expression must be rate(...), cron(...) or at(...)" : "Schedule expression must be rate(...) or cron(...)");
}

/** Why `expression` is not a valid schedule expression, or undefined when it is. */
export function scheduleExpressionProblem(expression: string, options: ScheduleOptions = {}): string | undefined {
  try {
    parseScheduleExpression(expression, options);
    return undefined;
  } catch (error) {
    if (error instanceof ScheduleExpressionError) return error.reason;
    throw error;
  }
}

export interface NextFireOptions {
  /** IANA zone the cron fields and `at` times are read in (UTC, as for rules, when absent). */
  readonly timeZone?: string;
  /** A rate's first occurrence; the others follow every period. `after` when absent. */
  readonly rateStart?: number;
}

/**
 * The schedule's first occurrence strictly after `after` (epoch ms), or undefined when it has
 * none (a past `at`, a cron whose years are over). A rate counts fixed durations, so a day is 24
 * hours whatever the time zone (as Scheduler documents for daylight-saving changes).
 */
export function nextFireTime(schedule: Schedule, after: number, options: NextFireOptions = {}): number | undefined {
  const timeZone = options.timeZone ?? "UTC";
  switch (schedule.kind) {
    case "rate": {
      const start = options.rateStart ?? after;
      const periods = start > after ? 0 : Math.floor((after - start) / schedule.everyMs) + 1;
      const next = start + periods * schedule.everyMs;
      return Number.isSafeInteger(next) && next <= MAX_TIME ? next : undefined;
    }
    case "cron":
      return nextCronTime(schedule.cron, after, timeZone);
    case "at": {
      const instant = resolveWallTime(schedule.wall, timeZone);
      return instant > after ? instant : undefined;
    }
  }
}

/** The latest time a JavaScript Date holds. */
const MAX_TIME = 8.64e15;
