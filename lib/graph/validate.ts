/**
 * `validateDesign`: AWS's limits and the mistakes people make, as plain `Problem` data the
 * canvas shows on nodes and in its problems list. The input is a schema-valid design; checks
 * here are about meaning (names, limits, connections, loops), never about shape.
 *
 * Limits are from the EventBridge API reference (PutRule, CreateEventBus, PutTargets,
 * CreateArchive) and the Lambda event source mapping reference.
 */
import { isJson } from "../format";
import { RETRY_POLICY_LIMITS } from "../limits";
import { eventsV2Problems } from "./eventsv2-validate";
import { pipesProblems } from "./pipes-validate";
import { schedulerProblems } from "./scheduler-validate";
import { indexDesign, type DesignIndex } from "./graph-index";
import { findEventLoops } from "./loops";
import { checkPattern } from "./pattern-check";
import { checkName } from "./name-check";
import { problem, type Problem, type Report } from "./problems";
import { canConnect, isTargetNode, type TargetNode } from "./registry";
import { scheduleExpressionProblem } from "../schedule";
import { ROLE_ARN, checkTargetSettings } from "./target-checks";
import { targetIdOf } from "./target-id";
import type { Design, DesignNode, EventBusNode, InputMode, NodeOfKind, RuleNode } from "./schema";

export const LIMITS = {
  ruleName: { max: 64, pattern: /^[.\-_A-Za-z0-9]+$/ },
  busName: { max: 256, pattern: /^[/.\-_A-Za-z0-9]+$/ },
  archiveName: { max: 48, pattern: /^[.\-_A-Za-z0-9]+$/ },
  ruleDescription: 512,
  targetsPerRule: 5,
  ...RETRY_POLICY_LIMITS,
  inputPathsMapEntries: 100,
  inputTemplate: 8192,
  input: 8192,
  batchSize: { min: 1, max: 10_000 },
  /** MaximumBatchingWindowInSeconds of event source mappings and pipes. */
  batchingWindowSeconds: { max: 300 },
  filterCriteria: 5,
} as const;

const ACCOUNT_ID = /^\d{12}$/;
const PARTNER_SOURCE = /^aws\.partner(\/[.\-_A-Za-z0-9]+){2,}$/;
const TARGET_ID = /^[.\-_A-Za-z0-9]{1,64}$/;
const PATHS_MAP_KEY = /^[A-Za-z0-9_-]+$/;
/** Placeholders EventBridge fills in without an InputPathsMap entry. */
const PREDEFINED_PLACEHOLDERS = new Set([
  "aws.events.rule-arn",
  "aws.events.rule-name",
  "aws.events.event.ingestion-time",
  "aws.events.event",
  "aws.events.event.json",
]);


/** Every problem in `design`, structural ones first, event loops last. */
export function validateDesign(design: Design): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (init) => problems.push(problem(init));
  const index = indexDesign(design);

  checkStructure(design, index, report);
  for (const node of design.nodes) checkNode(node, index, report);
  checkBusUniqueness(index, report);
  checkSamples(design, report);
  problems.push(...eventsV2Problems(index));
  problems.push(...schedulerProblems(index));
  problems.push(...pipesProblems(index));
  problems.push(...findEventLoops(index));
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Structure: ids, edges, connections

