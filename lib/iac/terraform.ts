/**
 * Terraform (HCL, AWS provider 6; awscc for the Custom Event Bus) from the export model: one `main.tf`, exactly as
 * `terraform fmt` writes it (two-space indent, `=` aligned within a block's run of attributes).
 * Event patterns are heredocs holding the canonical JSON, so the file reads like the pattern
 * editor and Terraform evaluates the pattern text unchanged (template sequences escaped).
 */
import type { RetryPolicy } from "@/lib/graph";
import { oneLine, snakeCase } from "./names";
import { ExprValue, JsonDocument, type NewBusExport, type NewBusResource, type PropertyMap, type PropertyTree } from "./new-bus-model";
import { logPolicyDocument } from "./cloudformation";
import { simplify, type BusModel, type Expr, type ExportModel, type Ref, type RoleModel, type RuleModel, type TargetModel } from "./model";
import { trustPolicy, type PipeModel, type ScheduleModel, type SchedulerPipesModel, type ServiceRoleModel } from "./scheduler-pipes";

/** A block body: attributes (expressions already in HCL) and nested blocks, in order. */
type Body = readonly (Attribute | Block | undefined)[];
interface Attribute {
  readonly type: "attr";
  readonly key: string;
  readonly value: string;
}
interface Block {
  readonly type: "block";
  readonly header: string;
  readonly body: Body;
}

const attr = (key: string, value: string | undefined): Attribute | undefined => (value === undefined ? undefined : { type: "attr", key, value });
const block = (header: string, body: Body): Block => ({ type: "block", header, body });

const ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `${` and `%{` start interpolation and directives in HCL strings and heredocs; doubled (`$${`,
 * `%%{`) they are literal. (A function replacement: in a replacement string, `$$` means `$`.)
 */
function literalTemplate(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** A quoted HCL string: JSON-style escapes, and `${` / `%{` doubled so they stay literal. */
export function hclString(text: string): string {
  const body = [...text].map((c) => ESCAPES[c] ?? (c < " " ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c)).join("");
  return `"${literalTemplate(body)}"`;
}

function refExpression(ref: Ref): string {
  switch (ref.kind) {
    case "pseudo":
      return { partition: "data.aws_partition.current.partition", region: "data.aws_region.current.region", account: "data.aws_caller_identity.current.account_id" }[ref.name];
    case "param":
      return `var.${ref.param.names.terraform}`;
    case "attr": {
      if (ref.resource === "eventsv2-bus") return `${newBusType("EventBus")}.${ref.names.terraform}.event_bus_arn`;
      const type = {
        bus: "aws_cloudwatch_event_bus",
        rule: "aws_cloudwatch_event_rule",
        role: "aws_iam_role",
        "api-destination": "aws_cloudwatch_event_api_destination",
        "schedule-group": "aws_scheduler_schedule_group",
        "service-role": "aws_iam_role",
      }[ref.resource];
      return `${type}.${ref.names.terraform}.${ref.attr}`;
    }
  }
}

export function hclExpression(expr: Expr): string {
  if (expr.length === 1 && typeof expr[0] !== "string") return refExpression(expr[0]!);
  const inner = expr.map((part) => (typeof part === "string" ? hclString(part).slice(1, -1) : `\${${refExpression(part)}}`)).join("");
  return `"${inner}"`;
}

/** A heredoc for multi-line JSON; its content is literal (interpolation sequences escaped). */
function heredoc(marker: string, text: string, depth: number): string {
  const pad = "  ".repeat(depth + 1);
  const lines = literalTemplate(text).split("\n").map((line) => pad + line);
  return `<<-${marker}\n${lines.join("\n")}\n${"  ".repeat(depth)}${marker}`;
}

/**
 * A heredoc is one line to `terraform fmt` (its text is a single token): its attribute aligns
 * with the attributes around it. Any other multi-line value (an open bracket) ends the run of
 * aligned attributes and is written unaligned, as fmt writes it.
 */
const isBracketed = (a: Attribute) => a.value.includes("\n") && !a.value.startsWith("<<");

function writeBody(body: Body, depth: number): string[] {
  const pad = "  ".repeat(depth);
  const items = body.filter((item): item is Attribute | Block => item !== undefined);
  const out: string[] = [];
  let run: Attribute[] = [];
  const flush = () => {
    // terraform fmt aligns `=` across consecutive attributes.
    const width = Math.max(0, ...run.map((a) => a.key.length));
    for (const a of run) out.push(`${pad}${a.key.padEnd(width)} = ${a.value}`);
    run = [];
  };
  for (const item of items) {
    if (item.type === "attr") {
      if (isBracketed(item)) {
        flush();
        out.push(`${pad}${item.key} = ${item.value}`);
      } else run.push(item);
      continue;
    }
    flush();
    if (out.length > 0 && out[out.length - 1] !== `${pad}`) out.push("");
    const inner = writeBody(item.body, depth + 1);
    if (inner.length === 0) out.push(`${pad}${item.header} {}`);
    else out.push(`${pad}${item.header} {`, ...inner, `${pad}}`);
  }
  flush();
  return out;
}

/** An HCL object for `jsonencode`, from plain data; strings may carry one expression. */
type HclData = string | number | Expr | readonly HclData[] | { readonly [key: string]: HclData };

function hclData(value: HclData, depth: number): string {
  const pad = "  ".repeat(depth);
  const inner = "  ".repeat(depth + 1);
  if (typeof value === "string") return hclString(value);
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === "string")) return `[${value.map((v) => hclString(v as string)).join(", ")}]`;
    if (isExpr(value)) return hclExpression(value);
    const items = value as readonly HclData[];
    return `[\n${items.map((item) => inner + hclData(item, depth + 1)).join(",\n")}\n${pad}]`;
  }
  const entries = Object.entries(value as { readonly [key: string]: HclData });
  const lines = writeBody(
    // Keys such as `aws:SourceAccount` are not identifiers: quoted.
    entries.map(([key, item]) => attr(/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : hclString(key), hclData(item, depth + 1))),
    depth + 1,
  );
  return `{\n${lines.join("\n")}\n${pad}}`;
}

