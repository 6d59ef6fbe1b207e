/**
 * Event-loop detection: a rule whose event-bus target delivers to a bus on which the same rule,
 * or a chain of rules, matches the forwarded event again, so the event circulates forever.
 *
 * The forwarding graph has a vertex per enabled pattern rule and an arc R1 → R2 when R1 invokes
 * an event-bus target that forwards to the bus R2 listens on. Every strongly connected component
 * with a cycle is reported once; what we report depends on what we can decide:
 *
 * - A hop *preserves* the event when its target passes the matched event on unchanged (input
 *   mode "matched-event"): source, detail-type and detail arrive as they left. Along preserving
 *   hops the same event goes round, so a loop needs one event that every rule on a cycle
 *   matches. We try sample events: what the design's producers emit (aws-service, custom-app,
 *   partner and schedule producers; stream sources emit none, since a pipe's event shape is not
 *   modelled) plus a witness built from each rule's own pattern on the component. When one
 *   sample is matched by every rule of a cycle of preserving hops, that is an `event-loop`
 *   error naming the sample.
 * - A hop with InputPath, constant Input or an InputTransformer forwards something else, which
 *   we cannot predict. Then, as the conservative fallback, a cycle through such a hop is an
 *   `event-loop` error when every rule on it matches at least one sample.
 * - Any other cycle is a `possible-event-loop` warning: no sample we could build goes round,
 *   but patterns may still overlap on events we did not think of (samples are not a proof of
 *   absence). Rules whose pattern is invalid match no sample.
 *
 * - A rule may also invoke a Lambda function that puts events itself (a `puts-events` edge from
 *   the function). What it publishes is a new event, described by the design's samples whose
 *   `producer` is that function: the hop exists only toward rules that match one of them, and a
 *   cycle of such hops is an `event-loop` error (request/reply through two rules whose patterns
 *   tell the two events apart is not a loop). A publishing function without samples is an
 *   unpredictable, non-preserving hop to every rule on its bus.
 *
 * Disabled and schedule rules forward nothing they receive, so they are not vertices.
 */
import type { DesignIndex } from "./graph-index";
import { compileForSamples, matchesSample, witnessSamples, type SamplePattern } from "./pattern-check";
import { problem, type Problem } from "./problems";
import type { DesignNode, NodeOfKind, RuleNode } from "./schema";

type Sample = Record<string, unknown>;

interface Hop {
  readonly from: RuleNode;
  readonly to: RuleNode;
  /** The event-bus target, or the Lambda function that publishes a new event. */
  readonly target: NodeOfKind<"event-bus-target" | "lambda">;
  readonly bus: NodeOfKind<"event-bus">;
  readonly preserving: boolean;
  /** A function's publication known from its samples, which `to` matches. */
  readonly publishes: boolean;
}

interface Vertex {
  readonly rule: RuleNode;
  readonly pattern: SamplePattern | undefined;
  readonly hops: Hop[];
}

export function findEventLoops(index: DesignIndex): Problem[] {
  const vertices = forwardingGraph(index);
  const producerSamples = index.design.nodes.flatMap(samplesOf);
  return stronglyConnected(vertices)
    .filter((component) => component.length > 1 || component[0]!.hops.some((hop) => hop.to === component[0]!.rule))
    .map((component) => judge(component, vertices, producerSamples));
}

