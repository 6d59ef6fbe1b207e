/**
 * A design read as the EventBridge resources it stands for: in each account and region its buses
 * are in, those buses (with their archives), its rules (by bus and name) and each rule's targets
 * as PutTargets takes them. Pure. `placeDesign` is the one walk: "Run locally"
 * (lib/run-locally/deploy-design.ts) deploys every account's share of it on the local endpoint,
 * the AWS plan (`designResources`) the home account's, so what runs locally is what is pushed to
 * AWS; target ARNs are built from `RESOURCE_TARGET_ARNS` (target-arn.ts), as in the IaC export.
 */
import { arnOf, busArn, type Scope } from "@/lib/arn";
import { indexDesign, type DesignIndex } from "@/lib/graph/graph-index";
import { isTargetNode, type Design, type EventBusNode, type EventsV2BusNode, type RuleNode, type SubscriberNode, type TargetNode } from "@/lib/graph";
import { targetIdFor, targetIdOf } from "@/lib/graph/target-id";
import { DESIGN_TAG, type ArchiveState, type BusState, type RuleState, type Tags, type Target } from "./account-state";
import { RESOURCE_TARGET_ARNS, resourceNameOf } from "./target-arn";


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
  const { service, prefix } = RESOURCE_TARGET_ARNS[node.kind];
  const account = node.crossAccount && node.account !== undefined ? node.account : where.account;
  return arnOf(service, { account, region: node.region ?? where.region }, `${prefix}${resourceNameOf(node)}`);
}

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

/** Something in the design the mapping leaves out, said of the node it concerns. */
export interface DesignProblem {
  readonly nodeId: string;
  readonly message: string;
}

/** A bus node as placed: every variant (the consumer decides which buses it creates). */
export interface PlacedBus {
  readonly nodeId: string;
  readonly name: string;
  readonly variant: EventBusNode["variant"];
  readonly archive?: ArchiveState;
}

export type PlacedRule = RuleState & { readonly nodeId: string };

/** A Custom Event Bus as placed, with its subscribers (each with its one target's ARN). */
export interface PlacedNewBus {
  readonly nodeId: string;
  readonly name: string;
  readonly retentionDays: number;
  readonly subscribers: readonly PlacedSubscriber[];
}

export type PlacedSubscriber = Pick<SubscriberNode, "name" | "filters" | "transform" | "ordering" | "state" | "retryPolicy"> & {
  readonly nodeId: string;
  readonly targetArn: string;
};

/** What a design holds in one account and region. */
export interface PlacedResources {
  readonly where: Placement;
  /** Every bus node placed here, in the design's order. */
  readonly buses: readonly PlacedBus[];
  readonly rules: readonly PlacedRule[];
  /** Every Custom Event Bus node placed here, in the design's order. */
  readonly newBuses: readonly PlacedNewBus[];
  /** Targets of these rules that forward to no bus, subscribers without a target. */
  readonly problems: readonly DesignProblem[];
}

export interface PlacedDesign {
  /** One per account and region the design's buses are in, in the order of their first bus. */
  readonly placements: readonly PlacedResources[];
  /** Rules no bus feeds, subscribers of no bus. */
  readonly unplaced: readonly DesignProblem[];
}

/**
 * The design's buses, archives, rules and targets in every account and region `placementOf`
 * puts its buses in; a rule goes where its bus is, and target ARNs are built for that place.
 * Everything created is tagged with `designId`.
 */
