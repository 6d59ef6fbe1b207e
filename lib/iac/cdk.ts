/**
 * A complete CDK (TypeScript) project from the export model: `package.json`, `cdk.json`,
 * `tsconfig.json`, `bin/app.ts` and `lib/<name>-stack.ts`. The stack uses the L2 constructs of
 * `aws-events`, `aws-events-targets` and `aws-lambda`, and for the Custom Event Bus the L1
 * classes of `aws-eventsv2` (it has no others) with `iam.Role`s; construct ids are the
 * CloudFormation export's logical ids, so both deploy the same logical resources. Where a
 * target class has no prop for a setting (retry policy on a Firehose target, a given role on a
 * Kinesis target…) or that CDK always generates (a target's `Id`), the setting goes in as a
 * property override on the rule.
 */
import { schedulerPipesShapes, subTemplate, type ResourceShape, type Shape } from "./cloudformation";
import { writeJson } from "./json-text";
import type { TargetKind } from "@/lib/graph";
import type { EventSourceMappingModel, Expr, ExportModel, Ref, RuleModel, TargetModel } from "./model";
import { ExprValue, JsonDocument, type PropertyMap, type PropertyTree } from "./new-bus-model";
import { oneLine, pascalCase, snakeCase } from "./names";
import { parseJson } from "@/lib/pattern";

export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** The name with a lower-case first letter: a construct's variable, or an L1 prop from its CloudFormation property. */
const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** How the generated code imports a referenced resource and which props its target class has. */
interface TargetSpec {
  readonly module: string;
  /** TS expression that imports the resource from its ARN expression. */
  readonly import: (id: string, arn: string, target: TargetModel) => string;
  readonly targetClass: string;
  readonly inputProp?: "event" | "message" | "input";
  readonly retry: boolean;
  readonly roleProp?: "role" | "eventRole";
}

const TARGETS: Record<TargetKind, TargetSpec> = {
  lambda: {
    module: "lambda",
    import: (id, arn, t) => `lambda.Function.fromFunctionAttributes(this, "${id}", { functionArn: ${arn}${t.sameAccount ? ", sameEnvironment: true" : ""} })`,
    targetClass: "LambdaFunction",
    inputProp: "event",
    retry: true,
  },
  sns: { module: "sns", import: (id, arn) => `sns.Topic.fromTopicArn(this, "${id}", ${arn})`, targetClass: "SnsTopic", inputProp: "message", retry: true, roleProp: "role" },
  sqs: { module: "sqs", import: (id, arn) => `sqs.Queue.fromQueueArn(this, "${id}", ${arn})`, targetClass: "SqsQueue", inputProp: "message", retry: true },
  "step-functions": {
    module: "sfn",
    import: (id, arn) => `sfn.StateMachine.fromStateMachineArn(this, "${id}", ${arn})`,
    targetClass: "SfnStateMachine",
    inputProp: "input",
    retry: true,
    roleProp: "role",
  },
  firehose: { module: "firehose", import: (id, arn) => `firehose.DeliveryStream.fromDeliveryStreamArn(this, "${id}", ${arn})`, targetClass: "FirehoseDeliveryStream", inputProp: "message", retry: false },
  kinesis: { module: "kinesis", import: (id, arn) => `kinesis.Stream.fromStreamArn(this, "${id}", ${arn})`, targetClass: "KinesisStream", inputProp: "message", retry: true },
  "cloudwatch-logs": { module: "logs", import: (id, arn) => `logs.LogGroup.fromLogGroupArn(this, "${id}", ${arn})`, targetClass: "CloudWatchLogGroup", inputProp: "event", retry: true },
  // Not imported: the export creates it (see `apiDestinationRef`).
  "api-destination": { module: "events", import: () => "", targetClass: "ApiDestination", inputProp: "event", retry: true, roleProp: "eventRole" },
  "event-bus-target": { module: "events", import: (id, arn) => `events.EventBus.fromEventBusArn(this, "${id}", ${arn})`, targetClass: "EventBus", retry: false, roleProp: "role" },
};

