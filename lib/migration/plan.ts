/**
 * The Classic → Custom Event Bus migration planner: a design's Classic buses become Custom Event
 * Buses, each rule × target a subscriber, with a line for everything that moved differently or
 * could not move, and why. AWS's mapping (eb-custom-bus-migrate.html): a rule and one of its
 * targets → one subscriber; the event pattern → a DATA filter, unchanged for PutEvents
 * traffic; input transformer → JSONATA; target retry policy and dead-letter queue → the
 * subscriber's; archive and replay → retention on the bus and a starting position; AWS service
 * events → an event source. Wildcards, schedules and targets without a bespoke subscriber
 * target (CloudWatch Logs) have no counterpart and stay behind.
 */
import {
  createNode,
  EVENTSV2_LIMITS,
  isTargetNode,
  targetIdOf,
  type Design,
  type DesignEdge,
  type DesignNode,
  type EventBusNode,
  type NodeOfKind,
  type RuleNode,
  type SubscriberNode,
  type TargetNode,
} from "@/lib/graph";
import { SUBSCRIBER_FILTER_PROFILE, validatePattern } from "@/lib/pattern";
import { convertInput } from "./transform";

export type LineStatus = "moved" | "adapted" | "cannot-move";

/** One line of the report: what happened to one node (a bus, a rule, a rule's target). */
export interface MigrationLine {
  readonly status: LineStatus;
  /** The node of the original design the line is about. */
  readonly nodeId: string;
  readonly message: string;
}

export interface MigrationPlan {
  /** The design with the migrated buses replaced; what cannot move is left out (see the lines). */
  readonly design: Design;
  readonly lines: readonly MigrationLine[];
  /** Original node id of each subscriber's rule, so expectations can be compared. */
  readonly subscriberRules: ReadonlyMap<string, string>;
}

/** Name of the bus that takes the default bus's rules (the default bus itself stays: AWS delivers there). */
export const MIGRATED_DEFAULT_BUS_NAME = "default-migrated";
/** Retention when the Classic bus had no archive. */
const RETENTION_WITHOUT_ARCHIVE = createNode("eventsv2-bus", "x", { x: 0, y: 0 }).retentionDays;

/** Classic buses that carry rules: what the planner offers to migrate. */
export function migratableBuses(design: Design): EventBusNode[] {
  const fed = new Set(design.edges.filter((e) => e.kind === "feeds").map((e) => e.source));
  return design.nodes.filter((n): n is EventBusNode => n.kind === "event-bus" && fed.has(n.id));
}

export function planMigration(design: Design, busIds: readonly string[] = migratableBuses(design).map((b) => b.id)): MigrationPlan {
  return new Planner(design).run(busIds);
}

class Planner {
  private readonly lines: MigrationLine[] = [];
  private readonly nodes = new Map<string, DesignNode>();
  private edges: DesignEdge[];
  private readonly subscriberRules = new Map<string, string>();
  private readonly byId: ReadonlyMap<string, DesignNode>;

  constructor(private readonly design: Design) {
    for (const node of design.nodes) this.nodes.set(node.id, node);
    this.byId = new Map(this.nodes);
    this.edges = [...design.edges];
  }

  run(busIds: readonly string[]): MigrationPlan {
    for (const id of busIds) {
      const bus = this.byId.get(id);
      if (bus?.kind !== "event-bus") throw new RangeError(`No Classic event bus has the id "${id}"`);
      this.migrateBus(bus);
    }
    this.pruneLeftOutTargets();
    const design: Design = { ...this.design, nodes: [...this.nodes.values()], edges: this.edges };
    return { design, lines: this.lines, subscriberRules: this.subscriberRules };
  }

  private line(status: LineStatus, nodeId: string, message: string): void {
    this.lines.push({ status, nodeId, message });
  }

  private out(id: string, kind: DesignEdge["kind"]): DesignNode[] {
    return this.design.edges.filter((e) => e.source === id && e.kind === kind).flatMap((e) => this.byId.get(e.target) ?? []);
  }

  private in(id: string, kind: DesignEdge["kind"]): DesignNode[] {
    return this.design.edges.filter((e) => e.target === id && e.kind === kind).flatMap((e) => this.byId.get(e.source) ?? []);
  }

