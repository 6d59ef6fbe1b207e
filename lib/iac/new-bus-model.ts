/**
 * The Custom Event Bus part of the export model (AWS::EventsV2::*): buses, event sources,
 * subscribers, the role each subscriber delivers through, and a resource policy where the design
 * has another account put events on a bus. Property shapes follow aws-cdk-lib's `aws-eventsv2`
 * L1 classes (CfnEventBus, CfnEventSource, CfnSubscriber, CfnResourcePolicy).
 *
 * A subscriber always invokes its target through a role (InvokeConfiguration.RoleArn is
 * required, API_InvokeConfiguration.html): one is created per target with only the action that
 * target needs, unless the design names a role. So, unlike a Classic rule, a Lambda target gets
 * no resource-based permission.
 */
import type { DesignNode, FilterScope, NodeOfKind, SubscriberNode, TargetKind, TargetNode } from "@/lib/graph";
import { DEFAULT_SUBSCRIBER_RETRY_POLICY, isTargetNode } from "@/lib/graph";
import type { DesignIndex } from "@/lib/graph/graph-index";
import { jsonataPath } from "@/lib/migration";
import { canonicalPattern } from "./json-text";
import type { Expr, Ref, ResolvedTarget, RoleModel } from "./model";
import type { NameAllocator, Names } from "./names";
import { INVOKE_ACTIONS } from "./scheduler-pipes";

/**
 * A value in a Custom Event Bus resource's properties, in CloudFormation's names: each writer
 * renders the same tree (Terraform's awscc resources take the same names in snake_case, CDK's
 * L1 props in camelCase), so the three formats cannot disagree.
 */
export type PropertyTree = string | number | ExprValue | JsonDocument | readonly PropertyTree[] | PropertyMap;
export type PropertyMap = { readonly [key: string]: PropertyTree | undefined };

/** A string built from references (an ARN): `Fn::Sub`, an HCL expression, a CDK token. */
export class ExprValue {
  constructor(readonly expr: Expr) {}
}

/** A JSON document property (a policy): its keys are not renamed; Terraform's awscc takes it as `jsonencode(…)`. */
export class JsonDocument {
  constructor(readonly value: PropertyMap) {}
}

export const NEW_BUS_TYPES = {
  EventBus: "AWS::EventsV2::EventBus",
  EventSource: "AWS::EventsV2::EventSource",
  Subscriber: "AWS::EventsV2::Subscriber",
  ResourcePolicy: "AWS::EventsV2::ResourcePolicy",
} as const;

export interface NewBusResource {
  readonly names: Names;
  /** The type's last part: `EventBus` is AWS::EventsV2::EventBus, CDK's CfnEventBus, awscc's awscc_eventsv2_event_bus. */
  readonly type: keyof typeof NEW_BUS_TYPES;
  readonly properties: PropertyMap;
}

export interface NewBusExport {
  /** Roles subscribers deliver through (trusting events.amazonaws.com, as Classic target roles do). */
  readonly roles: readonly RoleModel[];
  /** In dependency order: buses and their policies, event sources, subscribers. */
  readonly resources: readonly NewBusResource[];
}

interface NewBusModel {
  readonly node: NodeOfKind<"eventsv2-bus">;
  readonly names: Names;
  readonly arn: Expr;
}

/** What the Classic model builder lends this part: names, parameters and target resources are shared. */
export interface NewBusContext {
  readonly index: DesignIndex;
  readonly names: NameAllocator;
  readonly homeAccount: string | undefined;
  isHome(account: string | undefined): boolean;
  parameter(names: Names, description: string, defaultValue?: string): Ref;
  targetResource(node: TargetNode): ResolvedTarget;
  deadLetterQueue(nodeId: string, label: string, arn: string): Ref;
  note(text: string): void;
}

/** Targets a subscriber reaches directly; a CloudWatch Logs group needs a universal (aws-sdk) target. */
const SUBSCRIBER_TARGETS: ReadonlySet<TargetKind> = new Set(["lambda", "sqs", "sns", "step-functions", "firehose", "kinesis", "api-destination", "event-bus-target"]);

const SCOPES: readonly FilterScope[] = ["DATA", "METADATA", "SYSTEM_METADATA"];

