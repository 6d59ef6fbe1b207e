/**
 * A design's EventBridge Scheduler and Pipes nodes as the resources they stand for in its home
 * account and region: schedule groups (tagged with the design, like buses), schedules in the group
 * whose `contains` edge reaches them (else `default`), and pipes from the stream source of their
 * `feeds-pipe` edge to the node of their `delivers` (or bus of their `puts-events`) edge. Pure.
 * Shapes follow CreateScheduleGroup, CreateSchedule and CreatePipe:
 *   https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
 *   https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_CreatePipe.html
 */
import { arnOf, busArn, DEFAULT_SCHEDULE_GROUP, type Scope } from "@/lib/arn";
import { indexDesign, type DesignIndex } from "@/lib/graph/graph-index";
import { isTargetNode, type Design, type DesignNode, type PipeEnrichment, type PipeNode, type ScheduleNode } from "@/lib/graph";
import { scheduleNameOf } from "@/lib/graph/scheduler-validate";
import { DESIGN_TAG, scheduleKey, type PipeSourceParameters, type PipeState, type PipeTargetParameters, type ScheduleGroupState, type ScheduleState, type ScheduleTarget, type Tags } from "./account-state";
import { targetArnFor, type DesignProblem } from "./design-resources";
import { pipeTargetParameters } from "./pipe-resources";

export interface SchedulerPipesResources {
  readonly scheduleGroups: readonly ScheduleGroupState[];
  readonly schedules: readonly ScheduleState[];
  readonly pipes: readonly PipeState[];
  /** Schedules (`group/name`) and pipes the design holds but cannot deploy yet: never deleted for being absent. */
  readonly heldBack: { readonly schedules: readonly string[]; readonly pipes: readonly string[] };
  readonly problems: readonly DesignProblem[];
}

/** A universal target's ARN: any API action (`sqs` + `sendMessage`). */
export function universalTargetArn(target: { readonly service: string; readonly action: string }): string {
  return `arn:aws:scheduler:::aws-sdk:${target.service}:${target.action}`;
}

/** The enrichment's ARN; an API destination's lacks the id AWS generates (apply looks it up). */
export function enrichmentArnFor(enrichment: PipeEnrichment, where: Scope): string {
  switch (enrichment.type) {
    case "lambda":
      return arnOf("lambda", where, `function:${enrichment.functionName}`);
    case "step-functions":
      return arnOf("states", where, `stateMachine:${enrichment.stateMachineName}`);
    case "api-gateway":
      return arnOf("execute-api", where, `${enrichment.apiId}/${enrichment.stage}/${enrichment.method}${enrichment.path}`);
    case "api-destination":
      return arnOf("events", where, `api-destination/${enrichment.name}`);
  }
}

const tagsFor = (designId: string | undefined): Tags => (designId === undefined ? {} : { [DESIGN_TAG]: designId });

export function schedulerPipesResources(design: Design, where: Scope, designId?: string): SchedulerPipesResources {
  const index = indexDesign(design);
  const problems: DesignProblem[] = [];
  const heldBack = { schedules: [] as string[], pipes: [] as string[] };
  const scheduleGroups: ScheduleGroupState[] = [];
  const schedules: ScheduleState[] = [];
  const pipes: PipeState[] = [];
  for (const node of design.nodes) {
    if (node.kind === "schedule-group" && node.name !== DEFAULT_SCHEDULE_GROUP && !scheduleGroups.some((g) => g.name === node.name)) {
      scheduleGroups.push({ name: node.name, tags: tagsFor(designId), nodeId: node.id });
    }
  }
  for (const node of design.nodes) {
    if (node.kind === "schedule") {
      const group = index.predecessors(node.id, "contains", "schedule-group")[0]?.name ?? DEFAULT_SCHEDULE_GROUP;
      const built = scheduleOf(node, group, { design, index, where });
      if (typeof built === "string") {
        problems.push({ nodeId: node.id, message: built });
        heldBack.schedules.push(scheduleKey({ group, name: scheduleNameOf(node) }));
      } else schedules.push(built);
    } else if (node.kind === "pipe") {
      const built = pipeOf(node, tagsFor(designId), { design, index, where });
      if (typeof built === "string") {
        problems.push({ nodeId: node.id, message: built });
        heldBack.pipes.push(node.name);
      } else pipes.push(built);
    }
  }
  return { scheduleGroups, schedules, pipes, heldBack, problems };
}

interface Context {
  readonly design: Design;
  readonly index: DesignIndex;
  readonly where: Scope;
}

/** What a schedule or pipe delivers to: a target node (`delivers`) or a classic bus (`puts-events`). */
function deliveryOf(nodeId: string, { design, index, where }: Context): { arn: string; node: DesignNode } | undefined {
  const bus = index.successors(nodeId, "puts-events", "event-bus")[0];
  if (bus !== undefined) return { arn: busArn({ account: bus.account ?? where.account, region: bus.region ?? where.region }, bus.name), node: bus };
  for (const edge of index.outgoing(nodeId, "delivers")) {
    const node = index.node(edge.target);
    if (node === undefined || !isTargetNode(node)) continue;
    const arn = targetArnFor(node, design, where);
    if (arn !== undefined) return { arn, node };
  }
  return undefined;
}

