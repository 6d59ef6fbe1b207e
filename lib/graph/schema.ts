/**
 * The design document: one zod schema, every TypeScript type of the model derives from it.
 *
 * The schema says what a design file may *hold* (shape and types); AWS's limits and the mistakes
 * people make (name characters, 5 targets per rule, retry ranges, loops…) live in `validate.ts`,
 * because a half-finished design must still save, load and share. Every object is strict, so an
 * unknown key is an error with its path: a design carries exactly the fields below and nothing
 * else (in particular no credentials: the model has no field for one).
 *
 * Event patterns, constant inputs and input templates are stored as the user's exact text, so
 * number lexemes (`300.0`, `1e3`) and key order survive a round trip.
 */
import { z } from "zod";

export const DESIGN_FORMAT = "switchyard.design";
export const DESIGN_VERSION = 1;

const text = z.string();
const count = z.number().int("must be an integer").nonnegative("must not be negative");
/** Pattern, JSON or template text exactly as the user typed it. */
const sourceText = z.string();

export const nodeIdSchema = z.string().min(1, "id must not be empty").max(128, "id must be at most 128 characters");

export const positionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

/** Fields every node has; `notes` is free documentation shown in the inspector. */
const base = {
  id: nodeIdSchema,
  position: positionSchema,
  notes: text.optional(),
};

// ---------------------------------------------------------------------------------------------
// Producers

/** An AWS service's own events (`aws.ec2` + detail-types) or its API calls recorded by CloudTrail. */
const awsServiceEmits = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("events"), detailTypes: z.array(text) }),
  /** Detail-type is always `AWS API Call via CloudTrail`; `eventNames` are the API actions. */
  z.strictObject({ type: z.literal("api-calls"), eventNames: z.array(text) }),
]);

const awsServiceProducer = z.strictObject({
  ...base,
  kind: z.literal("aws-service"),
  /** `aws.<service>`, e.g. `aws.ec2`. */
  source: text,
  emits: awsServiceEmits,
});

const customAppProducer = z.strictObject({
  ...base,
  kind: z.literal("custom-app"),
  name: text,
  source: text,
  detailTypes: z.array(text),
});

const saasPartnerProducer = z.strictObject({
  ...base,
  kind: z.literal("saas-partner"),
  partnerName: text,
  /** `aws.partner/<partner>/<account or org>/<name>`; also the partner bus's name. */
  eventSourceName: text,
});

export const httpMethodSchema = z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * An API Gateway HTTP API route (`POST /product`) that invokes a function, which may then put
 * events itself: it explains where a publishing function's calls come from. Documentation for
 * the export (APIs are not created), but part of the flow the canvas shows.
 */
const httpApiProducer = z.strictObject({
  ...base,
  kind: z.literal("http-api"),
  name: text,
  method: httpMethodSchema,
  /** The route's path, starting with `/`. */
  path: text,
});

/** How long and how often a rule target or a schedule's target is retried (AWS's ranges: validation). */
export const retryPolicySchema = z.strictObject({
  maximumEventAgeInSeconds: count,
  maximumRetryAttempts: count,
});

// ---------------------------------------------------------------------------------------------
// EventBridge Scheduler
//
// Shapes follow Scheduler's CreateSchedule / CreateScheduleGroup; AWS's ranges live in validation.

/** A schedule group; a schedule belongs to the group whose `contains` edge reaches it, else to `default`. */
const scheduleGroupNode = z.strictObject({
  ...base,
  kind: z.literal("schedule-group"),
  name: text,
});

/** Any AWS API action as the target (`arn:aws:scheduler:::aws-sdk:<service>:<action>`), e.g. `sqs` + `sendMessage`. */
export const universalTargetSchema = z.strictObject({ service: text, action: text });

/**
 * An EventBridge Scheduler schedule. Its target is the node its `delivers` edge reaches, the bus
 * its `puts-events` edge reaches (then `source` and `detailType` name the event), or a universal
 * target. Every field added after the first version is optional, so older files load unchanged.
 */