const MODULES: Record<string, string> = {
  events: "aws-events",
  targets: "aws-events-targets",
  iam: "aws-iam",
  lambda: "aws-lambda",
  sns: "aws-sns",
  sqs: "aws-sqs",
  sfn: "aws-stepfunctions",
  firehose: "aws-kinesisfirehose",
  kinesis: "aws-kinesis",
  logs: "aws-logs",
  dynamodb: "aws-dynamodb",
  eventsv2: "aws-eventsv2",
  scheduler: "aws-scheduler",
  pipes: "aws-pipes",
};

class StackWriter {
  private readonly lines: string[] = [];
  /** `events` unless the design has nothing of EventBridge (only event source mappings). */
  readonly modules: Set<string>;
  readonly core = new Set<string>(["Stack", "type StackProps"]);
  /** Parameters the code reads as variables (the rest appear only inside `Fn.sub` texts). */
  private readonly usedParameters = new Set<string>();
  /** Variables already declared for imported resources, by construct id. */
  private readonly declared = new Set<string>();
  usesTemplateInput = false;

  constructor(private readonly model: ExportModel) {
    this.modules = new Set(model.rules.length + model.buses.length + model.apiDestinations.length > 0 ? ["events"] : []);
  }

  /** A blank line only between non-blank ones. */
  private emit(line = ""): void {
    if (line === "" && (this.lines.length === 0 || this.lines[this.lines.length - 1] === "")) return;
    this.lines.push(line === "" ? "" : `    ${line}`);
  }

  /** A TS string expression for an `Expr`. */
  private value(expr: Expr): string {
    if (expr.every((part) => typeof part === "string")) return JSON.stringify(expr.join(""));
    if (expr.length === 1) return this.ref(expr[0] as Ref);
    this.core.add("Fn");
    return `Fn.sub(${JSON.stringify(subTemplate(expr))})`;
  }

  private ref(ref: Ref): string {
    switch (ref.kind) {
      case "pseudo":
        this.core.add("Aws");
        return { partition: "Aws.PARTITION", region: "Aws.REGION", account: "Aws.ACCOUNT_ID" }[ref.name];
      case "param":
        this.usedParameters.add(ref.param.names.logical);
        return `${lowerFirst(ref.param.names.logical)}.valueAsString`;
      case "attr": {
        const name = lowerFirst(ref.names.logical);
        const property = {
          bus: { arn: "eventBusArn", name: "eventBusName" },
          rule: { arn: "ruleArn", name: "ruleName" },
          role: { arn: "roleArn", name: "roleName" },
          "api-destination": { arn: "attrArn", name: "ref" },
          "eventsv2-bus": { arn: "attrEventBusArn", name: "name" },
          "schedule-group": { arn: "attrArn", name: "ref" },
          "service-role": { arn: "attrArn", name: "ref" },
        }[ref.resource][ref.attr];
        return `${name}.${property}`;
      }
    }
  }

  /** Declares `const <id> = <expression>` once and returns the variable. */
  private declare(id: string, expression: () => string): string {
    const name = lowerFirst(id);
    if (!this.declared.has(id)) {
      this.declared.add(id);
      this.emit(`const ${name} = ${expression()};`);
    }
    return name;
  }

