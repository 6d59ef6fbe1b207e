/**
 * Validation problems as plain data: a code, its severity, where it sits and a message for
 * people. Severity belongs to the code (one table), so a code never means an error here and a
 * warning there.
 */

export type Severity = "error" | "warning";

export const PROBLEM_SEVERITY = {
  // Structure
  "duplicate-id": "error",
  "dangling-edge": "error",
  "invalid-connection": "error",
  "duplicate-edge": "warning",
  "unconnected-node": "warning",
  // Names and identifiers
  "invalid-name": "error",
  "reserved-bus-name": "error",
  "duplicate-bus": "error",
  "duplicate-rule-name": "error",
  "invalid-account-id": "error",
  "invalid-arn": "error",
  "invalid-source": "error",
  "text-too-long": "error",
  // Producers and streams
  "partner-bus-mismatch": "error",
  "stream-reader-mismatch": "error",
  "out-of-range": "error",
  "invalid-filter-pattern": "error",
  "invalid-route": "error",
  // Scheduler and Pipes
  "invalid-time-zone": "error",
  "schedule-without-target": "warning",
  "too-many-schedule-targets": "error",
  "schedule-in-several-groups": "error",
  "reserved-group-name": "error",
  "duplicate-schedule-name": "error",
  "invalid-date": "error",
  "date-ignored": "warning",
  "never-completes": "warning",
  "invalid-universal-target": "error",
  "pipe-without-source": "warning",
  "too-many-pipe-sources": "error",
  "pipe-without-target": "warning",
  "too-many-pipe-targets": "error",
  // Rules
  "rule-without-bus": "error",
  "rule-on-several-buses": "error",
  "rule-without-targets": "warning",
  "too-many-targets": "error",
  "duplicate-target-id": "error",
  "empty-pattern": "error",
  "invalid-pattern": "error",
  "invalid-schedule-expression": "error",
  "schedule-not-on-default-bus": "error",
  // Targets
  "target-not-invoked": "warning",
  "bus-target-destination": "error",
  "cross-account-without-account-id": "error",
  "account-mismatch": "warning",
  "invalid-input": "error",
  "unknown-template-placeholder": "warning",
  "fifo-needs-message-group-id": "error",
  "message-group-id-ignored": "warning",
  "invalid-endpoint": "error",
  // The Custom Event Bus
  "source-without-bus": "error",
  "subscriber-without-bus": "error",
  "subscriber-without-target": "warning",
  "too-many-subscriber-targets": "error",
  "duplicate-subscriber-name": "error",
  "invalid-transform": "error",
  /** Adjustable service quotas: a design above one needs an increase before it deploys. */
  "quota-exceeded": "warning",
  // Samples and expectations
  "unknown-sample": "error",
  "invalid-sample": "error",
  // Event loops
  "event-loop": "error",
  "possible-event-loop": "warning",
} as const satisfies Record<string, Severity>;

export type ProblemCode = keyof typeof PROBLEM_SEVERITY;

export interface Problem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly nodeId?: string;
  readonly edgeId?: string;
  /** The node field at fault (`name`, `trigger.pattern`, `retryPolicy.maximumRetryAttempts`). */
  readonly field?: string;
  /** For text fields: UTF-16 offset of the offending token, so an editor can mark it. */
  readonly offset?: number;
  /** Other nodes involved, e.g. every rule and bus on an event loop. */
  readonly relatedNodeIds?: readonly string[];
  readonly message: string;
}

type ProblemInit = Omit<Problem, "severity">;

export function problem(init: ProblemInit): Problem {
  return { ...init, severity: PROBLEM_SEVERITY[init.code] };
}

/** How validators hand a problem over: its severity comes from its code. */
export type Report = (p: Omit<Problem, "severity">) => void;