const scheduleNode = z.strictObject({
  ...base,
  kind: z.literal("schedule"),
  /** Absent on schedules drawn before they had names: then derived from the node id. */
  name: text.optional(),
  description: text.optional(),
  expression: text,
  /** IANA time zone the expression is read in; absent = UTC. */
  timezone: text.optional(),
  /** ISO 8601 bounds of a `rate()` or `cron()` schedule. */
  startDate: text.optional(),
  endDate: text.optional(),
  /** The window (minutes) Scheduler may spread each fire over; absent = `OFF`. */
  flexibleWindowMinutes: count.optional(),
  /** Absent = `ENABLED`. */
  state: z.enum(["ENABLED", "DISABLED"]).optional(),
  /** `DELETE` removes a one-time schedule after its last fire; absent = `NONE`. */
  actionAfterCompletion: z.enum(["NONE", "DELETE"]).optional(),
  /** The event's source and detail-type when the target is an event bus. */
  source: text,
  detailType: text,
  /** The target's `Input` as typed; context attributes such as `<aws.scheduler.scheduled-time>` are filled in at each fire. */
  targetInput: sourceText.optional(),
  universalTarget: universalTargetSchema.optional(),
  /** Absent = Scheduler's defaults (86,400 s, 185 attempts). */
  retryPolicy: retryPolicySchema.optional(),
  deadLetterQueueArn: text.optional(),
  roleArn: text.optional(),
});

/** Who reads a stream: a Lambda event source mapping (feeds a function) or an EventBridge Pipe. */
export const streamReaderSchema = z.enum(["event-source-mapping", "pipe"]);
export const startingPositionSchema = z.enum(["LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"]);

// ---------------------------------------------------------------------------------------------
// Sample events and expectations

/**
 * A sample event kept with the design: what a producer sends (used by "Send test event") and what
 * the lab tests patterns against. `event` is the JSON text exactly as written, like patterns: an
 * EventBridge event for producers, a stream record (e.g. a Kafka record) for stream sources.
 */
export const sampleEventSchema = z.strictObject({
  id: nodeIdSchema,
  name: text,
  /**
   * The node that sends it: a producer, a Lambda function that puts events, or a stream source;
   * absent when it belongs to the design only.
   */
  producer: nodeIdSchema.optional(),
  event: sourceText,
});

/** "This sample should (not) match": the lab and `npm run check` flag every broken expectation. */
export const expectationSchema = z.strictObject({
  sample: nodeIdSchema,
  expect: z.enum(["match", "no-match"]),
});

/** Kept optional so documents written before expectations existed stay byte-identical. */
const expectations = z.array(expectationSchema).optional();

/** What every stream source shares; filter criteria are event-pattern texts. */
const streamBase = {
  ...base,
  reader: streamReaderSchema,
  batchSize: count,
  /** Seconds the reader may wait to fill a batch (MaximumBatchingWindowInSeconds); absent = 0. */
  batchingWindowSeconds: count.optional(),
  filterCriteria: z.array(sourceText),
  /** Expectations of the filter criteria (a record passes when any criterion matches it). */
  expectations,
};

const positionedStreamBase = { ...streamBase, startingPosition: startingPositionSchema };

const kafkaSource = z.strictObject({
  ...positionedStreamBase,
  kind: z.literal("kafka-topic"),
  cluster: z.enum(["msk", "self-managed"]),
  /** MSK cluster name or self-managed bootstrap servers. */
  clusterName: text,
  /** 12-digit account of the MSK cluster when it is not the consumer's (cross-account); optional. */
  account: text.optional(),
  topic: text,
  consumerGroupId: text,
});

const dynamodbStreamSource = z.strictObject({
  ...positionedStreamBase,
  kind: z.literal("dynamodb-stream"),
  tableName: text,
});

const kinesisStreamSource = z.strictObject({
  ...positionedStreamBase,
  kind: z.literal("kinesis-stream-source"),
  streamName: text,
});

const sqsQueueSource = z.strictObject({
  ...streamBase,
  kind: z.literal("sqs-queue-source"),
  queueName: text,
});

// ---------------------------------------------------------------------------------------------
// Event buses

/** An optional archive on a bus; an empty pattern archives every event, 0 days keeps forever. */
export const archiveSchema = z.strictObject({
  name: text,
  pattern: sourceText,
  retentionDays: count,
});

/**
 * The Classic EventBridge bus (rules and targets). The Custom Event Bus has node kinds of its
 * own (below), so `busType` stays `classic`.
 */
const classicBus = z.strictObject({
  ...base,
  kind: z.literal("event-bus"),
  busType: z.literal("classic"),
  variant: z.enum(["default", "custom", "partner"]),
  name: text,
  /** 12-digit account id; omitted means the design's own account. */
  account: text.optional(),
  /** Omitted means the design's home region. */
  region: text.optional(),
  archive: archiveSchema.optional(),
});

export const eventBusSchema = z.discriminatedUnion("busType", [classicBus]);