export function buildNewBusModel(context: NewBusContext, nodes: readonly DesignNode[]): NewBusExport {
  const buses = new Map<string, NewBusModel>();
  const roles = new Map<string, RoleModel>();
  const resources: NewBusResource[] = [];
  for (const node of nodes) {
    if (node.kind !== "eventsv2-bus") continue;
    if (!context.isHome(node.account)) {
      context.note(`Custom Event Bus ${node.name} is in account ${node.account}: it, its event sources and its subscribers are created in that account, not here.`);
      continue;
    }
    const names = context.names.allocate(node.name, "bus");
    const bus: NewBusModel = { node, names, arn: [{ kind: "attr", resource: "eventsv2-bus", names, attr: "arn" }] };
    buses.set(node.id, bus);
    resources.push({ names, type: "EventBus", properties: { Name: node.name, Description: node.description, StorageConfiguration: { RetentionPeriodInDays: node.retentionDays } } });
    const accounts = putterAccounts(context, node);
    if (accounts.length > 0) {
      const arn = new ExprValue(bus.arn);
      const policy = new JsonDocument({
        Version: "2012-10-17",
        Statement: [{ Sid: "AllowPutEventsFromOtherAccounts", Effect: "Allow", Principal: { AWS: accounts }, Action: "events:PutEvents", Resource: arn }],
      });
      resources.push({ names: context.names.allocate(names.logical, "policy"), type: "ResourcePolicy", properties: { EventBusArn: arn, PolicyDocument: policy } });
    }
  }

  for (const node of nodes) {
    if (node.kind !== "eventsv2-source") continue;
    const busNode = context.index.successors(node.id, "puts-events", "eventsv2-bus")[0];
    const bus = busNode && buses.get(busNode.id);
    if (bus) resources.push(eventSource(context, node, bus));
  }

  for (const node of nodes) {
    if (node.kind !== "subscriber") continue;
    const busNode = context.index.predecessors(node.id, "subscribes", "eventsv2-bus")[0];
    const bus = busNode && buses.get(busNode.id);
    const target = context.index.outgoing(node.id, "invokes").flatMap((edge) => context.index.node(edge.target) ?? []).find(isTargetNode);
    if (bus && target) resources.push(...subscriber(context, roles, node, bus, target));
  }

  for (const node of nodes) {
    if (node.kind !== "lambda") continue;
    for (const bus of context.index.successors(node.id, "puts-events", "eventsv2-bus")) {
      context.note(`Function ${node.functionName} puts events on Custom Event Bus ${bus.name}: its execution role needs events:PutEvents on that bus.`);
    }
  }
  return { roles: [...roles.values()], resources };
}

function eventSource(context: NewBusContext, node: NodeOfKind<"eventsv2-source">, bus: NewBusModel): NewBusResource {
  const names = context.names.allocate(node.name, "event source");
  const config = node.config;
  const pattern = config.pattern === undefined || config.pattern.trim() === "" ? undefined : canonicalPattern(config.pattern).compact;
  const onFailure = node.deadLetterQueueArn === undefined ? undefined : { Arn: new ExprValue([context.deadLetterQueue(node.id, names.logical, node.deadLetterQueueArn)]) };
  return {
    names,
    type: "EventSource",
    properties: {
      Name: node.name,
      Description: node.description,
      EventBusArn: new ExprValue(bus.arn),
      Configuration:
        config.type === "aws-service"
          ? { AwsServiceEventsConfiguration: { AwsService: config.awsService, Pattern: pattern, OnFailureConfiguration: onFailure } }
          : { PartnerEventsConfiguration: { PartnerEventSourceArn: config.partnerEventSourceArn, Pattern: pattern, OnFailureConfiguration: onFailure } },
    },
  };
}

