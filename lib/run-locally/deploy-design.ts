/**
 * "Run locally": creates a design's buses (with archives), rules and targets on the local
 * EventBridge through the same operations the wire protocol uses, so AWS's validation applies,
 * its Custom Event Buses with their subscribers, and its pipes (deploy-pipes.ts).
 * Deploying again updates what exists and removes targets the design no longer has. Problems are
 * reported per node; one bad rule does not stop the others. The report lists the hosts the
 * design's API destinations will call, and whether the outbound policy lets each be reached,
 * before any event is sent to them.
 */
import { checkOutboundUrl, type HostRule } from "../boundary";
import type { Design } from "../graph";
import { busArn, DEFAULT_BUS } from "../arn";
import { AwsError } from "../emulator/protocol/errors";
import type { OperationContext } from "../emulator/events/operations/context";
import { invokeOperation } from "../emulator/events/protocol";
import { deployPipes } from "./deploy-pipes";
import { apiDestinationArn } from "./local-api-destination";
import { inDesignOrder, placeDesign, putRuleInput, type DesignProblem, type PlacedResources, type PlacedRule, type PlacedSubscriber } from "../resources/design-resources";
import { putEventBusV2, putSubscriber, setSubscriberState, type SubscriberConfig } from "../emulator/eventsv2";
import { ValidationError } from "../errors";
import { withoutUndefined } from "../format";
import { recogniseTargetArn } from "../resources/target-arn";
import { deploySchedules } from "./deploy-schedules";
import type { BusRuntime } from "../emulator/runtime";
import type { TargetSpec } from "../emulator/events/target-spec";

/** A host the design's API destinations call, and whether Switchyard will reach it. */
export interface OutboundHost {
  /** `host[:port]` of the endpoint. */
  readonly host: string;
  readonly nodeIds: string[];
  readonly allowed: boolean;
  /** Why it will not be reached (the setting to change, when one would). */
  readonly reason?: string;
}

export interface DeployReport {
  readonly buses: string[];
  readonly rules: string[];
  readonly targets: number;
  /** Custom Event Buses and their subscribers, by ARN. */
  readonly newBuses: string[];
  readonly subscribers: string[];
  /** EventBridge Scheduler's schedule groups and schedules, by ARN (deploy-schedules.ts). */
  readonly scheduleGroups: string[];
  readonly schedules: string[];
  /** The pipes, by ARN. */
  readonly pipes: string[];
  readonly problems: DesignProblem[];
  readonly outboundHosts: OutboundHost[];
}

/**
 * Every account's share of the design (lib/resources), all in the local endpoint's one region;
 * partner and custom buses are created by name, API destinations locally (with their own id).
 */