/** An `Expr` (parts with references) as opposed to a list of data. */
function isExpr(value: readonly unknown[]): value is Expr {
  return value.some((part) => typeof part === "object" && part !== null && "kind" in part);
}

function resource(type: string, name: string, body: Body): Block {
  return block(`resource "${type}" "${name}"`, body);
}

function busName(bus: BusModel): string | undefined {
  return bus.node.variant === "default" ? undefined : hclExpression(bus.name);
}

/** A rule's or a schedule's target: retry policy and dead-letter queue, same blocks in both resources. */
function retryBlocks(target: { readonly retryPolicy?: RetryPolicy; readonly deadLetterQueueArn?: Expr }): (Block | undefined)[] {
  return [
    target.retryPolicy &&
      block("retry_policy", [
        attr("maximum_event_age_in_seconds", String(target.retryPolicy.maximumEventAgeInSeconds)),
        attr("maximum_retry_attempts", String(target.retryPolicy.maximumRetryAttempts)),
      ]),
    target.deadLetterQueueArn && block("dead_letter_config", [attr("arn", hclExpression(target.deadLetterQueueArn))]),
  ];
}

function targetBlocks(rule: RuleModel, target: TargetModel): Block {
  const input = target.input;
  return resource("aws_cloudwatch_event_target", `${rule.names.terraform}_${target.slot.toLowerCase()}`, [
    attr("rule", `aws_cloudwatch_event_rule.${rule.names.terraform}.name`),
    attr("event_bus_name", busName(rule.bus)),
    attr("target_id", hclString(target.id)),
    attr("arn", hclExpression(target.arn)),
    attr("role_arn", target.roleArn && hclExpression(target.roleArn)),
    attr("input", input.type === "constant" ? hclString(input.input.trim()) : undefined),
    attr("input_path", input.type === "input-path" ? hclString(input.inputPath) : undefined),
    input.type === "input-transformer"
      ? block("input_transformer", [
          attr("input_paths", Object.keys(input.inputPathsMap).length > 0 ? hclData(input.inputPathsMap, 2) : undefined),
          attr("input_template", hclString(input.inputTemplate)),
        ])
      : undefined,
    ...retryBlocks(target),
    target.messageGroupId !== undefined ? block("sqs_target", [attr("message_group_id", hclString(target.messageGroupId))]) : undefined,
    target.partitionKeyPath !== undefined ? block("kinesis_target", [attr("partition_key_path", hclString(target.partitionKeyPath))]) : undefined,
  ]);
}