function subscriber(context: NewBusContext, roles: Map<string, RoleModel>, node: SubscriberNode, bus: NewBusModel, target: TargetNode): NewBusResource[] {
  if (!SUBSCRIBER_TARGETS.has(target.kind)) {
    context.note(`Subscriber ${node.name} targets ${target.kind} ${target.id}, which the Custom Event Bus reaches only through a universal (aws-sdk) target: it is not exported.`);
    return [];
  }
  const actions = INVOKE_ACTIONS[target.kind];
  const names = context.names.allocate(node.name, "subscriber");
  const resolved = context.targetResource(target);
  const roleArn: Expr =
    node.roleArn !== undefined
      ? [context.parameter(context.names.allocate(names.logical, "role arn"), `Role subscriber ${node.name} invokes its target with`, node.roleArn)]
      : [{ kind: "attr", resource: "role", names: subscriberRole(context, roles, target, resolved, actions).names, attr: "arn" }];
  const filters = SCOPES.flatMap((scope) => {
    const text = node.filters[scope];
    return text === undefined || text.trim() === "" ? [] : [{ Pattern: canonicalPattern(text).compact, Scope: scope }];
  });
  const transform = node.transform;
  const start = node.start;
  const retry = node.retryPolicy;
  const isDefaultRetry = retry.maxEventAgeInSeconds === DEFAULT_SUBSCRIBER_RETRY_POLICY.maxEventAgeInSeconds && retry.maxRetryAttempts === DEFAULT_SUBSCRIBER_RETRY_POLICY.maxRetryAttempts;
  const messageGroupId = target.kind === "sqs" ? target.messageGroupId : undefined;
  const partitionKey = target.kind === "kinesis" ? kinesisPartitionKey(context, node, target.partitionKeyPath) : undefined;
  return [
    {
      names,
      type: "Subscriber",
      properties: {
        Name: node.name,
        Description: node.description,
        EventBusArn: new ExprValue(bus.arn),
        FilterConfiguration: filters.length > 0 ? { Filters: filters } : undefined,
        InvokeConfiguration: {
          RoleArn: new ExprValue(roleArn),
          TargetArn: new ExprValue(resolved.arn),
          SqsParameters: messageGroupId === undefined ? undefined : { MessageGroupId: messageGroupId },
          KinesisParameters: partitionKey === undefined ? undefined : { PartitionKey: partitionKey },
        },
        Transformer: transform.type === "JSONATA" ? { Type: "JSONATA", JsonataConfiguration: { Expression: transform.expression } } : { Type: transform.type },
        Type: node.ordering,
        StartingPosition: start.type === "LATEST" ? "LATEST" : "POINT_IN_TIME",
        PointInTimeConfiguration: start.type === "LATEST" ? undefined : start.type === "TIMESTAMP" ? { PointType: "TIMESTAMP", StartingPoint: start.startingPoint } : { PointType: "HORIZON" },
        State: node.state,
        RetryPolicy: isDefaultRetry ? undefined : { MaxEventAgeInSeconds: retry.maxEventAgeInSeconds, MaxRetryAttempts: retry.maxRetryAttempts },
        OnFailureConfiguration: node.deadLetterQueueArn === undefined ? undefined : { Arn: new ExprValue([context.deadLetterQueue(node.id, names.logical, node.deadLetterQueueArn)]) },
      },
    },
  ];
}

/** Accounts other than the bus's whose functions put events on it. */
function putterAccounts(context: NewBusContext, bus: NodeOfKind<"eventsv2-bus">): string[] {
  const busAccount = bus.account ?? context.homeAccount;
  const accounts = new Set<string>();
  for (const fn of context.index.predecessors(bus.id, "puts-events", "lambda")) {
    if (fn.account !== undefined && fn.account !== busAccount) accounts.add(fn.account);
  }
  return [...accounts].sort();
}

/** One role per target node, allowing only that target's action on that resource. */
function subscriberRole(context: NewBusContext, roles: Map<string, RoleModel>, target: TargetNode, resolved: ResolvedTarget, actions: readonly string[]): RoleModel {
  let role = roles.get(target.id);
  if (!role) {
    role = { names: context.names.allocate(resolved.names.logical, "subscriber role"), actions, resource: resolved.arn };
    roles.set(target.id, role);
  }
  return role;
}

function kinesisPartitionKey(context: NewBusContext, subscriber: SubscriberNode, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const converted = jsonataPath(path);
  if (converted === undefined || converted.wildcard) {
    context.note(`Subscriber ${subscriber.name}: the stream's partition key path ${path} has no JSONata equivalent here; set KinesisParameters.PartitionKey by hand.`);
    return undefined;
  }
  return `{% ${converted.expression} %}`;
}
