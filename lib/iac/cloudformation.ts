/**
 * CloudFormation (JSON and YAML) from the export model. Both texts come from one tree, so
 * they hold the same template; logical ids are the model's names.
 */
import type { BusModel, Expr, ExportModel, Ref, RoleModel, RuleModel, TargetModel } from "./model";
import { ExprValue, JsonDocument, NEW_BUS_TYPES, type NewBusExport, type PropertyMap, type PropertyTree } from "./new-bus-model";
import { trustPolicy, type PipeModel, type ScheduleModel, type SchedulerPipesModel } from "./scheduler-pipes";
import { RawJson, writeJsonTree, writeYamlTree, type TreeValue } from "./template-tree";

type Tree = { readonly [key: string]: TreeValue | undefined };

function pseudo(name: "partition" | "region" | "account"): string {
  return { partition: "AWS::Partition", region: "AWS::Region", account: "AWS::AccountId" }[name];
}

/** The attribute that holds a resource's ARN (AWS::EventsV2::EventBus names it EventBusArn). */
const arnAttribute = (ref: Ref & { kind: "attr" }): string => (ref.resource === "eventsv2-bus" ? "EventBusArn" : "Arn");

/** `${…}` inside `Fn::Sub` for one reference. */
function subVariable(ref: Ref): string {
  switch (ref.kind) {
    case "pseudo":
      return pseudo(ref.name);
    case "param":
      return ref.param.names.logical;
    case "attr":
      return ref.attr === "arn" ? `${ref.names.logical}.${arnAttribute(ref)}` : ref.names.logical;
  }
}

function refValue(ref: Ref): TreeValue {
  if (ref.kind === "attr" && ref.attr === "arn") return { "Fn::GetAtt": [ref.names.logical, arnAttribute(ref)] };
  return { Ref: subVariable(ref) };
}

/** The `Fn::Sub` template for an expression (CDK's `Fn.sub` takes the same text). */
export function subTemplate(expr: Expr): string {
  return expr.map((part) => (typeof part === "string" ? part.replaceAll("${", "${!") : `\${${subVariable(part)}}`)).join("");
}

/** An expression as a literal, a single `Ref` / `GetAtt`, or an `Fn::Sub`. */
export function cfnValue(expr: Expr): TreeValue {
  if (expr.every((part) => typeof part === "string")) return expr.join("");
  if (expr.length === 1) return refValue(expr[0] as Ref);
  return { "Fn::Sub": subTemplate(expr) };
}

function busResource(bus: BusModel): Tree {
  return { Type: "AWS::Events::EventBus", Properties: { Name: bus.node.name, EventSourceName: bus.eventSourceName } };
}

function targetTree(target: TargetModel): Tree {
  const input = target.input;
  return {
    Id: target.id,
    Arn: cfnValue(target.arn),
    RoleArn: target.roleArn && cfnValue(target.roleArn),
    Input: input.type === "constant" ? input.input.trim() : undefined,
    InputPath: input.type === "input-path" ? input.inputPath : undefined,
    InputTransformer:
      input.type === "input-transformer"
        ? { InputPathsMap: Object.keys(input.inputPathsMap).length > 0 ? { ...input.inputPathsMap } : undefined, InputTemplate: input.inputTemplate }
        : undefined,
    RetryPolicy: target.retryPolicy && {
      MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds,
      MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts,
    },
    DeadLetterConfig: target.deadLetterQueueArn && { Arn: cfnValue(target.deadLetterQueueArn) },
    SqsParameters: target.messageGroupId !== undefined ? { MessageGroupId: target.messageGroupId } : undefined,
    KinesisParameters: target.partitionKeyPath !== undefined ? { PartitionKeyPath: target.partitionKeyPath } : undefined,
  };
}

function ruleResource(rule: RuleModel): Tree {
  return {
    Type: "AWS::Events::Rule",
    Properties: {
      Name: rule.name,
      Description: rule.description === "" ? undefined : rule.description,
      EventBusName: rule.bus.node.variant === "default" ? undefined : cfnValue(rule.bus.name),
      EventPattern: rule.trigger.type === "pattern" ? new RawJson(rule.trigger.pattern.pretty) : undefined,
      ScheduleExpression: rule.trigger.type === "schedule" ? rule.trigger.expression : undefined,
      State: rule.enabled ? "ENABLED" : "DISABLED",
      RoleArn: rule.roleArn && cfnValue(rule.roleArn),
      Targets: rule.targets.length > 0 ? rule.targets.map(targetTree) : undefined,
    },
  };
}

