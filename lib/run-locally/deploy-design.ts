/**
 * "Run locally": creates a design's buses (with archives), rules and targets on the local
 * EventBridge through the same operations the wire protocol uses, so AWS's validation applies.
 * Deploying again updates what exists and removes targets the design no longer has. Problems are
 * reported per node; one bad rule does not stop the others. The report lists the hosts the
 * design's API destinations will call, and whether the outbound policy lets each be reached,
 * before any event is sent to them.
 */
import { checkOutboundUrl, type HostRule } from "../boundary";
import { isTargetNode, type Design, type EventBusNode, type NodeOfKind, type RuleNode, type TargetNode } from "../graph";
import { busArn, DEFAULT_BUS, type Scope } from "../arn";
import { AwsError } from "../emulator/protocol/errors";
import { createConnection, createApiDestination } from "../emulator/events/operations/api-destinations";
import { createArchive } from "../emulator/events/operations/archives";
import { createEventBus } from "../emulator/events/operations/buses";
import type { OperationContext } from "../emulator/events/operations/context";
import { listTargetsByRule, putRule, putTargets, removeTargets } from "../emulator/events/operations/rules";
import { putRuleInput, ruleDefinition, targetArnFor, targetSpecFor } from "../resources/design-resources";
import { Params } from "../emulator/protocol/params";
import type { BusRuntime } from "../emulator/runtime";
import type { TargetSpec } from "../emulator/events/target-spec";

export interface DeployProblem {
  readonly nodeId: string;
  readonly message: string;
}

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
  readonly problems: DeployProblem[];
  readonly outboundHosts: OutboundHost[];
}


export async function deployDesign(runtime: BusRuntime, design: Design): Promise<DeployReport> {
  const report = { buses: [] as string[], rules: [] as string[], targets: 0, problems: [] as DeployProblem[], outboundHosts: await outboundHosts(design, runtime.config.allowedOutboundHosts) };
  const nodes = new Map(design.nodes.map((node) => [node.id, node]));
  const contextFor = async (account: string | undefined): Promise<OperationContext> => {
    const scope: Scope = { account: account ?? runtime.config.defaultAccount, region: runtime.config.region };
    await runtime.ensureAccount(scope);
    return { scope, db: runtime.db, runtime };
  };
  const attempt = async (nodeId: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      report.problems.push({ nodeId, message: `${error.type}: ${error.message}` });
    }
  };

  for (const bus of design.nodes.filter((n): n is EventBusNode => n.kind === "event-bus")) {
    await attempt(bus.id, async () => {
      const context = await contextFor(bus.account);
      const arn = busArn(context.scope, bus.name);
      if (bus.name !== DEFAULT_BUS && !(await runtime.busExists(arn))) await createEventBus(Params.of({ Name: bus.name }), context);
      if (bus.archive !== undefined && (await runtime.db.busArchive.count({ where: { account: context.scope.account, name: bus.archive.name } })) === 0) {
        await createArchive(
          Params.of({
            ArchiveName: bus.archive.name,
            EventSourceArn: arn,
            EventPattern: bus.archive.pattern.trim() === "" ? undefined : bus.archive.pattern,
            RetentionDays: bus.archive.retentionDays,
          }),
          context,
        );
      }
      report.buses.push(arn);
    });
  }

  for (const rule of design.nodes.filter((n): n is RuleNode => n.kind === "rule")) {
    const feeding = design.edges.find((e) => e.kind === "feeds" && e.target === rule.id);
    const bus = feeding === undefined ? undefined : nodes.get(feeding.source);
    if (bus?.kind !== "event-bus") {
      report.problems.push({ nodeId: rule.id, message: "No event bus feeds this rule; it was not deployed." });
      continue;
    }
    await attempt(rule.id, async () => {
      const context = await contextFor(bus.account);
      const output = await putRule(Params.of(withoutUndefined(putRuleInput(ruleDefinition(rule, bus.name)))), context);
      report.rules.push(String(output.RuleArn));
      const targets: TargetSpec[] = [];
      for (const edge of design.edges.filter((e) => e.kind === "invokes" && e.source === rule.id)) {
        const node = nodes.get(edge.target);
        if (node === undefined || !isTargetNode(node)) continue;
        const arn = await targetArn(node, design, context);
        if (arn === undefined) {
          report.problems.push({ nodeId: node.id, message: "This event-bus target forwards to no bus; it was not deployed." });
          continue;
        }
        targets.push(targetSpecFor(node, arn) as TargetSpec);
      }
      const ruleParams = { Rule: rule.name, EventBusName: bus.name };
      const existing = (await listTargetsByRule(Params.of(ruleParams), context)).Targets as TargetSpec[];
      const stale = existing.map((t) => t.Id).filter((id) => !targets.some((t) => t.Id === id));
      if (stale.length > 0) await removeTargets(Params.of({ ...ruleParams, Ids: stale }), context);
      if (targets.length > 0) await putTargets(Params.of({ ...ruleParams, Targets: targets }), context);
      report.targets += targets.length;
    });
  }
  return report;
}

/** The hosts of the design's API destinations, each with the outbound policy's verdict. */
async function outboundHosts(design: Design, allowed: readonly HostRule[]): Promise<OutboundHost[]> {
  const byEndpoint = new Map<string, string[]>();
  for (const node of design.nodes) {
    if (node.kind !== "api-destination") continue;
    byEndpoint.set(node.endpoint, [...(byEndpoint.get(node.endpoint) ?? []), node.id]);
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

/** Params reads an absent member as absent, not as `undefined`. */
function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** The ARN AWS would have for the target (lib/resources); API destinations are made locally. */
async function targetArn(node: TargetNode, design: Design, context: OperationContext): Promise<string | undefined> {
  if (node.kind === "api-destination") return apiDestinationArn(node, context);
  return targetArnFor(node, design, context.scope);
}

/** The local API destination (and connection) for the node, created or brought up to date. */
async function apiDestinationArn(node: NodeOfKind<"api-destination">, context: OperationContext): Promise<string> {
  const { db, scope } = context;
  let connection = await db.apiConnection.findUnique({ where: { account_name: { account: scope.account, name: node.connection.name } } });
  if (connection === null) {
    await createConnection(Params.of({ Name: node.connection.name, AuthorizationType: node.connection.authorization, AuthParameters: {} }), context);
    connection = await db.apiConnection.findUniqueOrThrow({ where: { account_name: { account: scope.account, name: node.connection.name } } });
  }
  const existing = await db.apiDestination.findUnique({ where: { account_name: { account: scope.account, name: node.name } } });
  if (existing === null) {
    const created = await createApiDestination(
      Params.of({ Name: node.name, ConnectionArn: connection.arn, InvocationEndpoint: node.endpoint, HttpMethod: node.method }),
      context,
    );
    return String(created.ApiDestinationArn);
  }
  await db.apiDestination.update({
    where: { arn: existing.arn },
    data: { endpoint: node.endpoint, httpMethod: node.method, connectionArn: connection.arn },
  });
  return existing.arn;
}