export async function deployDesign(runtime: BusRuntime, design: Design): Promise<DeployReport> {
  const { region, defaultAccount } = runtime.config;
  const { placements, unplaced } = placeDesign(design, (bus) => ({ account: bus.account ?? defaultAccount, region }));
  const report = { buses: [] as string[], rules: [] as string[], targets: 0, newBuses: [] as string[], subscribers: [] as string[], scheduleGroups: [] as string[], schedules: [] as string[], pipes: [] as string[], problems: inDesignOrder(design, [...unplaced, ...placements.flatMap((p) => p.problems)]),
    outboundHosts: await outboundHosts(design, runtime.config.allowedOutboundHosts),
  };
  const contextFor = async (placement: PlacedResources): Promise<OperationContext> => {
    await runtime.ensureAccount(placement.where);
    return { scope: placement.where, db: runtime.db, runtime };
  };
  const attempt = async (nodeId: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (error instanceof AwsError) report.problems.push({ nodeId, message: `${error.type}: ${error.message}` });
      else if (error instanceof ValidationError) report.problems.push({ nodeId, message: error.message });
      else throw error;
    }
  };

  for (const node of design.nodes) {
    if (node.kind === "eventsv2-source") {
      report.problems.push({ nodeId: node.id, message: "The local endpoint produces no AWS service or partner events: this event source is not deployed." });
    }
  }

  for (const placement of placements) {
    for (const bus of placement.buses) {
      await attempt(bus.nodeId, async () => {
        const context = await contextFor(placement);
        const arn = busArn(context.scope, bus.name);
        if (bus.name !== DEFAULT_BUS && !(await runtime.busExists(arn))) await invokeOperation("CreateEventBus", { Name: bus.name }, context);
        const { archive } = bus;
        if (archive !== undefined && (await runtime.db.busArchive.count({ where: { account: context.scope.account, name: archive.name } })) === 0) {
          await invokeOperation(
            "CreateArchive",
            withoutUndefined({ ArchiveName: archive.name, EventSourceArn: arn, EventPattern: archive.eventPattern, RetentionDays: archive.retentionDays }),
            context,
          );
        }
        report.buses.push(arn);
      });
    }
  }

  for (const placement of placements) {
    for (const rule of placement.rules) {
      await attempt(rule.nodeId, async () => {
        const context = await contextFor(placement);
        const output = await invokeOperation("PutRule", withoutUndefined(putRuleInput(rule)), context);
        report.rules.push(String(output.RuleArn));
        const targets = await localTargets(rule, design, context);
        const ruleParams = { Rule: rule.name, EventBusName: rule.bus };
        const existing = (await invokeOperation("ListTargetsByRule", ruleParams, context)).Targets as TargetSpec[];
        const stale = existing.map((t) => t.Id).filter((id) => !targets.some((t) => t.Id === id));
        if (stale.length > 0) await invokeOperation("RemoveTargets", { ...ruleParams, Ids: stale }, context);
        if (targets.length > 0) await invokeOperation("PutTargets", { ...ruleParams, Targets: targets }, context);
        report.targets += targets.length;
      });
    }
  }
  for (const placement of placements) {
    for (const bus of placement.newBuses) {
      await attempt(bus.nodeId, async () => {
        const { scope } = await contextFor(placement);
        const arn = await putEventBusV2(runtime.db, scope, bus.name, bus.retentionDays);
        report.newBuses.push(arn);
        for (const subscriber of bus.subscribers) {
          await attempt(subscriber.nodeId, async () => {
            const subscriberArn = await putSubscriber(runtime.db, arn, subscriberConfig(subscriber));
            await setSubscriberState(runtime, subscriberArn, subscriber.state);
            report.subscribers.push(subscriberArn);
          });
        }
        // Subscribers the design no longer has stop receiving.
        await runtime.db.busSubscriber.deleteMany({ where: { busArn: arn, name: { notIn: bus.subscribers.map((s) => s.name) } } });
      });
    }
  }
  // After the buses: a schedule's bus target must exist to receive its events.
  const scheduler = await deploySchedules(runtime, design);
  report.scheduleGroups.push(...scheduler.scheduleGroups);
  report.schedules.push(...scheduler.schedules);
  report.problems.push(...scheduler.problems);
  // Last: a pipe's target bus and queues exist by now.
  const home = { account: defaultAccount, region };
  await runtime.ensureAccount(home);
  report.pipes.push(...(await deployPipes(design, { scope: home, db: runtime.db, runtime }, attempt, report.problems)));
  return report;
}

function subscriberConfig(subscriber: PlacedSubscriber): SubscriberConfig {
  const { name, targetArn, filters, transform, ordering, state, retryPolicy } = subscriber;
  return { name, targetArn, filters, transform, ordering, state, retryPolicy };
}

/**
 * The rule's targets as the local endpoint takes them: the ARN AWS would have, but an API
 * destination's is the local one's, made (or brought up to date) from the design's node.
 */
async function localTargets(rule: PlacedRule, design: Design, context: OperationContext): Promise<TargetSpec[]> {
  const targets: TargetSpec[] = [];
  for (const target of rule.targets as TargetSpec[]) {
    const pointsAt = recogniseTargetArn(target.Arn);
    const node = pointsAt?.kind === "api-destination" ? design.nodes.find((n) => n.kind === "api-destination" && n.name === pointsAt.name) : undefined;
    targets.push(node?.kind === "api-destination" ? { ...target, Arn: await apiDestinationArn(node, context) } : target);
  }
  return targets;
}

/** The hosts of the design's API destinations (targets and pipes' enrichments), each with the outbound policy's verdict. */
async function outboundHosts(design: Design, allowed: readonly HostRule[]): Promise<OutboundHost[]> {
  const byEndpoint = new Map<string, string[]>();
  for (const node of design.nodes) {
    const endpoint = node.kind === "api-destination" ? node.endpoint : node.kind === "pipe" && node.enrichment?.type === "api-destination" ? node.enrichment.endpoint : undefined;
    if (endpoint !== undefined) byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), node.id]);
  }
  const checked = await Promise.all([...byEndpoint].map(async ([endpoint, nodeIds]) => ({ verdict: await checkOutboundUrl(endpoint, allowed), nodeIds })));
  // The verdict depends on the host (and port) alone: endpoints on one host share it.
  const byHost = new Map<string, OutboundHost>();
  for (const { verdict, nodeIds } of checked) {
    const seen = byHost.get(verdict.host);
    if (seen !== undefined) seen.nodeIds.push(...nodeIds);
    else byHost.set(verdict.host, { host: verdict.host, nodeIds, allowed: verdict.ok, ...(verdict.ok ? {} : { reason: verdict.reason }) });
  }
  return [...byHost.values()];
}