/** The schedule as CreateSchedule takes it, or why it is left out. */
function scheduleOf(node: ScheduleNode, group: string, context: Context): ScheduleState | string {
  const name = scheduleNameOf(node);
  const delivery = node.universalTarget === undefined ? deliveryOf(node.id, context) : undefined;
  const arn = node.universalTarget === undefined ? delivery?.arn : universalTargetArn(node.universalTarget);
  if (arn === undefined) return `Schedule ${name} has no target Switchyard can deploy and is left out.`;
  if (node.roleArn === undefined) return `Schedule ${name} has no role ARN (Scheduler invokes its target with that role) and is left out.`;
  const target: ScheduleTarget = {
    Arn: arn,
    RoleArn: node.roleArn,
    ...(node.targetInput === undefined ? {} : { Input: node.targetInput }),
    ...(node.retryPolicy === undefined ? {} : { RetryPolicy: { MaximumEventAgeInSeconds: node.retryPolicy.maximumEventAgeInSeconds, MaximumRetryAttempts: node.retryPolicy.maximumRetryAttempts } }),
    ...(node.deadLetterQueueArn === undefined ? {} : { DeadLetterConfig: { Arn: node.deadLetterQueueArn } }),
    ...(delivery?.node.kind === "event-bus" ? { EventBridgeParameters: { Source: node.source, DetailType: node.detailType } } : {}),
    ...(delivery?.node.kind === "sqs" && delivery.node.messageGroupId !== undefined ? { SqsParameters: { MessageGroupId: delivery.node.messageGroupId } } : {}),
  };
  return {
    name,
    group,
    expression: node.expression,
    ...(node.timezone === undefined ? {} : { timezone: node.timezone }),
    ...(node.startDate === undefined ? {} : { startDate: node.startDate }),
    ...(node.endDate === undefined ? {} : { endDate: node.endDate }),
    ...(node.description === undefined ? {} : { description: node.description }),
    ...(node.flexibleWindowMinutes === undefined ? {} : { flexibleWindowMinutes: node.flexibleWindowMinutes }),
    state: node.state ?? "ENABLED",
    actionAfterCompletion: node.actionAfterCompletion ?? "NONE",
    target,
    nodeId: node.id,
  };
}

/** The source's ARN and SourceParameters, or why the pipe cannot read it. */
function sourceOf(source: DesignNode, where: Scope): { source: string; parameters: PipeSourceParameters } | string {
  if (!("reader" in source)) return `reads ${source.kind}, which is not a queue or stream`;
  const batching = { BatchSize: source.batchSize, ...(source.batchingWindowSeconds ? { MaximumBatchingWindowInSeconds: source.batchingWindowSeconds } : {}) };
  const filters = source.filterCriteria.length === 0 ? {} : { FilterCriteria: { Filters: source.filterCriteria.map((Pattern) => ({ Pattern })) } };
  switch (source.kind) {
    case "sqs-queue-source":
      return { source: arnOf("sqs", where, source.queueName), parameters: { SqsQueueParameters: batching, ...filters } };
    case "kinesis-stream-source":
      if (source.startingPosition === "AT_TIMESTAMP") return "starts AT_TIMESTAMP, and the design holds no timestamp";
      return { source: arnOf("kinesis", where, `stream/${source.streamName}`), parameters: { KinesisStreamParameters: { ...batching, StartingPosition: source.startingPosition }, ...filters } };
    case "dynamodb-stream":
      if (source.startingPosition === "AT_TIMESTAMP") return "starts AT_TIMESTAMP, which DynamoDB streams do not offer";
      // The stream's label is AWS's: the prefix matches any stream of the table.
      return { source: arnOf("dynamodb", where, `table/${source.tableName}/stream/`), parameters: { DynamoDBStreamParameters: { ...batching, StartingPosition: source.startingPosition }, ...filters } };
    case "kafka-topic": {
      if (source.startingPosition === "AT_TIMESTAMP") return "starts AT_TIMESTAMP, which Kafka sources do not offer";
      const kafka = { TopicName: source.topic, StartingPosition: source.startingPosition, ConsumerGroupID: source.consumerGroupId, ...batching };
      if (source.cluster === "self-managed") return { source: `smk://${source.clusterName}`, parameters: { SelfManagedKafkaParameters: kafka, ...filters } };
      const account = source.account ?? where.account;
      return { source: arnOf("kafka", { account, region: where.region }, `cluster/${source.clusterName}/`), parameters: { ManagedStreamingKafkaParameters: kafka, ...filters } };
    }
  }
}

/** The pipe as CreatePipe takes it, or why it is left out. */
function pipeOf(node: PipeNode, tags: Tags, context: Context): PipeState | string {
  const sourceNode = context.index.incoming(node.id, "feeds-pipe").map((edge) => context.index.node(edge.source))[0];
  if (sourceNode === undefined) return `Pipe ${node.name} has no source and is left out.`;
  const source = sourceOf(sourceNode, context.where);
  if (typeof source === "string") return `Pipe ${node.name} ${source}; it is left out.`;
  const delivery = deliveryOf(node.id, context);
  if (delivery === undefined) return `Pipe ${node.name} has no target Switchyard can deploy and is left out.`;
  if (node.roleArn === undefined) return `Pipe ${node.name} has no role ARN (Pipes reads, enriches and delivers with that role) and is left out.`;
  const targetParameters: PipeTargetParameters = pipeTargetParameters(node, delivery.node);
  return {
    name: node.name,
    ...(node.description === undefined ? {} : { description: node.description }),
    desiredState: node.desiredState,
    source: source.source,
    sourceParameters: source.parameters,
    ...(node.enrichment === undefined ? {} : { enrichment: enrichmentArnFor(node.enrichment, context.where) }),
    ...(node.enrichmentInputTemplate === undefined ? {} : { enrichmentParameters: { InputTemplate: node.enrichmentInputTemplate } }),
    target: delivery.arn,
    ...(Object.keys(targetParameters).length === 0 ? {} : { targetParameters }),
    roleArn: node.roleArn,
    tags,
    nodeId: node.id,
  };
}