  write(): string {
    const model = this.model;
    for (const bus of model.buses) {
      const name = lowerFirst(bus.names.logical);
      const usedByRules = model.rules.some((rule) => rule.bus === bus && bus.node.variant !== "default");
      if (bus.managed) {
        // A partner bus takes its partner event source's name; CDK accepts only the source then.
        const props = bus.eventSourceName === undefined ? [`eventBusName: ${JSON.stringify(bus.node.name)}`] : [`eventSourceName: ${JSON.stringify(bus.eventSourceName)}`];
        this.emit(`const ${name} = new events.EventBus(this, "${bus.names.logical}", { ${props.join(", ")} });`);
        this.declared.add(bus.names.logical);
      } else if (usedByRules || bus.archive) {
        this.declare(bus.names.logical, () => `events.EventBus.fromEventBusArn(this, "${bus.names.logical}", ${this.value(bus.arn)})`);
      }
      if (bus.policyNames) {
        const statement = `{ Sid: "AllowPutEventsFromOtherAccounts", Effect: "Allow", Principal: { AWS: ${JSON.stringify(bus.allowedAccounts)} }, Action: "events:PutEvents", Resource: ${this.value(bus.arn)} }`;
        this.emit(
          `new events.CfnEventBusPolicy(this, "${bus.policyNames.logical}", { eventBusName: ${this.value(bus.name)}, statementId: "AllowPutEventsFromOtherAccounts", statement: ${statement} });`,
        );
      }
      if (bus.archive) {
        const props = [`sourceEventBus: ${name}`, `archiveName: ${JSON.stringify(bus.archive.name)}`];
        props.push(`eventPattern: ${bus.archive.pattern ? patternLiteral(bus.archive.pattern.pretty, 3) : "{}"}`);
        if (bus.archive.retentionDays > 0) {
          this.core.add("Duration");
          props.push(`retention: Duration.days(${bus.archive.retentionDays})`);
        }
        this.emit(`new events.Archive(this, "${bus.archive.names.logical}", {`);
        for (const prop of props) this.emit(`  ${prop},`);
        this.emit(`});`);
      }
    }
    this.emit();

    for (const api of model.apiDestinations) {
      const props = [
        `name: ${JSON.stringify(api.name)}`,
        `connectionArn: ${this.value(api.connectionArn)}`,
        `invocationEndpoint: ${JSON.stringify(api.endpoint)}`,
        `httpMethod: ${JSON.stringify(api.method)}`,
      ];
      if (api.rateLimitPerSecond !== undefined) props.push(`invocationRateLimitPerSecond: ${api.rateLimitPerSecond}`);
      this.emit(`const ${lowerFirst(api.names.logical)} = new events.CfnApiDestination(this, "${api.names.logical}", { ${props.join(", ")} });`);
    }

    for (const rule of model.rules) this.rule(rule);
    for (const mapping of model.eventSourceMappings) this.mapping(mapping);
    this.newBus(model.newBus);
    this.schedulerPipes();
    while (this.lines[this.lines.length - 1] === "") this.lines.pop();
    return [...this.parameterLines(), ...this.lines].join("\n");
  }

  /** Parameters come first in the stack; written last, once it is known which are read. */
  private parameterLines(): string[] {
    if (this.model.parameters.length === 0) return [];
    this.core.add("CfnParameter");
    const lines = ["    // Resources the design refers to: pass other values with --parameters at deploy time."];
    for (const param of this.model.parameters) {
      const props = [`type: "String"`, `description: ${JSON.stringify(param.description)}`];
      if (param.default !== undefined) props.push(`default: ${JSON.stringify(param.default)}`);
      const construct = `new CfnParameter(this, "${param.names.logical}", { ${props.join(", ")} });`;
      lines.push(`    ${this.usedParameters.has(param.names.logical) ? `const ${lowerFirst(param.names.logical)} = ` : ""}${construct}`);
    }
    return [...lines, ""];
  }

  private rule(rule: RuleModel): void {
    const name = lowerFirst(rule.names.logical);
    const props = [`ruleName: ${JSON.stringify(rule.name)}`];
    if (rule.description !== "") props.push(`description: ${JSON.stringify(rule.description)}`);
    if (rule.bus.node.variant !== "default") props.push(`eventBus: ${lowerFirst(rule.bus.names.logical)}`);
    if (!rule.enabled) props.push("enabled: false");
    if (rule.trigger.type === "pattern") props.push(`eventPattern: ${patternLiteral(rule.trigger.pattern.pretty, 3)}`);
    else props.push(`schedule: events.Schedule.expression(${JSON.stringify(rule.trigger.expression)})`);
    if (rule.roleArn) {
      this.modules.add("iam");
      const roleVar = this.declare(`${rule.names.logical}Role`, () => `iam.Role.fromRoleArn(this, "${rule.names.logical}Role", ${this.value(rule.roleArn!)}, { mutable: false })`);
      props.push(`role: ${roleVar}`);
    }
    this.emit(`const ${name} = new events.Rule(this, "${rule.names.logical}", {`);
    for (const prop of props) this.emit(`  ${prop},`);
    this.emit("});");
    const overrides: string[] = [];
    for (const [index, target] of rule.targets.entries()) overrides.push(...this.target(name, index, target));
    if (overrides.length > 0) {
      this.emit(`const ${name}Cfn = ${name}.node.defaultChild as events.CfnRule;`);
      for (const line of overrides) this.emit(line.replace("$CFN", `${name}Cfn`));
    }
    this.emit();
  }

