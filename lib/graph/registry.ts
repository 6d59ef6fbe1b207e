/**
 * The one registry of node kinds: what each is called, where it sits in the palette, the node a
 * fresh drop creates, and which edges may start or end at it. The palette, React Flow's
 * `nodeTypes`, connection checks and validation all derive from this table, so a new kind is a
 * schema member plus one entry here (the mapped type below makes the compiler demand it).
 */
import { DEFAULT_EVENT_AGE_SECONDS, DEFAULT_RETRY_ATTEMPTS } from "../limits";
import type { DesignNode, EdgeKind, InputMode, NodeKind, NodeOfKind, Position, RetryPolicy, SubscriberRetryPolicy } from "./schema";

export type NodeCategory = "producer" | "bus" | "rule" | "target" | "downstream";

/** Kinds a rule can invoke; the registry's entries of category "target" are exactly these (checked by its type). */
export type TargetKind = "lambda" | "sns" | "sqs" | "step-functions" | "firehose" | "kinesis" | "cloudwatch-logs" | "api-destination" | "event-bus-target";
export type TargetNode = NodeOfKind<TargetKind>;

export interface NodeKindSpec<K extends NodeKind> {
  readonly kind: K;
  readonly label: string;
  readonly category: K extends TargetKind ? "target" : Exclude<NodeCategory, "target">;
  /** One line for the palette's tooltip. */
  readonly description: string;
  /** A fresh node with sensible defaults: it passes the schema, and validation once connected. */
  readonly create: (id: string, position: Position) => NodeOfKind<K>;
  /** Edge kinds that may leave this node. */
  readonly starts: readonly EdgeKind[];
  /** Edge kinds that may arrive at this node. */
  readonly ends: readonly EdgeKind[];
}

export type NodeRegistry = { readonly [K in NodeKind]: NodeKindSpec<K> };

export interface EdgeKindSpec {
  readonly label: string;
  readonly description: string;
}

export const EDGE_REGISTRY: { readonly [K in EdgeKind]: EdgeKindSpec } = {
  "puts-events": { label: "puts events", description: "The producer sends events to the bus (PutEvents)." },
  feeds: { label: "feeds", description: "The bus evaluates the rule against every event it receives." },
  invokes: { label: "invokes", description: "The rule sends matching events to the target." },
  forwards: { label: "forwards", description: "The event-bus target delivers to this bus." },
  "feeds-function": { label: "feeds", description: "An event source mapping or pipe delivers records to the function." },
  "writes-to": { label: "writes to", description: "Documentation: the target writes to this resource." },
  subscribes: { label: "subscribes", description: "The subscriber receives the Custom Event Bus's events that pass its filters." },
  contains: { label: "contains", description: "The schedule belongs to this schedule group." },
  "feeds-pipe": { label: "feeds", description: "The pipe reads this source's records." },
  delivers: { label: "delivers", description: "The schedule or pipe invokes this target." },
};

/** Names AWS accepts (`[.\-_A-Za-z0-9]`), derived from the node id so fresh nodes differ. */
function nameFrom(prefix: string, id: string): string {
  return `${prefix}-${id}`.replace(/[^.\-_A-Za-z0-9]/g, "-").slice(0, 64);
}

const MATCHED_EVENT: InputMode = { type: "matched-event" };
/** A subscriber's defaults on the Custom Event Bus: 300 seconds and 5 attempts (AWS::EventsV2::Subscriber RetryPolicy). */
export const DEFAULT_SUBSCRIBER_RETRY_POLICY: SubscriberRetryPolicy = { maxEventAgeInSeconds: 300, maxRetryAttempts: 5 };

/** AWS's defaults (lib/limits.ts): 24 hours and 185 attempts. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maximumEventAgeInSeconds: DEFAULT_EVENT_AGE_SECONDS, maximumRetryAttempts: DEFAULT_RETRY_ATTEMPTS };

function targetDefaults() {
  return { input: MATCHED_EVENT, retryPolicy: { ...DEFAULT_RETRY_POLICY } };
}

function resourceTargetDefaults() {
  return { ...targetDefaults(), crossAccount: false };
}

function streamDefaults() {
  return { reader: "event-source-mapping" as const, batchSize: 100, filterCriteria: [] };
}

const PRODUCER_STARTS: readonly EdgeKind[] = ["puts-events"];
/** Stream sources feed a function (event source mapping) or a pipe; designs from before pipe nodes put events on a bus directly. */
const STREAM_STARTS: readonly EdgeKind[] = ["feeds-function", "feeds-pipe", "puts-events"];
const TARGET_STARTS: readonly EdgeKind[] = ["writes-to"];
/** Rules and subscribers invoke targets; schedules and pipes deliver to them. */
const TARGET_ENDS: readonly EdgeKind[] = ["invokes", "delivers"];
const DOWNSTREAM_ENDS: readonly EdgeKind[] = ["writes-to"];

