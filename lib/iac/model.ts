/**
 * The export model: one reading of a design that the Terraform, CDK and CloudFormation writers
 * all render, so the three formats cannot disagree on what is created, what is only referred
 * to, or in which order.
 *
 * What the export creates: custom and partner buses, archives, rules and their targets, API
 * destinations, roles EventBridge needs to reach a target (unless the design names one), Lambda
 * permissions for Lambda targets, CloudWatch Logs resource policies for log-group targets, event source mappings of stream sources read by a function,
 * bus policies that let another account put events on a bus the export manages; the Custom
 * Event Bus's buses, event sources, subscribers and their roles (new-bus-model.ts); and EventBridge
 * Scheduler's and Pipes' schedule groups, schedules, pipes and execution roles (scheduler-pipes.ts).
 * What it only refers to becomes a parameter (variable): every target resource (the function,
 * queue, topic… live elsewhere), dead-letter queues, roles named in the design (a target's, or
 * the role a rule itself uses), connections,
 * buses in other accounts and stream sources. The default bus is referred to by name.
 */
import { DEFAULT_RETRY_POLICY, isTargetNode, type Design, type TargetKind, type TargetNode, type EventBusNode, type InputMode, type NodeOfKind, type RetryPolicy, type RuleNode } from "@/lib/graph";
// The same adjacency index validation walks, so the export reads edges exactly as validation does.
import { indexDesign, type DesignIndex } from "@/lib/graph/graph-index";
import { targetIdOf } from "@/lib/graph/target-id";
import { RESOURCE_TARGET_ARNS, resourceNameOf, type ResourceTargetArn, type ResourceTargetNode } from "@/lib/resources/target-arn";
import { canonicalPattern, type CanonicalPattern } from "./json-text";
import { NameAllocator, type Names } from "./names";
import { buildNewBusModel, type NewBusContext, type NewBusExport } from "./new-bus-model";
import { buildSchedulerPipes, INVOKE_ACTIONS, type ModelContext, type SchedulerPipesModel } from "./scheduler-pipes";

// ---------------------------------------------------------------------------------------------
// Values: literal text and references, rendered by each format in its own syntax

export type Ref =
  | { readonly kind: "pseudo"; readonly name: "partition" | "region" | "account" }
  | { readonly kind: "param"; readonly param: Parameter }
  | { readonly kind: "attr"; readonly resource: AttrResource; readonly names: Names; readonly attr: "arn" | "name" };

export type AttrResource = "bus" | "rule" | "role" | "api-destination" | "eventsv2-bus" | "schedule-group" | "service-role";

/** A string built from literal parts and references (an ARN, a name). */
export type Expr = readonly (string | Ref)[];

export interface Parameter {
  readonly names: Names;
  readonly description: string;
  /** Omitted when only the deployer can know it (a connection's ARN carries a random suffix). */
  readonly default?: string;
}

const PARTITION: Ref = { kind: "pseudo", name: "partition" };
const REGION: Ref = { kind: "pseudo", name: "region" };
const ACCOUNT: Ref = { kind: "pseudo", name: "account" };

/** `arn:<partition>:<service>:<region>:<account>:<resource…>`, the account and region literal when given. */
function arn(service: string, resource: Expr, where: { account?: string; region?: string } = {}, regional = true): Expr {
  return ["arn:", PARTITION, `:${service}:`, regional ? (where.region ?? REGION) : "", ":", where.account ?? ACCOUNT, ":", ...resource];
}

