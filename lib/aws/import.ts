/**
 * Import: an account's buses, rules and targets, schedule groups, schedules and pipes
 * (read-account.ts), and its Custom Event Buses with their event sources and subscribers when
 * they can be read (new-bus-api.ts), as a design. Each becomes a node made by the registry's
 * factory and filled from AWS; target kinds come from their ARNs (a schedule's or pipe's target
 * is a node of its own, a bus is reached with `puts-events`); a pipe's source becomes a stream
 * source node read by "pipe" holding its source parameters; the graph is laid out automatically.
 * Targets of kinds the design cannot hold (ECS, Batch…) and fields it has no place for are listed
 * as warnings, not dropped silently.
 */
import { parseArn } from "@/lib/arn";
import {
  createNode,
  DEFAULT_RETRY_POLICY,
  DEFAULT_SUBSCRIBER_RETRY_POLICY,
  DESIGN_FORMAT,
  DESIGN_VERSION,
  layoutDesign,
  type Design,
  type DesignEdge,
  type DesignNode,
  type EventBusNode,
  type InputMode,
  type NodeOfKind,
  type PipeEnrichment,
  type PipeNode,
  type ScheduleNode,
  type SubscriberNode,
} from "@/lib/graph";
import { SOURCE_SETTINGS, sourceKindOf } from "../emulator/pipes/source";
import { universalTargetAction } from "../emulator/scheduler/schedule-spec";
import { DEFAULT_SCHEDULE_GROUP } from "../arn";
import { type AccountState, type PipeState, type RuleState, type ScheduleState, type Target } from "../resources/account-state";
import type { EventSourceState, NewBusAccountState, SubscriberState } from "./new-bus-api";
import type { TargetNode } from "../graph";
import { targetIdFor } from "../resources/design-resources";
import { isResourceTargetKind, recogniseTargetArn, RESOURCE_TARGET_ARNS, type RecognisedTarget, type ResourceTargetNode } from "../resources/target-arn";

export interface ImportResult {
  readonly design: Design;
  /** What could not be represented, one sentence each. */
  readonly warnings: readonly string[];
}

/** The size the canvas gives a node before it is measured (components/canvas/store.ts). */
const NODE_SIZE = { width: 220, height: 72 };
const ORIGIN = { x: 0, y: 0 };

/** Fields of AWS's `Target` the design has a place for; any other one present is warned about. */
const KNOWN_TARGET_FIELDS = new Set(["Id", "Arn", "RoleArn", "Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig", "SqsParameters", "KinesisParameters"]);

/** Fields of a schedule's target the design has a place for. */
const KNOWN_SCHEDULE_TARGET_FIELDS = new Set(["Arn", "RoleArn", "Input", "RetryPolicy", "DeadLetterConfig", "EventBridgeParameters", "SqsParameters"]);

/** `newBus`: the account's Custom Event Buses, when they could be read (new-bus-api.ts). */
export function designFromAccount(state: AccountState, name: string, description = "", newBus?: NewBusAccountState): ImportResult {
  return new DesignBuilder(state, newBus).build(name, description);
}

class DesignBuilder {
  private readonly nodes: DesignNode[] = [];
  private readonly edges: DesignEdge[] = [];
  private readonly warnings: string[];
  private readonly ids = new Set<string>();
  private readonly busNodes = new Map<string, EventBusNode>();
  private readonly groupNodes = new Map<string, string>();

  constructor(
    private readonly state: AccountState,
    private readonly newBusState?: NewBusAccountState,
  ) {
    this.warnings = [...(state.unread ?? [])];
  }