export const NODE_REGISTRY: NodeRegistry = {
  "aws-service": {
    kind: "aws-service",
    label: "AWS service",
    category: "producer",
    description: "Events an AWS service emits, or its API calls recorded by CloudTrail.",
    create: (id, position) => ({ id, position, kind: "aws-service", source: "aws.ec2", emits: { type: "events", detailTypes: ["EC2 Instance State-change Notification"] } }),
    starts: PRODUCER_STARTS,
    ends: [],
  },
  "custom-app": {
    kind: "custom-app",
    label: "Custom application",
    category: "producer",
    description: "Your application calling PutEvents with its own source and detail-types.",
    create: (id, position) => ({ id, position, kind: "custom-app", name: nameFrom("app", id), source: "com.example.orders", detailTypes: ["OrderPlaced"] }),
    starts: PRODUCER_STARTS,
    ends: [],
  },
  "saas-partner": {
    kind: "saas-partner",
    label: "SaaS partner",
    category: "producer",
    description: "A partner event source, delivered to its partner event bus.",
    create: (id, position) => ({ id, position, kind: "saas-partner", partnerName: "example.com", eventSourceName: "aws.partner/example.com/123456789012/events" }),
    starts: PRODUCER_STARTS,
    ends: [],
  },
  "schedule-group": {
    kind: "schedule-group",
    label: "Schedule group",
    category: "producer",
    description: "An EventBridge Scheduler schedule group: the schedules it contains share its tags and permissions.",
    create: (id, position) => ({ id, position, kind: "schedule-group", name: nameFrom("group", id) }),
    starts: ["contains"],
    ends: [],
  },
  schedule: {
    kind: "schedule",
    label: "Schedule",
    category: "producer",
    description: "An EventBridge Scheduler schedule: at(), rate() or cron() in a time zone, invoking one target.",
    create: (id, position) => ({ id, position, kind: "schedule", name: nameFrom("schedule", id), expression: "rate(5 minutes)", source: "com.example.scheduler", detailType: "Tick" }),
    starts: [...PRODUCER_STARTS, "delivers"],
    ends: ["contains"],
  },
  "http-api": {
    kind: "http-api",
    label: "HTTP API route",
    category: "producer",
    description: "An API Gateway HTTP API route that invokes a function (which may put events itself).",
    create: (id, position) => ({ id, position, kind: "http-api", name: nameFrom("api", id), method: "POST", path: "/items" }),
    starts: ["invokes"],
    ends: [],
  },
  "kafka-topic": {
    kind: "kafka-topic",
    label: "Kafka / MSK topic",
    category: "producer",
    description: "A Kafka or Amazon MSK topic read by an event source mapping or a pipe.",
    create: (id, position) => ({ id, position, kind: "kafka-topic", ...streamDefaults(), startingPosition: "LATEST", cluster: "msk", clusterName: "my-cluster", topic: "orders", consumerGroupId: nameFrom("group", id) }),
    starts: STREAM_STARTS,
    ends: [],
  },
  "dynamodb-stream": {
    kind: "dynamodb-stream",
    label: "DynamoDB stream",
    category: "producer",
    description: "A DynamoDB table's stream read by an event source mapping or a pipe.",
    create: (id, position) => ({ id, position, kind: "dynamodb-stream", ...streamDefaults(), startingPosition: "LATEST", tableName: "my-table" }),
    starts: STREAM_STARTS,
    ends: [],
  },
  "kinesis-stream-source": {
    kind: "kinesis-stream-source",
    label: "Kinesis stream (source)",
    category: "producer",
    description: "A Kinesis data stream read by an event source mapping or a pipe.",
    create: (id, position) => ({ id, position, kind: "kinesis-stream-source", ...streamDefaults(), startingPosition: "LATEST", streamName: "my-stream" }),
    starts: STREAM_STARTS,
    ends: [],
  },
  "sqs-queue-source": {
    kind: "sqs-queue-source",
    label: "SQS queue (source)",
    category: "producer",
    description: "An SQS queue read by an event source mapping or a pipe.",
    create: (id, position) => ({ id, position, kind: "sqs-queue-source", ...streamDefaults(), batchSize: 10, queueName: "my-queue" }),
    starts: STREAM_STARTS,
    ends: [],
  },
  "event-bus": {
    kind: "event-bus",
    label: "Event bus",
    category: "bus",
    description: "A default, custom or partner event bus, optionally with an archive.",
    create: (id, position) => ({ id, position, kind: "event-bus", busType: "classic", variant: "custom", name: nameFrom("bus", id) }),
    starts: ["feeds"],
    ends: ["puts-events", "forwards"],
  },
  "eventsv2-bus": {
    kind: "eventsv2-bus",
    label: "Custom Event Bus",
    category: "bus",
    description: "The event bus with subscribers: it keeps every event for its retention period.",
    create: (id, position) => ({ id, position, kind: "eventsv2-bus", name: nameFrom("bus", id), retentionDays: 7 }),
    starts: ["subscribes"],
    ends: ["puts-events"],
  },
  "eventsv2-source": {
    kind: "eventsv2-source",
    label: "Event source (Custom Event Bus)",
    category: "producer",
    description: "An AWS service's or a partner's events attached to a Custom Event Bus.",
    create: (id, position) => ({ id, position, kind: "eventsv2-source", name: nameFrom("source", id), config: { type: "aws-service", awsService: "aws.s3" } }),
    starts: PRODUCER_STARTS,
    ends: [],
  },
  subscriber: {
    kind: "subscriber",
    label: "Subscriber",
    category: "rule",
    description: "Filters a Custom Event Bus's events by scope, transforms them and delivers them to one target.",
    create: (id, position) => ({
      id,
      position,
      kind: "subscriber",
      name: nameFrom("subscriber", id),
      filters: { DATA: '{\n  "source": ["com.example.orders"]\n}' },
      transform: { type: "RAW" },
      ordering: "UNORDERED",
      start: { type: "LATEST" },
      state: "RUNNING",
      retryPolicy: { ...DEFAULT_SUBSCRIBER_RETRY_POLICY },
    }),
    starts: ["invokes"],
    ends: ["subscribes"],
  },
  pipe: {
    kind: "pipe",
    label: "Pipe",
    category: "rule",
    description: "An EventBridge pipe: reads a queue or stream, filters, optionally enriches, and delivers to one target.",
    create: (id, position) => ({ id, position, kind: "pipe", name: nameFrom("pipe", id), desiredState: "RUNNING" }),
    starts: ["delivers", "puts-events"],
    ends: ["feeds-pipe"],
  },
  rule: {
    kind: "rule",
    label: "Rule",
    category: "rule",
    description: "Matches events on its bus by pattern, or fires on a schedule.",
    create: (id, position) => ({ id, position, kind: "rule", name: nameFrom("rule", id), description: "", enabled: true, trigger: { type: "pattern", pattern: '{\n  "source": ["com.example.orders"]\n}' } }),
    starts: ["invokes"],
    ends: ["feeds"],
  },
  lambda: {
    kind: "lambda",
    label: "Lambda function",
    category: "target",
    description: "Invokes a Lambda function (which may put events on a bus itself).",
    create: (id, position) => ({ id, position, kind: "lambda", ...resourceTargetDefaults(), functionName: "my-function" }),
    // A function that calls PutEvents is a producer too.
    starts: [...TARGET_STARTS, "puts-events"],
    ends: [...TARGET_ENDS, "feeds-function"],
  },
  sns: {
    kind: "sns",
    label: "SNS topic",
    category: "target",
    description: "Publishes to an SNS topic.",
    create: (id, position) => ({ id, position, kind: "sns", ...resourceTargetDefaults(), topicName: "my-topic" }),
    starts: TARGET_STARTS,
    ends: TARGET_ENDS,
  },
  sqs: {
    kind: "sqs",
    label: "SQS queue",
    category: "target",
    description: "Sends to an SQS queue (FIFO queues need a message group id).",
    create: (id, position) => ({ id, position, kind: "sqs", ...resourceTargetDefaults(), queueName: "my-queue" }),
    starts: TARGET_STARTS,
    ends: TARGET_ENDS,
  },
  "step-functions": {
    kind: "step-functions",
    label: "Step Functions state machine",
    category: "target",
    description: "Starts a state machine execution.",
    create: (id, position) => ({ id, position, kind: "step-functions", ...resourceTargetDefaults(), stateMachineName: "my-state-machine" }),
    starts: TARGET_STARTS,
    ends: TARGET_ENDS,
  },
  firehose: {
    kind: "firehose",
    label: "Firehose stream",
    category: "target",
    description: "Puts records on an Amazon Data Firehose stream.",
    create: (id, position) => ({ id, position, kind: "firehose", ...resourceTargetDefaults(), deliveryStreamName: "my-delivery-stream" }),
    starts: TARGET_STARTS,
    ends: TARGET_ENDS,
  },
  kinesis: {
    kind: "kinesis",
    label: "Kinesis stream",
    category: "target",
    description: "Puts records on a Kinesis data stream.",
    create: (id, position) => ({ id, position, kind: "kinesis", ...resourceTargetDefaults(), streamName: "my-stream" }),
    starts: TARGET_STARTS,
    ends: TARGET_ENDS,
  },
  "api-destination": {
    kind: "api-destination",
    label: "API destination",
    category: "target",
    description: "Calls an HTTP endpoint through a connection that holds the credentials in AWS.",
    create: (id, position) => ({
      id,
      position,
      kind: "api-destination",
      ...targetDefaults(),
      name: nameFrom("api", id),
      endpoint: "https://example.com/webhook",
      method: "POST",
      connection: { name: "my-connection", authorization: "API_KEY" },
    }),
    starts: TARGET_STARTS,
    ends: TARGET_ENDS,
  },
  "event-bus-target": {
    kind: "event-bus-target",
    label: "Event bus (target)",
    category: "target",
    description: "Forwards matching events to another event bus, in this or another account.",
    create: (id, position) => ({ id, position, kind: "event-bus-target", ...targetDefaults(), crossAccount: false }),
    starts: ["forwards"],
    // Schedules and pipes put events on a bus directly (`puts-events`), not through this node.
    ends: ["invokes"],
  },
  "cloudwatch-logs": {
    kind: "cloudwatch-logs",
    label: "CloudWatch Logs group",
    category: "target",
    description: "Writes matching events to a log group.",
    create: (id, position) => ({ id, position, kind: "cloudwatch-logs", ...resourceTargetDefaults(), logGroupName: "/aws/events/my-log-group" }),
    starts: TARGET_STARTS,
    ends: TARGET_ENDS,
  },
  "dynamodb-table": {
    kind: "dynamodb-table",
    label: "DynamoDB table",
    category: "downstream",
    description: "Documentation: a table a target writes to.",
    create: (id, position) => ({ id, position, kind: "dynamodb-table", tableName: "my-table" }),
    starts: [],
    ends: DOWNSTREAM_ENDS,
  },
  "s3-bucket": {
    kind: "s3-bucket",
    label: "S3 bucket",
    category: "downstream",
    description: "Documentation: a bucket a target writes to.",
    create: (id, position) => ({ id, position, kind: "s3-bucket", bucketName: "my-bucket" }),
    starts: [],
    ends: DOWNSTREAM_ENDS,
  },
  database: {
    kind: "database",
    label: "Database",
    category: "downstream",
    description: "Documentation: a database a target writes to.",
    create: (id, position) => ({ id, position, kind: "database", engine: "PostgreSQL", name: "orders" }),
    starts: [],
    ends: DOWNSTREAM_ENDS,
  },
  resource: {
    kind: "resource",
    label: "Other resource",
    category: "downstream",
    description: "Documentation: anything else a target writes to.",
    create: (id, position) => ({ id, position, kind: "resource", title: "Resource" }),
    starts: [],
    ends: DOWNSTREAM_ENDS,
  },
};