function checkStructure(design: Design, index: DesignIndex, report: Report): void {
  reportDuplicates(design.nodes.map((n) => n.id), (id) => report({ code: "duplicate-id", nodeId: id, message: `Two nodes share the id "${id}"` }));
  reportDuplicates(design.edges.map((e) => e.id), (id) => report({ code: "duplicate-id", edgeId: id, message: `Two edges share the id "${id}"` }));

  const seen = new Set<string>();
  for (const edge of design.edges) {
    const source = index.node(edge.source);
    const target = index.node(edge.target);
    if (!source || !target) {
      const missing = [!source && `source "${edge.source}"`, !target && `target "${edge.target}"`].filter(Boolean).join(" and ");
      report({ code: "dangling-edge", edgeId: edge.id, message: `Edge ${edge.id} points to a missing ${missing}` });
      continue;
    }
    if (!canConnect(edge.kind, source.kind, target.kind)) {
      report({
        code: "invalid-connection",
        edgeId: edge.id,
        nodeId: target.id,
        message: `A ${source.kind} cannot connect to a ${target.kind} with a "${edge.kind}" edge`,
      });
    }
    const key = `${edge.kind}\u0000${edge.source}\u0000${edge.target}`;
    if (seen.has(key)) report({ code: "duplicate-edge", edgeId: edge.id, message: `${name(source)} is already connected to ${name(target)}` });
    seen.add(key);
  }

  for (const node of index.nodes.values()) {
    if (index.degree(node.id) === 0) report({ code: "unconnected-node", nodeId: node.id, message: `${name(node)} is not connected to anything` });
  }
}

function reportDuplicates(ids: readonly string[], onDuplicate: (id: string) => void): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const id of ids) {
    if (seen.has(id) && !reported.has(id)) {
      reported.add(id);
      onDuplicate(id);
    }
    seen.add(id);
  }
}