// ---------------------------------------------------------------------------------------------
// The Custom Event Bus (API `eventsv2`; the console calls the rules-and-targets bus "Classic")
//
// Its own node kinds rather than a `busType` of `event-bus`: it has no rules, archives or
// partner variant, so every Classic check and export would otherwise have to narrow first.
// Shapes follow AWS::EventsV2::* (aws-cdk-lib's aws-eventsv2); AWS's ranges live in validation.

/** `DATA` the payload (PutEvents: the envelope), `METADATA` the publisher's keys, `SYSTEM_METADATA` EventBridge's. */
export const filterScopeSchema = z.enum(["DATA", "METADATA", "SYSTEM_METADATA"]);

/**
 * A subscriber's filters: at most one event pattern per scope (so a map keyed by scope), all
 * ANDed; no filter at all delivers every event.
 */
export const subscriberFiltersSchema = z.strictObject({
  DATA: sourceText.optional(),
  METADATA: sourceText.optional(),
  SYSTEM_METADATA: sourceText.optional(),
});

/** What the target receives: the data, the data with its metadata, or a JSONata expression's result. */
export const subscriberTransformSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("RAW") }),
  z.strictObject({ type: z.literal("WITH_METADATA") }),
  /** The expression with its `{% … %}` delimiters, as AWS stores it. */
  z.strictObject({ type: z.literal("JSONATA"), expression: sourceText }),
]);

/** Where a new subscriber starts reading the bus's retained events. */
export const subscriberStartSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("LATEST") }),
  z.strictObject({ type: z.literal("HORIZON") }),
  /** Seconds since the Unix epoch. */
  z.strictObject({ type: z.literal("TIMESTAMP"), startingPoint: count }),
]);

export const subscriberRetryPolicySchema = z.strictObject({
  maxEventAgeInSeconds: count,
  maxRetryAttempts: count,
});

const eventsV2Bus = z.strictObject({
  ...base,
  kind: z.literal("eventsv2-bus"),
  name: text,
  description: text.optional(),
  /** Days every published event is kept (subscribers' backlog, point-in-time starts). */
  retentionDays: count,
  account: text.optional(),
  region: text.optional(),
});

/** An event source attached to a Custom Event Bus: an AWS service's events or a partner's. */
export const eventSourceConfigSchema = z.discriminatedUnion("type", [
  /** `awsService` like `aws.s3`; the optional pattern selects which of its events the bus gets. */
  z.strictObject({ type: z.literal("aws-service"), awsService: text, pattern: sourceText.optional() }),
  z.strictObject({ type: z.literal("partner"), partnerEventSourceArn: text, pattern: sourceText.optional() }),
]);

const eventsV2Source = z.strictObject({
  ...base,
  kind: z.literal("eventsv2-source"),
  name: text,
  description: text.optional(),
  config: eventSourceConfigSchema,
  deadLetterQueueArn: text.optional(),
});

const subscriberNode = z.strictObject({
  ...base,
  kind: z.literal("subscriber"),
  name: text,
  description: text.optional(),
  filters: subscriberFiltersSchema,
  transform: subscriberTransformSchema,
  /** `FIFO` orders delivery within an event group. */
  ordering: z.enum(["UNORDERED", "FIFO"]),
  start: subscriberStartSchema,
  /** `STOPPED` pauses delivery; events keep accumulating as its backlog. */
  state: z.enum(["RUNNING", "STOPPED"]),
  retryPolicy: subscriberRetryPolicySchema,
  /** An SQS queue ARN: the only dead-letter destination AWS supports. */
  deadLetterQueueArn: text.optional(),
  roleArn: text.optional(),
  /** Expectations of the filters as a whole (all scopes ANDed). */
  expectations,
});

// ---------------------------------------------------------------------------------------------
// EventBridge Pipes
//
// A pipe is one node: its source is the stream source whose `feeds-pipe` edge reaches it (the
// source node holds how it is read: batch size, batching window, starting position and the
// filter criteria), its target the node its `delivers` edge (or the bus its `puts-events` edge)
// reaches. Shapes follow CreatePipe; AWS's ranges live in validation.

/** An API destination's connection, named only: the credentials stay in AWS. */
export const apiConnectionSchema = z.strictObject({
  name: text,
  authorization: z.enum(["API_KEY", "BASIC", "OAUTH_CLIENT_CREDENTIALS"]),
});

