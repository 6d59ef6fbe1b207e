/**
 * The export model's EventBridge Scheduler and Pipes part: schedule groups, schedules, pipes and
 * the execution roles they assume. Each role is trusted by its service for the deploying account
 * only (`aws:SourceAccount`) and allowed exactly what its schedule or pipe does: read the
 * source, call the enrichment, invoke the target, send to the dead-letter queue.
 *
 * Permissions: "Set up the execution role"
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role)
 * and "Event source permissions for Amazon EventBridge Pipes"
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-permissions.html).
 */
import { isTargetNode, scheduleNameOf, type DesignNode, type EventBusNode, type NodeOfKind, type PipeNode, type RetryPolicy, type ScheduleNode, type TargetKind, type TargetNode } from "@/lib/graph";
import type { DesignIndex } from "@/lib/graph/graph-index";
import { canonicalPattern, type CanonicalPattern } from "./json-text";
import type { Expr, KafkaSourceModel, Ref } from "./model";
import type { NameAllocator, Names } from "./names";

export interface PolicyStatement {
  readonly actions: readonly string[];
  readonly resource: Expr;
}

/** A role EventBridge Scheduler or Pipes assumes (the design names none). */
export interface ServiceRoleModel {
  readonly names: Names;
  readonly service: "scheduler.amazonaws.com" | "pipes.amazonaws.com";
  /** The inline policy's name. */
  readonly policyName: string;
  readonly statements: readonly PolicyStatement[];
}

export interface ScheduleGroupModel {
  readonly names: Names;
  readonly name: string;
}

export interface ScheduleTargetModel {
  readonly arn: Expr;
  readonly roleArn: Expr;
  readonly input?: string;
  /** Only when the design sets one (Scheduler's default: 86,400 s, 185 attempts). */
  readonly retryPolicy?: RetryPolicy;
  readonly deadLetterQueueArn?: Expr;
  readonly eventBridge?: { readonly source: string; readonly detailType: string };
  readonly sqsMessageGroupId?: string;
  readonly kinesisPartitionKey?: string;
}

export interface ScheduleModel {
  readonly names: Names;
  readonly name: string;
  readonly description?: string;
  /** Absent: the `default` group. */
  readonly group?: ScheduleGroupModel;
  readonly expression: string;
  readonly timezone?: string;
  readonly startDate?: string;
  readonly endDate?: string;
  /** Absent: the flexible time window is `OFF`. */
  readonly flexibleWindowMinutes?: number;
  readonly state: "ENABLED" | "DISABLED";
  readonly actionAfterCompletion?: "NONE" | "DELETE";
  readonly target: ScheduleTargetModel;
}

export type PipeSourceKind = "sqs" | "kinesis" | "dynamodb" | "msk" | "self-managed-kafka";

export interface PipeSourceModel {
  readonly kind: PipeSourceKind;
  /** An ARN, or `smk://<bootstrap server>` for a self-managed Kafka cluster. */
  readonly arn: Expr;
  readonly batchSize: number;
  readonly batchingWindowSeconds?: number;
  /** Streams and Kafka only. */
  readonly startingPosition?: string;
  readonly filters: readonly CanonicalPattern[];
  readonly kafka?: KafkaSourceModel;
}

export interface PipeModel {
  readonly names: Names;
  readonly name: string;
  readonly description?: string;
  readonly desiredState: "RUNNING" | "STOPPED";
  readonly roleArn: Expr;
  readonly source: PipeSourceModel;
  readonly enrichment?: Expr;
  readonly enrichmentInputTemplate?: string;
  readonly target: Expr;
  readonly targetInputTemplate?: string;
  readonly busEvent?: { readonly source: string; readonly detailType: string };
  readonly sqsMessageGroupId?: string;
  readonly kinesisPartitionKey?: string;
}

export interface SchedulerPipesModel {
  readonly groups: readonly ScheduleGroupModel[];
  readonly schedules: readonly ScheduleModel[];
  readonly pipes: readonly PipeModel[];
  readonly roles: readonly ServiceRoleModel[];
}

type StreamSourceNode = NodeOfKind<"dynamodb-stream" | "kinesis-stream-source" | "sqs-queue-source" | "kafka-topic">;

