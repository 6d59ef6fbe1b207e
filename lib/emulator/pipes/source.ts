/**
 * A pipe's source: its kind (read off the source ARN), the SourceParameters member that
 * configures it, its batching limits and starting positions, and the records as the pipe reads
 * them. Limits and defaults are the API reference's
 * (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_PipeSourceParameters.html
 * and the Pipe…Parameters structures it names).
 */
import { z } from "zod";
import { fromZodError } from "../../errors";
import type { JsonValue } from "../../transform";
import type { StreamKind } from "../../streams/filter-view";
import type { QueueMessage } from "../sqs/queues";

export type PipeSourceKind = "sqs" | "kinesis" | "dynamodb" | "msk" | "kafka" | "activemq" | "rabbitmq";

export interface SourceSettings {
  /** The member of SourceParameters that configures this kind. */
  readonly member: string;
  readonly defaultBatchSize: number;
  readonly maxBatchSize: number;
  /** StartingPosition values the kind accepts (none: the kind has no starting position). */
  readonly startingPositions: readonly string[];
  readonly startingPositionRequired: boolean;
  /** How Lambda event filtering sees the kind's records (lib/streams/filter-view.ts). */
  readonly view: StreamKind | undefined;
  /** The `eventSource` of its records. */
  readonly eventSource: string;
}

const BATCH_MAX = 10_000;
export const MAX_BATCHING_WINDOW_SECONDS = 300;

export const SOURCE_SETTINGS: Readonly<Record<PipeSourceKind, SourceSettings>> = {
  sqs: { member: "SqsQueueParameters", defaultBatchSize: 10, maxBatchSize: BATCH_MAX, startingPositions: [], startingPositionRequired: false, view: "sqs", eventSource: "aws:sqs" },
  kinesis: {
    member: "KinesisStreamParameters",
    defaultBatchSize: 100,
    maxBatchSize: BATCH_MAX,
    startingPositions: ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"],
    startingPositionRequired: true,
    view: "kinesis",
    eventSource: "aws:kinesis",
  },
  dynamodb: {
    member: "DynamoDBStreamParameters",
    defaultBatchSize: 100,
    maxBatchSize: BATCH_MAX,
    startingPositions: ["TRIM_HORIZON", "LATEST"],
    startingPositionRequired: true,
    view: "dynamodb",
    eventSource: "aws:dynamodb",
  },
  msk: {
    member: "ManagedStreamingKafkaParameters",
    defaultBatchSize: 100,
    maxBatchSize: BATCH_MAX,
    startingPositions: ["TRIM_HORIZON", "LATEST"],
    startingPositionRequired: false,
    view: "kafka",
    eventSource: "aws:kafka",
  },
  kafka: {
    member: "SelfManagedKafkaParameters",
    defaultBatchSize: 100,
    maxBatchSize: BATCH_MAX,
    startingPositions: ["TRIM_HORIZON", "LATEST"],
    startingPositionRequired: false,
    view: "kafka",
    eventSource: "SelfManagedKafka",
  },
  activemq: { member: "ActiveMQBrokerParameters", defaultBatchSize: 100, maxBatchSize: BATCH_MAX, startingPositions: [], startingPositionRequired: false, view: undefined, eventSource: "aws:amq" },
  rabbitmq: { member: "RabbitMQBrokerParameters", defaultBatchSize: 100, maxBatchSize: BATCH_MAX, startingPositions: [], startingPositionRequired: false, view: undefined, eventSource: "aws:rmq" },
};

/** The kind of source an ARN (or a self-managed Kafka `smk://` address) names; undefined for anything else. */
export function sourceKindOf(source: string): PipeSourceKind | undefined {
  if (source.startsWith("smk://")) return "kafka";
  const [, , service, , , resource = ""] = source.split(":");
  if (service === "sqs") return "sqs";
  if (service === "kinesis" && resource.startsWith("stream/")) return "kinesis";
  if (service === "dynamodb" && /^table\/[^/]+\/stream\//.test(resource)) return "dynamodb";
  if (service === "kafka") return "msk";
  // Amazon MQ names the engine in the broker's configuration, not its ARN: ActiveMQ unless the parameters say RabbitMQ.
  if (service === "mq") return "activemq";
  return undefined;
}

/** How a pipe batches its source: SourceParameters' BatchSize and MaximumBatchingWindowInSeconds, or the kind's defaults. */
export interface Batching {
  readonly batchSize: number;
  readonly windowMs: number;
}

export function batchingOf(kind: PipeSourceKind, sourceParameters: Readonly<Record<string, unknown>>): Batching {
  const settings = SOURCE_SETTINGS[kind];
  const own = sourceParameters[settings.member];
  const read = (name: string) => (typeof own === "object" && own !== null ? (own as Record<string, unknown>)[name] : undefined);
  const size = read("BatchSize");
  const window = read("MaximumBatchingWindowInSeconds");
  return {
    batchSize: typeof size === "number" ? size : settings.defaultBatchSize,
    windowMs: typeof window === "number" ? window * 1000 : 0,
  };
}

/** An SQS message as a pipe receives it (the record shape Lambda's SQS event uses). */
export function sqsRecord(message: QueueMessage, queueArn: string, region: string): JsonValue {
  return {
    messageId: message.id,
    receiptHandle: message.receiptHandle ?? "",
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: message.senderId,
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.attributes).map(([name, value]) => [
        name,
        { dataType: value.DataType, ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }), ...(value.BinaryValue === undefined ? {} : { binaryValue: value.BinaryValue }) },
      ]),
    ),
    md5OfBody: message.md5OfBody,
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/**
 * A test record for a stream source as the pipe receives it: the record given, with the fields
 * every record of the kind carries (`eventSource`, the source's ARN, the region) filled in when
 * absent.
 */
export function testRecord(kind: PipeSourceKind, record: Readonly<Record<string, JsonValue>>, sourceArn: string, region: string): JsonValue {
  const { eventSource } = SOURCE_SETTINGS[kind];
  if (kind === "kafka") return { eventSource, bootstrapServers: sourceArn.replace(/^smk:\/\//, ""), ...record };
  const arnKey = kind === "msk" || kind === "activemq" || kind === "rabbitmq" ? "eventSourceArn" : "eventSourceARN";
  return { eventSource, [arnKey]: sourceArn, awsRegion: region, ...record };
}

const MAX_TEST_RECORDS = 1000;

const testRecordsSchema = z.object({
  source: z.string().refine((source) => {
    const kind = sourceKindOf(source);
    return kind !== undefined && kind !== "sqs";
  }, "must be the ARN of a stream source (Kinesis, DynamoDB Streams, Amazon MQ, Amazon MSK) or a self-managed Kafka smk:// address; an SQS queue gets its messages through SendMessage"),
  records: z.array(z.record(z.string(), z.json())).min(1).max(MAX_TEST_RECORDS),
});

/** "Send test records": the stream source and its records, as the request body gives them. */
export function parseTestRecords(body: unknown): { source: string; records: Record<string, JsonValue>[] } {
  const parsed = testRecordsSchema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "test records");
  return parsed.data as { source: string; records: Record<string, JsonValue>[] };
}