  /** Adds one target; returns property overrides for what its class cannot say. */
  private target(ruleVar: string, index: number, target: TargetModel): string[] {
    const spec = TARGETS[target.kind];
    this.modules.add("targets");
    this.modules.add(spec.module);
    const overrides: string[] = [];
    const override = (property: string, value: string) => overrides.push(`$CFN.addPropertyOverride("Targets.${index}.${property}", ${value});`);
    // CDK numbers targets by position (its `slot`); a target id kept from an import overrides it.
    if (target.id !== target.slot) override("Id", JSON.stringify(target.id));
    const resource =
      target.kind === "api-destination"
        ? this.declare(`${target.resourceNames.logical}Ref`, () => this.apiDestinationRef(target))
        : this.declare(target.resourceNames.logical, () => spec.import(target.resourceNames.logical, this.value(target.arn), target));

    const props: string[] = [];
    const input = this.input(target);
    if (input !== undefined) {
      if (spec.inputProp) props.push(`${spec.inputProp}: ${input}`);
      else override(target.input.type === "constant" ? "Input" : target.input.type === "input-path" ? "InputPath" : "InputTransformer", this.inputOverride(target));
    }
    if (target.messageGroupId !== undefined) props.push(`messageGroupId: ${JSON.stringify(target.messageGroupId)}`);
    if (target.partitionKeyPath !== undefined) props.push(`partitionKeyPath: ${JSON.stringify(target.partitionKeyPath)}`);
    if (target.deadLetterQueueArn) {
      this.modules.add("sqs");
      const dlq = this.declare(`${target.resourceNames.logical}DeadLetterQueue`, () => `sqs.Queue.fromQueueArn(this, "${target.resourceNames.logical}DeadLetterQueue", ${this.value(target.deadLetterQueueArn!)})`);
      if (target.kind === "firehose") override("DeadLetterConfig", `{ Arn: ${dlq}.queueArn }`);
      else props.push(`deadLetterQueue: ${dlq}`);
    }
    if (target.retryPolicy) {
      const { maximumEventAgeInSeconds: age, maximumRetryAttempts: attempts } = target.retryPolicy;
      if (spec.retry) {
        this.core.add("Duration");
        props.push(`maxEventAge: Duration.seconds(${age})`, `retryAttempts: ${attempts}`);
      } else {
        override("RetryPolicy", `{ MaximumEventAgeInSeconds: ${age}, MaximumRetryAttempts: ${attempts} }`);
      }
    }
    const role = target.roleArn?.[0];
    if (target.roleArn && !(role && typeof role !== "string" && role.kind === "attr")) {
      // A role named in the design; roles the export creates are CDK's own event roles.
      this.modules.add("iam");
      const roleVar = this.declare(`${target.resourceNames.logical}Role`, () => `iam.Role.fromRoleArn(this, "${target.resourceNames.logical}Role", ${this.value(target.roleArn!)}, { mutable: false })`);
      if (spec.roleProp) props.push(`${spec.roleProp}: ${roleVar}`);
      else override("RoleArn", `${roleVar}.roleArn`);
    }
    const args = props.length > 0 ? `, {\n      ${props.join(",\n      ")},\n    }` : "";
    this.emit(`${ruleVar}.addTarget(new targets.${spec.targetClass}(${resource}${args}));`);
    return overrides;
  }

  /** The L2 view of a generated `CfnApiDestination`, which the target class takes. */
  private apiDestinationRef(target: TargetModel): string {
    const id = target.resourceNames.logical;
    const api = this.model.apiDestinations.find((a) => a.names === target.resourceNames);
    // By name: CDK cannot parse the ARN parameter at synth time, and the target only needs the destination.
    const connection = `events.CfnConnection.fromConnectionName(this, "${id}Connection", ${JSON.stringify(api?.connectionName ?? "")})`;
    return `events.ApiDestination.fromApiDestinationAttributes(this, "${id}Ref", {\n      apiDestinationArn: ${lowerFirst(id)}.attrArn,\n      connection: ${connection},\n    })`;
  }