/** What the rest of the export model lends this part: names, parameters, notes and the ARNs of what it refers to. */
export interface ModelContext {
  readonly index: DesignIndex;
  readonly names: NameAllocator;
  readonly notes: string[];
  parameter(names: Names, description: string, defaultValue?: string): Ref;
  /** An ARN in the deploying account and region. */
  homeArn(service: string, resource: Expr): Expr;
  /** A target node's resource (created or referred to), shared with rules that target it. */
  targetResource(node: TargetNode): { readonly arn: Expr; readonly names: Names };
  bus(node: EventBusNode): { readonly arn: Expr; readonly names: Names };
  streamSource(node: StreamSourceNode): { readonly sourceArn?: Expr; readonly sourceNames: Names; readonly kafka?: KafkaSourceModel };
  /** Creates an API destination on a connection the design names; its ARN. */
  apiDestination(spec: { name: string; endpoint: string; method: string; connection: { name: string; authorization: string } }): Expr;
}

/** The action a role needs on each kind of target, whichever service delivers. */
export const INVOKE_ACTIONS: Record<TargetKind, readonly string[]> = {
  lambda: ["lambda:InvokeFunction"],
  sns: ["sns:Publish"],
  sqs: ["sqs:SendMessage"],
  "step-functions": ["states:StartExecution"],
  firehose: ["firehose:PutRecord", "firehose:PutRecordBatch"],
  kinesis: ["kinesis:PutRecord", "kinesis:PutRecords"],
  "cloudwatch-logs": ["logs:CreateLogStream", "logs:PutLogEvents"],
  "api-destination": ["events:InvokeApiDestination"],
  "event-bus-target": ["events:PutEvents"],
};

/** Scheduler's templated targets among our target kinds (others need a universal target). */
const SCHEDULER_TARGETS: ReadonlySet<TargetKind> = new Set(["lambda", "sns", "sqs", "step-functions", "firehose", "kinesis", "event-bus-target"]);

/** What a pipe's role needs to read each kind of source. */
const SOURCE_ACTIONS: Record<PipeSourceKind, readonly string[]> = {
  sqs: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
  kinesis: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams", "kinesis:SubscribeToShard"],
  dynamodb: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
  msk: ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"],
  "self-managed-kafka": [],
};

/** MSK clusters are reached inside their VPC: the pipe manages network interfaces there (no resource-level scope). */
const MSK_NETWORK_ACTIONS = ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"];

const ANY_RESOURCE: Expr = ["*"];

/** The trust policy of an execution role: its service, acting for this account only (the confused-deputy guard AWS documents). */
export function trustPolicy<A>(service: ServiceRoleModel["service"], account: A) {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }],
  };
}

/** Where a schedule or pipe delivers: the resource, how the role may reach it, and per-kind parameters. */
interface Delivery {
  readonly label: string;
  readonly kind: TargetKind | "universal";
  readonly arn: Expr;
  readonly statement: PolicyStatement;
  readonly node?: TargetNode;
}

export function buildSchedulerPipes(context: ModelContext, nodes: readonly DesignNode[]): SchedulerPipesModel {
  return new SchedulerPipesBuilder(context).build(nodes);
}

class SchedulerPipesBuilder {
  private readonly groups = new Map<string, ScheduleGroupModel>();
  private readonly roles: ServiceRoleModel[] = [];

  constructor(private readonly context: ModelContext) {}

  build(nodes: readonly DesignNode[]): SchedulerPipesModel {
    for (const node of nodes) if (node.kind === "schedule-group") this.group(node);
    const schedules = nodes.flatMap((node) => (node.kind === "schedule" ? this.schedule(node) : []));
    const pipes = nodes.flatMap((node) => {
      if (node.kind === "pipe") return this.pipe(node);
      if ("reader" in node && node.reader === "pipe") return this.legacyPipes(node);
      return [];
    });
    return { groups: [...this.groups.values()], schedules, pipes, roles: this.roles };
  }

  private group(node: NodeOfKind<"schedule-group">): ScheduleGroupModel {
    let group = this.groups.get(node.id);
    if (!group) {
      group = { names: this.context.names.allocate(node.name, "schedule group"), name: node.name };
      this.groups.set(node.id, group);
    }
    return group;
  }