/** How a node is named in messages: its AWS name where it has one, else its kind and id. */
function name(node: DesignNode): string {
  switch (node.kind) {
    case "rule":
      return `rule ${node.name}`;
    case "event-bus":
      return `bus ${node.name}`;
    default:
      return `${node.kind} ${node.id}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Per node

function checkNode(node: DesignNode, index: DesignIndex, report: Report): void {
  switch (node.kind) {
    case "aws-service":
      if (!/^aws\.[a-z0-9.-]+$/.test(node.source)) {
        report({ code: "invalid-source", nodeId: node.id, field: "source", message: `An AWS service source looks like "aws.ec2", not "${node.source}"` });
      }
      return checkPartnerTargets(node, index, report);
    case "custom-app":
      if (node.source.trim() === "") report({ code: "invalid-source", nodeId: node.id, field: "source", message: "The source must not be empty" });
      else if (node.source.startsWith("aws.")) {
        report({ code: "invalid-source", nodeId: node.id, field: "source", message: `Sources starting with "aws." are reserved for AWS services: ${node.source}` });
      }
      return checkPartnerTargets(node, index, report);
    case "saas-partner":
      if (!PARTNER_SOURCE.test(node.eventSourceName)) {
        report({
          code: "invalid-source",
          nodeId: node.id,
          field: "eventSourceName",
          message: `A partner event source is named aws.partner/<partner>/<name>, not "${node.eventSourceName}"`,
        });
      }
      return checkPartnerTargets(node, index, report);
    case "schedule":
      return checkPartnerTargets(node, index, report);
    case "http-api":
      if (!node.path.startsWith("/")) report({ code: "invalid-route", nodeId: node.id, field: "path", message: `An HTTP API route path starts with "/", not "${node.path}"` });
      return;
    case "kafka-topic":
      checkAccount(node, node.account, report);
      return checkStreamSource(node, index, report);
    case "dynamodb-stream":
    case "kinesis-stream-source":
    case "sqs-queue-source":
      return checkStreamSource(node, index, report);
    case "event-bus":
      return checkBus(node, report);
    case "rule":
      return checkRule(node, index, report);
    case "event-bus-target":
      checkTarget(node, index, report);
      return checkBusTarget(node, index, report);
    case "lambda":
    case "sns":
    case "sqs":
    case "step-functions":
    case "firehose":
    case "kinesis":
    case "cloudwatch-logs":
    case "api-destination":
      return checkTarget(node, index, report);
    case "dynamodb-table":
    case "s3-bucket":
    case "database":
    case "resource":
    // Scheduler's and Pipes' own checks: scheduler-validate.ts, pipes-validate.ts.
    case "schedule-group":
    case "pipe":
    // The Custom Event Bus's nodes: eventsv2-validate.ts.
    case "eventsv2-bus":
    case "eventsv2-source":
    case "subscriber":
      return;
  }
}

function checkAccount(node: DesignNode, account: string | undefined, report: Report): void {
  if (account !== undefined && !ACCOUNT_ID.test(account)) {
    report({ code: "invalid-account-id", nodeId: node.id, field: "account", message: `An account id is 12 digits, not "${account}"` });
  }
}

/** Producers other than a partner source cannot put events on a partner bus, and vice versa. */
function checkPartnerTargets(node: NodeOfKind<"aws-service" | "custom-app" | "saas-partner" | "schedule">, index: DesignIndex, report: Report): void {
  for (const bus of index.successors(node.id, "puts-events", "event-bus")) {
    if (node.kind === "saas-partner") {
      if (bus.variant !== "partner" || bus.name !== node.eventSourceName) {
        report({
          code: "partner-bus-mismatch",
          nodeId: node.id,
          message: `A partner source delivers only to the partner bus named after it (${node.eventSourceName}), not to bus ${bus.name}`,
        });
      }
    } else if (bus.variant === "partner") {
      report({ code: "partner-bus-mismatch", nodeId: node.id, message: `Only its partner event source can put events on partner bus ${bus.name}` });
    }
  }
}

function checkStreamSource(node: NodeOfKind<"kafka-topic" | "dynamodb-stream" | "kinesis-stream-source" | "sqs-queue-source">, index: DesignIndex, report: Report): void {
  const { min, max } = LIMITS.batchSize;
  if (node.batchSize < min || node.batchSize > max) {
    report({ code: "out-of-range", nodeId: node.id, field: "batchSize", message: `Batch size must be ${min} to ${max}, not ${node.batchSize}` });
  }
  if (node.filterCriteria.length > LIMITS.filterCriteria) {
    report({ code: "out-of-range", nodeId: node.id, field: "filterCriteria", message: `At most ${LIMITS.filterCriteria} filters per source (found ${node.filterCriteria.length})` });
  }
  node.filterCriteria.forEach((filter, i) => {
    const first = checkPattern(filter)[0];
    if (first) report({ code: "invalid-filter-pattern", nodeId: node.id, field: `filterCriteria.${i}`, offset: first.offset, message: `Filter ${i + 1}: ${first.message}` });
  });
  if (node.reader === "event-source-mapping" && index.outgoing(node.id, "puts-events").length > 0) {
    report({
      code: "stream-reader-mismatch",
      nodeId: node.id,
      field: "reader",
      message: "An event source mapping only invokes a function; use a pipe to put records on an event bus",
    });
  }
  if (node.reader === "event-source-mapping" && index.outgoing(node.id, "feeds-pipe").length > 0) {
    report({ code: "stream-reader-mismatch", nodeId: node.id, field: "reader", message: 'A pipe reads this source: set "Read by" to pipe, so its batch size and filters are the pipe\'s' });
  }
  const window = node.batchingWindowSeconds;
  if (window !== undefined && window > LIMITS.batchingWindowSeconds.max) {
    report({ code: "out-of-range", nodeId: node.id, field: "batchingWindowSeconds", message: `The batching window is 0 to ${LIMITS.batchingWindowSeconds.max} seconds, not ${window}` });
  }
}

function checkBus(bus: EventBusNode, report: Report): void {
  checkName(bus.id, "name", bus.name, "event bus name", LIMITS.busName, report);
  if (bus.variant === "default" && bus.name !== "default") {
    report({ code: "reserved-bus-name", nodeId: bus.id, field: "name", message: `The default event bus is always named "default", not "${bus.name}"` });
  }
  if (bus.variant !== "default" && bus.name === "default") {
    report({ code: "reserved-bus-name", nodeId: bus.id, field: "name", message: `"default" is reserved for the account's default event bus` });
  }
  if (bus.variant === "custom" && bus.name.includes("/")) {
    report({ code: "invalid-name", nodeId: bus.id, field: "name", message: `Custom event bus names cannot contain "/": ${bus.name}` });
  }
  if (bus.variant === "partner" && !PARTNER_SOURCE.test(bus.name)) {
    report({ code: "invalid-name", nodeId: bus.id, field: "name", message: `A partner event bus is named after its partner event source (aws.partner/…), not "${bus.name}"` });
  }
  checkAccount(bus, bus.account, report);
  if (bus.archive) {
    checkName(bus.id, "archive.name", bus.archive.name, "archive name", LIMITS.archiveName, report);
    if (bus.archive.pattern.trim() !== "") {
      const first = checkPattern(bus.archive.pattern)[0];
      if (first) report({ code: "invalid-pattern", nodeId: bus.id, field: "archive.pattern", offset: first.offset, message: `Event pattern is not valid. Reason: ${first.message}` });
    }
  }
}

