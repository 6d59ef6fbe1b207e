/**
 * The canvas side of the node-kind registry (lib/graph/registry.ts): for every kind, the title
 * its node shows and the inspector's fields. The mapped type makes the compiler ask for an entry
 * when a kind is added to the model; the palette and `nodeTypes` derive from the registry itself.
 */
import { httpMethodSchema, type DesignNode, type FilterScope, type NodeCategory, type NodeKind, type NodeOfKind } from "@/lib/graph";
import type { FieldSpec } from "./field-spec";

export interface KindView<K extends NodeKind> {
  /** The node's own name as shown on the canvas and in the problems list. */
  readonly title: (node: NodeOfKind<K>) => string;
  readonly fields: readonly FieldSpec[];
}

type KindViews = { readonly [K in NodeKind]: KindView<K> };

const notes: FieldSpec = { type: "textarea", path: "notes", label: "Notes", hint: "Free documentation for your team." };
/** An AWS name and an optional description: the first fields of buses, pipes and subscribers. */
const NAME_AND_DESCRIPTION: readonly FieldSpec[] = [
  { type: "text", path: "name", label: "Name" },
  { type: "text", path: "description", label: "Description", optional: true },
];

const RETRY_AND_DLQ: readonly FieldSpec[] = [
  { type: "number", path: "retryPolicy.maximumEventAgeInSeconds", label: "Maximum event age (seconds)", hint: "60 to 86,400" },
  { type: "number", path: "retryPolicy.maximumRetryAttempts", label: "Maximum retry attempts", hint: "0 to 185" },
  { type: "text", path: "deadLetterQueueArn", label: "Dead-letter queue ARN", optional: true, placeholder: "arn:aws:sqs:us-east-1:123456789012:dlq" },
  { type: "text", path: "roleArn", label: "Role ARN", optional: true, placeholder: "arn:aws:iam::123456789012:role/name" },
];

/** Every target kind: the AWS target `Id` an imported target keeps (`Target0`); empty on drawn ones, whose id derives from the node id. */
const TARGET_ID: FieldSpec = {
  type: "text",
  path: "targetId",
  label: "Target Id",
  optional: true,
  placeholder: "empty: derived from the node id",
  hint: "The target's Id in its rule: up to 64 letters, digits, \".\", \"-\" or \"_\".",
};

const inputType = (type: string) => (node: DesignNode) => "input" in node && node.input.type === type;

const INPUT: readonly FieldSpec[] = [
  {
    type: "variant",
    path: "input",
    discriminant: "type",
    label: "Input to the target",
    options: [
      { value: "matched-event", label: "Matched event", create: () => ({ type: "matched-event" }) },
      { value: "input-path", label: "Part of the event (InputPath)", create: () => ({ type: "input-path", inputPath: "$.detail" }) },
      { value: "constant", label: "Constant (Input)", create: () => ({ type: "constant", input: '{\n  "message": "hello"\n}' }) },
      {
        value: "input-transformer",
        label: "Input transformer",
        create: () => ({ type: "input-transformer", inputPathsMap: { id: "$.id" }, inputTemplate: '{\n  "eventId": <id>\n}' }),
      },
    ],
  },
  { type: "text", path: "input.inputPath", label: "InputPath", when: inputType("input-path") },
  { type: "code", path: "input.input", label: "Constant input (JSON)", language: "json", when: inputType("constant") },
  { type: "map", path: "input.inputPathsMap", label: "Input paths map", hint: "One `name: $.path` per line.", when: inputType("input-transformer") },
  { type: "code", path: "input.inputTemplate", label: "Input template", language: "template", when: inputType("input-transformer") },
];

const crossAccount = (node: DesignNode) => "crossAccount" in node && node.crossAccount;

/** Fields of targets that name a resource in this or another account. */
function resourceTarget(resource: FieldSpec[]): readonly FieldSpec[] {
  return [
    ...resource,
    { type: "checkbox", path: "crossAccount", label: "In another account" },
    { type: "text", path: "account", label: "Account id", optional: true, placeholder: "123456789012", when: crossAccount },
    { type: "text", path: "region", label: "Region", optional: true, placeholder: "same as the rule" },
    ...INPUT,
    ...RETRY_AND_DLQ,
    TARGET_ID,
    notes,
  ];
}

