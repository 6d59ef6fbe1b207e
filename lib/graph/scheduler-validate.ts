/**
 * AWS's rules for EventBridge Scheduler's nodes (schedule groups and schedules), as problems.
 *
 * Ranges and patterns: the Scheduler API reference, CreateSchedule, CreateScheduleGroup and Target
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html,
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html); universal targets:
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html
 */
import { DEFAULT_SCHEDULE_GROUP } from "../arn";
import { isJson, isJsonObject } from "../format";
import { isTimeZone, parseScheduleExpression, ScheduleExpressionError, type Schedule } from "../schedule";
import type { DesignIndex } from "./graph-index";
import { checkName } from "./name-check";
import { problem, type Problem, type Report } from "./problems";
import type { NodeOfKind } from "./schema";
import { checkTargetSettings } from "./target-checks";

export const SCHEDULER_LIMITS = {
  /** Schedule and group names. */
  name: { max: 64, pattern: /^[0-9a-zA-Z\-_.]+$/ },
  description: 512,
  flexibleWindowMinutes: { min: 1, max: 1440 },
  timezone: 50,
  /** EventBridgeParameters of a bus target. */
  source: 256,
  detailType: 128,
} as const;

/** A schedule's group: the one whose `contains` edge reaches it, else `default`. */
export function scheduleGroupNameOf(node: NodeOfKind<"schedule">, index: DesignIndex): string {
  const group = index.predecessors(node.id, "contains", "schedule-group")[0];
  return group?.name ?? DEFAULT_SCHEDULE_GROUP;
}

/** StartDate and EndDate as RFC 3339 (ISO 8601 with its offset), the form CloudFormation and Terraform take. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`: the SDK's service id and the action in camel case. */
const UNIVERSAL_SERVICE = /^[a-z0-9-]+$/;
const UNIVERSAL_ACTION = /^[a-z][A-Za-z0-9]*$/;
/** Read-only actions Scheduler refuses as universal targets (managing-targets-universal.html, "Unsupported actions"). */
const READ_ONLY_PREFIXES = ["get", "describe", "list", "poll", "receive", "search", "scan", "query", "select", "read", "lookup", "discover", "validate", "batchGet", "batchDescribe", "batchRead", "transact"];
/** Target kinds whose templated input must be JSON (API_Target.html, Input). */
const JSON_INPUT_KINDS = new Set(["lambda", "step-functions"]);


/** A schedule's name: the one it was given, or one derived from its node id. */
export function scheduleNameOf(node: NodeOfKind<"schedule">): string {
  return node.name ?? `schedule-${node.id}`.replace(/[^0-9a-zA-Z\-_.]/g, "-").slice(0, SCHEDULER_LIMITS.name.max);
}

/** Every problem of the design's schedule groups and schedules. */
export function schedulerProblems(index: DesignIndex): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (init) => problems.push(problem(init));
  const groups = new Map<string, number>();
  const schedules = new Map<string, number>();
  for (const node of index.nodes.values()) {
    if (node.kind === "schedule-group") {
      checkName(node.id, "name", node.name, "schedule group name", SCHEDULER_LIMITS.name, report);
      if (node.name === DEFAULT_SCHEDULE_GROUP) {
        report({ code: "reserved-group-name", nodeId: node.id, field: "name", message: `Every account has the schedule group "default": leave a schedule outside any group to put it there` });
      }
      const seen = (groups.get(node.name) ?? 0) + 1;
      groups.set(node.name, seen);
      if (seen === 2) report({ code: "duplicate-schedule-name", nodeId: node.id, field: "name", message: `Two schedule groups are named ${node.name}` });
    } else if (node.kind === "schedule") {
      checkSchedule(node, index, report);
      const key = `${scheduleGroupNameOf(node, index)}/${scheduleNameOf(node)}`;
      const seen = (schedules.get(key) ?? 0) + 1;
      schedules.set(key, seen);
      if (seen === 2) report({ code: "duplicate-schedule-name", nodeId: node.id, field: "name", message: `Two schedules in group ${scheduleGroupNameOf(node, index)} are named ${scheduleNameOf(node)}` });
    }
  }
  return problems;
}