function forwardingGraph(index: DesignIndex): Map<string, Vertex> {
  const vertices = new Map<string, Vertex>();
  for (const node of index.nodes.values()) {
    if (node.kind === "rule" && node.enabled && node.trigger.type === "pattern") {
      vertices.set(node.id, { rule: node, pattern: compileForSamples(node.trigger.pattern), hops: [] });
    }
  }
  for (const vertex of vertices.values()) {
    for (const target of index.successors(vertex.rule.id, "invokes", "event-bus-target")) {
      for (const bus of index.successors(target.id, "forwards", "event-bus")) {
        for (const next of index.successors(bus.id, "feeds", "rule")) {
          const to = vertices.get(next.id);
          if (to) vertex.hops.push({ from: vertex.rule, to: to.rule, target, bus, preserving: target.input.type === "matched-event", publishes: false });
        }
      }
    }
    for (const fn of index.successors(vertex.rule.id, "invokes", "lambda")) {
      const published = publishedSamples(index, fn.id);
      for (const bus of index.successors(fn.id, "puts-events", "event-bus")) {
        for (const next of index.successors(bus.id, "feeds", "rule")) {
          const to = vertices.get(next.id);
          if (!to) continue;
          const known = published.length > 0;
          if (known && !(to.pattern && published.some((sample) => matchesSample(to.pattern!, sample)))) continue;
          vertex.hops.push({ from: vertex.rule, to: to.rule, target: fn, bus, preserving: false, publishes: known });
        }
      }
    }
  }
  return vertices;
}

/** The design's sample events sent by `nodeId`, parsed; samples that are not JSON objects are skipped. */
function publishedSamples(index: DesignIndex, nodeId: string): Sample[] {
  return (index.design.samples ?? []).flatMap((sample) => {
    if (sample.producer !== nodeId) return [];
    try {
      const event: unknown = JSON.parse(sample.event);
      return typeof event === "object" && event !== null && !Array.isArray(event) ? [event as Sample] : [];
    } catch {
      return [];
    }
  });
}

function judge(component: readonly Vertex[], vertices: ReadonlyMap<string, Vertex>, producerSamples: readonly Sample[]): Problem {
  const samples = [...producerSamples, ...component.flatMap((v) => (v.pattern ? witnessSamples(v.pattern) : []))];
  const members = new Set(component.map((v) => v.rule.id));
  const matches = (vertex: Vertex, sample: Sample) => vertex.pattern !== undefined && matchesSample(vertex.pattern, sample);

  const publishing = findCycle(members, vertices, (hop) => hop.publishes);
  if (publishing) {
    const functions = publishing.map((hop) => hop.target.kind === "lambda" ? hop.target.functionName : hop.target.id).join(", ");
    return loopProblem("event-loop", publishing, `the function${publishing.length > 1 ? "s" : ""} ${functions} publish${publishing.length > 1 ? "" : "es"} a sample event that the next rule matches, again and again`);
  }

  for (const sample of samples) {
    const matching = new Set(component.filter((v) => matches(v, sample)).map((v) => v.rule.id));
    const cycle = findCycle(matching, vertices, (hop) => hop.preserving);
    if (cycle) {
      return loopProblem("event-loop", cycle, `an event like ${describeSample(sample)} matches every rule on it and is forwarded unchanged, forever`);
    }
  }

  const matchingSome = new Set(component.filter((v) => samples.some((s) => matches(v, s))).map((v) => v.rule.id));
  for (const vertex of component) {
    for (const hop of vertex.hops) {
      if (hop.preserving || !matchingSome.has(hop.from.id) || !matchingSome.has(hop.to.id)) continue;
      const back = findPath(hop.to.id, hop.from.id, matchingSome, vertices);
      if (back) {
        return loopProblem(
          "event-loop",
          [hop, ...back],
          `every rule on it matches some sample event, and the event-bus target after rule ${hop.from.name} forwards a transformed event that may match again`,
        );
      }
    }
  }

  const cycle = findCycle(members, vertices, () => true)!;
  return loopProblem("possible-event-loop", cycle, "no sample event matched every rule on it, but the patterns may still overlap");
}

/** A cycle of hops among `allowed` rules using hops that pass `usable`, or `undefined`. */
function findCycle(allowed: ReadonlySet<string>, vertices: ReadonlyMap<string, Vertex>, usable: (hop: Hop) => boolean): Hop[] | undefined {
  for (const start of allowed) {
    for (const hop of vertices.get(start)!.hops) {
      if (!usable(hop) || !allowed.has(hop.to.id)) continue;
      const back = findPath(hop.to.id, start, allowed, vertices, usable);
      if (back) return [hop, ...back];
    }
  }
  return undefined;
}