const STREAM: readonly FieldSpec[] = [
  { type: "select", path: "reader", label: "Read by", options: ["event-source-mapping", "pipe"] },
  { type: "number", path: "batchSize", label: "Batch size" },
  { type: "number", path: "batchingWindowSeconds", label: "Batching window (seconds)", optional: true, hint: "Empty: 0. Up to 300 s to fill a batch." },
  { type: "code-list", path: "filterCriteria", label: "Filter criteria", language: "pattern" },
];
const STARTING_POSITION: FieldSpec = { type: "select", path: "startingPosition", label: "Starting position", options: ["LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"] };

const sourceType = (type: string) => (node: DesignNode) => node.kind === "eventsv2-source" && node.config.type === type;
const FILTER_SCOPES = ["DATA", "METADATA", "SYSTEM_METADATA"] as const satisfies readonly FilterScope[];
const SCOPE_LABELS: Record<FilterScope, { label: string; example: string }> = {
  DATA: { label: "the data (DATA)", example: '{\n  "source": ["com.example.orders"]\n}' },
  METADATA: { label: "the publisher's metadata (METADATA)", example: '{\n  "tenant": ["acme"]\n}' },
  SYSTEM_METADATA: { label: "system metadata (SYSTEM_METADATA)", example: '{\n  "aws:DeliveryType": ["LIVE"]\n}' },
};

const hasEnrichment = (node: DesignNode) => node.kind === "pipe" && node.enrichment !== undefined;
const enrichmentType = (type: string) => (node: DesignNode) => node.kind === "pipe" && node.enrichment?.type === type;
const triggerType = (type: string) => (node: DesignNode) => node.kind === "rule" && node.trigger.type === type;
const emitsType = (type: string) => (node: DesignNode) => node.kind === "aws-service" && node.emits.type === type;

