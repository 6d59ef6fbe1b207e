/**
 * Where a test event went, in design terms: the nodes and edges of a design that a "Send test
 * event" answer passed through, so the designer can light up the path. Pure, so the browser can
 * import it; the bus speaks in ARNs and target ids, the canvas in node and edge ids.
 */
import { newBusNameOf } from "../arn";
import type { Design, DesignEdge } from "../graph";
import { targetIdOf } from "../graph/target-id";
import type { TestEventPath } from "./test-event";

// One derivation of AWS target ids for "Run locally", this path and the AWS plan.
export { targetIdFor } from "../graph/target-id";

/** The rule name of a rule ARN (`…:rule/name` on the default bus, `…:rule/bus/name` elsewhere). */
function ruleName(ruleArn: string): string {
  return ruleArn.slice(ruleArn.lastIndexOf("/") + 1);
}

export interface DesignPath {
  readonly nodeIds: string[];
  readonly edgeIds: string[];
}

export function designPathOf(design: Design, producerId: string, paths: readonly TestEventPath[]): DesignPath {
  const nodes = new Map(design.nodes.map((node) => [node.id, node]));
  const from = (edge: DesignEdge, kind: DesignEdge["kind"], source: string) => edge.kind === kind && edge.source === source;
  const nodeIds = new Set<string>([producerId]);
  const edgeIds = new Set<string>();

  for (const edge of design.edges.filter((e) => from(e, "puts-events", producerId))) {
    const bus = nodes.get(edge.target);
    if (bus?.kind !== "event-bus" || !paths.some((p) => p.busArn.endsWith(`:event-bus/${bus.name}`))) continue;
    nodeIds.add(bus.id);
    edgeIds.add(edge.id);
    const path = paths.find((p) => p.busArn.endsWith(`:event-bus/${bus.name}`));
    const matched = new Set(path?.matchedRules.map(ruleName));
    for (const feeds of design.edges.filter((e) => from(e, "feeds", bus.id))) {
      const rule = nodes.get(feeds.target);
      if (rule?.kind !== "rule" || !matched.has(rule.name) || path === undefined) continue;
      edgeIds.add(feeds.id);
      addRulePath(design, rule.id, rule.name, path, nodeIds, edgeIds);
    }
  }
  for (const edge of design.edges.filter((e) => from(e, "puts-events", producerId))) {
    const bus = nodes.get(edge.target);
    const path = bus?.kind === "eventsv2-bus" ? paths.find((p) => newBusNameOf(p.busArn) === bus.name) : undefined;
    if (bus === undefined || path === undefined) continue;
    nodeIds.add(bus.id);
    edgeIds.add(edge.id);
    // Subscriber ARNs end in `subscriber/<name>/<id>`; a subscriber's deliveries carry its name.
    const received = new Set(path.deliveries.map((d) => d.targetId));
    for (const subscribes of design.edges.filter((e) => from(e, "subscribes", bus.id))) {
      const subscriber = nodes.get(subscribes.target);
      if (subscriber?.kind !== "subscriber" || !received.has(subscriber.name)) continue;
      nodeIds.add(subscriber.id);
      edgeIds.add(subscribes.id);
      for (const invokes of design.edges.filter((e) => from(e, "invokes", subscriber.id))) {
        nodeIds.add(invokes.target);
        edgeIds.add(invokes.id);
      }
    }
  }
  return { nodeIds: [...nodeIds], edgeIds: [...edgeIds] };
}

/** Where a schedule rule's fired event went: the rule and the targets it was delivered to. */
export function firedPathOf(design: Design, ruleId: string, path: TestEventPath): DesignPath {
  const rule = design.nodes.find((node) => node.id === ruleId);
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  if (rule?.kind === "rule") addRulePath(design, rule.id, rule.name, path, nodeIds, edgeIds);
  return { nodeIds: [...nodeIds], edgeIds: [...edgeIds] };
}

/** The rule and the targets of it that the event was delivered to (by AWS target id). */
function addRulePath(design: Design, ruleId: string, name: string, path: TestEventPath, nodeIds: Set<string>, edgeIds: Set<string>): void {
  nodeIds.add(ruleId);
  const delivered = new Set(path.deliveries.filter((d) => ruleName(d.ruleArn) === name).map((d) => d.targetId));
  for (const invokes of design.edges.filter((e) => e.kind === "invokes" && e.source === ruleId)) {
    const target = design.nodes.find((node) => node.id === invokes.target);
    if (target === undefined || !delivered.has(targetIdOf(target))) continue;
    nodeIds.add(invokes.target);
    edgeIds.add(invokes.id);
  }
}