  private input(target: TargetModel): string | undefined {
    const input = target.input;
    switch (input.type) {
      case "matched-event":
        return undefined;
      case "input-path":
        return `events.RuleTargetInput.fromEventPath(${JSON.stringify(input.inputPath)})`;
      case "constant":
        return `events.RuleTargetInput.fromObject(${writeJson(parseJson(input.input), { sortKeys: false, indent: 0, typescriptKeys: true }).replaceAll(",", ", ").replaceAll(":", ": ")})`;
      case "input-transformer":
        this.usesTemplateInput = true;
        return `new TemplateInput(${JSON.stringify(input.inputPathsMap)}, ${JSON.stringify(input.inputTemplate)})`;
    }
  }

  private inputOverride(target: TargetModel): string {
    const input = target.input;
    switch (input.type) {
      case "constant":
        return JSON.stringify(input.input.trim());
      case "input-path":
        return JSON.stringify(input.inputPath);
      case "input-transformer":
        return `{ InputPathsMap: ${JSON.stringify(input.inputPathsMap)}, InputTemplate: ${JSON.stringify(input.inputTemplate)} }`;
      case "matched-event":
        return "undefined";
    }
  }

  /** Subscriber roles as `iam.Role`s with one inline policy, then the L1 resources in model order. */
  private newBus(newBus: ExportModel["newBus"]): void {
    if (newBus.resources.length === 0) return;
    this.modules.add("eventsv2");
    const writer = new NewBusWriter((expr) => this.value(expr));
    for (const role of newBus.roles) {
      this.modules.add("iam");
      const statement = `new iam.PolicyStatement({ actions: [${role.actions.map((action) => JSON.stringify(action)).join(", ")}], resources: [${this.value(role.resource)}] })`;
      this.emit(`const ${lowerFirst(role.names.logical)} = new iam.Role(this, "${role.names.logical}", {`);
      this.emit(`  assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),`);
      this.emit(`  inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [${statement}] }) },`);
      this.emit("});");
      this.declared.add(role.names.logical);
    }
    for (const resource of newBus.resources) {
      // Only buses are referred to (by their ARN attribute).
      const declaration = resource.type === "EventBus" ? `const ${lowerFirst(resource.names.logical)} = ` : "";
      this.emit(`${declaration}new eventsv2.Cfn${resource.type}(this, "${resource.names.logical}", ${writer.literal(resource.properties, 0)});`);
    }
    this.emit();
  }

  /**
   * Scheduler's and Pipes' resources as their stable L1 classes, with exactly the properties of
   * the CloudFormation export (the L2 constructs are alpha modules).
   */
  private schedulerPipes(): void {
    const shapes = schedulerPipesShapes<TsCode>(this.model.schedulerPipes, (expr) => new TsCode(this.value(expr)));
    const referenced = new Set(this.model.schedulerPipes.schedules.flatMap((schedule) => (schedule.group ? [schedule.group.names.logical] : [])));
    if (shapes.length > 0 && this.lines[this.lines.length - 1] !== "") this.emit();
    for (const shape of shapes) {
      const [module, cfnClass] = L1_CLASSES[shape.type];
      this.modules.add(module);
      const isReferenced = shape.type === "AWS::IAM::Role" || referenced.has(shape.logical);
      const props = tsLiteral(l1Props(shape.properties), 0);
      this.emit(`${isReferenced ? `const ${lowerFirst(shape.logical)} = ` : ""}new ${module}.${cfnClass}(this, "${shape.logical}", ${props.split("\n").join("\n    ")});`);
      this.emit();
    }
  }

  /**
   * A mapping as `lambda.EventSourceMapping`: the event-source classes would grant the function's
   * role read access, which an imported function (no role known here) cannot take.
   */
  private mapping(mapping: EventSourceMappingModel): void {
    this.modules.add("lambda");
    const fn = this.declare(mapping.functionNames.logical, () =>
      `lambda.Function.fromFunctionAttributes(this, "${mapping.functionNames.logical}", { functionArn: ${this.value(mapping.functionArn)}, sameEnvironment: true })`,
    );
    const source = mapping.source;
    const props = [`target: ${fn}`];
    if (mapping.sourceArn) props.push(`eventSourceArn: ${this.value(mapping.sourceArn)}`);
    if (mapping.kafka?.bootstrapServers) props.push(`kafkaBootstrapServers: ${JSON.stringify(mapping.kafka.bootstrapServers)}`);
    if (mapping.kafka) props.push(`kafkaTopic: ${JSON.stringify(mapping.kafka.topic)}`, `kafkaConsumerGroupId: ${JSON.stringify(mapping.kafka.consumerGroupId)}`);
    props.push(`batchSize: ${source.batchSize}`);
    if (source.kind !== "sqs-queue-source") props.push(`startingPosition: lambda.StartingPosition.${source.startingPosition}`);
    if (mapping.filters.length > 0) props.push(`filters: [${mapping.filters.map((f) => `{ pattern: ${JSON.stringify(f.compact)} }`).join(", ")}]`);
    this.emit(`new lambda.EventSourceMapping(this, "${mapping.names.logical}", {`);
    for (const prop of props) this.emit(`  ${prop},`);
    this.emit("});");
    this.emit();
  }
}