export const KIND_VIEWS: KindViews = {
  "aws-service": {
    title: (n) => n.source,
    fields: [
      { type: "text", path: "source", label: "Source", placeholder: "aws.ec2" },
      {
        type: "variant",
        path: "emits",
        discriminant: "type",
        label: "Emits",
        options: [
          { value: "events", label: "Service events", create: () => ({ type: "events", detailTypes: [] }) },
          { value: "api-calls", label: "API calls (CloudTrail)", create: () => ({ type: "api-calls", eventNames: [] }) },
        ],
      },
      { type: "lines", path: "emits.detailTypes", label: "Detail-types", when: emitsType("events") },
      { type: "lines", path: "emits.eventNames", label: "API actions", when: emitsType("api-calls") },
      notes,
    ],
  },
  "custom-app": {
    title: (n) => n.name,
    fields: [
      { type: "text", path: "name", label: "Name" },
      { type: "text", path: "source", label: "Source", placeholder: "com.example.orders" },
      { type: "lines", path: "detailTypes", label: "Detail-types" },
      notes,
    ],
  },
  "saas-partner": {
    title: (n) => n.partnerName,
    fields: [
      { type: "text", path: "partnerName", label: "Partner" },
      { type: "text", path: "eventSourceName", label: "Event source name", placeholder: "aws.partner/example.com/123456789012/events" },
      notes,
    ],
  },
  "schedule-group": {
    title: (n) => n.name,
    fields: [{ type: "text", path: "name", label: "Name", hint: "1 to 64 letters, digits, \".\", \"-\" or \"_\"." }, notes],
  },
  schedule: {
    title: (n) => n.name ?? n.expression,
    fields: [
      { type: "text", path: "name", label: "Name", optional: true, placeholder: "derived from the node id" },
      { type: "text", path: "description", label: "Description", optional: true },
      { type: "text", path: "expression", label: "Expression", placeholder: "cron(0 2 * * ? *)", hint: "at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(minutes hours day-of-month month day-of-week year)." },
      { type: "text", path: "timezone", label: "Time zone", optional: true, placeholder: "UTC", hint: "An IANA time zone such as Europe/Berlin." },
      { type: "text", path: "startDate", label: "Start date", optional: true, placeholder: "2026-12-24T00:00:00Z" },
      { type: "text", path: "endDate", label: "End date", optional: true, placeholder: "2027-12-24T00:00:00Z" },
      { type: "number", path: "flexibleWindowMinutes", label: "Flexible time window (minutes)", optional: true, hint: "Empty: off. 1 to 1,440: Scheduler may fire anywhere in that window." },
      { type: "select", path: "state", label: "State", options: ["ENABLED", "DISABLED"] },
      { type: "select", path: "actionAfterCompletion", label: "After the last fire", options: ["NONE", "DELETE"] },
      { type: "code", path: "targetInput", label: "Target input", language: "json", hint: "Context attributes such as <aws.scheduler.scheduled-time> are filled in at each fire." },
      { type: "text", path: "source", label: "Event source", hint: "When the target is an event bus." },
      { type: "text", path: "detailType", label: "Event detail-type", hint: "When the target is an event bus." },
      { type: "optional", path: "universalTarget", label: "Universal target (any AWS API action)", create: () => ({ service: "sqs", action: "sendMessage" }) },
      { type: "text", path: "universalTarget.service", label: "Service", placeholder: "sqs", when: (n) => n.kind === "schedule" && n.universalTarget !== undefined },
      { type: "text", path: "universalTarget.action", label: "API action", placeholder: "sendMessage", when: (n) => n.kind === "schedule" && n.universalTarget !== undefined },
      { type: "optional", path: "retryPolicy", label: "Retry policy other than the default (86,400 s, 185 attempts)", create: () => ({ maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 }) },
      ...RETRY_AND_DLQ.map((field) => (field.path.startsWith("retryPolicy.") ? { ...field, when: (n: DesignNode) => n.kind === "schedule" && n.retryPolicy !== undefined } : field)),
      notes,
    ],
  },
  "http-api": {
    title: (n) => `${n.method} ${n.path}`,
    fields: [
      { type: "text", path: "name", label: "API name" },
      { type: "select", path: "method", label: "Method", options: httpMethodSchema.options },
      { type: "text", path: "path", label: "Route path", placeholder: "/items" },
      notes,
    ],
  },
  "kafka-topic": {
    // A cluster in another account shows it, so a cross-account design reads as such.
    title: (n) => (n.account === undefined ? n.topic : `${n.topic} (account ${n.account})`),
    fields: [
      { type: "select", path: "cluster", label: "Cluster", options: ["msk", "self-managed"] },
      { type: "text", path: "clusterName", label: "Cluster name or bootstrap servers" },
      { type: "text", path: "account", label: "Cluster account id", optional: true, placeholder: "the consumer's account" },
      { type: "text", path: "topic", label: "Topic" },
      { type: "text", path: "consumerGroupId", label: "Consumer group id" },
      STARTING_POSITION,
      ...STREAM,
      notes,
    ],
  },
  "dynamodb-stream": {
    title: (n) => n.tableName,
    fields: [{ type: "text", path: "tableName", label: "Table" }, STARTING_POSITION, ...STREAM, notes],
  },
  "kinesis-stream-source": {
    title: (n) => n.streamName,
    fields: [{ type: "text", path: "streamName", label: "Stream" }, STARTING_POSITION, ...STREAM, notes],
  },
  "sqs-queue-source": {
    title: (n) => n.queueName,
    fields: [{ type: "text", path: "queueName", label: "Queue" }, ...STREAM, notes],
  },
  "event-bus": {
    title: (n) => n.name,
    fields: [
      { type: "select", path: "variant", label: "Bus type", options: ["default", "custom", "partner"] },
      { type: "text", path: "name", label: "Name" },
      { type: "text", path: "account", label: "Account id", optional: true, placeholder: "this design's account" },
      { type: "text", path: "region", label: "Region", optional: true, placeholder: "home region" },
      { type: "optional", path: "archive", label: "Archive events", create: () => ({ name: "archive", pattern: "", retentionDays: 0 }) },
      { type: "text", path: "archive.name", label: "Archive name", when: (n) => n.kind === "event-bus" && n.archive !== undefined },
      { type: "code", path: "archive.pattern", label: "Archive pattern (empty = every event)", language: "pattern", when: (n) => n.kind === "event-bus" && n.archive !== undefined },
      { type: "number", path: "archive.retentionDays", label: "Retention (days, 0 = forever)", when: (n) => n.kind === "event-bus" && n.archive !== undefined },
      notes,
    ],
  },
  "eventsv2-bus": {
    title: (n) => n.name,
    fields: [
      ...NAME_AND_DESCRIPTION,
      { type: "number", path: "retentionDays", label: "Retention (days)", hint: "1 to 365: how long every event stays for backlogs and replays." },
      { type: "text", path: "account", label: "Account id", optional: true, placeholder: "the design's account" },
      { type: "text", path: "region", label: "Region", optional: true, placeholder: "the design's region" },
      notes,
    ],
  },
  "eventsv2-source": {
    title: (n) => n.name,
    fields: [
      { type: "text", path: "name", label: "Name" },
      {
        type: "variant",
        path: "config",
        discriminant: "type",
        label: "Events from",
        options: [
          { value: "aws-service", label: "An AWS service", create: () => ({ type: "aws-service", awsService: "aws.s3" }) },
          { value: "partner", label: "A partner event source", create: () => ({ type: "partner", partnerEventSourceArn: "" }) },
        ],
      },
      { type: "text", path: "config.awsService", label: "AWS service", placeholder: "aws.s3", when: sourceType("aws-service") },
      { type: "text", path: "config.partnerEventSourceArn", label: "Partner event source ARN", when: sourceType("partner") },
      { type: "optional", path: "config.pattern", label: "Only events matching a pattern", create: () => '{\n  "detail-type": ["Object Created"]\n}' },
      { type: "code", path: "config.pattern", label: "Event pattern", language: "pattern", when: (n) => n.kind === "eventsv2-source" && n.config.pattern !== undefined },
      { type: "text", path: "deadLetterQueueArn", label: "Dead-letter queue ARN", optional: true, placeholder: "arn:aws:sqs:us-east-1:123456789012:dlq" },
      notes,
    ],
  },
  subscriber: {
    title: (n) => n.name,
    fields: [
      ...NAME_AND_DESCRIPTION,
      ...FILTER_SCOPES.flatMap((scope): FieldSpec[] => [
        { type: "optional", path: `filters.${scope}`, label: `Filter on ${SCOPE_LABELS[scope].label}`, create: () => SCOPE_LABELS[scope].example },
        { type: "code", path: `filters.${scope}`, label: `${scope} pattern`, language: "pattern", when: (n) => n.kind === "subscriber" && n.filters[scope] !== undefined },
      ]),
      {
        type: "variant",
        path: "transform",
        discriminant: "type",
        label: "Target receives",
        options: [
          { value: "RAW", label: "The event data (RAW)", create: () => ({ type: "RAW" }) },
          { value: "WITH_METADATA", label: "Data with metadata (WITH_METADATA)", create: () => ({ type: "WITH_METADATA" }) },
          { value: "JSONATA", label: "A JSONata expression", create: () => ({ type: "JSONATA", expression: "{% $events.Data.detail %}" }) },
        ],
      },
      { type: "code", path: "transform.expression", label: "JSONata expression", language: "json", hint: "Wrapped in {% … %}; the event is $events (Data, Metadata, SystemMetadata).", when: (n) => n.kind === "subscriber" && n.transform.type === "JSONATA" },
      { type: "select", path: "ordering", label: "Ordering", options: ["UNORDERED", "FIFO"] },
      { type: "select", path: "state", label: "State", options: ["RUNNING", "STOPPED"] },
      {
        type: "variant",
        path: "start",
        discriminant: "type",
        label: "Starts at",
        options: [
          { value: "LATEST", label: "New events (LATEST)", create: () => ({ type: "LATEST" }) },
          { value: "HORIZON", label: "The oldest retained event", create: () => ({ type: "HORIZON" }) },
          { value: "TIMESTAMP", label: "A point in time", create: () => ({ type: "TIMESTAMP", startingPoint: Math.floor(Date.now() / 1000) }) },
        ],
      },
      { type: "number", path: "start.startingPoint", label: "Starting point (Unix seconds)", when: (n) => n.kind === "subscriber" && n.start.type === "TIMESTAMP" },
      { type: "number", path: "retryPolicy.maxEventAgeInSeconds", label: "Maximum event age (seconds)", hint: "60 to 86,400; AWS's default is 300" },
      { type: "number", path: "retryPolicy.maxRetryAttempts", label: "Maximum retry attempts", hint: "0 to 185; AWS's default is 5" },
      { type: "text", path: "deadLetterQueueArn", label: "Dead-letter queue ARN (SQS)", optional: true, placeholder: "arn:aws:sqs:us-east-1:123456789012:dlq" },
      { type: "text", path: "roleArn", label: "Role ARN", optional: true, placeholder: "arn:aws:iam::123456789012:role/name" },
      notes,
    ],
  },
  pipe: {
    title: (n) => n.name,
    fields: [
      ...NAME_AND_DESCRIPTION,
      { type: "select", path: "desiredState", label: "Desired state", options: ["RUNNING", "STOPPED"] },
      { type: "optional", path: "enrichment", label: "Enrichment", create: () => ({ type: "lambda", functionName: "my-enrichment" }) },
      {
        type: "variant",
        path: "enrichment",
        discriminant: "type",
        label: "Enriched by",
        when: hasEnrichment,
        options: [
          { value: "lambda", label: "Lambda function", create: () => ({ type: "lambda", functionName: "my-enrichment" }) },
          { value: "step-functions", label: "Step Functions (express)", create: () => ({ type: "step-functions", stateMachineName: "my-express-workflow" }) },
          { value: "api-gateway", label: "API Gateway REST API", create: () => ({ type: "api-gateway", apiId: "abc123", stage: "prod", method: "POST", path: "/enrich" }) },
          {
            value: "api-destination",
            label: "API destination",
            create: () => ({ type: "api-destination", name: "enrichment", endpoint: "https://example.com/enrich", method: "POST", connection: { name: "my-connection", authorization: "API_KEY" } }),
          },
        ],
      },
      { type: "text", path: "enrichment.functionName", label: "Function name", when: enrichmentType("lambda") },
      {
        type: "text",
        path: "enrichment.stateMachineName",
        label: "State machine name",
        hint: "An Express workflow: Pipes waits for its answer, which a Standard workflow does not give.",
        when: enrichmentType("step-functions"),
      },
      { type: "text", path: "enrichment.apiId", label: "REST API id", when: enrichmentType("api-gateway") },
      { type: "text", path: "enrichment.stage", label: "Stage", when: enrichmentType("api-gateway") },
      { type: "select", path: "enrichment.method", label: "Method", options: httpMethodSchema.options, when: (n) => enrichmentType("api-gateway")(n) || enrichmentType("api-destination")(n) },
      { type: "text", path: "enrichment.path", label: "Resource path", placeholder: "/enrich", when: enrichmentType("api-gateway") },
      { type: "text", path: "enrichment.name", label: "API destination name", when: enrichmentType("api-destination") },
      { type: "text", path: "enrichment.endpoint", label: "Endpoint", placeholder: "https://example.com/enrich", hint: "An https:// URL.", when: enrichmentType("api-destination") },
      { type: "text", path: "enrichment.connection.name", label: "Connection name", when: enrichmentType("api-destination") },
      { type: "select", path: "enrichment.connection.authorization", label: "Connection authorization", options: ["API_KEY", "BASIC", "OAUTH_CLIENT_CREDENTIALS"], when: enrichmentType("api-destination") },
      { type: "code", path: "enrichmentInputTemplate", label: "Enrichment input template", language: "template", when: hasEnrichment },
      { type: "code", path: "targetInputTemplate", label: "Target input template", language: "template", hint: "Empty: the target receives the (enriched) batch unchanged." },
      { type: "optional", path: "busEvent", label: "Event source and detail-type (target is an event bus)", create: () => ({ source: "com.example.pipe", detailType: "Record" }) },
      { type: "text", path: "busEvent.source", label: "Event source", when: (n) => n.kind === "pipe" && n.busEvent !== undefined },
      { type: "text", path: "busEvent.detailType", label: "Event detail-type", when: (n) => n.kind === "pipe" && n.busEvent !== undefined },
      { type: "text", path: "roleArn", label: "Role ARN", optional: true, placeholder: "arn:aws:iam::123456789012:role/name" },
      notes,
    ],
  },
  rule: {
    title: (n) => n.name,
    fields: [
      { type: "text", path: "name", label: "Name" },
      { type: "textarea", path: "description", label: "Description" },
      { type: "checkbox", path: "enabled", label: "Enabled" },
      {
        type: "variant",
        path: "trigger",
        discriminant: "type",
        label: "Triggered by",
        options: [
          { value: "pattern", label: "Event pattern", create: () => ({ type: "pattern", pattern: '{\n  "source": ["com.example.orders"]\n}' }) },
          { value: "schedule", label: "Schedule", create: () => ({ type: "schedule", expression: "rate(5 minutes)" }) },
        ],
      },
      { type: "code", path: "trigger.pattern", label: "Event pattern", language: "pattern", when: triggerType("pattern") },
      { type: "text", path: "trigger.expression", label: "Schedule expression", placeholder: "rate(5 minutes)", when: triggerType("schedule") },
      {
        type: "text",
        path: "roleArn",
        label: "Role ARN",
        optional: true,
        placeholder: "arn:aws:iam::123456789012:role/name",
        hint: "The role the rule itself uses, e.g. to put events on a bus in another account.",
      },
      notes,
    ],
  },
  lambda: { title: (n) => n.functionName, fields: resourceTarget([{ type: "text", path: "functionName", label: "Function name" }]) },
  sns: { title: (n) => n.topicName, fields: resourceTarget([{ type: "text", path: "topicName", label: "Topic name" }]) },
  sqs: {
    title: (n) => n.queueName,
    fields: resourceTarget([
      { type: "text", path: "queueName", label: "Queue name" },
      { type: "text", path: "messageGroupId", label: "Message group id (FIFO)", optional: true },
    ]),
  },
  "step-functions": { title: (n) => n.stateMachineName, fields: resourceTarget([{ type: "text", path: "stateMachineName", label: "State machine name" }]) },
  firehose: { title: (n) => n.deliveryStreamName, fields: resourceTarget([{ type: "text", path: "deliveryStreamName", label: "Delivery stream name" }]) },
  kinesis: {
    title: (n) => n.streamName,
    fields: resourceTarget([
      { type: "text", path: "streamName", label: "Stream name" },
      { type: "text", path: "partitionKeyPath", label: "Partition key path", optional: true, placeholder: "$.detail.id" },
    ]),
  },
  "cloudwatch-logs": { title: (n) => n.logGroupName, fields: resourceTarget([{ type: "text", path: "logGroupName", label: "Log group name" }]) },
  "api-destination": {
    title: (n) => n.name,
    fields: [
      { type: "text", path: "name", label: "Name" },
      { type: "text", path: "endpoint", label: "Endpoint", placeholder: "https://example.com/webhook" },
      { type: "select", path: "method", label: "HTTP method", options: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] },
      { type: "text", path: "connection.name", label: "Connection name" },
      { type: "select", path: "connection.authorization", label: "Connection authorization", options: ["API_KEY", "BASIC", "OAUTH_CLIENT_CREDENTIALS"] },
      { type: "number", path: "invocationRateLimitPerSecond", label: "Invocation rate limit (per second)", optional: true },
      ...INPUT,
      ...RETRY_AND_DLQ,
      TARGET_ID,
      notes,
    ],
  },
  "event-bus-target": {
    title: () => "Forward to bus",
    fields: [{ type: "checkbox", path: "crossAccount", label: "Destination bus is in another account" }, ...INPUT, ...RETRY_AND_DLQ, TARGET_ID, notes],
  },
  "dynamodb-table": { title: (n) => n.tableName, fields: [{ type: "text", path: "tableName", label: "Table name" }, notes] },
  "s3-bucket": { title: (n) => n.bucketName, fields: [{ type: "text", path: "bucketName", label: "Bucket name" }, notes] },
  database: {
    title: (n) => n.name,
    fields: [{ type: "text", path: "engine", label: "Engine" }, { type: "text", path: "name", label: "Name" }, notes],
  },
  resource: { title: (n) => n.title, fields: [{ type: "text", path: "title", label: "Title" }, notes] },
};