function checkBusUniqueness(index: DesignIndex, report: Report): void {
  const seen = new Set<string>();
  for (const node of index.nodes.values()) {
    if (node.kind !== "event-bus") continue;
    const key = `${node.account ?? ""}/${node.region ?? ""}/${node.name}`;
    if (seen.has(key)) report({ code: "duplicate-bus", nodeId: node.id, field: "name", message: `Another bus is named ${node.name} in the same account and region` });
    seen.add(key);
  }
}

function checkRule(rule: RuleNode, index: DesignIndex, report: Report): void {
  checkName(rule.id, "name", rule.name, "rule name", LIMITS.ruleName, report);
  if (rule.description.length > LIMITS.ruleDescription) {
    report({ code: "text-too-long", nodeId: rule.id, field: "description", message: `A rule description is at most ${LIMITS.ruleDescription} characters (it is ${rule.description.length})` });
  }

  const buses = index.predecessors(rule.id, "feeds", "event-bus");
  if (buses.length === 0) report({ code: "rule-without-bus", nodeId: rule.id, message: `Rule ${rule.name} is not on any event bus` });
  if (buses.length > 1) report({ code: "rule-on-several-buses", nodeId: rule.id, message: `A rule belongs to exactly one bus; ${rule.name} is on ${buses.length}` });
  const bus = buses[0];
  if (bus) {
    const clash = index
      .successors(bus.id, "feeds", "rule")
      .find((other) => other.id !== rule.id && other.name === rule.name && index.design.nodes.indexOf(other) < index.design.nodes.indexOf(rule));
    if (clash) report({ code: "duplicate-rule-name", nodeId: rule.id, field: "name", message: `Bus ${bus.name} already has a rule named ${rule.name}` });
  }

  const targets = index.outgoing(rule.id, "invokes");
  if (targets.length === 0 && bus) report({ code: "rule-without-targets", nodeId: rule.id, message: `Rule ${rule.name} has no targets` });
  if (targets.length > LIMITS.targetsPerRule) {
    report({ code: "too-many-targets", nodeId: rule.id, message: `A rule can have at most ${LIMITS.targetsPerRule} targets; ${rule.name} has ${targets.length}` });
  }
  // Target ids are unique per rule in AWS (imported targets keep theirs: `targetId`).
  const seen = new Set<string>();
  for (const edge of targets) {
    const target = index.node(edge.target);
    if (target === undefined || !isTargetNode(target)) continue;
    const id = targetIdOf(target);
    if (seen.has(id)) report({ code: "duplicate-target-id", nodeId: target.id, field: "targetId", message: `Rule ${rule.name} already has a target with the id ${id}` });
    seen.add(id);
  }
  if (rule.roleArn !== undefined && !ROLE_ARN.test(rule.roleArn)) {
    report({ code: "invalid-arn", nodeId: rule.id, field: "roleArn", message: `A role ARN looks like arn:aws:iam::<account>:role/<name>, not "${rule.roleArn}"` });
  }

  if (rule.trigger.type === "pattern") {
    if (rule.trigger.pattern.trim() === "") {
      report({ code: "empty-pattern", nodeId: rule.id, field: "trigger.pattern", message: "The rule needs an event pattern" });
      return;
    }
    for (const issue of checkPattern(rule.trigger.pattern)) {
      report({ code: "invalid-pattern", nodeId: rule.id, field: "trigger.pattern", offset: issue.offset, message: `Event pattern is not valid. Reason: ${issue.message}` });
    }
    return;
  }
  const reason = scheduleExpressionProblem(rule.trigger.expression);
  if (reason) report({ code: "invalid-schedule-expression", nodeId: rule.id, field: "trigger.expression", message: reason });
  for (const b of buses) {
    if (b.variant !== "default") {
      report({ code: "schedule-not-on-default-bus", nodeId: rule.id, message: `Schedule rules run only on the default event bus, not on ${b.name}` });
    }
  }
}