// ---------------------------------------------------------------------------------------------
// The Custom Event Bus: aws-eventsv2 has L1 classes only (CfnEventBus, CfnSubscriber…)

class NewBusWriter {
  constructor(private readonly value: (expr: Expr) => string) {}

  /** A property tree as a TS literal at `depth` levels of four-space stack indentation. */
  literal(tree: PropertyTree, depth: number, rename = true): string {
    if (tree instanceof ExprValue) return this.value(tree.expr);
    if (tree instanceof JsonDocument) return this.literal(tree.value, depth, false);
    if (typeof tree !== "object") return JSON.stringify(tree);
    const pad = "  ".repeat(depth + 2);
    const inner = "  ".repeat(depth + 3);
    if (Array.isArray(tree)) {
      const items = tree.map((item: PropertyTree) => this.literal(item, depth + 1, rename));
      return items.every((item) => !item.includes("\n")) && items.join(", ").length < 80 ? `[${items.join(", ")}]` : `[\n${items.map((item) => inner + item).join(",\n")},\n${pad}]`;
    }
    const entries = Object.entries(tree as PropertyMap).flatMap(([key, item]) => (item === undefined ? [] : [[key, item] as const]));
    const key = (name: string) => (rename ? lowerFirst(name) : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));
    return `{\n${entries.map(([name, item]) => `${inner}${key(name)}: ${this.literal(item, depth + 1, rename)}`).join(",\n")},\n${pad}}`;
  }
}

/** TypeScript code standing for a reference inside L1 properties. */
class TsCode {
  constructor(readonly code: string) {}
}

const L1_CLASSES: Record<ResourceShape<TsCode>["type"], readonly [module: string, cfnClass: string]> = {
  "AWS::IAM::Role": ["iam", "CfnRole"],
  "AWS::Scheduler::ScheduleGroup": ["scheduler", "CfnScheduleGroup"],
  "AWS::Scheduler::Schedule": ["scheduler", "CfnSchedule"],
  "AWS::Pipes::Pipe": ["pipes", "CfnPipe"],
};

/** CloudFormation property names whose L1 prop is not simply the name with a lower-case first letter. */
const L1_NAMES: Record<string, string> = { DynamoDBStreamParameters: "dynamoDbStreamParameters", ConsumerGroupID: "consumerGroupId" };

/** Policy documents are JSON the L1 class passes through: their keys stay as AWS writes them. */
const RAW_PROPERTIES = new Set(["AssumeRolePolicyDocument", "PolicyDocument"]);

function l1Props(value: Shape<TsCode>): Shape<TsCode> {
  if (value instanceof TsCode || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(l1Props);
  const object = value as { readonly [key: string]: Shape<TsCode> | undefined };
  return Object.fromEntries(
    Object.entries(object)
      .filter((entry): entry is [string, Shape<TsCode>] => entry[1] !== undefined)
      .map(([key, item]) => [L1_NAMES[key] ?? lowerFirst(key), RAW_PROPERTIES.has(key) ? item : l1Props(item)]),
  );
}

/** A TS literal: two-space indentation, references as code, quoted keys only where needed. */
function tsLiteral(value: Shape<TsCode> | undefined, depth: number): string {
  const pad = "  ".repeat(depth);
  const inner = "  ".repeat(depth + 1);
  if (value instanceof TsCode) return value.code;
  if (typeof value === "string" || typeof value === "number") return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value as readonly Shape<TsCode>[];
    if (items.every((item) => typeof item === "string")) return `[${items.map((item) => JSON.stringify(item)).join(", ")}]`;
    return `[\n${items.map((item) => `${inner}${tsLiteral(item, depth + 1)},`).join("\n")}\n${pad}]`;
  }
  const entries = Object.entries(value as { readonly [key: string]: Shape<TsCode> | undefined }).filter(([, item]) => item !== undefined);
  const key = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
  return `{\n${entries.map(([k, item]) => `${inner}${key(k)}: ${tsLiteral(item, depth + 1)},`).join("\n")}\n${pad}}`;
}

