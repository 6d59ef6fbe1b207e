/**
 * AWS's rules for EventBridge Scheduler's nodes (schedule groups and schedules), as problems.
 *
 * Ranges and patterns: the Scheduler API reference, CreateSchedule and CreateScheduleGroup
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html).
 */
import { isTimeZone, scheduleExpressionProblem } from "../schedule";
import type { DesignIndex } from "./graph-index";
import { problem, type Problem } from "./problems";
import type { NodeOfKind } from "./schema";

export const SCHEDULER_LIMITS = {
  /** Schedule and group names. */
  name: { max: 64, pattern: /^[0-9a-zA-Z\-_.]+$/ },
  description: 512,
  flexibleWindowMinutes: { min: 1, max: 1440 },
  maximumEventAgeInSeconds: { min: 60, max: 86_400 },
  maximumRetryAttempts: { min: 0, max: 185 },
} as const;

type Report = (p: Omit<Problem, "severity">) => void;

/** A schedule's name: the one it was given, or one derived from its node id. */
export function scheduleNameOf(node: NodeOfKind<"schedule">): string {
  return node.name ?? `schedule-${node.id}`.replace(/[^0-9a-zA-Z\-_.]/g, "-").slice(0, SCHEDULER_LIMITS.name.max);
}

/** Every problem of the design's schedule groups and schedules. */
export function schedulerProblems(index: DesignIndex): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (init) => problems.push(problem(init));
  for (const node of index.nodes.values()) {
    if (node.kind === "schedule-group") checkName(node, node.name, "schedule group", report);
    else if (node.kind === "schedule") checkSchedule(node, index, report);
  }
  return problems;
}

function checkName(node: NodeOfKind<"schedule" | "schedule-group">, value: string, what: string, report: Report): void {
  const { max, pattern } = SCHEDULER_LIMITS.name;
  if (value.length === 0 || value.length > max || !pattern.test(value)) {
    report({ code: "invalid-name", nodeId: node.id, field: "name", message: `The ${what} name "${value}" must be 1 to ${max} letters, digits, ".", "-" or "_"` });
  }
}

function checkSchedule(node: NodeOfKind<"schedule">, index: DesignIndex, report: Report): void {
  if (node.name !== undefined) checkName(node, node.name, "schedule", report);
  const reason = scheduleExpressionProblem(node.expression, { allowAt: true });
  if (reason) report({ code: "invalid-schedule-expression", nodeId: node.id, field: "expression", message: reason });
  if (node.timezone !== undefined && !isTimeZone(node.timezone)) {
    report({ code: "invalid-time-zone", nodeId: node.id, field: "timezone", message: `"${node.timezone}" is not an IANA time zone (such as Europe/Berlin)` });
  }
  const window = node.flexibleWindowMinutes;
  const { min, max } = SCHEDULER_LIMITS.flexibleWindowMinutes;
  if (window !== undefined && (window < min || window > max)) {
    report({ code: "out-of-range", nodeId: node.id, field: "flexibleWindowMinutes", message: `A flexible time window is ${min} to ${max} minutes, not ${window}` });
  }
  const targets = index.outgoing(node.id, "delivers").length + index.outgoing(node.id, "puts-events").length + (node.universalTarget === undefined ? 0 : 1);
  if (targets === 0) report({ code: "schedule-without-target", nodeId: node.id, message: `Schedule ${scheduleNameOf(node)} has no target: connect one, or set a universal target` });
  if (targets > 1) report({ code: "too-many-schedule-targets", nodeId: node.id, message: `Schedule ${scheduleNameOf(node)} has ${targets} targets; a schedule invokes exactly one` });
  if (index.incoming(node.id, "contains").length > 1) {
    report({ code: "schedule-in-several-groups", nodeId: node.id, message: `Schedule ${scheduleNameOf(node)} is in more than one schedule group` });
  }
}
