/**
 * Import: an account's buses, rules and targets (read-account.ts), and its Custom Event Buses with
 * their event sources and subscribers when they can be read (new-bus-api.ts), as a design. Each bus, rule
 * and rule target becomes a node made by the registry's factory and filled from AWS; target
 * kinds come from their ARNs; the graph is laid out automatically. Targets of kinds the design
 * cannot hold (ECS, Batch…) and fields it has no place for are listed as warnings, not dropped
 * silently.
 */
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
  type SubscriberNode,
} from "@/lib/graph";
import { type AccountState, type RuleState, type Target } from "../resources/account-state";
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

/** `newBus`: the account's Custom Event Buses, when they could be read (new-bus-api.ts). */
export function designFromAccount(state: AccountState, name: string, description = "", newBus?: NewBusAccountState): ImportResult {
  return new DesignBuilder(state, newBus).build(name, description);
}

class DesignBuilder {
  private readonly nodes: DesignNode[] = [];
  private readonly edges: DesignEdge[] = [];
  private readonly warnings: string[] = [];
  private readonly ids = new Set<string>();
  private readonly busNodes = new Map<string, EventBusNode>();

  constructor(
    private readonly state: AccountState,
    private readonly newBusState?: NewBusAccountState,
  ) {}

  build(name: string, description: string): ImportResult {
    for (const bus of this.state.buses) this.busNode(bus.name, this.state.account, this.state.region);
    for (const rule of this.state.rules) this.rule(rule);
    for (const bus of this.newBusState?.buses ?? []) this.newBus(bus);
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