  private migrateBus(bus: EventBusNode): void {
    if (bus.variant === "partner") {
      this.line("cannot-move", bus.id, `Partner bus ${bus.name}: partner events reach a Custom Event Bus through a partner event source, which must be attached to a bus by hand; the bus and its rules stay Classic.`);
      return;
    }
    const senders = this.in(bus.id, "forwards");
    const otherAccounts = this.design.nodes.some((n) => n.kind === "event-bus" && n.account !== undefined && bus.account !== undefined && n.account !== bus.account);
    if (senders.length > 0 || otherAccounts) {
      const why = senders.length > 0 ? "receives events from other buses' rules (bus to bus, maybe across accounts)" : `is in account ${bus.account}, beside buses of other accounts`;
      this.line(
        "cannot-move",
        bus.id,
        `Bus ${bus.name} ${why}: a Custom Event Bus is shared through AWS RAM and each consuming account creates its own subscribers, so this sharing must be planned by hand; the bus and its rules stay Classic.`,
      );
      return;
    }

    const name = bus.variant === "default" ? MIGRATED_DEFAULT_BUS_NAME : bus.name;
    if (bus.variant === "default") {
      this.line("adapted", bus.id, `The default bus stays where AWS delivers its own events; its rules move to a new Custom Event Bus named ${name}.`);
    } else {
      this.line("moved", bus.id, `Bus ${bus.name} becomes a Custom Event Bus of the same name.`);
    }
    const newBus: NodeOfKind<"eventsv2-bus"> = {
      id: bus.id,
      position: bus.position,
      kind: "eventsv2-bus",
      name,
      retentionDays: this.retention(bus),
      ...(bus.account !== undefined && { account: bus.account }),
      ...(bus.region !== undefined && { region: bus.region }),
      ...(bus.notes !== undefined && { notes: bus.notes }),
    };
    this.nodes.set(bus.id, newBus);
    this.migrateProducers(bus);

    for (const rule of this.out(bus.id, "feeds")) {
      if (rule.kind === "rule") this.migrateRule(rule, newBus);
    }
    // The rules' edges go; the bus keeps its producers' edges under the same id.
    this.edges = this.edges.filter((e) => !(e.kind === "feeds" && e.source === bus.id));
  }

  private retention(bus: EventBusNode): number {
    const archive = bus.archive;
    const { max } = EVENTSV2_LIMITS.retentionDays;
    if (archive === undefined) {
      this.line("adapted", bus.id, `Bus ${bus.name} had no archive; the Custom Event Bus keeps every event for ${RETENTION_WITHOUT_ARCHIVE} days (1 to 365), which replaces archive and replay.`);
      return RETENTION_WITHOUT_ARCHIVE;
    }
    const days = archive.retentionDays === 0 || archive.retentionDays > max ? max : archive.retentionDays;
    const notes = [
      archive.retentionDays === 0 ? `archive ${archive.name} kept events forever; retention is at most ${max} days` : archive.retentionDays > max ? `archive ${archive.name} kept ${archive.retentionDays} days; retention is at most ${max}` : `archive ${archive.name} becomes a retention of ${days} days`,
      archive.pattern.trim() !== "" ? "retention keeps every event, where the archive kept only those matching its pattern" : undefined,
      "replays become subscribers starting at a point in time, their events marked aws:DeliveryType REPLAY",
    ].filter((n): n is string => n !== undefined);
    this.line(archive.retentionDays === 0 || archive.retentionDays > max || archive.pattern.trim() !== "" ? "adapted" : "moved", bus.id, `Bus ${bus.name}: ${notes.join("; ")}.`);
    return days;
  }

  /** AWS services reach a Custom Event Bus through event sources, not PutEvents. */
  private migrateProducers(bus: EventBusNode): void {
    for (const producer of this.in(bus.id, "puts-events")) {
      if (producer.kind === "aws-service") {
        const source: NodeOfKind<"eventsv2-source"> = {
          id: producer.id,
          position: producer.position,
          kind: "eventsv2-source",
          name: producer.source.replace(/[^.\-_A-Za-z0-9]/g, "-"),
          config: { type: "aws-service", awsService: producer.source },
          ...(producer.notes && { notes: producer.notes }),
        };
        this.nodes.set(producer.id, source);
        this.line("adapted", producer.id, `${producer.source} events reach the Custom Event Bus through an event source for ${producer.source}.`);
      } else if (producer.kind === "saas-partner") {
        this.line("cannot-move", producer.id, `Partner source ${producer.eventSourceName} delivers only to its partner bus; attach it to the Custom Event Bus as a partner event source by hand.`);
        this.removeNode(producer.id);
      }
    }
  }

  private migrateRule(rule: RuleNode, bus: NodeOfKind<"eventsv2-bus">): void {
    this.removeNode(rule.id);
    if (rule.trigger.type === "schedule") {
      this.line("cannot-move", rule.id, `Schedule rule ${rule.name} (${rule.trigger.expression}): the Custom Event Bus has no schedules; use EventBridge Scheduler. Left out of the new design.`);
      return;
    }
    const pattern = rule.trigger.pattern;
    const refused = validatePattern(pattern, { maxLength: EVENTSV2_LIMITS.filterPattern, profile: SUBSCRIBER_FILTER_PROFILE }).problems[0];
    if (refused) {
      this.line("cannot-move", rule.id, `Rule ${rule.name}: ${refused.message}. Left out of the new design.`);
      return;
    }
    const targets = this.out(rule.id, "invokes").filter(isTargetNode);
    if (targets.length === 0) this.line("cannot-move", rule.id, `Rule ${rule.name} has no targets, so it becomes no subscriber.`);
    for (const target of targets) this.migrateTarget(rule, target, bus, targets.length);
  }

