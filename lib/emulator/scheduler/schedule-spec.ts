/**
 * A schedule's settings as CreateSchedule and UpdateSchedule take them (stored verbatim, after
 * the model check and the checks below), and what they mean for firing: the expression in its
 * time zone, the start and end dates, the flexible window, the target and its retry limits.
 *   https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
 */
import { isJsonObject } from "../../format";
import { DEFAULT_EVENT_AGE_SECONDS } from "../../limits";
import {
  flexibleOffsetMs as flexibleOffsetWithin,
  isTimeZone,
  occurrenceAfter as occurrenceWithin,
  parseScheduleExpression,
  ScheduleExpressionError,
  type Schedule,
  type ScheduleBounds,
} from "../../schedule";
import { invalid } from "../protocol/errors";
import type { Params } from "../protocol/params";

export interface ScheduleTarget {
  readonly Arn: string;
  readonly RoleArn: string;
  readonly Input?: string;
  readonly RetryPolicy?: { readonly MaximumEventAgeInSeconds?: number; readonly MaximumRetryAttempts?: number };
  readonly DeadLetterConfig?: { readonly Arn?: string };
  readonly EventBridgeParameters?: { readonly DetailType: string; readonly Source: string };
  readonly SqsParameters?: { readonly MessageGroupId?: string };
  /** Ecs, Kinesis, SageMaker… parameters: kept and answered back, not used locally. */
  readonly [other: string]: unknown;
}

export interface ScheduleSpec {
  readonly ScheduleExpression: string;
  readonly ScheduleExpressionTimezone?: string;
  /** Epoch seconds, as the wire carries timestamps. */
  readonly StartDate?: number;
  readonly EndDate?: number;
  readonly Description?: string;
  readonly FlexibleTimeWindow: { readonly Mode: "OFF" | "FLEXIBLE"; readonly MaximumWindowInMinutes?: number };
  readonly Target: ScheduleTarget;
  readonly ActionAfterCompletion?: "NONE" | "DELETE";
  readonly KmsKeyArn?: string;
}

/** `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`: a universal target calls that API action. */
const UNIVERSAL_TARGET = /^arn:aws[a-z-]*:scheduler:::aws-sdk:([a-z0-9-]+):([A-Za-z0-9]+)$/;

export function universalTargetAction(arn: string): { service: string; action: string } | undefined {
  const match = UNIVERSAL_TARGET.exec(arn);
  return match === null ? undefined : { service: match[1], action: match[2] };
}

/** Reads the settings of a Create/UpdateSchedule call; throws ValidationException for what the model cannot say. */
export function readScheduleSpec(params: Params): ScheduleSpec {
  const window = params.object("FlexibleTimeWindow");
  const spec: ScheduleSpec = {
    ScheduleExpression: params.string("ScheduleExpression"),
    ScheduleExpressionTimezone: params.optionalString("ScheduleExpressionTimezone"),
    StartDate: params.optionalNumber("StartDate"),
    EndDate: params.optionalNumber("EndDate"),
    Description: params.optionalString("Description"),
    FlexibleTimeWindow: {
      Mode: window.string("Mode") === "FLEXIBLE" ? "FLEXIBLE" : "OFF",
      MaximumWindowInMinutes: window.optionalNumber("MaximumWindowInMinutes"),
    },
    // Kept as sent (the model check has typed every member), so unused parameters come back from GetSchedule.
    Target: params.object("Target").verbatim() as ScheduleTarget,
    ActionAfterCompletion: params.optionalString("ActionAfterCompletion") === "DELETE" ? "DELETE" : "NONE",
    KmsKeyArn: params.optionalString("KmsKeyArn"),
  };
  scheduleOf(spec);
  const zone = spec.ScheduleExpressionTimezone;
  if (zone !== undefined && !isTimeZone(zone)) throw invalid(`Invalid ScheduleExpressionTimezone: ${zone} is not an IANA time zone (e.g. Europe/Berlin).`);
  if (spec.FlexibleTimeWindow.Mode === "FLEXIBLE" && spec.FlexibleTimeWindow.MaximumWindowInMinutes === undefined) {
    throw invalid("FlexibleTimeWindow: MaximumWindowInMinutes is required when Mode is FLEXIBLE.");
  }
  if (spec.StartDate !== undefined && spec.EndDate !== undefined && spec.EndDate <= spec.StartDate) {
    throw invalid("The EndDate must be after the StartDate.");
  }
  const target = spec.Target;
  if (target.Arn.includes(":aws-sdk:") && universalTargetAction(target.Arn) === undefined) {
    throw invalid(`Target Arn ${target.Arn} is not a universal target: write arn:aws:scheduler:::aws-sdk:<service>:<apiAction>, e.g. arn:aws:scheduler:::aws-sdk:sqs:sendMessage.`);
  }
  if (universalTargetAction(target.Arn) !== undefined && target.Input !== undefined && !isJsonObject(target.Input)) {
    throw invalid("Target Input of a universal target must be a JSON object: the parameters of the API action it calls.");
  }
  return spec;
}

/** The parsed expression; throws ValidationException naming what is wrong. */
export function scheduleOf(spec: ScheduleSpec): Schedule {
  try {
    return parseScheduleExpression(spec.ScheduleExpression, { allowAt: true });
  } catch (error) {
    if (error instanceof ScheduleExpressionError) throw invalid(`Invalid Schedule Expression ${spec.ScheduleExpression}: ${error.reason}.`);
    throw error;
  }
}

/** How long a missed or failing invocation is kept trying (RetryPolicy.MaximumEventAgeInSeconds, 24 hours by default). */
export function maximumEventAgeMs(spec: ScheduleSpec): number {
  return (spec.Target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_EVENT_AGE_SECONDS) * 1000;
}

/** The expression's time zone and the start and end dates (epoch ms), as lib/schedule reads them. */
export function boundsOf(spec: ScheduleSpec): ScheduleBounds {
  return {
    timeZone: spec.ScheduleExpressionTimezone,
    start: spec.StartDate === undefined ? undefined : spec.StartDate * 1000,
    end: spec.EndDate === undefined ? undefined : spec.EndDate * 1000,
  };
}

/** The schedule's first scheduled time strictly after `after`, within its start and end dates (lib/schedule's occurrenceAfter). */
export function occurrenceAfter(spec: ScheduleSpec, schedule: Schedule, plannedAt: number, after: number): number | undefined {
  return occurrenceWithin(schedule, boundsOf(spec), plannedAt, after);
}

/** Where in its flexible window a scheduled time fires (lib/schedule's flexibleOffsetMs). */
export function flexibleOffsetMs(spec: ScheduleSpec, scheduleArn: string, scheduled: number): number {
  const window = spec.FlexibleTimeWindow.Mode === "FLEXIBLE" ? spec.FlexibleTimeWindow.MaximumWindowInMinutes : undefined;
  return flexibleOffsetWithin(window, scheduleArn, scheduled);
}
