/**
 * A design read as the EventBridge resources it stands for in one account and region: the
 * buses it creates, its rules (by bus and name) and each rule's targets as PutTargets takes
 * them. Pure. "Run locally" (lib/run-locally/deploy-design.ts) and the AWS plan both use this one
 * mapping, so what runs locally is what is pushed to AWS.
 */
import { arnOf, busArn, type Scope } from "@/lib/arn";
import { indexDesign, type DesignIndex } from "@/lib/graph/graph-index";
import { isTargetNode, type Design, type EventBusNode, type NodeOfKind, type RuleNode, type TargetNode } from "@/lib/graph";
import { targetIdFor, targetIdOf } from "@/lib/graph/target-id";
import { DESIGN_TAG, type ArchiveState, type BusState, type RuleState, type Tags, type Target } from "./account-state";


/** Where the design is deployed: its home account and region. */
export type Placement = Scope;

export { targetIdFor, targetIdOf };

/**
 * The ARN a target delivers to. An API destination's real ARN ends in an id AWS generates, so
 * it is given without it (`…:api-destination/<name>`); `sameTargetArn` accepts either.
 * Undefined for an event-bus target that forwards to no bus.
 */
export function targetArnFor(node: TargetNode, design: Design, where: Placement): string | undefined {
  if (node.kind === "event-bus-target") {
    const forwards = design.edges.find((e) => e.kind === "forwards" && e.source === node.id);
    const bus = forwards === undefined ? undefined : design.nodes.find((n) => n.id === forwards.target);
    if (bus?.kind !== "event-bus") return undefined;
    return busArn({ account: bus.account ?? where.account, region: bus.region ?? where.region }, bus.name);
  }
  if (node.kind === "api-destination") return arnOf("events", where, `api-destination/${node.name}`);
  const shape = RESOURCE_TARGET_ARNS[node.kind] as ResourceTargetArn<ResourceTargetNode>;
  const account = node.crossAccount && node.account !== undefined ? node.account : where.account;
  return arnOf(shape.service, { account, region: node.region ?? where.region }, `${shape.prefix}${shape.nameOf(node)}`);
}

/** Targets that are resources living elsewhere (a function, queue, topic…), named in the design. */
export type ResourceTargetNode = NodeOfKind<"lambda" | "sns" | "sqs" | "step-functions" | "firehose" | "kinesis" | "cloudwatch-logs">;

export interface ResourceTargetArn<N extends ResourceTargetNode> {
  /** The ARN's service. */
  readonly service: string;
  /** What precedes the name in the ARN's resource part (`function:`, `stream/`). */
  readonly prefix: string;
  readonly nameOf: (node: N) => string;
}

/**
 * How each resource target's ARN is built: `arn:<partition>:<service>:<region>:<account>:<prefix><name>`.
 * The IaC export (lib/iac/model.ts) reads the same table, with the name as a parameter.
 */
export const RESOURCE_TARGET_ARNS: { readonly [K in ResourceTargetNode["kind"]]: ResourceTargetArn<NodeOfKind<K>> } = {
  lambda: { service: "lambda", prefix: "function:", nameOf: (n) => n.functionName },
  sns: { service: "sns", prefix: "", nameOf: (n) => n.topicName },
  sqs: { service: "sqs", prefix: "", nameOf: (n) => n.queueName },
  "step-functions": { service: "states", prefix: "stateMachine:", nameOf: (n) => n.stateMachineName },
  firehose: { service: "firehose", prefix: "deliverystream/", nameOf: (n) => n.deliveryStreamName },
  kinesis: { service: "kinesis", prefix: "stream/", nameOf: (n) => n.streamName },
  "cloudwatch-logs": { service: "logs", prefix: "log-group:", nameOf: (n) => n.logGroupName },
};

/** The target as PutTargets takes it. */
export function targetSpecFor(node: TargetNode, arn: string): Target {
  const input = node.input;
  return {
    Id: targetIdOf(node),
    Arn: arn,
    ...(node.roleArn === undefined ? {} : { RoleArn: node.roleArn }),
    ...(input.type === "constant" ? { Input: input.input } : {}),
    ...(input.type === "input-path" ? { InputPath: input.inputPath } : {}),
    ...(input.type === "input-transformer" ? { InputTransformer: { InputPathsMap: input.inputPathsMap, InputTemplate: input.inputTemplate } } : {}),
    RetryPolicy: {
      MaximumRetryAttempts: node.retryPolicy.maximumRetryAttempts,
      MaximumEventAgeInSeconds: node.retryPolicy.maximumEventAgeInSeconds,
    },
    ...(node.deadLetterQueueArn === undefined ? {} : { DeadLetterConfig: { Arn: node.deadLetterQueueArn } }),
    ...(node.kind === "sqs" && node.messageGroupId !== undefined ? { SqsParameters: { MessageGroupId: node.messageGroupId } } : {}),
    ...(node.kind === "kinesis" && node.partitionKeyPath !== undefined ? { KinesisParameters: { PartitionKeyPath: node.partitionKeyPath } } : {}),
  };
}