function checkTarget(target: TargetNode, index: DesignIndex, report: Report): void {
  const invokedBy = index.incoming(target.id, "invokes").length;
  const fedByStream = index.incoming(target.id, "feeds-function").length;
  const delivered = index.incoming(target.id, "delivers").length;
  // A function that puts events is a producer of the design (started by something not drawn).
  const publishes = index.outgoing(target.id, "puts-events").length;
  if (invokedBy === 0 && fedByStream === 0 && delivered === 0 && publishes === 0 && index.degree(target.id) > 0) {
    report({ code: "target-not-invoked", nodeId: target.id, message: `No rule, subscriber, schedule or pipe invokes ${name(target)}` });
  }

  checkTargetSettings(target.id, target, report);
  if (target.targetId !== undefined && !TARGET_ID.test(target.targetId)) {
    report({ code: "invalid-name", nodeId: target.id, field: "targetId", message: `A target id is 1 to 64 letters, digits, ".", "-" or "_", not "${target.targetId}"` });
  }
  checkInput(target, target.input, report);

  if (target.kind !== "event-bus-target" && target.kind !== "api-destination") {
    checkAccount(target, target.account, report);
    if (target.crossAccount && target.account === undefined) {
      report({ code: "cross-account-without-account-id", nodeId: target.id, field: "account", message: `${name(target)} is in another account: give its 12-digit account id` });
    }
  }
  if (target.kind === "sqs") {
    const fifo = target.queueName.endsWith(".fifo");
    if (fifo && !target.messageGroupId) {
      report({ code: "fifo-needs-message-group-id", nodeId: target.id, field: "messageGroupId", message: `FIFO queue ${target.queueName} needs a message group id` });
    }
    if (!fifo && target.messageGroupId) {
      report({ code: "message-group-id-ignored", nodeId: target.id, field: "messageGroupId", message: `A message group id applies only to FIFO queues (names ending .fifo)` });
    }
  }
  if (target.kind === "api-destination" && !/^https:\/\/[^\s/]+/.test(target.endpoint)) {
    report({ code: "invalid-endpoint", nodeId: target.id, field: "endpoint", message: `An API destination endpoint must be an https:// URL, not "${target.endpoint}"` });
  }
}