  build(name: string, description: string): ImportResult {
    for (const bus of this.state.buses) this.busNode(bus.name, this.state.account, this.state.region);
    for (const rule of this.state.rules) this.rule(rule);
    for (const bus of this.newBusState?.buses ?? []) this.newBus(bus);
    for (const group of this.state.scheduleGroups ?? []) {
      if (group.name === DEFAULT_SCHEDULE_GROUP) continue; // every account has it: schedules outside a drawn group are in it
      const node = { ...createNode("schedule-group", this.id("schedule-group", group.name), ORIGIN), name: group.name };
      this.nodes.push(node);
      this.groupNodes.set(group.name, node.id);
    }
    for (const schedule of this.state.schedules ?? []) this.schedule(schedule);
    for (const pipe of this.state.pipes ?? []) this.pipe(pipe);
    const design: Design = { format: DESIGN_FORMAT, version: DESIGN_VERSION, name, description, nodes: this.nodes, edges: this.edges };
    const positions = layoutDesign(design, () => NODE_SIZE);
    return {
      design: { ...design, nodes: this.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })) },
      warnings: this.warnings,
    };
  }

  /** A unique node id from readable parts (ids are at most 128 characters). */
  private id(...parts: string[]): string {
    const base = parts.join(":").slice(0, 120);
    let candidate = base;
    for (let n = 2; this.ids.has(candidate); n++) candidate = `${base}~${n}`;
    this.ids.add(candidate);
    return candidate;
  }

  private edge(kind: DesignEdge["kind"], source: string, target: string): void {
    this.edges.push({ id: `e${this.edges.length + 1}`, kind, source, target });
  }

  private busNode(name: string, account: string, region: string): EventBusNode {
    const key = `${account}/${region}/${name}`;
    const known = this.busNodes.get(key);
    if (known) return known;
    const home = account === this.state.account;
    // A design holds one archive per bus; any further one is named in a warning.
    const [archive, ...others] = home ? this.state.archives.filter((a) => a.bus === name) : [];
    for (const other of others) this.warnings.push(`Archive ${other.name} of bus ${name} was left out: a design holds one archive per bus (${archive!.name} was kept).`);
    const node: EventBusNode = {
      ...createNode("event-bus", this.id("bus", home ? name : `${account}/${name}`), ORIGIN),
      variant: name === "default" ? "default" : name.startsWith("aws.partner/") ? "partner" : "custom",
      name,
      ...(home ? {} : { account }),
      ...(region === this.state.region ? {} : { region }),
      ...(archive === undefined ? {} : { archive: { name: archive.name, pattern: archive.eventPattern ?? "", retentionDays: archive.retentionDays } }),
    };
    this.nodes.push(node);
    this.busNodes.set(key, node);
    return node;
  }

  private rule(rule: RuleState): void {
    const bus = this.busNode(rule.bus, this.state.account, this.state.region);
    const node = {
      ...createNode("rule", this.id("rule", rule.bus, rule.name), ORIGIN),
      name: rule.name,
      description: rule.description ?? "",
      enabled: rule.state !== "DISABLED",
      trigger: rule.eventPattern !== undefined ? { type: "pattern" as const, pattern: rule.eventPattern } : { type: "schedule" as const, expression: rule.scheduleExpression ?? "" },
      ...(rule.roleArn === undefined ? {} : { roleArn: rule.roleArn }),
    };
    this.nodes.push(node);
    this.edge("feeds", bus.id, node.id);
    for (const target of rule.targets) {
      const created = this.target(rule, target);
      if (created) this.edge("invokes", node.id, created.id);
    }
  }

  private target(rule: RuleState, target: Target): TargetNode | undefined {
    const where = `target ${target.Id} of rule ${rule.name} (bus ${rule.bus})`;
    const recognised = target.Arn === undefined ? undefined : recogniseTargetArn(target.Arn);
    if (recognised === undefined) {
      this.warnings.push(`The ${where} calls ${target.Arn ?? "no ARN"}, a kind of target a design cannot hold yet; it was left out.`);
      return undefined;
    }
    const extra = Object.keys(target).filter((key) => !KNOWN_TARGET_FIELDS.has(key) && target[key as keyof Target] !== undefined);
    if (extra.length > 0) this.warnings.push(`The ${where} has ${extra.join(", ")}, which the design does not hold.`);
    const id = this.id("target", rule.bus, rule.name, target.Id ?? "");
    const node = this.targetNode(recognised, id, target, where);
    if (node === undefined) return undefined;
    this.nodes.push(node);
    if (node.kind === "event-bus-target") {
      const destination = this.busNode(recognised.name, recognised.account, recognised.region);
      this.edge("forwards", node.id, destination.id);
    }
    return node;
  }

  private newBus(bus: NewBusAccountState["buses"][number]): void {
    const node: NodeOfKind<"eventsv2-bus"> = {
      ...createNode("eventsv2-bus", this.id("busv2", bus.Name), ORIGIN),
      name: bus.Name,
      ...(bus.Description ? { description: bus.Description } : {}),
    };
    const retention = bus.StorageConfiguration?.RetentionPeriodInDays;
    const busNode = retention === undefined ? node : { ...node, retentionDays: retention };
    this.nodes.push(busNode);
    for (const source of bus.sources) this.eventSource(source, busNode.id);
    for (const subscriber of bus.subscribers) this.subscriber(subscriber, bus.Name, busNode.id);
  }

  private eventSource(source: EventSourceState, busId: string): void {
    const service = source.Configuration.AwsServiceEventsConfiguration;
    const partner = source.Configuration.PartnerEventsConfiguration;
    const config = service
      ? { type: "aws-service" as const, awsService: service.AwsService, ...(service.Pattern ? { pattern: service.Pattern } : {}) }
      : partner
        ? { type: "partner" as const, partnerEventSourceArn: partner.PartnerEventSourceArn, ...(partner.Pattern ? { pattern: partner.Pattern } : {}) }
        : undefined;
    if (config === undefined) {
      this.warnings.push(`Event source ${source.Name} has a configuration the design cannot hold; it was left out.`);
      return;
    }
    const deadLetterQueueArn = (service ?? partner)?.OnFailureConfiguration?.Arn;
    const node: NodeOfKind<"eventsv2-source"> = {
      ...createNode("eventsv2-source", this.id("source", source.Name), ORIGIN),
      name: source.Name,
      config,
      ...(source.Description ? { description: source.Description } : {}),
      ...(deadLetterQueueArn ? { deadLetterQueueArn } : {}),
    };
    this.nodes.push(node);
    this.edge("puts-events", node.id, busId);
  }

  private subscriber(subscriber: SubscriberState, busName: string, busId: string): void {
    const where = `subscriber ${subscriber.Name} (Custom Event Bus ${busName})`;
    const invoke = subscriber.InvokeConfiguration;
    const recognised = recogniseTargetArn(invoke.TargetArn);
    if (recognised === undefined) {
      this.warnings.push(`The ${where} calls ${invoke.TargetArn}, a kind of target a design cannot hold yet; it was left out.`);
      return;
    }
    const filters = Object.fromEntries((subscriber.FilterConfiguration?.Filters ?? []).map((filter) => [filter.Scope, filter.Pattern]));
    const transformer = subscriber.Transformer;
    const point = subscriber.PointInTimeConfiguration;
    const node: SubscriberNode = {
      ...createNode("subscriber", this.id("subscriber", busName, subscriber.Name), ORIGIN),
      name: subscriber.Name,
      ...(subscriber.Description ? { description: subscriber.Description } : {}),
      filters,
      transform: transformer?.Type === "JSONATA" ? { type: "JSONATA", expression: transformer.JsonataConfiguration?.Expression ?? "" } : { type: transformer?.Type ?? "RAW" },
      ordering: subscriber.Type ?? "UNORDERED",
      start: subscriber.StartingPosition !== "POINT_IN_TIME" || point === undefined ? { type: "LATEST" } : point.PointType === "TIMESTAMP" ? { type: "TIMESTAMP", startingPoint: point.StartingPoint ?? 0 } : { type: "HORIZON" },
      state: subscriber.State ?? "RUNNING",
      retryPolicy: {
        maxEventAgeInSeconds: subscriber.RetryPolicy?.MaxEventAgeInSeconds ?? DEFAULT_SUBSCRIBER_RETRY_POLICY.maxEventAgeInSeconds,
        maxRetryAttempts: subscriber.RetryPolicy?.MaxRetryAttempts ?? DEFAULT_SUBSCRIBER_RETRY_POLICY.maxRetryAttempts,
      },
      ...(subscriber.OnFailureConfiguration?.Arn ? { deadLetterQueueArn: subscriber.OnFailureConfiguration.Arn } : {}),
      roleArn: invoke.RoleArn,
    };
    const targetId = this.id("target", busName, subscriber.Name);
    const found = this.targetNode(recognised, targetId, { Id: targetIdFor(targetId), Arn: invoke.TargetArn }, where);
    if (found === undefined) return;
    const target = found.kind === "sqs" && invoke.SqsParameters?.MessageGroupId ? { ...found, messageGroupId: invoke.SqsParameters.MessageGroupId } : found;
    if (invoke.KinesisParameters?.PartitionKey) this.warnings.push(`The ${where} sets the Kinesis partition key ${invoke.KinesisParameters.PartitionKey}, which the design does not hold.`);
    this.nodes.push(node, target);
    this.edge("subscribes", busId, node.id);
    this.edge("invokes", node.id, target.id);
    if (target.kind === "event-bus-target") {
      const destination = this.busNode(recognised.name, recognised.account, recognised.region);
      this.edge("forwards", target.id, destination.id);
    }
  }

  private schedule(schedule: ScheduleState): void {
    const where = `schedule ${schedule.name} (group ${schedule.group})`;
    const base = createNode("schedule", this.id("schedule", schedule.group, schedule.name), ORIGIN);
    const { target } = schedule;
    const retry = target.RetryPolicy;
    const retryPolicy = {
      maximumEventAgeInSeconds: retry?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY_POLICY.maximumEventAgeInSeconds,
      maximumRetryAttempts: retry?.MaximumRetryAttempts ?? DEFAULT_RETRY_POLICY.maximumRetryAttempts,
    };
    const universalTarget = target.Arn === undefined ? undefined : universalTargetAction(target.Arn);
    const node: ScheduleNode = {
      ...base,
      name: schedule.name,
      ...(schedule.description === undefined ? {} : { description: schedule.description }),
      expression: schedule.expression,
      ...(schedule.timezone === undefined ? {} : { timezone: schedule.timezone }),
      ...(schedule.startDate === undefined ? {} : { startDate: schedule.startDate }),
      ...(schedule.endDate === undefined ? {} : { endDate: schedule.endDate }),
      ...(schedule.flexibleWindowMinutes === undefined ? {} : { flexibleWindowMinutes: schedule.flexibleWindowMinutes }),
      ...(schedule.state === "DISABLED" ? { state: "DISABLED" as const } : {}),
      ...(schedule.actionAfterCompletion === "DELETE" ? { actionAfterCompletion: "DELETE" as const } : {}),
      source: target.EventBridgeParameters?.Source ?? base.source,
      detailType: target.EventBridgeParameters?.DetailType ?? base.detailType,
      ...(target.Input === undefined ? {} : { targetInput: target.Input }),
      ...(universalTarget === undefined ? {} : { universalTarget }),
      ...(retryPolicy.maximumEventAgeInSeconds === DEFAULT_RETRY_POLICY.maximumEventAgeInSeconds && retryPolicy.maximumRetryAttempts === DEFAULT_RETRY_POLICY.maximumRetryAttempts ? {} : { retryPolicy }),
      ...(target.DeadLetterConfig?.Arn ? { deadLetterQueueArn: target.DeadLetterConfig.Arn } : {}),
      ...(target.RoleArn ? { roleArn: target.RoleArn } : {}),
    };
    this.nodes.push(node);
    const group = this.groupNodes.get(schedule.group);
    if (group !== undefined) this.edge("contains", group, node.id);
    const extra = Object.keys(target).filter((key) => !KNOWN_SCHEDULE_TARGET_FIELDS.has(key) && target[key as keyof typeof target] !== undefined);
    if (extra.length > 0) this.warnings.push(`The target of ${where} has ${extra.join(", ")}, which the design does not hold.`);
    if (universalTarget === undefined) this.delivery(node.id, target.Arn, target.SqsParameters?.MessageGroupId, where);
  }

  private pipe(pipe: PipeState): void {
    const where = `pipe ${pipe.name}`;
    const enrichment = pipe.enrichment === undefined ? undefined : this.enrichment(pipe.enrichment, where);
    const { InputTemplate: targetInputTemplate, EventBridgeEventBusParameters: busEvent, SqsQueueParameters: sqs, ...otherTarget } = pipe.targetParameters ?? {};
    const extra = Object.keys(otherTarget).filter((key) => otherTarget[key as keyof typeof otherTarget] !== undefined);
    if (extra.length > 0) this.warnings.push(`The target parameters of ${where} have ${extra.join(", ")}, which the design does not hold.`);
    const node: PipeNode = {
      ...createNode("pipe", this.id("pipe", pipe.name), ORIGIN),
      name: pipe.name,
      ...(pipe.description === undefined ? {} : { description: pipe.description }),
      desiredState: pipe.desiredState,
      ...(enrichment === undefined ? {} : { enrichment }),
      ...(pipe.enrichmentParameters?.InputTemplate === undefined ? {} : { enrichmentInputTemplate: pipe.enrichmentParameters.InputTemplate }),
      ...(targetInputTemplate === undefined ? {} : { targetInputTemplate }),
      ...(busEvent?.Source !== undefined && busEvent.DetailType !== undefined ? { busEvent: { source: busEvent.Source, detailType: busEvent.DetailType } } : {}),
      ...(pipe.roleArn === "" ? {} : { roleArn: pipe.roleArn }),
    };
    this.nodes.push(node);
    const source = this.pipeSource(pipe, where);
    if (source !== undefined) {
      this.nodes.push(source);
      this.edge("feeds-pipe", source.id, node.id);
    }
    this.delivery(node.id, pipe.target, sqs?.MessageGroupId, where);
  }

  /** The stream source node a pipe reads, holding its source parameters; undefined (with a warning) for kinds a design has no node for. */
  private pipeSource(pipe: PipeState, where: string): DesignNode | undefined {
    const kind = sourceKindOf(pipe.source);
    const parameters = pipe.sourceParameters as Readonly<Record<string, unknown>>;
    const own = (kind === undefined ? {} : (parameters[SOURCE_SETTINGS[kind].member] ?? {})) as {
      BatchSize?: number;
      MaximumBatchingWindowInSeconds?: number;
      StartingPosition?: string;
      TopicName?: string;
      ConsumerGroupID?: string;
    };
    const id = this.id("source", pipe.name);
    const stream = {
      reader: "pipe" as const,
      batchSize: own.BatchSize ?? (kind === undefined ? 0 : SOURCE_SETTINGS[kind].defaultBatchSize),
      ...(own.MaximumBatchingWindowInSeconds ? { batchingWindowSeconds: own.MaximumBatchingWindowInSeconds } : {}),
      filterCriteria: (pipe.sourceParameters.FilterCriteria?.Filters ?? []).flatMap((filter) => (filter.Pattern === undefined ? [] : [filter.Pattern])),
    };
    const startingPosition = own.StartingPosition === "TRIM_HORIZON" || own.StartingPosition === "AT_TIMESTAMP" ? own.StartingPosition : "LATEST";
    const arn = parseArn(pipe.source);
    const resource = arn?.resource ?? "";
    switch (kind) {
      case "sqs":
        return { ...createNode("sqs-queue-source", id, ORIGIN), ...stream, queueName: resource };
      case "kinesis":
        return { ...createNode("kinesis-stream-source", id, ORIGIN), ...stream, startingPosition, streamName: resource.slice("stream/".length) };
      case "dynamodb":
        return { ...createNode("dynamodb-stream", id, ORIGIN), ...stream, startingPosition, tableName: resource.split("/")[1] ?? "" };
      case "msk":
      case "kafka": {
        const base = createNode("kafka-topic", id, ORIGIN);
        const msk = kind === "msk";
        return {
          ...base,
          ...stream,
          startingPosition,
          cluster: msk ? "msk" : "self-managed",
          clusterName: msk ? (resource.split("/")[1] ?? "") : pipe.source.slice("smk://".length),
          ...(msk && arn !== undefined && arn.account !== this.state.account ? { account: arn.account } : {}),
          topic: own.TopicName ?? base.topic,
          consumerGroupId: own.ConsumerGroupID ?? base.consumerGroupId,
        };
      }
      default:
        this.warnings.push(`The ${where} reads ${pipe.source}, a kind of source a design cannot hold yet; the pipe was imported without it.`);
        return undefined;
    }
  }

  /** A pipe's enrichment read off its ARN. */
  private enrichment(arn: string, where: string): PipeEnrichment | undefined {
    const parsed = parseArn(arn);
    const resource = parsed?.resource ?? "";
    if (parsed?.service === "lambda" && resource.startsWith("function:")) return { type: "lambda", functionName: resource.slice("function:".length) };
    if (parsed?.service === "states" && resource.startsWith("stateMachine:")) return { type: "step-functions", stateMachineName: resource.slice("stateMachine:".length) };
    if (parsed?.service === "execute-api") {
      const [apiId = "", stage = "", method = "", ...path] = resource.split("/");
      if (isHttpMethod(method)) return { type: "api-gateway", apiId, stage, method, path: `/${path.join("/")}` };
    }
    if (parsed?.service === "events" && resource.startsWith("api-destination/")) {
      const base = createNode("api-destination", "enrichment", ORIGIN);
      this.warnings.push(`The enrichment of ${where} calls API destination ${resource.split("/")[1]}; its endpoint, method and connection are placeholders.`);
      return { type: "api-destination", name: resource.split("/")[1] ?? "", endpoint: base.endpoint, method: base.method, connection: base.connection };
    }
    this.warnings.push(`The enrichment of ${where} calls ${arn}, a kind of enrichment a design cannot hold; it was left out.`);
    return undefined;
  }

  /** The schedule's or pipe's target: a bus by `puts-events`, anything else a target node by `delivers`. */
  private delivery(ownerId: string, arn: string | undefined, messageGroupId: string | undefined, where: string): void {
    const recognised = arn === undefined ? undefined : recogniseTargetArn(arn);
    if (recognised === undefined) {
      this.warnings.push(`The ${where} delivers to ${arn ?? "no ARN"}, a kind of target a design cannot hold yet; it was left out.`);
      return;
    }
    if (recognised.kind === "event-bus-target") {
      this.edge("puts-events", ownerId, this.busNode(recognised.name, recognised.account, recognised.region).id);
      return;
    }
    const id = this.id("target", ownerId);
    const target: Target = { Id: targetIdFor(id), Arn: arn, ...(messageGroupId ? { SqsParameters: { MessageGroupId: messageGroupId } } : {}) };
    const node = this.targetNode(recognised, id, target, `target of the ${where}`);
    if (node === undefined) return;
    this.nodes.push(node);
    this.edge("delivers", ownerId, node.id);
  }

  private targetNode(found: RecognisedTarget, id: string, target: Target, where: string): TargetNode | undefined {
    const common = {
      input: inputMode(target),
      retryPolicy: {
        maximumEventAgeInSeconds: target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY_POLICY.maximumEventAgeInSeconds,
        maximumRetryAttempts: target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY_POLICY.maximumRetryAttempts,
      },
      ...(target.DeadLetterConfig?.Arn ? { deadLetterQueueArn: target.DeadLetterConfig.Arn } : {}),
      ...(target.RoleArn ? { roleArn: target.RoleArn } : {}),
      ...(target.Id !== undefined && target.Id !== targetIdFor(id) ? { targetId: target.Id } : {}),
    };
    const crossAccount = found.account !== this.state.account;
    const placement = {
      crossAccount,
      ...(crossAccount ? { account: found.account } : {}),
      ...(found.region !== this.state.region ? { region: found.region } : {}),
    };
    if (isResourceTargetKind(found.kind)) {
      // The resource's name goes in the node's name field (RESOURCE_TARGET_ARNS, the one table of them).
      const node = { ...createNode(found.kind, id, ORIGIN), ...common, ...placement, [RESOURCE_TARGET_ARNS[found.kind].nameField]: found.name } as ResourceTargetNode;
      if (node.kind === "sqs" && target.SqsParameters?.MessageGroupId) return { ...node, messageGroupId: target.SqsParameters.MessageGroupId };
      if (node.kind === "kinesis" && target.KinesisParameters?.PartitionKeyPath) return { ...node, partitionKeyPath: target.KinesisParameters.PartitionKeyPath };
      return node;
    }
    switch (found.kind) {
      case "event-bus-target":
        return { ...createNode("event-bus-target", id, ORIGIN), ...common, crossAccount };
      case "api-destination": {
        const described = this.state.apiDestinations?.find((d) => d.name === found.name);
        const base = createNode("api-destination", id, ORIGIN);
        if (described === undefined) this.warnings.push(`The API destination ${found.name} of the ${where} was not described; its endpoint and method are placeholders.`);
        const method = described?.method.toUpperCase();
        const connectionName = described?.connectionArn?.split(":connection/")[1]?.split("/")[0];
        if (described !== undefined) this.warnings.push(`The connection of API destination ${found.name} is imported by name; check its authorization type.`);
        return {
          ...base,
          ...common,
          name: found.name,
          endpoint: described?.endpoint ?? base.endpoint,
          method: isHttpMethod(method) ? method : base.method,
          connection: { ...base.connection, ...(connectionName ? { name: connectionName } : {}) },
          ...(described?.rateLimitPerSecond === undefined ? {} : { invocationRateLimitPerSecond: described.rateLimitPerSecond }),
        };
      }
    }
  }
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
function isHttpMethod(method: string | undefined): method is (typeof HTTP_METHODS)[number] {
  return HTTP_METHODS.includes(method as (typeof HTTP_METHODS)[number]);
}

function inputMode(target: Target): InputMode {
  if (target.Input !== undefined) return { type: "constant", input: target.Input };
  if (target.InputPath !== undefined) return { type: "input-path", inputPath: target.InputPath };
  if (target.InputTransformer !== undefined) {
    return { type: "input-transformer", inputPathsMap: { ...(target.InputTransformer.InputPathsMap ?? {}) }, inputTemplate: target.InputTransformer.InputTemplate ?? "" };
  }
  return { type: "matched-event" };
}