  /** The resource behind a `delivers` or `puts-events` edge, or nothing (with a note) when it cannot be exported. */
  private delivery(owner: string, edgeTarget: DesignNode | undefined): Delivery | undefined {
    if (!edgeTarget) return undefined;
    if (edgeTarget.kind === "event-bus") {
      const bus = this.context.bus(edgeTarget);
      return { label: `bus ${edgeTarget.name}`, kind: "event-bus-target", arn: bus.arn, statement: { actions: INVOKE_ACTIONS["event-bus-target"], resource: bus.arn } };
    }
    if (!isTargetNode(edgeTarget)) {
      this.context.notes.push(`${owner} delivers to ${edgeTarget.kind} ${edgeTarget.id}, which this export does not cover: it is not exported.`);
      return undefined;
    }
    const resolved = this.context.targetResource(edgeTarget);
    // A log group's streams are written, not the group.
    const resource = edgeTarget.kind === "cloudwatch-logs" ? [...resolved.arn, ":*"] : resolved.arn;
    return { label: resolved.names.logical, kind: edgeTarget.kind, arn: resolved.arn, statement: { actions: INVOKE_ACTIONS[edgeTarget.kind], resource }, node: edgeTarget };
  }

  private outgoingTarget(id: string): DesignNode | undefined {
    const edge = this.context.index.outgoing(id, "delivers")[0] ?? this.context.index.outgoing(id, "puts-events")[0];
    return edge && this.context.index.node(edge.target);
  }

  /** A role the design names (a parameter defaulting to it), else one the export creates. */
  private role(owner: string, name: string, given: string | undefined, service: ServiceRoleModel["service"], statements: PolicyStatement[]): Expr {
    const { context } = this;
    const scheduler = service === "scheduler.amazonaws.com";
    if (given !== undefined) return [context.parameter(context.names.allocate(name, scheduler ? "schedule role arn" : "pipe role arn"), `Role ${owner} assumes`, given)];
    const role: ServiceRoleModel = {
      names: context.names.allocate(name, scheduler ? "scheduler role" : "pipe role"),
      service,
      policyName: scheduler ? "invoke-target" : "run-pipe",
      statements,
    };
    this.roles.push(role);
    return [{ kind: "attr", resource: "service-role", names: role.names, attr: "arn" }];
  }

  private schedule(node: ScheduleNode): ScheduleModel[] {
    const { context } = this;
    const name = scheduleNameOf(node);
    const owner = `Schedule ${name}`;
    const groupNode = context.index.predecessors(node.id, "contains", "schedule-group")[0];
    const group = groupNode ? this.group(groupNode) : undefined;
    const delivery = node.universalTarget === undefined ? this.delivery(owner, this.outgoingTarget(node.id)) : this.universal(owner, node.universalTarget);
    if (!delivery) return [];
    if (delivery.kind !== "universal" && !SCHEDULER_TARGETS.has(delivery.kind)) {
      context.notes.push(`${owner} targets ${delivery.label}, which is not one of Scheduler's templated targets: it is not exported (use a universal target).`);
      return [];
    }
    const names = context.names.allocate(name, "schedule");
    const deadLetterQueueArn =
      node.deadLetterQueueArn === undefined ? undefined : [context.parameter(context.names.allocate(names.logical, "dead letter queue arn"), `Dead-letter queue of ${owner} (SQS queue ARN)`, node.deadLetterQueueArn)];
    const statements = [delivery.statement, ...(deadLetterQueueArn ? [{ actions: ["sqs:SendMessage"], resource: deadLetterQueueArn }] : [])];
    if (node.actionAfterCompletion !== undefined) {
      context.notes.push(`${owner} has ActionAfterCompletion ${node.actionAfterCompletion}: CloudFormation (and so CDK) cannot set it; Terraform can.`);
    }
    const target = delivery.node;
    return [
      {
        names,
        name,
        description: blankToUndefined(node.description),
        group,
        expression: node.expression,
        timezone: node.timezone,
        startDate: node.startDate,
        endDate: node.endDate,
        flexibleWindowMinutes: node.flexibleWindowMinutes,
        state: node.state ?? "ENABLED",
        actionAfterCompletion: node.actionAfterCompletion,
        target: {
          arn: delivery.arn,
          roleArn: this.role(owner, name, node.roleArn, "scheduler.amazonaws.com", statements),
          input: blankToUndefined(node.targetInput)?.trim(),
          retryPolicy: node.retryPolicy,
          deadLetterQueueArn,
          // Scheduler's EventBridge target requires both.
          eventBridge: delivery.kind === "event-bus-target" ? { source: node.source, detailType: node.detailType } : undefined,
          sqsMessageGroupId: target?.kind === "sqs" ? target.messageGroupId : undefined,
          // Scheduler needs a partition key for Kinesis; the schedule's name keeps its records together.
          kinesisPartitionKey: target?.kind === "kinesis" ? name : undefined,
        },
      },
    ];
  }