  private migrateTarget(rule: RuleNode, target: TargetNode, bus: NodeOfKind<"eventsv2-bus">, siblings: number): void {
    const where = `Rule ${rule.name} → ${target.kind} ${target.id}`;
    if (target.kind === "cloudwatch-logs") {
      this.line("cannot-move", target.id, `${where}: a CloudWatch Logs group has no subscriber target of its own; it needs a universal target (logs:putLogEvents), which this design model does not hold yet. Left out.`);
      return;
    }
    const toClassicBus = target.kind === "event-bus-target";
    if (toClassicBus && target.input.type !== "matched-event") {
      this.line("cannot-move", target.id, `${where}: a subscriber whose target is a Classic bus takes the RAW transform only, and this target reshapes the event (${target.input.type}). Left out.`);
      return;
    }
    const conversion = convertInput(target.input, rule.name);
    if (!conversion.ok) {
      this.line("cannot-move", target.id, `${where}: ${conversion.reason}. Left out.`);
      return;
    }

    const id = `${rule.id}--${target.id}`;
    const subscriber: SubscriberNode = {
      id,
      position: rule.position,
      kind: "subscriber",
      name: siblings === 1 ? rule.name : `${rule.name}-${targetIdOf(target)}`.slice(0, 64),
      ...(rule.description !== "" && { description: rule.description }),
      filters: { DATA: pattern(rule) },
      transform: conversion.transform,
      ordering: "UNORDERED",
      start: { type: "LATEST" },
      state: rule.enabled ? "RUNNING" : "STOPPED",
      retryPolicy: { maxEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds, maxRetryAttempts: target.retryPolicy.maximumRetryAttempts },
      ...(target.deadLetterQueueArn !== undefined && { deadLetterQueueArn: target.deadLetterQueueArn }),
      ...(target.roleArn !== undefined && { roleArn: target.roleArn }),
      ...(rule.expectations !== undefined && { expectations: rule.expectations }),
    };
    this.nodes.set(id, subscriber);
    this.subscriberRules.set(id, rule.id);
    this.edges.push({ id: `${id}-subscribes`, kind: "subscribes", source: bus.id, target: id }, { id: `${id}-invokes`, kind: "invokes", source: id, target: target.id });

    const notes = [
      `the pattern is its DATA filter, unchanged`,
      conversion.transform.type === "RAW" ? "the target receives the whole event (RAW)" : `${target.input.type} becomes the JSONata transform ${conversion.transform.type === "JSONATA" ? conversion.transform.expression : ""}`,
      ...conversion.caveats,
      target.retryPolicy.maximumEventAgeInSeconds === 86_400 && target.retryPolicy.maximumRetryAttempts === 185
        ? "Classic's retry defaults (24 hours, 185 attempts) are set explicitly, since a subscriber's own are 300 seconds and 5 attempts"
        : "retry policy carried over",
      target.deadLetterQueueArn !== undefined ? "dead-letter queue carried over" : undefined,
      rule.enabled ? undefined : "the rule was disabled: the subscriber starts STOPPED and, unlike a disabled rule, keeps a backlog",
    ].filter((n): n is string => n !== undefined);
    const adapted = conversion.caveats.length > 0 || !rule.enabled;
    this.line(adapted ? "adapted" : "moved", target.id, `${where} becomes subscriber ${subscriber.name}: ${notes.join("; ")}.`);
  }

  /** A target only left-out rules invoked goes too, with the documentation nodes only it wrote to. */
  private pruneLeftOutTargets(): void {
    for (const node of [...this.nodes.values()]) {
      if (!isTargetNode(node)) continue;
      const wasInvoked = this.design.edges.some((e) => e.target === node.id && e.kind === "invokes");
      const stillUsed = this.edges.some((e) => (e.target === node.id && e.kind !== "writes-to") || (e.source === node.id && e.kind === "puts-events"));
      if (!wasInvoked || stillUsed) continue;
      const downstream = this.edges.filter((e) => e.source === node.id && e.kind === "writes-to").map((e) => e.target);
      this.removeNode(node.id);
      for (const id of downstream) if (!this.edges.some((e) => e.source === id || e.target === id)) this.removeNode(id);
    }
  }

  private removeNode(id: string): void {
    this.nodes.delete(id);
    this.edges = this.edges.filter((e) => e.source !== id && e.target !== id);
  }
}

function pattern(rule: RuleNode): string {
  return rule.trigger.type === "pattern" ? rule.trigger.pattern : "";
}