function parsed(expression: string): Schedule | string {
  try {
    return parseScheduleExpression(expression, { allowAt: true });
  } catch (error) {
    if (error instanceof ScheduleExpressionError) return error.reason;
    throw error;
  }
}

function checkSchedule(node: NodeOfKind<"schedule">, index: DesignIndex, report: Report): void {
  if (node.name !== undefined) checkName(node.id, "name", node.name, "schedule name", SCHEDULER_LIMITS.name, report);
  if (node.description !== undefined && node.description.length > SCHEDULER_LIMITS.description) {
    report({ code: "text-too-long", nodeId: node.id, field: "description", message: `A schedule description is at most ${SCHEDULER_LIMITS.description} characters (it is ${node.description.length})` });
  }
  const schedule = parsed(node.expression);
  if (typeof schedule === "string") report({ code: "invalid-schedule-expression", nodeId: node.id, field: "expression", message: schedule });
  if (node.timezone !== undefined && (node.timezone.length > SCHEDULER_LIMITS.timezone || !isTimeZone(node.timezone))) {
    report({ code: "invalid-time-zone", nodeId: node.id, field: "timezone", message: `"${node.timezone}" is not an IANA time zone (such as Europe/Berlin)` });
  }
  const window = node.flexibleWindowMinutes;
  const { min, max } = SCHEDULER_LIMITS.flexibleWindowMinutes;
  if (window !== undefined && (window < min || window > max)) {
    report({ code: "out-of-range", nodeId: node.id, field: "flexibleWindowMinutes", message: `A flexible time window is ${min} to ${max} minutes, not ${window}` });
  }
  if (typeof schedule !== "string") checkDates(node, schedule, report);
  checkTargetSettings(node.id, node, report);
  checkTarget(node, index, report);
  if (index.incoming(node.id, "contains").length > 1) {
    report({ code: "schedule-in-several-groups", nodeId: node.id, message: `Schedule ${scheduleNameOf(node)} is in more than one schedule group` });
  }
}

/** Start and end dates bound rate and cron schedules; one-time schedules ignore them (API_CreateSchedule.html). */
function checkDates(node: NodeOfKind<"schedule">, schedule: Schedule, report: Report): void {
  const dates: { field: "startDate" | "endDate"; time: number | undefined }[] = [];
  for (const field of ["startDate", "endDate"] as const) {
    const text = node[field];
    if (text === undefined) continue;
    const time = DATE_TIME.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(time)) {
      report({ code: "invalid-date", nodeId: node.id, field, message: `Write the ${field === "startDate" ? "start" : "end"} date as an ISO 8601 date and time with its offset, such as 2027-01-01T00:00:00Z, not "${text}"` });
    } else if (schedule.kind === "at") {
      report({ code: "date-ignored", nodeId: node.id, field, message: `A one-time at() schedule ignores its ${field === "startDate" ? "start" : "end"} date: only rate() and cron() schedules are bounded by them` });
    }
    dates.push({ field, time: Number.isNaN(time) ? undefined : time });
  }
  const start = node.startDate === undefined ? undefined : dates.find((d) => d.field === "startDate")?.time;
  const end = node.endDate === undefined ? undefined : dates.find((d) => d.field === "endDate")?.time;
  if (start !== undefined && end !== undefined && end <= start) {
    report({ code: "invalid-date", nodeId: node.id, field: "endDate", message: `The end date ${node.endDate} must be after the start date ${node.startDate}` });
  }
  const completes = schedule.kind === "at" || end !== undefined;
  if (node.actionAfterCompletion === "DELETE" && !completes) {
    report({ code: "never-completes", nodeId: node.id, field: "actionAfterCompletion", message: `Schedule ${scheduleNameOf(node)} is never deleted: a ${schedule.kind}() schedule completes only at its end date, and it has none` });
  }
}