  /** `arn:aws:scheduler:::aws-sdk:<service>:<action>`; its role may call that action on any resource (as CDK's Universal target grants it). */
  private universal(owner: string, target: { service: string; action: string }): Delivery {
    const action = universalTargetAction(target.service, target.action);
    this.context.notes.push(`${owner} calls ${action} (a universal target): its role allows that action on every resource; narrow it to the resources its input names.`);
    return { label: action, kind: "universal", arn: [`arn:aws:scheduler:::aws-sdk:${target.service}:${target.action}`], statement: { actions: [action], resource: ANY_RESOURCE } };
  }

  private pipe(node: PipeNode): PipeModel[] {
    const owner = `Pipe ${node.name}`;
    const edge = this.context.index.incoming(node.id, "feeds-pipe")[0];
    const sourceNode = edge && this.context.index.node(edge.source);
    if (!sourceNode || !isStreamSource(sourceNode)) return [];
    const delivery = this.delivery(owner, this.outgoingTarget(node.id));
    if (!delivery) return [];
    return [this.pipeModel(node, sourceNode, delivery)];
  }

  /** Designs from before pipe nodes: a source read by a pipe straight into a bus (or a function). */
  private legacyPipes(source: DesignNode): PipeModel[] {
    if (!isStreamSource(source)) return [];
    const index = this.context.index;
    const targets = [...index.outgoing(source.id, "puts-events"), ...index.outgoing(source.id, "feeds-function")].flatMap((edge) => {
      const node = index.node(edge.target);
      return node ? [node] : [];
    });
    return targets.flatMap((target) => {
      const name = `${source.id}-to-${target.id}`.replace(/[^.\-_A-Za-z0-9]/g, "-").slice(0, 64);
      const delivery = this.delivery(`Pipe ${name}`, target);
      if (!delivery) return [];
      const pipe: PipeNode = { id: name, kind: "pipe", position: source.position, name, desiredState: "RUNNING" };
      return [this.pipeModel(pipe, source, delivery)];
    });
  }

  private pipeModel(node: PipeNode, sourceNode: StreamSourceNode, delivery: Delivery): PipeModel {
    const { context } = this;
    const owner = `Pipe ${node.name}`;
    const names = context.names.allocate(node.name, "pipe");
    const source = this.pipeSource(owner, sourceNode);
    const statements: PolicyStatement[] = [];
    if (SOURCE_ACTIONS[source.kind].length > 0) statements.push({ actions: SOURCE_ACTIONS[source.kind], resource: source.arn });
    if (source.kind === "msk") statements.push({ actions: MSK_NETWORK_ACTIONS, resource: ANY_RESOURCE });
    const enrichment = node.enrichment && this.enrichment(node.enrichment);
    if (enrichment) statements.push(enrichment.statement);
    statements.push(delivery.statement);
    const target = delivery.node;
    return {
      names,
      name: node.name,
      description: blankToUndefined(node.description),
      desiredState: node.desiredState,
      roleArn: this.role(owner, node.name, node.roleArn, "pipes.amazonaws.com", statements),
      source,
      enrichment: enrichment?.arn,
      enrichmentInputTemplate: blankToUndefined(node.enrichmentInputTemplate),
      target: delivery.arn,
      targetInputTemplate: blankToUndefined(node.targetInputTemplate),
      busEvent: delivery.kind === "event-bus-target" ? node.busEvent : undefined,
      sqsMessageGroupId: target?.kind === "sqs" ? target.messageGroupId : undefined,
      kinesisPartitionKey: target?.kind === "kinesis" ? this.partitionKey(owner, target.partitionKeyPath) : undefined,
    };
  }

  private partitionKey(owner: string, path: string | undefined): string {
    if (path !== undefined) return path;
    this.context.notes.push(`${owner} writes to Kinesis without a partition key in the design: it uses the pipe's name; set PartitionKey to a record field for spread.`);
    return owner.replace(/^Pipe /, "");
  }