function ruleBlocks(rule: RuleModel): Block[] {
  const trigger = rule.trigger;
  return [
    resource("aws_cloudwatch_event_rule", rule.names.terraform, [
      attr("name", hclString(rule.name)),
      attr("description", rule.description === "" ? undefined : hclString(rule.description)),
      attr("event_bus_name", busName(rule.bus)),
      attr("state", hclString(rule.enabled ? "ENABLED" : "DISABLED")),
      attr("role_arn", rule.roleArn && hclExpression(rule.roleArn)),
      attr("event_pattern", trigger.type === "pattern" ? heredoc("PATTERN", trigger.pattern.pretty, 1) : undefined),
      attr("schedule_expression", trigger.type === "schedule" ? hclString(trigger.expression) : undefined),
    ]),
    ...rule.targets.map((target) => targetBlocks(rule, target)),
  ];
}

const EVENTS_TRUST: HclData = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

function roleBlocks(role: RoleModel): Block[] {
  const policy: HclData = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [...role.actions], Resource: role.resource }] };
  return [
    resource("aws_iam_role", role.names.terraform, [attr("assume_role_policy", `jsonencode(${hclData(EVENTS_TRUST, 1)})`)]),
    resource("aws_iam_role_policy", role.names.terraform, [
      attr("name", hclString("deliver-events")),
      attr("role", `aws_iam_role.${role.names.terraform}.id`),
      attr("policy", `jsonencode(${hclData(policy, 1)})`),
    ]),
  ];
}

// ---------------------------------------------------------------------------------------------
// EventBridge Scheduler and Pipes

const number = (value: number | undefined) => (value === undefined ? undefined : String(value));
const text = (value: string | undefined) => (value === undefined ? undefined : hclString(value));

function serviceRoleBlocks(role: ServiceRoleModel): Block[] {
  const policy: HclData = {
    Version: "2012-10-17",
    // A literal resource ("*") stays a string, as a list of one would be read as a list.
    Statement: role.statements.map((statement) => ({ Effect: "Allow", Action: [...statement.actions], Resource: statement.resource.every((part) => typeof part === "string") ? statement.resource.join("") : statement.resource })),
  };
  return [
    resource("aws_iam_role", role.names.terraform, [attr("assume_role_policy", `jsonencode(${hclData(trustPolicy(role.service, [{ kind: "pseudo", name: "account" }]), 1)})`)]),
    resource("aws_iam_role_policy", role.names.terraform, [
      attr("name", hclString(role.policyName)),
      attr("role", `aws_iam_role.${role.names.terraform}.id`),
      attr("policy", `jsonencode(${hclData(policy, 1)})`),
    ]),
  ];
}

/** A created role's policy must exist before the service first assumes the role. */
function dependsOnRole(roleArn: Expr): Attribute | undefined {
  const [ref] = roleArn;
  return ref !== undefined && typeof ref !== "string" && ref.kind === "attr" && ref.resource === "service-role" ? attr("depends_on", `[aws_iam_role_policy.${ref.names.terraform}]`) : undefined;
}

function scheduleBlock(schedule: ScheduleModel): Block {
  const target = schedule.target;
  return resource("aws_scheduler_schedule", schedule.names.terraform, [
    dependsOnRole(target.roleArn),
    attr("name", hclString(schedule.name)),
    attr("description", text(schedule.description)),
    attr("group_name", schedule.group && `aws_scheduler_schedule_group.${schedule.group.names.terraform}.name`),
    attr("schedule_expression", hclString(schedule.expression)),
    attr("schedule_expression_timezone", text(schedule.timezone)),
    attr("start_date", text(schedule.startDate)),
    attr("end_date", text(schedule.endDate)),
    attr("state", hclString(schedule.state)),
    attr("action_after_completion", text(schedule.actionAfterCompletion)),
    block("flexible_time_window", [
      attr("mode", hclString(schedule.flexibleWindowMinutes === undefined ? "OFF" : "FLEXIBLE")),
      attr("maximum_window_in_minutes", number(schedule.flexibleWindowMinutes)),
    ]),
    block("target", [
      attr("arn", hclExpression(target.arn)),
      attr("role_arn", hclExpression(target.roleArn)),
      attr("input", text(target.input)),
      ...retryBlocks(target),
      target.eventBridge && block("eventbridge_parameters", [attr("detail_type", hclString(target.eventBridge.detailType)), attr("source", hclString(target.eventBridge.source))]),
      target.sqsMessageGroupId === undefined ? undefined : block("sqs_parameters", [attr("message_group_id", hclString(target.sqsMessageGroupId))]),
      target.kinesisPartitionKey === undefined ? undefined : block("kinesis_parameters", [attr("partition_key", hclString(target.kinesisPartitionKey))]),
    ]),
  ]);
}