function checkInput(target: TargetNode, input: InputMode, report: Report): void {
  const at = (field: string, message: string) => report({ code: "invalid-input", nodeId: target.id, field: `input.${field}`, message });
  switch (input.type) {
    case "matched-event":
      return;
    case "input-path":
      if (!input.inputPath.startsWith("$")) at("inputPath", `InputPath is a JSON path starting with "$", not "${input.inputPath}"`);
      return;
    case "constant":
      if (input.input.length > LIMITS.input) at("input", `Constant input is at most ${LIMITS.input} characters`);
      else if (!isJson(input.input)) at("input", "Constant input must be valid JSON");
      return;
    case "input-transformer": {
      const entries = Object.entries(input.inputPathsMap);
      if (entries.length > LIMITS.inputPathsMapEntries) at("inputPathsMap", `InputPathsMap has at most ${LIMITS.inputPathsMapEntries} entries (found ${entries.length})`);
      for (const [key, path] of entries) {
        if (!PATHS_MAP_KEY.test(key)) at(`inputPathsMap.${key}`, `InputPathsMap keys may only contain letters, digits, _ and -: "${key}"`);
        else if (PREDEFINED_PLACEHOLDERS.has(key)) at(`inputPathsMap.${key}`, `"${key}" is a predefined variable and cannot be redefined`);
        if (!path.startsWith("$")) at(`inputPathsMap.${key}`, `InputPathsMap values are JSON paths starting with "$", not "${path}"`);
      }
      if (input.inputTemplate.length > LIMITS.inputTemplate) at("inputTemplate", `InputTemplate is at most ${LIMITS.inputTemplate} characters`);
      for (const match of input.inputTemplate.matchAll(/<([^<>\s"]+)>/g)) {
        const placeholder = match[1]!;
        if (!(placeholder in input.inputPathsMap) && !PREDEFINED_PLACEHOLDERS.has(placeholder)) {
          report({
            code: "unknown-template-placeholder",
            nodeId: target.id,
            field: "input.inputTemplate",
            offset: match.index,
            message: `<${placeholder}> is not defined in InputPathsMap`,
          });
        }
      }
      return;
    }
  }
}

/**
 * Samples are JSON texts (an event, or a stream record) and expectations name them: a broken
 * sample or an unknown name would make every check of it fail for the wrong reason.
 */
function checkSamples(design: Design, report: Report): void {
  const samples = design.samples ?? [];
  samples.forEach((sample, i) => {
    if (!isJson(sample.event)) {
      report({ code: "invalid-sample", nodeId: sample.producer, field: `samples.${i}.event`, message: `Sample "${sample.name}" is not valid JSON` });
    }
  });
  const ids = new Set(samples.map((s) => s.id));
  for (const node of design.nodes) {
    const expectations = "expectations" in node ? (node.expectations ?? []) : [];
    expectations.forEach((expectation, i) => {
      if (!ids.has(expectation.sample)) {
        report({ code: "unknown-sample", nodeId: node.id, field: `expectations.${i}.sample`, message: `The expectation refers to sample "${expectation.sample}", which the design does not have` });
      }
    });
  }
}

/** An event-bus target forwards to exactly one bus; its account intent must fit that bus's. */
function checkBusTarget(target: NodeOfKind<"event-bus-target">, index: DesignIndex, report: Report): void {
  const destinations = index.successors(target.id, "forwards", "event-bus");
  if (destinations.length !== 1) {
    report({ code: "bus-target-destination", nodeId: target.id, message: `An event-bus target forwards to exactly one bus; this one forwards to ${destinations.length}` });
  }
  const destination = destinations[0];
  if (!destination) return;
  if (target.crossAccount && destination.account === undefined) {
    report({
      code: "cross-account-without-account-id",
      nodeId: destination.id,
      field: "account",
      relatedNodeIds: [target.id],
      message: `Bus ${destination.name} receives events from another account: give its 12-digit account id`,
    });
  }
  const sourceAccounts = new Set(
    index
      .predecessors(target.id, "invokes", "rule")
      .flatMap((rule) => index.predecessors(rule.id, "feeds", "event-bus"))
      .map((bus) => bus.account)
      .filter((account): account is string => account !== undefined),
  );
  const crosses = destination.account !== undefined && [...sourceAccounts].some((account) => account !== destination.account);
  if (crosses && !target.crossAccount) {
    report({ code: "account-mismatch", nodeId: target.id, field: "crossAccount", message: `Bus ${destination.name} is in account ${destination.account}, another account than the rule's bus: mark the target cross-account` });
  }
}