  private pipeSource(owner: string, node: StreamSourceNode): PipeSourceModel {
    const { context } = this;
    const { sourceArn, kafka } = context.streamSource(node);
    const base = { batchSize: node.batchSize, batchingWindowSeconds: node.batchingWindowSeconds, filters: node.filterCriteria.map(canonicalPattern) };
    switch (node.kind) {
      case "sqs-queue-source":
        return { ...base, kind: "sqs", arn: sourceArn ?? [] };
      case "kinesis-stream-source":
        if (node.startingPosition === "AT_TIMESTAMP") context.notes.push(`${owner} starts AT_TIMESTAMP: add its StartingPositionTimestamp, which the design does not hold.`);
        return { ...base, kind: "kinesis", arn: sourceArn ?? [], startingPosition: node.startingPosition };
      case "dynamodb-stream":
        if (node.startingPosition === "AT_TIMESTAMP") context.notes.push(`${owner} reads DynamoDB Streams, which start at LATEST or TRIM_HORIZON only: it starts at LATEST.`);
        return { ...base, kind: "dynamodb", arn: sourceArn ?? [], startingPosition: node.startingPosition === "AT_TIMESTAMP" ? "LATEST" : node.startingPosition };
      case "kafka-topic": {
        // Kafka sources start at LATEST or TRIM_HORIZON only.
        const startingPosition = node.startingPosition === "AT_TIMESTAMP" ? "LATEST" : node.startingPosition;
        if (kafka?.bootstrapServers) {
          context.notes.push(`${owner} reads a self-managed Kafka cluster: add its Credentials (Secrets Manager ARNs), ServerRootCaCertificate and Vpc, which the design does not hold; the role then needs secretsmanager:GetSecretValue on them.`);
          const [first = "", ...rest] = kafka.bootstrapServers;
          return { ...base, kind: "self-managed-kafka", arn: [`smk://${first}`], startingPosition, kafka: { ...kafka, bootstrapServers: rest } };
        }
        context.notes.push(`${owner} reads MSK cluster ${node.clusterName}: with IAM authentication its role also needs kafka-cluster:Connect, DescribeGroup, AlterGroup, DescribeTopic and ReadData; with SASL/SCRAM or mTLS add the Credentials, which the design does not hold.`);
        return { ...base, kind: "msk", arn: sourceArn ?? [], startingPosition, kafka };
      }
    }
  }

  private enrichment(enrichment: NonNullable<PipeNode["enrichment"]>): { arn: Expr; statement: PolicyStatement } {
    const { context } = this;
    switch (enrichment.type) {
      case "lambda": {
        const names = context.names.allocate(enrichment.functionName, "function");
        const param = context.parameter(context.names.allocate(names.logical, "name"), `Name of the existing function ${enrichment.functionName}`, enrichment.functionName);
        const arn = context.homeArn("lambda", ["function:", param]);
        return { arn, statement: { actions: ["lambda:InvokeFunction"], resource: arn } };
      }
      case "step-functions": {
        const names = context.names.allocate(enrichment.stateMachineName, "state machine");
        const param = context.parameter(context.names.allocate(names.logical, "name"), `Name of the existing express state machine ${enrichment.stateMachineName}`, enrichment.stateMachineName);
        const arn = context.homeArn("states", ["stateMachine:", param]);
        // Pipes runs an enrichment workflow synchronously.
        return { arn, statement: { actions: ["states:StartSyncExecution"], resource: arn } };
      }
      case "api-gateway": {
        const path = enrichment.path.startsWith("/") ? enrichment.path : `/${enrichment.path}`;
        const arn = context.homeArn("execute-api", [`${enrichment.apiId}/${enrichment.stage}/${enrichment.method}${path}`]);
        return { arn, statement: { actions: ["execute-api:Invoke"], resource: arn } };
      }
      case "api-destination": {
        const arn = context.apiDestination(enrichment);
        return { arn, statement: { actions: ["events:InvokeApiDestination"], resource: arn } };
      }
    }
  }
}

/**
 * SDK service ids (the universal target's `<service>`) whose IAM prefix differs, for the services
 * schedules commonly call; any other id is its own prefix.
 */
const IAM_PREFIXES: Readonly<Record<string, string>> = {
  sfn: "states",
  efs: "elasticfilesystem",
  emr: "elasticmapreduce",
  cloudwatchlogs: "logs",
  eventbridge: "events",
  applicationautoscaling: "application-autoscaling",
  sesv2: "ses",
  cognitoidentityprovider: "cognito-idp",
  elasticloadbalancingv2: "elasticloadbalancing",
};

/** The IAM action a universal target calls: `sfn` + `startExecution` → `states:StartExecution`. */
export function universalTargetAction(service: string, action: string): string {
  return `${IAM_PREFIXES[service] ?? service}:${action.charAt(0).toUpperCase()}${action.slice(1)}`;
}

function isStreamSource(node: DesignNode): node is StreamSourceNode {
  return node.kind === "dynamodb-stream" || node.kind === "kinesis-stream-source" || node.kind === "sqs-queue-source" || node.kind === "kafka-topic";
}

function blankToUndefined(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : text;
}