function pipeSourceBlock(pipe: PipeModel): Block {
  const source = pipe.source;
  const batching = [attr("batch_size", String(source.batchSize)), attr("maximum_batching_window_in_seconds", number(source.batchingWindowSeconds))];
  const kafka = source.kafka;
  const kafkaBody = kafka && [
    ...batching,
    attr("consumer_group_id", hclString(kafka.consumerGroupId)),
    attr("starting_position", text(source.startingPosition)),
    attr("topic_name", hclString(kafka.topic)),
  ];
  return block("source_parameters", [
    source.filters.length > 0 ? block("filter_criteria", source.filters.map((filter) => block("filter", [attr("pattern", hclString(filter.compact))]))) : undefined,
    source.kind === "sqs" ? block("sqs_queue_parameters", batching) : undefined,
    source.kind === "kinesis" ? block("kinesis_stream_parameters", [...batching, attr("starting_position", text(source.startingPosition))]) : undefined,
    source.kind === "dynamodb" ? block("dynamodb_stream_parameters", [...batching, attr("starting_position", text(source.startingPosition))]) : undefined,
    source.kind === "msk" && kafkaBody ? block("managed_streaming_kafka_parameters", kafkaBody) : undefined,
    source.kind === "self-managed-kafka" && kafkaBody
      ? block("self_managed_kafka_parameters", [
          attr("additional_bootstrap_servers", kafka?.bootstrapServers?.length ? `[${kafka.bootstrapServers.map(hclString).join(", ")}]` : undefined),
          ...kafkaBody,
        ])
      : undefined,
  ]);
}

function pipeBlock(pipe: PipeModel): Block {
  const targetParameters = [
    attr("input_template", text(pipe.targetInputTemplate)),
    pipe.busEvent && block("eventbridge_event_bus_parameters", [attr("detail_type", hclString(pipe.busEvent.detailType)), attr("source", hclString(pipe.busEvent.source))]),
    pipe.sqsMessageGroupId === undefined ? undefined : block("sqs_queue_parameters", [attr("message_group_id", hclString(pipe.sqsMessageGroupId))]),
    pipe.kinesisPartitionKey === undefined ? undefined : block("kinesis_stream_parameters", [attr("partition_key", hclString(pipe.kinesisPartitionKey))]),
  ];
  return resource("aws_pipes_pipe", pipe.names.terraform, [
    dependsOnRole(pipe.roleArn),
    attr("name", hclString(pipe.name)),
    attr("description", text(pipe.description)),
    attr("desired_state", hclString(pipe.desiredState)),
    attr("role_arn", hclExpression(pipe.roleArn)),
    attr("source", hclExpression(pipe.source.arn)),
    attr("enrichment", pipe.enrichment && hclExpression(pipe.enrichment)),
    attr("target", hclExpression(pipe.target)),
    pipeSourceBlock(pipe),
    pipe.enrichmentInputTemplate === undefined ? undefined : block("enrichment_parameters", [attr("input_template", hclString(pipe.enrichmentInputTemplate))]),
    targetParameters.some((item) => item !== undefined) ? block("target_parameters", targetParameters) : undefined,
  ]);
}

function schedulerPipesBlocks(model: SchedulerPipesModel): Block[] {
  return [
    ...model.roles.flatMap(serviceRoleBlocks),
    ...model.groups.map((group) => resource("aws_scheduler_schedule_group", group.names.terraform, [attr("name", hclString(group.name))])),
    ...model.schedules.map(scheduleBlock),
    ...model.pipes.map(pipeBlock),
  ];
}