/** What a pipe calls with each batch before the target; its answer is what the target receives. */
export const pipeEnrichmentSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("lambda"), functionName: text }),
  /** Express workflows only (Pipes invokes them synchronously). */
  z.strictObject({ type: z.literal("step-functions"), stateMachineName: text }),
  z.strictObject({ type: z.literal("api-gateway"), apiId: text, stage: text, method: httpMethodSchema, path: text }),
  z.strictObject({ type: z.literal("api-destination"), name: text, endpoint: text, method: httpMethodSchema, connection: apiConnectionSchema }),
]);

const pipeNode = z.strictObject({
  ...base,
  kind: z.literal("pipe"),
  name: text,
  description: text.optional(),
  desiredState: z.enum(["RUNNING", "STOPPED"]),
  enrichment: pipeEnrichmentSchema.optional(),
  /** The enrichment's input template (`<$.body.id>` placeholders), as typed. */
  enrichmentInputTemplate: sourceText.optional(),
  /** The target's input template, as typed; absent = the (enriched) records unchanged. */
  targetInputTemplate: sourceText.optional(),
  /** The event's source and detail-type when the target is an event bus. */
  busEvent: z.strictObject({ source: text, detailType: text }).optional(),
  roleArn: text.optional(),
});

// ---------------------------------------------------------------------------------------------
// Rules

/** A rule is triggered by exactly one of these: the union makes "both" and "neither" unsayable. */
export const ruleTriggerSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("pattern"), pattern: sourceText }),
  z.strictObject({ type: z.literal("schedule"), expression: text }),
]);

const ruleNode = z.strictObject({
  ...base,
  kind: z.literal("rule"),
  name: text,
  description: text,
  enabled: z.boolean(),
  trigger: ruleTriggerSchema,
  /** The role the rule itself uses (cross-account bus targets of older rules); optional. */
  roleArn: text.optional(),
  expectations,
});

// ---------------------------------------------------------------------------------------------
// Targets

/** What the target receives: the matched event, part of it, a constant, or a transformation. */
export const inputModeSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("matched-event") }),
  z.strictObject({ type: z.literal("input-path"), inputPath: text }),
  z.strictObject({ type: z.literal("constant"), input: sourceText }),
  z.strictObject({
    type: z.literal("input-transformer"),
    inputPathsMap: z.record(z.string(), z.string()),
    inputTemplate: sourceText,
  }),
]);

/** What every rule target shares (one node = one `Target` entry of the rules that invoke it). */
const targetBase = {
  ...base,
  input: inputModeSchema,
  retryPolicy: retryPolicySchema,
  deadLetterQueueArn: text.optional(),
  roleArn: text.optional(),
  /**
   * The AWS target `Id` (unique per rule) when it is not the one derived from the node id, e.g.
   * `Target0` of an imported rule; absent for targets drawn on the canvas.
   */
  targetId: text.optional(),
};

/** Resource targets name their resource and where it lives when that is another account. */
const resourceTargetBase = {
  ...targetBase,
  crossAccount: z.boolean(),
  /** Required when `crossAccount`; 12 digits. */
  account: text.optional(),
  region: text.optional(),
};

const lambdaTarget = z.strictObject({ ...resourceTargetBase, kind: z.literal("lambda"), functionName: text });
const snsTarget = z.strictObject({ ...resourceTargetBase, kind: z.literal("sns"), topicName: text });
const sqsTarget = z.strictObject({
  ...resourceTargetBase,
  kind: z.literal("sqs"),
  queueName: text,
  /** Required by AWS for FIFO queues (names ending `.fifo`). */
  messageGroupId: text.optional(),
});
const stepFunctionsTarget = z.strictObject({ ...resourceTargetBase, kind: z.literal("step-functions"), stateMachineName: text });
const firehoseTarget = z.strictObject({ ...resourceTargetBase, kind: z.literal("firehose"), deliveryStreamName: text });
const kinesisTarget = z.strictObject({
  ...resourceTargetBase,
  kind: z.literal("kinesis"),
  streamName: text,
  partitionKeyPath: text.optional(),
});
const cloudwatchLogsTarget = z.strictObject({ ...resourceTargetBase, kind: z.literal("cloudwatch-logs"), logGroupName: text });


/** An API destination; its connection is named only, the credentials stay in AWS. */
const apiDestinationTarget = z.strictObject({
  ...targetBase,
  kind: z.literal("api-destination"),
  name: text,
  endpoint: text,
  method: httpMethodSchema,
  connection: apiConnectionSchema,
  invocationRateLimitPerSecond: count.optional(),
});