export interface DesignResources {
  readonly buses: readonly BusState[];
  readonly rules: readonly RuleState[];
  readonly archives: readonly ArchiveState[];
  /** What the design holds that this mapping does not deploy, one sentence each. */
  readonly notes: readonly string[];
}

/**
 * The buses (custom buses of the home account; the default bus exists already and partner
 * buses are created by their partner), rules and targets of a design, tagged with `designId`.
 */
export function designResources(design: Design, where: Placement, designId?: string): DesignResources {
  const index = indexDesign(design);
  const tags: Tags = designId === undefined ? {} : { [DESIGN_TAG]: designId };
  const notes: string[] = [];
  // The buses of this account and region; a design may also draw other accounts' and regions'.
  const isHome = (bus: EventBusNode) => (bus.account === undefined || bus.account === where.account) && (bus.region === undefined || bus.region === where.region);
  const buses: BusState[] = [];
  const archives: ArchiveState[] = [];
  for (const node of design.nodes) {
    if (node.kind === "event-bus" && node.archive !== undefined && isHome(node)) {
      const { name, pattern, retentionDays } = node.archive;
      archives.push({ name, bus: node.name, ...(pattern.trim() === "" ? {} : { eventPattern: pattern }), retentionDays });
    }
    if (node.kind !== "event-bus" || !isHome(node) || node.variant !== "custom") continue;
    if (buses.some((bus) => bus.name === node.name)) continue;
    buses.push({ name: node.name, tags, nodeId: node.id });
  }
  const rules: RuleState[] = [];
  for (const node of design.nodes) {
    if (node.kind !== "rule") continue;
    const bus = index.predecessors(node.id, "feeds", "event-bus")[0];
    if (bus === undefined) {
      notes.push(`Rule ${node.name} is fed by no event bus and is left out.`);
      continue;
    }
    if (!isHome(bus)) {
      const elsewhere = bus.account !== undefined && bus.account !== where.account ? `account ${bus.account}` : `region ${bus.region}`;
      notes.push(`Rule ${node.name} is on bus ${bus.name} in ${elsewhere} and is left out.`);
      continue;
    }
    rules.push(ruleState(node, bus, { design, index, where, tags, notes }));
  }
  return { buses, rules, archives, notes };
}

interface Mapping {
  readonly design: Design;
  readonly index: DesignIndex;
  readonly where: Placement;
  readonly tags: Tags;
  readonly notes: string[];
}

function ruleState(node: RuleNode, bus: EventBusNode, { design, index, where, tags, notes }: Mapping): RuleState {
  const targets: Target[] = [];
  for (const edge of index.outgoing(node.id, "invokes")) {
    const target = index.node(edge.target);
    if (target === undefined || !isTargetNode(target)) continue;
    const arn = targetArnFor(target, design, where);
    if (arn === undefined) {
      notes.push(`Target ${target.id} of rule ${node.name} forwards to no bus and is left out.`);
      continue;
    }
    targets.push(targetSpecFor(target, arn));
  }
  return { ...ruleDefinition(node, bus.name), tags, targets, nodeId: node.id };
}

/** A rule node as the rule AWS holds on bus `busName` (without tags and targets). */
export function ruleDefinition(node: RuleNode, busName: string): Omit<RuleState, "targets" | "tags"> {
  return {
    name: node.name,
    bus: busName,
    ...(node.trigger.type === "pattern" ? { eventPattern: node.trigger.pattern } : { scheduleExpression: node.trigger.expression }),
    state: node.enabled ? "ENABLED" : "DISABLED",
    ...(node.description === "" ? {} : { description: node.description }),
    ...(node.roleArn === undefined ? {} : { roleArn: node.roleArn }),
  };
}

const RULE_STATES = ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"] as const;

/** PutRule's parameters for a rule (PutRule replaces the whole definition, so every field is sent). */
export function putRuleInput(rule: Omit<RuleState, "targets" | "tags">) {
  return {
    Name: rule.name,
    EventBusName: rule.bus,
    EventPattern: rule.eventPattern,
    ScheduleExpression: rule.scheduleExpression,
    State: RULE_STATES.find((state) => state === rule.state) ?? "ENABLED",
    // An empty description clears the old one.
    Description: rule.description ?? "",
    RoleArn: rule.roleArn,
  };
}