export function kindView<K extends NodeKind>(kind: K): KindView<K> {
  return KIND_VIEWS[kind] as KindView<K>;
}

export function nodeTitle(node: DesignNode): string {
  return (kindView(node.kind).title as (n: DesignNode) => string)(node) || node.id;
}

export const CATEGORY_LABELS: Record<NodeCategory, string> = {
  producer: "Producers",
  bus: "Event buses",
  rule: "Rules",
  target: "Targets",
  downstream: "Downstream resources",
};

/** Tailwind classes per category: the accent stripe and the small kind tag. */
export const CATEGORY_STYLES: Record<NodeCategory, { accent: string; tag: string; minimap: string }> = {
  producer: { accent: "bg-sky-500", tag: "text-sky-700 dark:text-sky-300", minimap: "#0ea5e9" },
  bus: { accent: "bg-violet-500", tag: "text-violet-700 dark:text-violet-300", minimap: "#8b5cf6" },
  rule: { accent: "bg-amber-500", tag: "text-amber-700 dark:text-amber-300", minimap: "#f59e0b" },
  target: { accent: "bg-emerald-500", tag: "text-emerald-700 dark:text-emerald-300", minimap: "#10b981" },
  downstream: { accent: "bg-slate-400", tag: "text-slate-600 dark:text-slate-300", minimap: "#94a3b8" },
};