/**
 * A rule target that is an event bus; the bus itself is the node it `forwards` to, so its
 * account and region are that bus's. `crossAccount` states the intent, validation checks it.
 */
const eventBusTarget = z.strictObject({ ...targetBase, kind: z.literal("event-bus-target"), crossAccount: z.boolean() });

// ---------------------------------------------------------------------------------------------
// Downstream documentation nodes

const dynamodbTable = z.strictObject({ ...base, kind: z.literal("dynamodb-table"), tableName: text });
const s3Bucket = z.strictObject({ ...base, kind: z.literal("s3-bucket"), bucketName: text });
const database = z.strictObject({ ...base, kind: z.literal("database"), engine: text, name: text });
const genericResource = z.strictObject({ ...base, kind: z.literal("resource"), title: text });

// ---------------------------------------------------------------------------------------------
// Nodes, edges, the document

export const designNodeSchema = z.discriminatedUnion("kind", [
  awsServiceProducer,
  customAppProducer,
  saasPartnerProducer,
  scheduleGroupNode,
  scheduleNode,
  httpApiProducer,
  kafkaSource,
  dynamodbStreamSource,
  kinesisStreamSource,
  sqsQueueSource,
  eventBusSchema,
  eventsV2Bus,
  eventsV2Source,
  subscriberNode,
  pipeNode,
  ruleNode,
  lambdaTarget,
  snsTarget,
  sqsTarget,
  stepFunctionsTarget,
  firehoseTarget,
  kinesisTarget,
  apiDestinationTarget,
  eventBusTarget,
  cloudwatchLogsTarget,
  dynamodbTable,
  s3Bucket,
  database,
  genericResource,
]);

/** What an edge means; which node kinds may sit at each end is the registry's business. */
export const edgeKindSchema = z.enum(["puts-events", "feeds", "invokes", "forwards", "feeds-function", "writes-to", "subscribes", "contains", "feeds-pipe", "delivers"]);

export const designEdgeSchema = z.strictObject({
  id: nodeIdSchema,
  kind: edgeKindSchema,
  source: nodeIdSchema,
  target: nodeIdSchema,
});

export const designSchema = z.strictObject({
  format: z.literal(DESIGN_FORMAT),
  version: z.literal(DESIGN_VERSION),
  name: text,
  description: text,
  nodes: z.array(designNodeSchema),
  edges: z.array(designEdgeSchema),
  /** Optional for the same reason as `expectations`. */
  samples: z.array(sampleEventSchema).optional(),
});

export type Design = z.infer<typeof designSchema>;
export type DesignNode = z.infer<typeof designNodeSchema>;
export type DesignEdge = z.infer<typeof designEdgeSchema>;
export type NodeKind = DesignNode["kind"];
export type EdgeKind = z.infer<typeof edgeKindSchema>;
export type NodeOfKind<K extends NodeKind> = Extract<DesignNode, { kind: K }>;
export type Position = z.infer<typeof positionSchema>;
export type EventBusNode = NodeOfKind<"event-bus">;
export type RuleNode = NodeOfKind<"rule">;
export type RuleTrigger = z.infer<typeof ruleTriggerSchema>;
export type InputMode = z.infer<typeof inputModeSchema>;
export type RetryPolicy = z.infer<typeof retryPolicySchema>;
export type Archive = z.infer<typeof archiveSchema>;
export type SampleEvent = z.infer<typeof sampleEventSchema>;
export type Expectation = z.infer<typeof expectationSchema>;
export type EventsV2BusNode = NodeOfKind<"eventsv2-bus">;
export type SubscriberNode = NodeOfKind<"subscriber">;
export type FilterScope = z.infer<typeof filterScopeSchema>;
export type SubscriberFilters = z.infer<typeof subscriberFiltersSchema>;
export type SubscriberTransform = z.infer<typeof subscriberTransformSchema>;
export type SubscriberRetryPolicy = z.infer<typeof subscriberRetryPolicySchema>;
export type ScheduleNode = NodeOfKind<"schedule">;
export type PipeNode = NodeOfKind<"pipe">;
export type PipeEnrichment = z.infer<typeof pipeEnrichmentSchema>;

export const EDGE_KINDS: readonly EdgeKind[] = edgeKindSchema.options;

/** Parses a design or throws zod's error; `safeParseDesign` returns the result instead. */
export function parseDesign(value: unknown): Design {
  return designSchema.parse(value);
}

export function safeParseDesign(value: unknown): z.ZodSafeParseResult<Design> {
  return designSchema.safeParse(value);
}
