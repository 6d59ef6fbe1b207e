/**
 * AWS's rules for the Custom Event Bus's nodes (bus, event source, subscriber), as problems.
 *
 * Ranges and shapes: AWS::EventsV2::* in the CloudFormation reference and the eventsv2 API
 * reference (RetryPolicy, OnFailureConfiguration, JsonataConfiguration, Subscriber Filter);
 * behaviour: the EventBridge user guide's Custom Event Bus chapter (eb-custom-bus-*.html);
 * quotas: eb-quota.html, "Custom Event Bus quotas".
 */
import type { DesignIndex } from "./graph-index";
import { checkPattern, checkSubscriberFilter } from "./pattern-check";
import { problem, type Problem, type Report } from "./problems";
import type { FilterScope, NodeOfKind, SubscriberNode } from "./schema";

export const EVENTSV2_LIMITS = {
  /** Bus, subscriber and event source names: alphanumeric first, then also `.`, `-`, `_`. */
  name: /^[A-Za-z0-9][.\-_A-Za-z0-9]*$/,
  retentionDays: { min: 1, max: 365 },
  filterPattern: 4096,
  jsonataExpression: 8192,
  maxEventAgeInSeconds: { min: 60, max: 86_400 },
  maxRetryAttempts: { min: 0, max: 185 },
  /** Adjustable service quotas, per account and Region. */
  busesPerAccount: 5,
  eventSourcesPerAccount: 200,
  subscribersPerBus: 10_000,
} as const;

