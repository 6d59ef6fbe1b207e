/**
 * Small builders the starter designs share: nodes with AWS's defaults, edges typed by the
 * registry, and sample events written as complete EventBridge envelopes.
 */
import {
  DEFAULT_RETRY_POLICY,
  DESIGN_FORMAT,
  DESIGN_VERSION,
  edgeKindBetween,
  type Design,
  type DesignEdge,
  type DesignNode,
  type Expectation,
  type NodeOfKind,
  type Position,
  type SampleEvent,
} from "@/lib/graph";

/** Canvas grid of the starters: columns 300 px apart (nodes are 220 px wide), rows 150 px. */
export function at(column: number, row: number): Position {
  return { x: column * 300, y: row * 150 };
}

export function lambda(id: string, position: Position, functionName: string, notes?: string): NodeOfKind<"lambda"> {
  return {
    id,
    kind: "lambda",
    position,
    ...(notes === undefined ? {} : { notes }),
    functionName,
    crossAccount: false,
    input: { type: "matched-event" },
    retryPolicy: { ...DEFAULT_RETRY_POLICY },
  };
}

export function rule(id: string, position: Position, fields: { name: string; description: string; pattern: unknown; expectations: Expectation[] }): NodeOfKind<"rule"> {
  return {
    id,
    kind: "rule",
    position,
    name: fields.name,
    description: fields.description,
    enabled: true,
    trigger: { type: "pattern", pattern: JSON.stringify(fields.pattern, null, 2) },
    expectations: fields.expectations,
  };
}

export function defaultBus(id: string, position: Position): NodeOfKind<"event-bus"> {
  return { id, kind: "event-bus", position, busType: "classic", variant: "default", name: "default" };
}

/** Expectations for several samples at once: `verdicts(["a", "b"], "match")`. */
export function verdicts(samples: readonly string[], verdict: Expectation["expect"]): Expectation[] {
  return samples.map((sample) => ({ sample, expect: verdict }));
}

export interface EnvelopeFields {
  readonly id: string;
  readonly source: string;
  readonly detailType: string;
  readonly account: string;
  readonly region: string;
  readonly time: string;
  readonly resources?: readonly string[];
  readonly detail: unknown;
}

/** An EventBridge event exactly as a rule sees it, as indented JSON text. */
export function envelope(fields: EnvelopeFields): string {
  const event = {
    version: "0",
    id: fields.id,
    "detail-type": fields.detailType,
    source: fields.source,
    account: fields.account,
    time: fields.time,
    region: fields.region,
    resources: fields.resources ?? [],
    detail: fields.detail,
  };
  return JSON.stringify(event, null, 2);
}

export function sample(id: string, name: string, producer: string | undefined, event: string): SampleEvent {
  return producer === undefined ? { id, name, event } : { id, name, producer, event };
}

/** The design document; edges are typed by the registry (`edgeKindBetween`), so a wrong pair throws here. */
export function design(fields: { name: string; description: string; nodes: DesignNode[]; links: readonly [string, string][]; samples: SampleEvent[] }): Design {
  const byId = new Map(fields.nodes.map((node) => [node.id, node]));
  const edges: DesignEdge[] = fields.links.map(([source, target]) => {
    const from = byId.get(source);
    const to = byId.get(target);
    const kind = from && to ? edgeKindBetween(from, to) : undefined;
    if (!kind) throw new Error(`Starter ${fields.name}: no edge fits ${source} → ${target}`);
    return { id: `${source}--${target}`, kind, source, target };
  });
  return {
    format: DESIGN_FORMAT,
    version: DESIGN_VERSION,
    name: fields.name,
    description: fields.description,
    nodes: fields.nodes,
    edges,
    samples: fields.samples,
  };
}