/** Exactly one target, and what that target takes: JSON input, PutEvents' source and detail type, a universal target's action. */
function checkTarget(node: NodeOfKind<"schedule">, index: DesignIndex, report: Report): void {
  const delivered = index.outgoing(node.id, "delivers").flatMap((edge) => index.node(edge.target) ?? []);
  const buses = index.outgoing(node.id, "puts-events").length;
  const targets = delivered.length + buses + (node.universalTarget === undefined ? 0 : 1);
  if (targets === 0) report({ code: "schedule-without-target", nodeId: node.id, message: `Schedule ${scheduleNameOf(node)} has no target: connect one, or set a universal target` });
  if (targets > 1) report({ code: "too-many-schedule-targets", nodeId: node.id, message: `Schedule ${scheduleNameOf(node)} has ${targets} targets; a schedule invokes exactly one` });
  const input = node.targetInput;
  if (input !== undefined && input.trim() === "") {
    report({ code: "invalid-input", nodeId: node.id, field: "targetInput", message: "The target input, when given, must not be empty: leave it out for the default" });
    return;
  }
  if (buses > 0) {
    if (input !== undefined && !isJsonObject(input)) report({ code: "invalid-input", nodeId: node.id, field: "targetInput", message: "An event bus target takes a JSON object as input: it is the event's detail" });
    checkEventFields(node, report);
  }
  const jsonTarget = delivered.find((target) => JSON_INPUT_KINDS.has(target.kind));
  if (jsonTarget !== undefined && input !== undefined && !isJson(input)) {
    report({ code: "invalid-input", nodeId: node.id, field: "targetInput", message: `A ${jsonTarget.kind === "lambda" ? "Lambda function" : "Step Functions state machine"} target takes well-formed JSON as input` });
  }
  const universal = node.universalTarget;
  if (universal !== undefined) {
    if (!UNIVERSAL_SERVICE.test(universal.service)) {
      report({ code: "invalid-universal-target", nodeId: node.id, field: "universalTarget.service", message: `A universal target's service is the AWS SDK's service id in lower case (such as sqs or cognitoidentityprovider), not "${universal.service}"` });
    }
    if (!UNIVERSAL_ACTION.test(universal.action)) {
      report({ code: "invalid-universal-target", nodeId: node.id, field: "universalTarget.action", message: `A universal target's action is the API action in camel case (such as sendMessage), not "${universal.action}"` });
    } else if (READ_ONLY_PREFIXES.some((prefix) => universal.action.startsWith(prefix) && /^[A-Z]?$/.test(universal.action.charAt(prefix.length)))) {
      report({ code: "invalid-universal-target", nodeId: node.id, field: "universalTarget.action", message: `Scheduler does not call read-only actions such as ${universal.action} as universal targets` });
    }
    if (input !== undefined && !isJsonObject(input)) {
      report({ code: "invalid-input", nodeId: node.id, field: "targetInput", message: `A universal target's input is a JSON object: the request parameters of ${universal.service}:${universal.action}` });
    }
  }
}

/** EventBridgeParameters: a source not reserved for AWS, and a detail type of 1 to 128 characters. */
function checkEventFields(node: NodeOfKind<"schedule">, report: Report): void {
  const { source, detailType } = node;
  if (source.trim() === "" || source.length > SCHEDULER_LIMITS.source || source.startsWith("aws.")) {
    report({ code: "invalid-source", nodeId: node.id, field: "source", message: `The event's source must be 1 to ${SCHEDULER_LIMITS.source} characters and not start with "aws.", not "${source}"` });
  }
  if (detailType.trim() === "" || detailType.length > SCHEDULER_LIMITS.detailType) {
    report({ code: "invalid-input", nodeId: node.id, field: "detailType", message: `The event's detail type must be 1 to ${SCHEDULER_LIMITS.detailType} characters` });
  }
}