const EVENTS_TRUST: Tree = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

function roleResource(role: RoleModel): Tree {
  return {
    Type: "AWS::IAM::Role",
    Properties: {
      AssumeRolePolicyDocument: EVENTS_TRUST,
      Policies: [
        {
          PolicyName: "deliver-events",
          PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [...role.actions], Resource: cfnValue(role.resource) }] },
        },
      ],
    },
  };
}

/** The resource policy that lets EventBridge write to a log group. */
export function logPolicyDocument<R>(resource: R) {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] }, Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: resource }],
  };
}

/** The template as a tree; `toJson` / `toYaml` print it. */
export function cloudFormationTemplate(model: ExportModel): Tree {
  const parameters: Record<string, TreeValue> = {};
  for (const param of model.parameters) {
    parameters[param.names.logical] = { Type: "String", Description: param.description, Default: param.default };
  }
  const resources: Record<string, TreeValue> = {};
  for (const bus of model.buses) {
    if (bus.managed) resources[bus.names.logical] = busResource(bus);
    if (bus.policyNames) {
      resources[bus.policyNames.logical] = {
        Type: "AWS::Events::EventBusPolicy",
        Properties: {
          EventBusName: cfnValue(bus.name),
          StatementId: "AllowPutEventsFromOtherAccounts",
          Statement: { Sid: "AllowPutEventsFromOtherAccounts", Effect: "Allow", Principal: { AWS: [...bus.allowedAccounts] }, Action: "events:PutEvents", Resource: cfnValue(bus.arn) },
        },
      };
    }
    if (bus.archive) {
      resources[bus.archive.names.logical] = {
        Type: "AWS::Events::Archive",
        Properties: {
          ArchiveName: bus.archive.name,
          SourceArn: cfnValue(bus.arn),
          EventPattern: bus.archive.pattern && new RawJson(bus.archive.pattern.pretty),
          RetentionDays: bus.archive.retentionDays,
        },
      };
    }
  }
  for (const role of model.roles) resources[role.names.logical] = roleResource(role);
  for (const policy of model.logPolicies) {
    resources[policy.names.logical] = {
      Type: "AWS::Logs::ResourcePolicy",
      Properties: {
        PolicyName: policy.names.logical,
        // CloudFormation takes this policy as a JSON string.
        PolicyDocument: { "Fn::Sub": JSON.stringify(logPolicyDocument(subTemplate([...policy.logGroupArn, ":*"]))) },
      },
    };
  }
  for (const api of model.apiDestinations) {
    resources[api.names.logical] = {
      Type: "AWS::Events::ApiDestination",
      Properties: {
        Name: api.name,
        ConnectionArn: cfnValue(api.connectionArn),
        InvocationEndpoint: api.endpoint,
        HttpMethod: api.method,
        InvocationRateLimitPerSecond: api.rateLimitPerSecond,
      },
    };
  }
  for (const rule of model.rules) resources[rule.names.logical] = ruleResource(rule);
  for (const permission of model.permissions) {
    resources[permission.names.logical] = {
      Type: "AWS::Lambda::Permission",
      Properties: {
        Action: "lambda:InvokeFunction",
        FunctionName: cfnValue(permission.functionArn),
        Principal: "events.amazonaws.com",
        SourceArn: { "Fn::GetAtt": [permission.rule.names.logical, "Arn"] },
      },
    };
  }
  for (const mapping of model.eventSourceMappings) {
    const kafka = mapping.kafka;
    resources[mapping.names.logical] = {
      Type: "AWS::Lambda::EventSourceMapping",
      Properties: {
        EventSourceArn: mapping.sourceArn && cfnValue(mapping.sourceArn),
        SelfManagedEventSource: kafka?.bootstrapServers && { Endpoints: { KafkaBootstrapServers: [...kafka.bootstrapServers] } },
        FunctionName: cfnValue(mapping.functionName),
        Topics: kafka && [kafka.topic],
        AmazonManagedKafkaEventSourceConfig: kafka && !kafka.bootstrapServers ? { ConsumerGroupId: kafka.consumerGroupId } : undefined,
        SelfManagedKafkaEventSourceConfig: kafka?.bootstrapServers && { ConsumerGroupId: kafka.consumerGroupId },
        BatchSize: mapping.source.batchSize,
        StartingPosition: mapping.source.kind === "sqs-queue-source" ? undefined : mapping.source.startingPosition,
        FilterCriteria: mapping.filters.length > 0 ? { Filters: mapping.filters.map((filter) => ({ Pattern: filter.compact })) } : undefined,
      },
    };
  }
  Object.assign(resources, newBusResources(model.newBus));
  for (const shape of schedulerPipesShapes<TreeValue>(model.schedulerPipes, cfnValue)) resources[shape.logical] = { Type: shape.type, Properties: shape.properties };
  const notes = [...model.notes, ...cloudFormationNotes(model)];
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: model.description === "" ? `EventBridge resources of the Switchyard design ${model.name}` : model.description,
    Metadata: notes.length > 0 ? { "Switchyard::Notes": notes } : undefined,
    Parameters: model.parameters.length > 0 ? parameters : undefined,
    Resources: resources,
  };
}