/** OnFailureConfiguration.Arn: an SQS queue is the only supported destination. */
const SQS_QUEUE_ARN = /^arn:aws(-[a-z0-9]+)*:sqs:[a-z][a-z0-9]*(-[a-z0-9]+)*:[0-9]{12}:([A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/;
/** JsonataConfiguration.Expression: one `{% … %}` block. */
const JSONATA_EXPRESSION = /^\{%[\s\S]+?%\}$/;
const ACCOUNT_ID = /^\d{12}$/;
const SCOPES: readonly FilterScope[] = ["DATA", "METADATA", "SYSTEM_METADATA"];

type EventsV2Node = NodeOfKind<"eventsv2-bus" | "eventsv2-source" | "subscriber">;

/** Every problem of the design's Custom Event Bus nodes, quotas included. */
export function eventsV2Problems(index: DesignIndex): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (init) => problems.push(problem(init));
  for (const node of index.nodes.values()) {
    if (node.kind === "eventsv2-bus") checkBus(node, index, report);
    else if (node.kind === "eventsv2-source") checkSource(node, index, report);
    else if (node.kind === "subscriber") checkSubscriber(node, index, report);
  }
  checkAccountQuotas(index, report);
  return problems;
}

function checkName(node: EventsV2Node, what: string, report: Report): void {
  if (!EVENTSV2_LIMITS.name.test(node.name)) {
    report({ code: "invalid-name", nodeId: node.id, field: "name", message: `The ${what} name "${node.name}" must start with a letter or digit and hold only letters, digits, ".", "-" and "_"` });
  }
}

function checkDeadLetterQueue(node: EventsV2Node & { deadLetterQueueArn?: string }, report: Report): void {
  if (node.deadLetterQueueArn !== undefined && !SQS_QUEUE_ARN.test(node.deadLetterQueueArn)) {
    report({
      code: "invalid-arn",
      nodeId: node.id,
      field: "deadLetterQueueArn",
      message: `The Custom Event Bus sends undeliverable events only to an SQS queue: give its ARN (arn:aws:sqs:<region>:<account>:<name>), not "${node.deadLetterQueueArn}"`,
    });
  }
}

function checkRange(node: EventsV2Node, field: string, label: string, value: number, range: { min: number; max: number }, report: Report): void {
  if (value < range.min || value > range.max) {
    report({ code: "out-of-range", nodeId: node.id, field, message: `${label} must be ${range.min.toLocaleString("en-US")} to ${range.max.toLocaleString("en-US")}, not ${value}` });
  }
}

function checkBus(bus: NodeOfKind<"eventsv2-bus">, index: DesignIndex, report: Report): void {
  checkName(bus, "event bus", report);
  checkRange(bus, "retentionDays", "Retention", bus.retentionDays, EVENTSV2_LIMITS.retentionDays, report);
  if (bus.account !== undefined && !ACCOUNT_ID.test(bus.account)) {
    report({ code: "invalid-account-id", nodeId: bus.id, field: "account", message: `An account id is 12 digits, not "${bus.account}"` });
  }
  const subscribers = index.successors(bus.id, "subscribes", "subscriber");
  if (subscribers.length > EVENTSV2_LIMITS.subscribersPerBus) {
    report({ code: "quota-exceeded", nodeId: bus.id, message: `Bus ${bus.name} has ${subscribers.length} subscribers; the quota is ${EVENTSV2_LIMITS.subscribersPerBus.toLocaleString("en-US")} per bus` });
  }
  const seen = new Set<string>();
  for (const subscriber of subscribers) {
    if (seen.has(subscriber.name)) {
      report({ code: "duplicate-subscriber-name", nodeId: subscriber.id, field: "name", message: `Bus ${bus.name} already has a subscriber named ${subscriber.name}` });
    }
    seen.add(subscriber.name);
  }
}

function checkSource(source: NodeOfKind<"eventsv2-source">, index: DesignIndex, report: Report): void {
  checkName(source, "event source", report);
  const buses = index.successors(source.id, "puts-events", "eventsv2-bus");
  if (buses.length !== 1) {
    report({ code: "source-without-bus", nodeId: source.id, message: `An event source is attached to exactly one Custom Event Bus; ${source.name} is attached to ${buses.length}` });
  }
  const config = source.config;
  if (config.type === "aws-service" && !/^aws\.[a-z0-9.-]+$/.test(config.awsService)) {
    report({ code: "invalid-source", nodeId: source.id, field: "config.awsService", message: `An AWS service is named like "aws.s3", not "${config.awsService}"` });
  }
  if (config.type === "partner" && !/^arn:aws[a-z-]*:events:[a-z0-9-]+::event-source\/aws\.partner\/.+/.test(config.partnerEventSourceArn)) {
    report({
      code: "invalid-arn",
      nodeId: source.id,
      field: "config.partnerEventSourceArn",
      message: `A partner event source ARN looks like arn:aws:events:<region>::event-source/aws.partner/<partner>/<name>, not "${config.partnerEventSourceArn}"`,
    });
  }
  if (config.pattern !== undefined) {
    const first = checkPattern(config.pattern)[0];
    if (first) report({ code: "invalid-pattern", nodeId: source.id, field: "config.pattern", offset: first.offset, message: `Event pattern is not valid. Reason: ${first.message}` });
  }
  checkDeadLetterQueue(source, report);
}

function checkSubscriber(subscriber: SubscriberNode, index: DesignIndex, report: Report): void {
  checkName(subscriber, "subscriber", report);
  const buses = index.predecessors(subscriber.id, "subscribes", "eventsv2-bus");
  if (buses.length !== 1) {
    report({ code: "subscriber-without-bus", nodeId: subscriber.id, message: `A subscriber belongs to exactly one Custom Event Bus; ${subscriber.name} is on ${buses.length}` });
  }
  const targets = index.outgoing(subscriber.id, "invokes");
  if (targets.length === 0) report({ code: "subscriber-without-target", nodeId: subscriber.id, message: `Subscriber ${subscriber.name} has no target` });
  if (targets.length > 1) {
    report({ code: "too-many-subscriber-targets", nodeId: subscriber.id, message: `A subscriber delivers to exactly one target; ${subscriber.name} has ${targets.length}` });
  }

  for (const scope of SCOPES) {
    const pattern = subscriber.filters[scope];
    if (pattern === undefined) continue;
    const field = `filters.${scope}`;
    if (pattern.length > EVENTSV2_LIMITS.filterPattern) {
      report({ code: "text-too-long", nodeId: subscriber.id, field, message: `A ${scope} filter is at most ${EVENTSV2_LIMITS.filterPattern.toLocaleString("en-US")} characters (it is ${pattern.length})` });
      continue;
    }
    for (const issue of checkSubscriberFilter(pattern, scope, EVENTSV2_LIMITS.filterPattern)) {
      report({ code: "invalid-filter-pattern", nodeId: subscriber.id, field, offset: issue.offset, message: `${scope} filter: ${issue.message}` });
    }
  }

  checkTransform(subscriber, index, report);
  if (subscriber.start.type === "TIMESTAMP" && subscriber.start.startingPoint === 0) {
    report({ code: "out-of-range", nodeId: subscriber.id, field: "start.startingPoint", message: "A point-in-time start needs a time (seconds since the Unix epoch)" });
  }
  checkRange(subscriber, "retryPolicy.maxEventAgeInSeconds", "Maximum event age (seconds)", subscriber.retryPolicy.maxEventAgeInSeconds, EVENTSV2_LIMITS.maxEventAgeInSeconds, report);
  checkRange(subscriber, "retryPolicy.maxRetryAttempts", "Maximum retry attempts", subscriber.retryPolicy.maxRetryAttempts, EVENTSV2_LIMITS.maxRetryAttempts, report);
  checkDeadLetterQueue(subscriber, report);
}

function checkTransform(subscriber: SubscriberNode, index: DesignIndex, report: Report): void {
  const transform = subscriber.transform;
  const field = "transform.expression";
  if (transform.type === "JSONATA") {
    if (transform.expression.length > EVENTSV2_LIMITS.jsonataExpression) {
      report({ code: "text-too-long", nodeId: subscriber.id, field, message: `A JSONata expression is at most ${EVENTSV2_LIMITS.jsonataExpression.toLocaleString("en-US")} characters (it is ${transform.expression.length})` });
    } else if (!JSONATA_EXPRESSION.test(transform.expression.trim())) {
      report({ code: "invalid-transform", nodeId: subscriber.id, field, message: "A JSONata transform is one expression wrapped in {% … %}" });
    }
  }
  const toClassicBus = index.successors(subscriber.id, "invokes", "event-bus-target").some((target) => index.successors(target.id, "forwards", "event-bus").length > 0);
  if (toClassicBus && transform.type !== "RAW") {
    report({ code: "invalid-transform", nodeId: subscriber.id, field: "transform", message: `A subscriber whose target is a Custom Event Bus – Classic takes the RAW transform only, not ${transform.type}` });
  }
}

function checkAccountQuotas(index: DesignIndex, report: Report): void {
  const busesByAccount = new Map<string, NodeOfKind<"eventsv2-bus">[]>();
  const sources: EventsV2Node[] = [];
  for (const node of index.nodes.values()) {
    if (node.kind === "eventsv2-source") sources.push(node);
    if (node.kind !== "eventsv2-bus") continue;
    const key = `${node.account ?? ""}/${node.region ?? ""}`;
    busesByAccount.set(key, [...(busesByAccount.get(key) ?? []), node]);
  }
  for (const buses of busesByAccount.values()) {
    const over = buses[EVENTSV2_LIMITS.busesPerAccount];
    if (over) report({ code: "quota-exceeded", nodeId: over.id, message: `${buses.length} Custom Event Buses in one account and Region; the quota is ${EVENTSV2_LIMITS.busesPerAccount}` });
    const names = new Set<string>();
    for (const bus of buses) {
      if (names.has(bus.name)) report({ code: "duplicate-bus", nodeId: bus.id, field: "name", message: `Another Custom Event Bus is named ${bus.name} in the same account and Region` });
      names.add(bus.name);
    }
  }
  const overSource = sources[EVENTSV2_LIMITS.eventSourcesPerAccount];
  if (overSource) {
    report({ code: "quota-exceeded", nodeId: overSource.id, message: `${sources.length} event sources; the quota is ${EVENTSV2_LIMITS.eventSourcesPerAccount} per account and Region` });
  }
}