/** The top-level fields CDK's `EventPattern` type names; others (`$or`) need a type assertion. */
const EVENT_PATTERN_FIELDS = new Set(["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"]);

/** An event pattern as a TS object literal, canonical key order, `detail-type` as CDK's `detailType`. */
function patternLiteral(pretty: string, depth: number): string {
  const tree = parseJson(pretty);
  const text = writeJson(tree, { sortKeys: true, indent: 2, typescriptKeys: true, renameTopLevel: { "detail-type": "detailType" } });
  const typed = tree.kind === "object" && tree.entries.every((entry) => EVENT_PATTERN_FIELDS.has(entry.key));
  return text.split("\n").join("\n" + "  ".repeat(depth)) + (typed ? "" : " as events.EventPattern");
}

const TEMPLATE_INPUT = `
/** Hands EventBridge the design's input transformer exactly as written. */
class TemplateInput extends events.RuleTargetInput {
  constructor(
    private readonly inputPathsMap: Record<string, string>,
    private readonly inputTemplate: string,
  ) {
    super();
  }

  bind(): events.RuleTargetInputProperties {
    return { inputPathsMap: this.inputPathsMap, inputTemplate: this.inputTemplate };
  }
}
`;

/** File-system friendly project name: `order-flow`. */
export function projectName(designName: string): string {
  return snakeCase(designName).replaceAll("_", "-") || "switchyard";
}

export function cdkProject(model: ExportModel): GeneratedFile[] {
  const name = projectName(model.name);
  const stackClass = `${pascalCase(model.name) || "Switchyard"}Stack`.replace(/^[0-9]/, "S$&");
  const writer = new StackWriter(model);
  const body = writer.write();
  const imports = [
    `import { ${[...writer.core].sort((a, b) => a.replace("type ", "").localeCompare(b.replace("type ", ""))).join(", ")} } from "aws-cdk-lib";`,
    ...[...writer.modules].sort().map((m) => `import * as ${m} from "aws-cdk-lib/${MODULES[m]}";`),
    `import type { Construct } from "constructs";`,
  ];
  const notes = model.notes.map((note) => ` * Note: ${oneLine(note)}`);
  const stack = [
    ...imports,
    writer.usesTemplateInput ? TEMPLATE_INPUT : "",
    "/**",
    ` * EventBridge resources of the Switchyard design "${oneLine(model.name)}".`,
    ...notes,
    " */",
    `export class ${stackClass} extends Stack {`,
    "  constructor(scope: Construct, id: string, props?: StackProps) {",
    "    super(scope, id, props);",
    "",
    body,
    "  }",
    "}",
    "",
  ].join("\n");
  const app = [
    `import { App } from "aws-cdk-lib";`,
    `import { ${stackClass} } from "../lib/${name}-stack";`,
    "",
    "const app = new App();",
    `new ${stackClass}(app, "${stackClass}");`,
    "",
  ].join("\n");
  const packageJson = {
    name,
    version: "0.1.0",
    private: true,
    scripts: { build: "tsc", synth: "cdk synth", deploy: "cdk deploy" },
    dependencies: { "aws-cdk-lib": "^2.276.0", constructs: "^10.8.1" },
    devDependencies: { "aws-cdk": "^2.1100.0", tsx: "^4.23.15", typescript: "~5.9.3" },
  };
  const tsconfig = {
    compilerOptions: { target: "ES2022", module: "commonjs", strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true },
    include: ["bin", "lib"],
  };
  return [
    { path: "package.json", content: JSON.stringify(packageJson, null, 2) + "\n" },
    { path: "cdk.json", content: JSON.stringify({ app: "npx tsx bin/app.ts" }, null, 2) + "\n" },
    { path: "tsconfig.json", content: JSON.stringify(tsconfig, null, 2) + "\n" },
    { path: "bin/app.ts", content: app },
    { path: `lib/${name}-stack.ts`, content: stack },
  ];
}