// ---------------------------------------------------------------------------------------------
// The Custom Event Bus (AWS::EventsV2::*): the model's property trees as they are

function propertyValue(value: PropertyTree): TreeValue {
  if (value instanceof ExprValue) return cfnValue(value.expr);
  if (value instanceof JsonDocument) return propertyValue(value.value);
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item: PropertyTree) => propertyValue(item));
  return Object.fromEntries(Object.entries(value as PropertyMap).flatMap(([key, item]) => (item === undefined ? [] : [[key, propertyValue(item)]])));
}

/**
 * The template's own notes. cfn-lint (1.51) does not know AWS::EventsV2 yet: it reports E3006
 * ("Resource type … does not exist") for each such resource and checks none of its properties.
 */
export function cloudFormationNotes(model: ExportModel): string[] {
  if (model.newBus.resources.length === 0) return [];
  return [
    "cfn-lint 1.51 does not know the AWS::EventsV2 resource types yet: expect its E3006 (resource type does not exist) for them, and no check of their properties; the rest of the template lints clean.",
  ];
}

function newBusResources(newBus: NewBusExport): Record<string, TreeValue> {
  const resources: Record<string, TreeValue> = {};
  for (const role of newBus.roles) resources[role.names.logical] = roleResource(role);
  for (const resource of newBus.resources) resources[resource.names.logical] = { Type: NEW_BUS_TYPES[resource.type], Properties: propertyValue(resource.properties) };
  return resources;
}

// EventBridge Scheduler and Pipes: one tree per resource, its references rendered by the caller
// (intrinsics here, TypeScript expressions in the CDK stack, which passes the same properties to
// the L1 classes), so the two cannot disagree.

/** A property tree whose references are `V`. */
export type Shape<V> = V | string | number | readonly Shape<V>[] | { readonly [key: string]: Shape<V> | undefined };

export interface ResourceShape<V> {
  readonly logical: string;
  readonly type: "AWS::IAM::Role" | "AWS::Scheduler::ScheduleGroup" | "AWS::Scheduler::Schedule" | "AWS::Pipes::Pipe";
  readonly properties: { readonly [key: string]: Shape<V> | undefined };
}

const ACCOUNT_ID: Expr = [{ kind: "pseudo", name: "account" }];

function scheduleProperties<V>(schedule: ScheduleModel, render: (expr: Expr) => V): ResourceShape<V>["properties"] {
  const target = schedule.target;
  return {
    Name: schedule.name,
    Description: schedule.description,
    GroupName: schedule.group && render([{ kind: "attr", resource: "schedule-group", names: schedule.group.names, attr: "name" }]),
    ScheduleExpression: schedule.expression,
    ScheduleExpressionTimezone: schedule.timezone,
    StartDate: schedule.startDate,
    EndDate: schedule.endDate,
    State: schedule.state,
    FlexibleTimeWindow: schedule.flexibleWindowMinutes === undefined ? { Mode: "OFF" } : { Mode: "FLEXIBLE", MaximumWindowInMinutes: schedule.flexibleWindowMinutes },
    Target: {
      Arn: render(target.arn),
      RoleArn: render(target.roleArn),
      Input: target.input,
      RetryPolicy: target.retryPolicy && { MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds, MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts },
      DeadLetterConfig: target.deadLetterQueueArn && { Arn: render(target.deadLetterQueueArn) },
      EventBridgeParameters: target.eventBridge && { DetailType: target.eventBridge.detailType, Source: target.eventBridge.source },
      SqsParameters: target.sqsMessageGroupId === undefined ? undefined : { MessageGroupId: target.sqsMessageGroupId },
      KinesisParameters: target.kinesisPartitionKey === undefined ? undefined : { PartitionKey: target.kinesisPartitionKey },
    },
  };
}