export function placeDesign(design: Design, placementOf: (bus: EventBusNode | EventsV2BusNode) => Placement, designId?: string): PlacedDesign {
  const index = indexDesign(design);
  const tags = tagsFor(designId);
  const unplaced: DesignProblem[] = [];
  const placements = new Map<string, { where: Placement; buses: PlacedBus[]; rules: PlacedRule[]; newBuses: PlacedNewBus[]; problems: DesignProblem[] }>();
  const placed = (bus: EventBusNode | EventsV2BusNode) => {
    const where = placementOf(bus);
    const key = `${where.account}/${where.region}`;
    let found = placements.get(key);
    if (found === undefined) placements.set(key, (found = { where, buses: [], rules: [], newBuses: [], problems: [] }));
    return found;
  };
  for (const node of design.nodes) {
    if (node.kind !== "event-bus") continue;
    const { archive } = node;
    placed(node).buses.push({
      nodeId: node.id,
      name: node.name,
      variant: node.variant,
      ...(archive === undefined
        ? {}
        : { archive: { name: archive.name, bus: node.name, ...(archive.pattern.trim() === "" ? {} : { eventPattern: archive.pattern }), retentionDays: archive.retentionDays } }),
    });
  }
  for (const node of design.nodes) {
    if (node.kind !== "rule") continue;
    const bus = index.predecessors(node.id, "feeds", "event-bus")[0];
    if (bus === undefined) {
      unplaced.push({ nodeId: node.id, message: `Rule ${node.name} is fed by no event bus and is left out.` });
      continue;
    }
    const here = placed(bus);
    here.rules.push({ ...ruleDefinition(node, bus.name), tags, targets: targetsOf(node, { design, index, ...here }), nodeId: node.id });
  }
  const newBuses = new Map<string, PlacedNewBus & { subscribers: PlacedSubscriber[] }>();
  for (const node of design.nodes) {
    if (node.kind !== "eventsv2-bus") continue;
    const newBus = { nodeId: node.id, name: node.name, retentionDays: node.retentionDays, subscribers: [] };
    newBuses.set(node.id, newBus);
    placed(node).newBuses.push(newBus);
  }
  for (const node of design.nodes) {
    if (node.kind !== "subscriber") continue;
    const bus = index.predecessors(node.id, "subscribes", "eventsv2-bus")[0];
    const newBus = bus === undefined ? undefined : newBuses.get(bus.id);
    if (bus === undefined || newBus === undefined) {
      unplaced.push({ nodeId: node.id, message: `Subscriber ${node.name} subscribes to no Custom Event Bus and is left out.` });
      continue;
    }
    const target = index.outgoing(node.id, "invokes").map((edge) => index.node(edge.target)).find((n) => n !== undefined && isTargetNode(n));
    const targetArn = target === undefined || !isTargetNode(target) ? undefined : targetArnFor(target, design, placementOf(bus));
    if (targetArn === undefined) {
      placed(bus).problems.push({ nodeId: node.id, message: `Subscriber ${node.name} has no target and is left out.` });
      continue;
    }
    const { name, filters, transform, ordering, state, retryPolicy } = node;
    newBus.subscribers.push({ nodeId: node.id, name, filters, transform, ordering, state, retryPolicy, targetArn });
  }
  return { placements: [...placements.values()], unplaced };
}

const tagsFor = (designId: string | undefined): Tags => (designId === undefined ? {} : { [DESIGN_TAG]: designId });

/** Problems sorted by their node's place in the design. */
export function inDesignOrder(design: Design, problems: readonly DesignProblem[]): DesignProblem[] {
  const order = new Map(design.nodes.map((node, i) => [node.id, i]));
  return [...problems].sort((a, b) => (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0));
}

interface Mapping {
  readonly design: Design;
  readonly index: DesignIndex;
  readonly where: Placement;
  readonly problems: DesignProblem[];
}

function targetsOf(rule: RuleNode, { design, index, where, problems }: Mapping): Target[] {
  const targets: Target[] = [];
  for (const edge of index.outgoing(rule.id, "invokes")) {
    const target = index.node(edge.target);
    if (target === undefined || !isTargetNode(target)) continue;
    const arn = targetArnFor(target, design, where);
    if (arn === undefined) {
      problems.push({ nodeId: target.id, message: `Target ${target.id} of rule ${rule.name} forwards to no bus and is left out.` });
      continue;
    }
    targets.push(targetSpecFor(target, arn));
  }
  return targets;
}

export interface DesignResources {
  readonly buses: readonly BusState[];
  readonly rules: readonly RuleState[];
  readonly archives: readonly ArchiveState[];
  /** What the design holds that this mapping does not deploy, one sentence each. */
  readonly problems: readonly DesignProblem[];
}

/**
 * What the design creates in its home account and region (`where`): the custom buses (the
 * default bus exists already and partner buses are created by their partner), the archives, and
 * the rules and targets, tagged with `designId`. Rules of other accounts' and regions' buses are
 * left out, each with a problem.
 */
export function designResources(design: Design, where: Placement, designId?: string): DesignResources {
  const placedDesign = placeDesign(design, (bus) => ({ account: bus.account ?? where.account, region: bus.region ?? where.region }), designId);
  const isHome = (placement: Placement) => placement.account === where.account && placement.region === where.region;
  const home = placedDesign.placements.find((placement) => isHome(placement.where));
  const buses: BusState[] = [];
  for (const bus of home?.buses ?? []) {
    if (bus.variant === "custom" && !buses.some((other) => other.name === bus.name)) buses.push({ name: bus.name, tags: tagsFor(designId), nodeId: bus.nodeId });
  }
  const elsewhere = placedDesign.placements
    .filter((placement) => placement !== home)
    .flatMap(({ where: there, rules }) =>
      rules.map((rule) => ({
        nodeId: rule.nodeId,
        message: `Rule ${rule.name} is on bus ${rule.bus} in ${there.account !== where.account ? `account ${there.account}` : `region ${there.region}`} and is left out.`,
      })),
    );
  return {
    buses,
    rules: home?.rules ?? [],
    archives: (home?.buses ?? []).flatMap((bus) => (bus.archive === undefined ? [] : [bus.archive])),
    problems: inDesignOrder(design, [...placedDesign.unplaced, ...(home?.problems ?? []), ...elsewhere]),
  };
}

/** A rule node as the rule AWS holds on bus `busName` (without tags and targets). */
function ruleDefinition(node: RuleNode, busName: string): Omit<RuleState, "targets" | "tags"> {
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