/** Breadth-first hops from `from` to `to` within `allowed` (empty when they are the same rule). */
function findPath(
  from: string,
  to: string,
  allowed: ReadonlySet<string>,
  vertices: ReadonlyMap<string, Vertex>,
  usable: (hop: Hop) => boolean = () => true,
): Hop[] | undefined {
  const via = new Map<string, Hop | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === to) {
      const path: Hop[] = [];
      for (let hop = via.get(current); hop; hop = via.get(hop.from.id)) path.unshift(hop);
      return path;
    }
    for (const hop of vertices.get(current)!.hops) {
      if (!usable(hop) || !allowed.has(hop.to.id) || via.has(hop.to.id)) continue;
      via.set(hop.to.id, hop);
      queue.push(hop.to.id);
    }
  }
  return undefined;
}

function loopProblem(code: "event-loop" | "possible-event-loop", cycle: readonly Hop[], why: string): Problem {
  const route = cycle.map((hop) => `rule ${hop.from.name} → ${hop.target.kind === "lambda" ? `function ${hop.target.functionName} → ` : ""}bus ${hop.bus.name}`).join(" → ");
  const related = [...new Set(cycle.flatMap((hop) => [hop.from.id, hop.target.id, hop.bus.id]))];
  const label = code === "event-loop" ? "Event loop" : "Possible event loop";
  return problem({
    code,
    nodeId: cycle[0]!.from.id,
    relatedNodeIds: related,
    message: `${label}: ${route} → rule ${cycle[0]!.from.name}; ${why}`,
  });
}

function describeSample(sample: Sample): string {
  const source = typeof sample.source === "string" ? sample.source : undefined;
  const detailType = typeof sample["detail-type"] === "string" ? sample["detail-type"] : undefined;
  if (source !== undefined && detailType !== undefined) return `source "${source}", detail-type "${detailType}"`;
  return JSON.stringify(sample);
}

/** The events a producer node puts on a bus, as far as the model says. */
function samplesOf(node: DesignNode): Sample[] {
  const withTypes = (source: string, detailTypes: readonly string[]) =>
    detailTypes.length > 0 ? detailTypes.map((type) => ({ source, "detail-type": type })) : [{ source }];
  switch (node.kind) {
    case "aws-service":
      if (node.emits.type === "events") return withTypes(node.source, node.emits.detailTypes);
      return node.emits.eventNames.map((eventName) => ({
        source: node.source,
        "detail-type": "AWS API Call via CloudTrail",
        detail: { eventSource: `${node.source.replace(/^aws\./, "")}.amazonaws.com`, eventName },
      }));
    case "custom-app":
      return withTypes(node.source, node.detailTypes);
    case "saas-partner":
      return [{ source: node.eventSourceName }];
    case "schedule":
      return [{ source: node.source, "detail-type": node.detailType }];
    default:
      return [];
  }
}

/** Tarjan's strongly connected components, iterative so deep chains cannot overflow the stack. */
function stronglyConnected(vertices: ReadonlyMap<string, Vertex>): Vertex[][] {
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: Vertex[][] = [];
  let counter = 0;

  for (const root of vertices.keys()) {
    if (indexOf.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    indexOf.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const hops = vertices.get(frame.id)!.hops;
      if (frame.next < hops.length) {
        const to = hops[frame.next++]!.to.id;
        if (!indexOf.has(to)) {
          indexOf.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, indexOf.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === indexOf.get(frame.id)) {
        const component: Vertex[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(vertices.get(id)!);
        } while (id !== frame.id);
        components.push(component.reverse());
      }
    }
  }
  return components;
}