/** CreatePipe's PipeSourceParameters for the pipe's kind of source. */
function pipeSourceParameters<V>(pipe: PipeModel): Shape<V> {
  const source = pipe.source;
  const batching = { BatchSize: source.batchSize, MaximumBatchingWindowInSeconds: source.batchingWindowSeconds };
  const kafka = source.kafka && { TopicName: source.kafka.topic, ConsumerGroupID: source.kafka.consumerGroupId, ...batching, StartingPosition: source.startingPosition };
  const additional = source.kafka?.bootstrapServers;
  return {
    FilterCriteria: source.filters.length > 0 ? { Filters: source.filters.map((filter) => ({ Pattern: filter.compact })) } : undefined,
    SqsQueueParameters: source.kind === "sqs" ? batching : undefined,
    KinesisStreamParameters: source.kind === "kinesis" ? { ...batching, StartingPosition: source.startingPosition } : undefined,
    DynamoDBStreamParameters: source.kind === "dynamodb" ? { ...batching, StartingPosition: source.startingPosition } : undefined,
    ManagedStreamingKafkaParameters: source.kind === "msk" ? kafka : undefined,
    SelfManagedKafkaParameters: source.kind === "self-managed-kafka" && kafka ? { ...kafka, AdditionalBootstrapServers: additional?.length ? [...additional] : undefined } : undefined,
  };
}

function pipeTargetParameters<V>(pipe: PipeModel): Shape<V> | undefined {
  const parameters = {
    InputTemplate: pipe.targetInputTemplate,
    EventBridgeEventBusParameters: pipe.busEvent && { DetailType: pipe.busEvent.detailType, Source: pipe.busEvent.source },
    SqsQueueParameters: pipe.sqsMessageGroupId === undefined ? undefined : { MessageGroupId: pipe.sqsMessageGroupId },
    KinesisStreamParameters: pipe.kinesisPartitionKey === undefined ? undefined : { PartitionKey: pipe.kinesisPartitionKey },
  };
  return Object.values(parameters).some((value) => value !== undefined) ? parameters : undefined;
}

function pipeProperties<V>(pipe: PipeModel, render: (expr: Expr) => V): ResourceShape<V>["properties"] {
  return {
    Name: pipe.name,
    Description: pipe.description,
    DesiredState: pipe.desiredState,
    RoleArn: render(pipe.roleArn),
    Source: render(pipe.source.arn),
    SourceParameters: pipeSourceParameters<V>(pipe),
    Enrichment: pipe.enrichment && render(pipe.enrichment),
    EnrichmentParameters: pipe.enrichmentInputTemplate === undefined ? undefined : { InputTemplate: pipe.enrichmentInputTemplate },
    Target: render(pipe.target),
    TargetParameters: pipeTargetParameters<V>(pipe),
  };
}

/** Roles, schedule groups, schedules and pipes, in that order. */
export function schedulerPipesShapes<V>(model: SchedulerPipesModel, render: (expr: Expr) => V): ResourceShape<V>[] {
  return [
    ...model.roles.map((role): ResourceShape<V> => ({
      logical: role.names.logical,
      type: "AWS::IAM::Role",
      properties: {
        AssumeRolePolicyDocument: trustPolicy(role.service, render(ACCOUNT_ID)),
        Policies: [
          {
            PolicyName: role.policyName,
            PolicyDocument: { Version: "2012-10-17", Statement: role.statements.map((statement) => ({ Effect: "Allow", Action: [...statement.actions], Resource: render(statement.resource) })) },
          },
        ],
      },
    })),
    ...model.groups.map((group): ResourceShape<V> => ({ logical: group.names.logical, type: "AWS::Scheduler::ScheduleGroup", properties: { Name: group.name } })),
    ...model.schedules.map((schedule): ResourceShape<V> => ({ logical: schedule.names.logical, type: "AWS::Scheduler::Schedule", properties: scheduleProperties(schedule, render) })),
    ...model.pipes.map((pipe): ResourceShape<V> => ({ logical: pipe.names.logical, type: "AWS::Pipes::Pipe", properties: pipeProperties(pipe, render) })),
  ];
}

export function cloudFormationJson(model: ExportModel): string {
  return writeJsonTree(cloudFormationTemplate(model)) + "\n";
}

export function cloudFormationYaml(model: ExportModel): string {
  return writeYamlTree(cloudFormationTemplate(model));
}