/** Merges adjacent literal parts, so every writer sees the simplest form. */
export function simplify(expr: Expr): Expr {
  const out: (string | Ref)[] = [];
  for (const part of expr) {
    if (part === "") continue;
    const last = out[out.length - 1];
    if (typeof part === "string" && typeof last === "string") out[out.length - 1] = last + part;
    else out.push(part);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Resources

export interface ArchiveModel {
  readonly names: Names;
  readonly name: string;
  /** Absent: every event is archived. */
  readonly pattern?: CanonicalPattern;
  /** 0 keeps events forever. */
  readonly retentionDays: number;
}

export interface BusModel {
  readonly node: EventBusNode;
  readonly names: Names;
  /** Created by the export (custom and partner buses of the home account). */
  readonly managed: boolean;
  readonly name: Expr;
  readonly arn: Expr;
  /** Partner buses are named after, and fed by, their partner event source. */
  readonly eventSourceName?: string;
  readonly archive?: ArchiveModel;
  /** Other accounts allowed to put events on this (managed) bus. */
  readonly allowedAccounts: readonly string[];
  readonly policyNames?: Names;
}

export interface TargetModel {
  /**
   * The AWS target `Id`: the design's `targetId` (kept from an import), else derived from the
   * node id — the same id Run locally and Push to AWS give it (lib/graph/target-id.ts).
   */
  readonly id: string;
  /** `Target0`… by position in the rule: CDK's own id for it, and the Terraform resource's suffix. */
  readonly slot: string;
  readonly kind: TargetKind;
  /** The construct / resource the target points at (for CDK's imported constructs). */
  readonly resourceNames: Names;
  readonly arn: Expr;
  /** Cross-account Lambda functions get no permission from here: their owner grants it. */
  readonly sameAccount: boolean;
  readonly input: InputMode;
  /** Only when it differs from AWS's default (24 hours, 185 attempts). */
  readonly retryPolicy?: RetryPolicy;
  readonly deadLetterQueueArn?: Expr;
  readonly roleArn?: Expr;
  readonly messageGroupId?: string;
  readonly partitionKeyPath?: string;
}

export interface RuleModel {
  readonly node: RuleNode;
  readonly names: Names;
  readonly name: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly bus: BusModel;
  /** The role the rule itself uses (a parameter defaulting to the design's ARN). */
  readonly roleArn?: Expr;
  readonly trigger: { readonly type: "pattern"; readonly pattern: CanonicalPattern } | { readonly type: "schedule"; readonly expression: string };
  readonly targets: readonly TargetModel[];
}

/** A role EventBridge assumes to deliver to a target that has no resource policy for it. */
export interface RoleModel {
  readonly names: Names;
  readonly actions: readonly string[];
  readonly resource: Expr;
}

/** Lets EventBridge write to a log group target (a log group has no per-group policy). */
export interface LogPolicyModel {
  readonly names: Names;
  /** The log group's ARN; the policy covers its streams (`…:*`). */
  readonly logGroupArn: Expr;
}

export interface ApiDestinationModel {
  readonly names: Names;
  readonly name: string;
  readonly endpoint: string;
  readonly method: string;
  readonly rateLimitPerSecond?: number;
  readonly connectionArn: Expr;
  readonly connectionName: string;
}

export interface PermissionModel {
  readonly names: Names;
  readonly functionArn: Expr;
  readonly rule: RuleModel;
}

/** A Kafka topic read by a mapping: an MSK cluster (by ARN) or self-managed bootstrap servers. */
export interface KafkaSourceModel {
  readonly topic: string;
  readonly consumerGroupId: string;
  /** Self-managed clusters only; MSK clusters are addressed by `sourceArn`. */
  readonly bootstrapServers?: readonly string[];
}

export interface EventSourceMappingModel {
  readonly names: Names;
  readonly source: NodeOfKind<"dynamodb-stream" | "kinesis-stream-source" | "sqs-queue-source" | "kafka-topic">;
  /** Absent for a self-managed Kafka cluster. */
  readonly sourceArn?: Expr;
  readonly kafka?: KafkaSourceModel;
  readonly sourceNames: Names;
  /** The function's name (or its ARN when it is in another account), as mappings take it. */
  readonly functionName: Expr;
  readonly functionArn: Expr;
  readonly functionNames: Names;
  readonly filters: readonly CanonicalPattern[];
}

export interface ExportModel {
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly Parameter[];
  readonly buses: readonly BusModel[];
  readonly apiDestinations: readonly ApiDestinationModel[];
  readonly roles: readonly RoleModel[];
  readonly logPolicies: readonly LogPolicyModel[];
  readonly rules: readonly RuleModel[];
  readonly permissions: readonly PermissionModel[];
  readonly eventSourceMappings: readonly EventSourceMappingModel[];
  /** The Custom Event Bus resources (AWS::EventsV2::*). */
  readonly newBus: NewBusExport;
  readonly schedulerPipes: SchedulerPipesModel;
  /** What the export leaves out or cannot do, for the reader of the generated code. */
  readonly notes: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Building the model

type ResourceTarget = ResourceTargetNode;

/** How each referenced resource kind is labelled; its ARN's shape is the one lib/resources uses. */
const RESOURCE_TARGETS: { readonly [K in ResourceTarget["kind"]]: ResourceTargetArn<K> & { label: string } } = {
  lambda: { ...RESOURCE_TARGET_ARNS.lambda, label: "function" },
  sns: { ...RESOURCE_TARGET_ARNS.sns, label: "topic" },
  sqs: { ...RESOURCE_TARGET_ARNS.sqs, label: "queue" },
  "step-functions": { ...RESOURCE_TARGET_ARNS["step-functions"], label: "state machine" },
  firehose: { ...RESOURCE_TARGET_ARNS.firehose, label: "delivery stream" },
  kinesis: { ...RESOURCE_TARGET_ARNS.kinesis, label: "stream" },
  "cloudwatch-logs": { ...RESOURCE_TARGET_ARNS["cloudwatch-logs"], label: "log group" },
};

/** What the role for a target must allow (targets that EventBridge reaches through a role). */
const ROLE_ACTIONS: Partial<Record<TargetKind, readonly string[]>> = {
  "step-functions": INVOKE_ACTIONS["step-functions"],
  firehose: INVOKE_ACTIONS.firehose,
  kinesis: INVOKE_ACTIONS.kinesis,
  "api-destination": INVOKE_ACTIONS["api-destination"],
  "event-bus-target": INVOKE_ACTIONS["event-bus-target"],
};

export function buildModel(design: Design): ExportModel {
  return new ModelBuilder(design).build();
}

class ModelBuilder {
  readonly index: DesignIndex;
  readonly names = new NameAllocator();
  private readonly parameters: Parameter[] = [];
  private readonly notes: string[] = [];
  private readonly buses = new Map<string, BusModel>();
  private readonly targets = new Map<string, ResolvedTarget>();
  private readonly roles = new Map<string, RoleModel>();
  private readonly logPolicies: LogPolicyModel[] = [];
  private readonly apiDestinations: ApiDestinationModel[] = [];
  readonly homeAccount: string | undefined;

  constructor(private readonly design: Design) {
    this.index = indexDesign(design);
    this.homeAccount = this.findHomeAccount();
  }

  build(): ExportModel {
    const nodes = this.design.nodes;
    for (const node of nodes) if (node.kind === "event-bus") this.bus(node);
    const rules = nodes.flatMap((node) => (node.kind === "rule" ? this.rule(node) : []));
    const permissions = this.permissions(rules);
    const eventSourceMappings = nodes.flatMap((node) => this.eventSourceMappings(node));
    const newBus = buildNewBusModel(this.newBusContext(), nodes);
    const schedulerPipes = buildSchedulerPipes(this.context(), nodes);
    this.noteDocumentationNodes();
    return {
      name: this.design.name,
      description: this.design.description,
      parameters: this.parameters,
      buses: [...this.buses.values()].map((bus) => ({ ...bus, allowedAccounts: this.allowedAccounts(bus) })).map((bus) => ({
        ...bus,
        policyNames: bus.managed && bus.allowedAccounts.length > 0 ? this.names.allocate(bus.names.logical, "policy") : undefined,
      })),
      apiDestinations: this.apiDestinations,
      roles: [...this.roles.values()],
      logPolicies: this.logPolicies,
      rules,
      permissions,
      eventSourceMappings,
      newBus,
      schedulerPipes,
      notes: this.notes,
    };
  }

  /** What the Scheduler and Pipes part reads and allocates through. */
  private newBusContext(): NewBusContext {
    return {
      index: this.index,
      names: this.names,
      homeAccount: this.homeAccount,
      isHome: (account) => this.isHome(account),
      parameter: (names, description, defaultValue) => this.parameter(names, description, defaultValue),
      // Subscribers reach their targets through a role, as schedules and pipes do: no resource policy.
      targetResource: (node) => this.resourceOf(node),
      deadLetterQueue: (nodeId, label, arn) => this.deadLetterQueue(nodeId, label, arn),
      note: (text) => this.note(text),
    };
  }

  private context(): ModelContext {
    return {
      index: this.index,
      names: this.names,
      notes: this.notes,
      parameter: (names, description, defaultValue) => this.parameter(names, description, defaultValue),
      homeArn: (service, resource) => simplify(arn(service, resource)),
      targetResource: (node) => this.resourceOf(node),
      bus: (node) => this.bus(node),
      streamSource: (node) => this.streamSource(node),
      apiDestination: (spec) => this.apiDestination(spec).arn,
    };
  }

  /**
   * The account the export deploys into: the explicit account of the buses that carry rules or
   * subscribers (omitted means the design's own account, which is then the home one).
   */
  private findHomeAccount(): string | undefined {
    for (const node of this.design.nodes) {
      if (node.kind === "event-bus" && node.account !== undefined && this.index.outgoing(node.id, "feeds").length > 0) return node.account;
      if (node.kind === "eventsv2-bus" && node.account !== undefined && this.index.outgoing(node.id, "subscribes").length > 0) return node.account;
    }
    return undefined;
  }

  isHome(account: string | undefined): boolean {
    return account === undefined || account === this.homeAccount;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  parameter(names: Names, description: string, defaultValue?: string): Ref {
    const param: Parameter = { names, description, default: defaultValue };
    this.parameters.push(param);
    return { kind: "param", param };
  }

  private bus(node: EventBusNode): BusModel {
    const existing = this.buses.get(node.id);
    if (existing) return existing;
    const names = this.names.allocate(node.name === "default" ? "default" : node.name.split("/").pop() ?? node.name, "bus");
    const managed = node.variant !== "default" && this.isHome(node.account);
    const where = { account: this.isHome(node.account) ? undefined : node.account, region: node.region };
    const attr = (a: "arn" | "name"): Ref => ({ kind: "attr", resource: "bus", names, attr: a });
    const nameExpr: Expr = managed ? [attr("name")] : [node.name];
    const bus: BusModel = {
      node,
      names,
      managed,
      name: nameExpr,
      arn: managed ? [attr("arn")] : simplify(arn("events", ["event-bus/", node.name], where)),
      eventSourceName: node.variant === "partner" ? node.name : undefined,
      archive: node.archive && this.archive(node, names),
      allowedAccounts: [],
    };
    if (!managed && node.variant !== "default") {
      this.notes.push(`Bus ${node.name} is in account ${node.account}: it is referred to by ARN, not created here.`);
    }
    this.buses.set(node.id, bus);
    return bus;
  }

  private archive(node: EventBusNode, busNames: Names): ArchiveModel | undefined {
    const archive = node.archive;
    if (!archive) return undefined;
    if (!this.isHome(node.account)) {
      this.notes.push(`Archive ${archive.name} belongs to bus ${node.name} in another account and is not created here.`);
      return undefined;
    }
    return {
      names: this.names.allocate(busNames.logical, "archive"),
      name: archive.name,
      pattern: archive.pattern.trim() === "" ? undefined : canonicalPattern(archive.pattern),
      retentionDays: archive.retentionDays,
    };
  }

  /** Accounts whose rules forward to `bus` through an event-bus target. */
  private allowedAccounts(bus: BusModel): string[] {
    const accounts = new Set<string>();
    for (const target of this.index.predecessors(bus.node.id, "forwards", "event-bus-target")) {
      for (const rule of this.index.predecessors(target.id, "invokes", "rule")) {
        for (const source of this.index.predecessors(rule.id, "feeds", "event-bus")) {
          const account = source.account ?? this.homeAccount;
          const busAccount = bus.node.account ?? this.homeAccount;
          if (account !== undefined && account !== busAccount) accounts.add(account);
        }
      }
    }
    if (accounts.size > 0 && !bus.managed) {
      this.notes.push(`Bus ${bus.node.name} must allow events:PutEvents from account ${[...accounts].join(", ")} in its own account's policy.`);
    }
    return [...accounts].sort();
  }

  private rule(node: RuleNode): RuleModel[] {
    const bus = this.index.predecessors(node.id, "feeds", "event-bus")[0];
    if (!bus) return [];
    const busModel = this.bus(bus);
    if (!this.isHome(bus.account)) {
      this.notes.push(`Rule ${node.name} is on bus ${bus.name} in account ${bus.account} and is not created here.`);
      return [];
    }
    const names = this.names.allocate(node.name, "rule");
    const roleArn: Expr | undefined =
      node.roleArn === undefined ? undefined : [this.parameter(this.names.allocate(names.logical, "role arn"), `Role the rule ${node.name} uses`, node.roleArn)];
    const targetNodes = this.index.outgoing(node.id, "invokes").flatMap((edge) => {
      const target = this.index.node(edge.target);
      return target && isTargetNode(target) ? [target] : [];
    });
    const targets = targetNodes.map((target, i) => this.target(target, targetIdOf(target), `Target${i}`));
    return [
      {
        node,
        names,
        name: node.name,
        description: node.description,
        enabled: node.enabled,
        bus: busModel,
        roleArn,
        trigger: node.trigger.type === "pattern" ? { type: "pattern", pattern: this.rulePattern(node.name, node.trigger.pattern) } : { type: "schedule", expression: node.trigger.expression },
        targets,
      },
    ];
  }

  /** The canonical pattern; one over the default quota is noted (the quota can be raised to 4,096). */
  private rulePattern(ruleName: string, text: string): CanonicalPattern {
    const pattern = canonicalPattern(text);
    if (pattern.overQuota) {
      this.notes.push(`The pattern of rule ${ruleName} is ${pattern.compact.length} characters: over the 2,048-character default quota (raise it to 4,096 in Service Quotas).`);
    }
    return pattern;
  }

  private target(node: TargetNode, id: string, slot: string): TargetModel {
    const resolved = this.targetResource(node);
    const label = resolved.names.logical;
    const retry = node.retryPolicy;
    const isDefaultRetry =
      retry.maximumEventAgeInSeconds === DEFAULT_RETRY_POLICY.maximumEventAgeInSeconds && retry.maximumRetryAttempts === DEFAULT_RETRY_POLICY.maximumRetryAttempts;
    const deadLetterQueueArn = node.deadLetterQueueArn === undefined ? undefined : [this.deadLetterQueue(node.id, label, node.deadLetterQueueArn)];
    return {
      id,
      slot,
      kind: node.kind,
      resourceNames: resolved.names,
      arn: resolved.arn,
      sameAccount: resolved.sameAccount,
      input: node.input,
      retryPolicy: isDefaultRetry ? undefined : retry,
      deadLetterQueueArn,
      roleArn: this.targetRole(node, resolved),
      messageGroupId: node.kind === "sqs" ? node.messageGroupId : undefined,
      partitionKeyPath: node.kind === "kinesis" ? node.partitionKeyPath : undefined,
    };
  }

  /** A dead-letter queue (of a target, subscriber or event source) as a parameter, once per node. */
  deadLetterQueue(nodeId: string, label: string, arn: string): Ref {
    return this.once(`${nodeId}/dlq`, () => {
      this.notes.push(`The dead-letter queue of ${label} exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.`);
      return this.parameter(this.names.allocate(label, "dead letter queue arn"), `Dead-letter queue of ${label} (SQS queue ARN)`, arn);
    });
  }

  private readonly memo = new Map<string, Ref>();
  private once(key: string, make: () => Ref): Ref {
    let ref = this.memo.get(key);
    if (!ref) this.memo.set(key, (ref = make()));
    return ref;
  }

  /** A rule target's resource, with what EventBridge (a resource policy, not a role) needs to reach it. */
  private targetResource(node: TargetNode): ResolvedTarget {
    const resolved = this.resourceOf(node);
    if (!this.ruleTargets.has(node.id)) {
      this.ruleTargets.add(node.id);
      if (node.kind === "cloudwatch-logs" && resolved.sameAccount) {
        this.logPolicies.push({ names: this.names.allocate(resolved.names.logical, "policy"), logGroupArn: resolved.arn });
      }
      if ((node.kind === "sns" || node.kind === "sqs") && resolved.sameAccount) {
        this.notes.push(`The ${node.kind === "sns" ? "topic" : "queue"} of ${resolved.names.logical} exists already: its policy must allow events.amazonaws.com to ${node.kind === "sns" ? "sns:Publish" : "sqs:SendMessage"}.`);
      }
    }
    return resolved;
  }

  private readonly ruleTargets = new Set<string>();

  /** The ARN a target delivers to, with the parameters that name it; one per target node. */
  private resourceOf(node: TargetNode): ResolvedTarget {
    const known = this.targets.get(node.id);
    if (known) return known;
    let resolved: ResolvedTarget;
    if (node.kind === "event-bus-target") {
      const destination = this.index.successors(node.id, "forwards", "event-bus")[0];
      const bus = destination ? this.bus(destination) : undefined;
      const arnExpr = bus?.arn ?? [];
      resolved = { arn: arnExpr, name: arnExpr, names: this.names.allocate(bus?.names.logical ?? node.id, "target"), sameAccount: this.isHome(destination?.account) };
    } else if (node.kind === "api-destination") {
      const { arn: arnExpr, names } = this.apiDestination({ ...node, rateLimitPerSecond: node.invocationRateLimitPerSecond });
      resolved = { arn: arnExpr, name: arnExpr, names, sameAccount: true };
    } else {
      resolved = this.referencedResource(node);
    }
    this.targets.set(node.id, resolved);
    return resolved;
  }

  /** An API destination the export creates, on a connection it refers to (credentials stay in AWS); its ARN. */
  private apiDestination(spec: { name: string; endpoint: string; method: string; rateLimitPerSecond?: number; connection: { name: string; authorization: string } }): { arn: Expr; names: Names } {
    const names = this.names.allocate(spec.name, "api destination");
    const connection = this.parameter(this.names.allocate(spec.connection.name, "connection arn"), `ARN of the EventBridge connection ${spec.connection.name} (${spec.connection.authorization}); its credentials stay in AWS`);
    this.apiDestinations.push({
      names,
      name: spec.name,
      endpoint: spec.endpoint,
      method: spec.method,
      rateLimitPerSecond: spec.rateLimitPerSecond,
      connectionArn: [connection],
      connectionName: spec.connection.name,
    });
    return { arn: [{ kind: "attr", resource: "api-destination", names, attr: "arn" }], names };
  }

  private referencedResource(node: ResourceTarget): ResolvedTarget {
    const spec = RESOURCE_TARGETS[node.kind];
    const resourceName = resourceNameOf(node);
    const names = this.names.allocate(resourceName, spec.label);
    const sameAccount = !node.crossAccount && this.isHome(node.account);
    const nameParam = this.parameter(this.names.allocate(names.logical, "name"), `Name of the existing ${spec.label} ${resourceName}${sameAccount ? "" : ` in account ${node.account}`}`, resourceName);
    const where = { account: sameAccount ? undefined : node.account, region: node.region };
    const arnExpr = simplify(arn(spec.service, [spec.prefix, nameParam], where));
    return { arn: arnExpr, name: sameAccount ? [nameParam] : arnExpr, names, sameAccount };
  }

  private targetRole(node: TargetNode, resolved: { arn: Expr; names: Names }): Expr | undefined {
    if (node.roleArn !== undefined) {
      return [this.once(`${node.id}/role`, () => this.parameter(this.names.allocate(resolved.names.logical, "role arn"), `Role EventBridge assumes to reach ${resolved.names.logical}`, node.roleArn))];
    }
    const actions = ROLE_ACTIONS[node.kind];
    if (!actions) return undefined;
    let role = this.roles.get(node.id);
    if (!role) {
      role = { names: this.names.allocate(resolved.names.logical, "events role"), actions, resource: resolved.arn };
      this.roles.set(node.id, role);
    }
    return [{ kind: "attr", resource: "role", names: role.names, attr: "arn" }];
  }

  /** One permission per rule and same-account Lambda target (AWS's own pattern for rule → function). */
  private permissions(rules: readonly RuleModel[]): PermissionModel[] {
    return rules.flatMap((rule) =>
      rule.targets
        .filter((target) => target.kind === "lambda")
        .flatMap((target) => {
          if (!target.sameAccount) {
            this.notes.push(`The function of ${target.resourceNames.logical} is in another account: its owner grants rule ${rule.name} lambda:InvokeFunction.`);
            return [];
          }
          return [{ names: this.names.allocate(rule.names.logical, target.resourceNames.logical, "permission"), functionArn: target.arn, rule }];
        }),
    );
  }

  private eventSourceMappings(node: Design["nodes"][number]): EventSourceMappingModel[] {
    if (node.kind !== "dynamodb-stream" && node.kind !== "kinesis-stream-source" && node.kind !== "sqs-queue-source" && node.kind !== "kafka-topic") return [];
    const functions = this.index.successors(node.id, "feeds-function", "lambda");
    if (functions.length === 0) return [];
    // Read by a pipe: scheduler-pipes.ts exports it as one.
    if (node.reader === "pipe") return [];
    if (node.kind !== "sqs-queue-source" && node.startingPosition === "AT_TIMESTAMP") {
      this.notes.push(`The mapping of ${node.kind} ${node.id} starts AT_TIMESTAMP: add its StartingPositionTimestamp, which the design does not hold.`);
    }
    const { sourceArn, sourceNames, kafka } = this.streamSource(node);
    if (kafka?.bootstrapServers) {
      this.notes.push(`Kafka topic ${kafka.topic} is on a self-managed cluster: add the mapping's authentication or VPC settings (SourceAccessConfigurations), which the design does not hold.`);
    }
    return functions.map((fn) => {
      const target = this.targetResource(fn);
      return {
        names: this.names.allocate(sourceNames.logical, target.names.logical, "mapping"),
        source: node,
        sourceArn,
        kafka,
        sourceNames,
        functionName: target.name,
        functionArn: target.arn,
        functionNames: target.names,
        filters: node.filterCriteria.map(canonicalPattern),
      };
    });
  }

  private readonly streamSources = new Map<string, StreamSource>();

  /** How a stream source is referred to; one set of parameters per source, whoever reads it. */
  private streamSource(node: EventSourceMappingModel["source"]): StreamSource {
    let source = this.streamSources.get(node.id);
    if (!source) this.streamSources.set(node.id, (source = this.newStreamSource(node)));
    return source;
  }

  private newStreamSource(node: EventSourceMappingModel["source"]): StreamSource {
    switch (node.kind) {
      case "kafka-topic": {
        const sourceNames = this.names.allocate(node.topic, "topic");
        if (node.cluster === "self-managed") {
          const bootstrapServers = node.clusterName.split(",").map((server) => server.trim()).filter((server) => server !== "");
          return { sourceNames, kafka: { topic: node.topic, consumerGroupId: node.consumerGroupId, bootstrapServers } };
        }
        // A cluster ARN ends in a generated id: only the deployer knows it.
        const inAccount = node.account === undefined ? "" : ` in account ${node.account}`;
        // "msk-producer-cluster" gives msk_producer_cluster_arn, not msk_producer_cluster_cluster_arn.
        const named = /cluster$/i.test(node.clusterName.trim()) ? "arn" : "cluster arn";
        const param = this.parameter(this.names.allocate(node.clusterName, named), `ARN of the MSK cluster ${node.clusterName}${inAccount}`);
        if (node.account !== undefined && !this.isHome(node.account)) {
          this.notes.push(`MSK cluster ${node.clusterName} is in account ${node.account}: its cluster policy (in that account) must let the function's execution role connect and read topic ${node.topic}, over multi-VPC private connectivity.`);
        }
        return { sourceArn: [param], sourceNames, kafka: { topic: node.topic, consumerGroupId: node.consumerGroupId } };
      }
      case "dynamodb-stream": {
        const sourceNames = this.names.allocate(node.tableName, "table");
        // A stream ARN ends in its creation time: only the deployer knows it.
        const param = this.parameter(this.names.allocate(sourceNames.logical, "stream arn"), `Stream ARN of the DynamoDB table ${node.tableName}`);
        return { sourceArn: [param], sourceNames };
      }
      case "kinesis-stream-source": {
        const sourceNames = this.names.allocate(node.streamName, "source stream");
        const param = this.parameter(this.names.allocate(sourceNames.logical, "name"), `Name of the existing Kinesis stream ${node.streamName}`, node.streamName);
        return { sourceArn: simplify(arn("kinesis", ["stream/", param])), sourceNames };
      }
      case "sqs-queue-source": {
        const sourceNames = this.names.allocate(node.queueName, "source queue");
        const param = this.parameter(this.names.allocate(sourceNames.logical, "name"), `Name of the existing SQS queue ${node.queueName}`, node.queueName);
        return { sourceArn: simplify(arn("sqs", [param])), sourceNames };
      }
    }
  }

  private noteDocumentationNodes(): void {
    for (const node of this.design.nodes) {
      if (node.kind === "http-api") this.notes.push(`HTTP API route ${node.method} ${node.path} (${node.name}) is not exported; only what EventBridge and the mappings need is.`);
      if (node.kind === "lambda") {
        for (const bus of this.index.successors(node.id, "puts-events", "event-bus")) {
          this.notes.push(`Function ${node.functionName} puts events on bus ${bus.name}: its execution role needs events:PutEvents on that bus.`);
        }
      }
    }
  }
}

interface StreamSource {
  readonly sourceArn?: Expr;
  readonly sourceNames: Names;
  readonly kafka?: KafkaSourceModel;
}

export interface ResolvedTarget {
  readonly arn: Expr;
  /** How a same-account resource is named where a name will do; its ARN otherwise. */
  readonly name: Expr;
  readonly names: Names;
  readonly sameAccount: boolean;
}