export const NODE_KINDS = Object.keys(NODE_REGISTRY) as NodeKind[];

export function kindSpec<K extends NodeKind>(kind: K): NodeKindSpec<K> {
  return NODE_REGISTRY[kind] as NodeKindSpec<K>;
}

export function categoryOf(kind: NodeKind): NodeCategory {
  return NODE_REGISTRY[kind].category;
}

/** Whether a rule can invoke this node. */
export function isTargetNode(node: DesignNode): node is TargetNode {
  return categoryOf(node.kind) === "target";
}

/** A fresh node of `kind` at `position`, as dropped from the palette. */
export function createNode<K extends NodeKind>(kind: K, id: string, position: Position): NodeOfKind<K> {
  return kindSpec(kind).create(id, position);
}

/** Whether an edge of `edgeKind` may run from a `sourceKind` node to a `targetKind` node. */
export function canConnect(edgeKind: EdgeKind, sourceKind: NodeKind, targetKind: NodeKind): boolean {
  return NODE_REGISTRY[sourceKind].starts.includes(edgeKind) && NODE_REGISTRY[targetKind].ends.includes(edgeKind);
}

/**
 * The meaning of a connection drawn from `source` to `target`, or `undefined` when none fits;
 * the canvas uses this to accept a connection and type its edge. At most one kind fits any pair.
 */
export function edgeKindBetween(source: DesignNode, target: DesignNode): EdgeKind | undefined {
  return NODE_REGISTRY[source.kind].starts.find((kind) => NODE_REGISTRY[target.kind].ends.includes(kind));
}

/** Kinds grouped by category in registry order, for the palette. */
export function paletteGroups(): { category: NodeCategory; kinds: NodeKind[] }[] {
  const order: NodeCategory[] = ["producer", "bus", "rule", "target", "downstream"];
  return order.map((category) => ({ category, kinds: NODE_KINDS.filter((kind) => categoryOf(kind) === category) }));
}
