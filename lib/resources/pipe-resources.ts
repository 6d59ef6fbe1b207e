/**
 * A design's pipe read as the CreatePipe input it stands for
 * (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_CreatePipe.html): its
 * source (the stream source of its `feeds-pipe` edge, whose batching, starting position and
 * filter criteria are the pipe's SourceParameters), its enrichment and its target (the node of
 * its `delivers` edge, or the bus of its `puts-events` edge). Pure. An API destination's real ARN
 * ends in an id AWS generates, so it is given without it, as `targetArnFor` does.
 */
import { arnOf, busArn, globalArnOf } from "@/lib/arn";
import { isTargetNode, type Design, type DesignNode, type NodeOfKind } from "@/lib/graph";
import { mskEndpoints } from "@/lib/streams/kafka";
import { targetArnFor, type Placement } from "./design-resources";
import { enrichmentArnFor } from "./scheduler-pipes-resources";

export type PipeSourceNode = NodeOfKind<"sqs-queue-source" | "kinesis-stream-source" | "dynamodb-stream" | "kafka-topic">;

/** CreatePipe's input members this design sets. */
export interface PipeInput {
  readonly Name: string;
  readonly Description?: string;
  readonly DesiredState: "RUNNING" | "STOPPED";
  readonly RoleArn: string;
  readonly Source: string;
  readonly SourceParameters: Record<string, unknown>;
  readonly Enrichment?: string;
  readonly EnrichmentParameters?: { InputTemplate: string };
  readonly Target: string;
  readonly TargetParameters?: Record<string, unknown>;
}

/** A pipe with what it reads and delivers to, as the design connects them. */
export interface PipeParts {
  readonly pipe: NodeOfKind<"pipe">;
  readonly source: PipeSourceNode;
  readonly target: DesignNode;
}

const isPipeSource = (node: DesignNode): node is PipeSourceNode =>
  node.kind === "sqs-queue-source" || node.kind === "kinesis-stream-source" || node.kind === "dynamodb-stream" || node.kind === "kafka-topic";

/** The pipe's source and target, or why it cannot be deployed (validation reports the same as problems). */
export function pipePartsOf(pipe: NodeOfKind<"pipe">, design: Design): PipeParts | { readonly missing: string } {
  const nodeAt = (id: string | undefined) => design.nodes.find((n) => n.id === id);
  const source = nodeAt(design.edges.find((e) => e.kind === "feeds-pipe" && e.target === pipe.id)?.source);
  const target = nodeAt(design.edges.find((e) => (e.kind === "delivers" || e.kind === "puts-events") && e.source === pipe.id)?.target);
  if (source === undefined || !isPipeSource(source)) return { missing: "no source: connect a queue or stream to it" };
  if (target === undefined) return { missing: "no target: connect one" };
  return { pipe, source, target };
}

/** The source's ARN as Pipes names it (a self-managed Kafka cluster by `smk://` and its first bootstrap server). */
export function pipeSourceArn(source: PipeSourceNode, where: Placement): string {
  switch (source.kind) {
    case "sqs-queue-source":
      return arnOf("sqs", where, source.queueName);
    case "kinesis-stream-source":
      return arnOf("kinesis", where, `stream/${source.streamName}`);
    case "dynamodb-stream":
      // A stream's label is the time AWS enabled it: a fixed one stands in for it.
      return arnOf("dynamodb", where, `table/${source.tableName}/stream/1970-01-01T00:00:00.000`);
    case "kafka-topic":
      return source.cluster === "msk"
        ? mskEndpoints({ clusterName: source.clusterName, account: source.account ?? where.account, region: where.region }).eventSourceArn
        : `smk://${source.clusterName.split(",")[0]}`;
  }
}

/** SourceParameters: the kind's member (batching, starting position, topic) and the filter criteria. */
export function pipeSourceParameters(source: PipeSourceNode): Record<string, unknown> {
  const batching = { BatchSize: source.batchSize, ...(source.batchingWindowSeconds === undefined ? {} : { MaximumBatchingWindowInSeconds: source.batchingWindowSeconds }) };
  const filters = source.filterCriteria.length === 0 ? {} : { FilterCriteria: { Filters: source.filterCriteria.map((Pattern) => ({ Pattern })) } };
  switch (source.kind) {
    case "sqs-queue-source":
      return { SqsQueueParameters: batching, ...filters };
    case "kinesis-stream-source":
      return { KinesisStreamParameters: { ...batching, StartingPosition: source.startingPosition }, ...filters };
    case "dynamodb-stream":
      return { DynamoDBStreamParameters: { ...batching, StartingPosition: source.startingPosition }, ...filters };
    case "kafka-topic": {
      const kafka = { ...batching, TopicName: source.topic, StartingPosition: source.startingPosition, ConsumerGroupID: source.consumerGroupId };
      return source.cluster === "msk" ? { ManagedStreamingKafkaParameters: kafka, ...filters } : { SelfManagedKafkaParameters: { ...kafka, AdditionalBootstrapServers: source.clusterName.split(",").slice(1) }, ...filters };
    }
  }
}

/** TargetParameters: the input template, a bus event's source and detail-type, a FIFO queue's message group. */
export function pipeTargetParameters(pipe: NodeOfKind<"pipe">, target: DesignNode): { InputTemplate?: string; EventBridgeEventBusParameters?: { Source: string; DetailType: string }; SqsQueueParameters?: { MessageGroupId: string } } {
  return {
    ...(pipe.targetInputTemplate === undefined ? {} : { InputTemplate: pipe.targetInputTemplate }),
    ...(target.kind === "event-bus" && pipe.busEvent !== undefined ? { EventBridgeEventBusParameters: { Source: pipe.busEvent.source, DetailType: pipe.busEvent.detailType } } : {}),
    ...(target.kind === "sqs" && target.messageGroupId !== undefined ? { SqsQueueParameters: { MessageGroupId: target.messageGroupId } } : {}),
  };
}

/** The role Pipes assumes when the pipe names none: the console's naming. */
export const defaultPipeRoleArn = (pipe: NodeOfKind<"pipe">, where: Placement) => globalArnOf("iam", where, `role/service-role/Amazon_EventBridge_Pipe_${pipe.name}`);

/** The pipe's CreatePipe input; undefined when its target is no resource a pipe can deliver to. */
export function pipeInputFor({ pipe, source, target }: PipeParts, design: Design, where: Placement): PipeInput | undefined {
  const targetArn = target.kind === "event-bus" ? busArn({ account: target.account ?? where.account, region: target.region ?? where.region }, target.name) : isTargetNode(target) ? targetArnFor(target, design, where) : undefined;
  if (targetArn === undefined) return undefined;
  const targetParameters = pipeTargetParameters(pipe, target);
  return {
    Name: pipe.name,
    ...(pipe.description === undefined ? {} : { Description: pipe.description }),
    DesiredState: pipe.desiredState,
    RoleArn: pipe.roleArn ?? defaultPipeRoleArn(pipe, where),
    Source: pipeSourceArn(source, where),
    SourceParameters: pipeSourceParameters(source),
    ...(pipe.enrichment === undefined ? {} : { Enrichment: enrichmentArnFor(pipe.enrichment, where) }),
    ...(pipe.enrichment !== undefined && pipe.enrichmentInputTemplate !== undefined ? { EnrichmentParameters: { InputTemplate: pipe.enrichmentInputTemplate } } : {}),
    Target: targetArn,
    ...(Object.keys(targetParameters).length === 0 ? {} : { TargetParameters: targetParameters }),
  };
}