// ---------------------------------------------------------------------------------------------
// The Custom Event Bus: the `aws` provider has no resources for it (AWS provider 6), so the
// `awscc` provider's, generated from the CloudFormation registry schemas: `awscc_<service>_<resource>`
// in snake_case (AWS::EventsV2::EventBus is awscc_eventsv2_event_bus; awscc 1.104.0's release
// notes are the first to list the awscc_eventsv2_* types), the properties the CloudFormation
// ones in snake_case, nested objects as attributes (`= { … }`), JSON properties as strings.

/** The awscc provider this export needs when the design has a Custom Event Bus. */
export const AWSCC_PROVIDER = { source: "hashicorp/awscc", version: ">= 1.104.0" };

/** Terraform's own notes: which provider the Custom Event Bus resources need, and why. */
export function terraformNotes(model: ExportModel): string[] {
  if (model.newBus.resources.length === 0) return [];
  return [
    `The Custom Event Bus resources use the awscc provider (awscc_eventsv2_*, generated from their CloudFormation schemas, ${AWSCC_PROVIDER.version}): the aws provider has no resources for AWS::EventsV2 yet. Configure both providers for the same account and Region.`,
  ];
}

function newBusType(type: NewBusResource["type"]): string {
  return `awscc_eventsv2_${snakeCase(type)}`;
}

/** A property tree in HCL: CloudFormation names in snake_case, JSON documents through `jsonencode`. */
function propertyHcl(value: PropertyTree, depth: number): string {
  if (value instanceof ExprValue) return hclExpression(value.expr);
  if (value instanceof JsonDocument) return `jsonencode(${hclData(jsonData(value.value), depth)})`;
  if (typeof value === "string") return hclString(value);
  if (typeof value === "number") return String(value);
  const pad = "  ".repeat(depth);
  const inner = "  ".repeat(depth + 1);
  if (Array.isArray(value)) return `[\n${value.map((item: PropertyTree) => inner + propertyHcl(item, depth + 1)).join(",\n")}\n${pad}]`;
  return `{\n${writeBody(propertyAttributes(value as PropertyMap, depth + 1), depth + 1).join("\n")}\n${pad}}`;
}

function propertyAttributes(properties: PropertyMap, depth: number): Body {
  return Object.entries(properties).map(([key, value]) => (value === undefined ? undefined : attr(snakeCase(key), propertyHcl(value, depth))));
}

/** A JSON document's content as `jsonencode` data, its keys kept. */
function jsonData(value: PropertyTree): HclData {
  if (value instanceof ExprValue) return value.expr;
  if (value instanceof JsonDocument) return jsonData(value.value);
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item: PropertyTree) => jsonData(item));
  return Object.fromEntries(Object.entries(value as PropertyMap).flatMap(([key, item]) => (item === undefined ? [] : [[key, jsonData(item)]])));
}

function newBusBlocks(newBus: NewBusExport): Block[] {
  return [...newBus.roles.flatMap(roleBlocks), ...newBus.resources.map((r) => resource(newBusType(r.type), r.names.terraform, propertyAttributes(r.properties, 1)))];
}

export function terraformMain(model: ExportModel): string {
  const providers: Record<string, HclData> = { aws: { source: "hashicorp/aws", version: ">= 6.0" } };
  if (model.newBus.resources.length > 0) providers.awscc = AWSCC_PROVIDER;
  const blocks: Block[] = [
    block("terraform", [block("required_providers", Object.entries(providers).map(([name, provider]) => attr(name, hclData(provider, 2))))]),
    block(`data "aws_partition" "current"`, []),
    block(`data "aws_region" "current"`, []),
    block(`data "aws_caller_identity" "current"`, []),
  ];
  for (const param of model.parameters) {
    blocks.push(
      block(`variable "${param.names.terraform}"`, [
        attr("type", "string"),
        attr("description", hclString(param.description)),
        attr("default", param.default === undefined ? undefined : hclString(param.default)),
      ]),
    );
  }
  for (const bus of model.buses) {
    if (bus.managed) {
      blocks.push(
        resource("aws_cloudwatch_event_bus", bus.names.terraform, [
          attr("name", hclString(bus.node.name)),
          attr("event_source_name", bus.eventSourceName === undefined ? undefined : hclString(bus.eventSourceName)),
        ]),
      );
    }
    if (bus.policyNames) {
      const policy: HclData = {
        Version: "2012-10-17",
        Statement: [{ Sid: "AllowPutEventsFromOtherAccounts", Effect: "Allow", Principal: { AWS: [...bus.allowedAccounts] }, Action: "events:PutEvents", Resource: bus.arn }],
      };
      blocks.push(
        resource("aws_cloudwatch_event_bus_policy", bus.policyNames.terraform, [
          attr("event_bus_name", hclExpression(bus.name)),
          attr("policy", `jsonencode(${hclData(policy, 1)})`),
        ]),
      );
    }
    if (bus.archive) {
      blocks.push(
        resource("aws_cloudwatch_event_archive", bus.archive.names.terraform, [
          attr("name", hclString(bus.archive.name)),
          attr("event_source_arn", hclExpression(bus.arn)),
          attr("retention_days", String(bus.archive.retentionDays)),
          attr("event_pattern", bus.archive.pattern && heredoc("PATTERN", bus.archive.pattern.pretty, 1)),
        ]),
      );
    }
  }
  for (const role of model.roles) blocks.push(...roleBlocks(role));
  for (const policy of model.logPolicies) {
    blocks.push(
      resource("aws_cloudwatch_log_resource_policy", policy.names.terraform, [
        attr("policy_name", hclString(policy.names.logical)),
        attr("policy_document", `jsonencode(${hclData(logPolicyDocument(simplify([...policy.logGroupArn, ":*"])), 1)})`),
      ]),
    );
  }
  for (const api of model.apiDestinations) {
    blocks.push(
      resource("aws_cloudwatch_event_api_destination", api.names.terraform, [
        attr("name", hclString(api.name)),
        attr("invocation_endpoint", hclString(api.endpoint)),
        attr("http_method", hclString(api.method)),
        attr("connection_arn", hclExpression(api.connectionArn)),
        attr("invocation_rate_limit_per_second", api.rateLimitPerSecond === undefined ? undefined : String(api.rateLimitPerSecond)),
      ]),
    );
  }
  for (const rule of model.rules) blocks.push(...ruleBlocks(rule));
  for (const permission of model.permissions) {
    blocks.push(
      resource("aws_lambda_permission", permission.names.terraform, [
        attr("statement_id", hclString(permission.names.logical)),
        attr("action", hclString("lambda:InvokeFunction")),
        attr("function_name", hclExpression(permission.functionArn)),
        attr("principal", hclString("events.amazonaws.com")),
        attr("source_arn", `aws_cloudwatch_event_rule.${permission.rule.names.terraform}.arn`),
      ]),
    );
  }
  for (const mapping of model.eventSourceMappings) {
    blocks.push(
      resource("aws_lambda_event_source_mapping", mapping.names.terraform, [
        attr("event_source_arn", mapping.sourceArn && hclExpression(mapping.sourceArn)),
        attr("function_name", hclExpression(mapping.functionName)),
        attr("topics", mapping.kafka && `[${hclString(mapping.kafka.topic)}]`),
        attr("batch_size", String(mapping.source.batchSize)),
        attr("starting_position", mapping.source.kind === "sqs-queue-source" ? undefined : hclString(mapping.source.startingPosition)),
        mapping.kafka?.bootstrapServers
          ? block("self_managed_event_source", [attr("endpoints", hclData({ KAFKA_BOOTSTRAP_SERVERS: mapping.kafka.bootstrapServers.join(",") }, 2))])
          : undefined,
        mapping.kafka
          ? block(mapping.kafka.bootstrapServers ? "self_managed_kafka_event_source_config" : "amazon_managed_kafka_event_source_config", [
              attr("consumer_group_id", hclString(mapping.kafka.consumerGroupId)),
            ])
          : undefined,
        mapping.filters.length > 0 ? block("filter_criteria", mapping.filters.map((filter) => block("filter", [attr("pattern", hclString(filter.compact))]))) : undefined,
      ]),
    );
  }
  blocks.push(...newBusBlocks(model.newBus));
  blocks.push(...schedulerPipesBlocks(model.schedulerPipes));
  const header = [`# EventBridge resources of the Switchyard design "${oneLine(model.name)}".`, ...[...model.notes, ...terraformNotes(model)].map((note) => `# Note: ${oneLine(note)}`)];
  return `${header.join("\n")}\n\n${blocks.map((b) => writeBody([b], 0).join("\n")).join("\n\n")}\n`;
}
