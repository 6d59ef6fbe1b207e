/**
 * A large, realistic design for benchmarks: repeated 20-node "cells", each a small event flow
 * built from the registry's own defaults (`createNode`):
 *
 *   3 producers (custom app, AWS service, and a schedule or a Kafka topic read by a pipe)
 *     → 1 custom bus → 5 pattern rules → 9 targets of 8 kinds → 2 downstream resources
 *
 * One target of every cell but the last is an event-bus target forwarding to the next cell's bus
 * (a chain of buses, as real designs have; the last cell logs instead, since a ring through every
 * bus is not a design anyone draws). Deterministic: the same count, the same design.
 */
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, edgeKindBetween, type Design, type DesignEdge, type DesignNode, type NodeKind } from "../lib/graph";

const CELL_SIZE = 20;
const COLUMN: Record<"producer" | "bus" | "rule" | "target" | "downstream", number> = { producer: 0, bus: 320, rule: 640, target: 960, downstream: 1280 };
const ROW = 90;
const CELL_HEIGHT = 9 * ROW + 120;
const CELL_WIDTH = 1600;
/** Cells sit in a grid, so the whole design has a screen-like shape rather than a tall strip. */
const CELLS_PER_ROW = 5;

/** Rule index (0–4) → the target kinds it invokes; 9 targets in all. */
const RULE_TARGETS: readonly (readonly NodeKind[])[] = [
  ["lambda", "sqs"],
  ["sns", "step-functions"],
  ["firehose", "cloudwatch-logs"],
  ["kinesis", "api-destination"],
  ["event-bus-target"],
];

export function generateLargeDesign(nodeCount: number): Design {
  const nodes: DesignNode[] = [];
  const links: [source: string, target: string][] = [];
  const cells = Math.ceil(nodeCount / CELL_SIZE);

  for (let cell = 0; cell < cells; cell++) {
    const id = (name: string) => `c${cell}-${name}`;
    const top = Math.floor(cell / CELLS_PER_ROW) * CELL_HEIGHT;
    const left = (cell % CELLS_PER_ROW) * CELL_WIDTH;
    const at = (column: keyof typeof COLUMN, row: number) => ({ x: left + COLUMN[column], y: top + row * ROW });
    const source = `com.example.cell${cell}`;

    const bus = { ...createNode("event-bus", id("bus"), at("bus", 4)), name: `bus-${cell}` };
    const producers: DesignNode[] = [
      { ...createNode("custom-app", id("app"), at("producer", 2)), source },
      createNode("aws-service", id("aws"), at("producer", 4)),
      cell % 2 === 0
        ? createNode("schedule", id("schedule"), at("producer", 6))
        : { ...createNode("kafka-topic", id("kafka"), at("producer", 6)), reader: "pipe" as const },
    ];
    nodes.push(...producers, bus);
    for (const producer of producers) links.push([producer.id, bus.id]);

    let targetRow = 0;
    RULE_TARGETS.forEach((kinds, r) => {
      const pattern = JSON.stringify({ source: [source], "detail-type": [`Type${r}`] });
      const rule = { ...createNode("rule", id(`rule${r}`), at("rule", r * 2)), name: `rule-${cell}-${r}`, trigger: { type: "pattern" as const, pattern } };
      nodes.push(rule);
      links.push([bus.id, rule.id]);
      for (const planned of kinds) {
        const kind = planned === "event-bus-target" && cell === cells - 1 ? "cloudwatch-logs" : planned;
        const target = createNode(kind, id(`target${targetRow}`), at("target", targetRow));
        nodes.push(target);
        links.push([rule.id, target.id]);
        if (kind === "event-bus-target") links.push([target.id, `c${cell + 1}-bus`]);
        if (kind === "lambda") {
          nodes.push(createNode("dynamodb-table", id("table"), at("downstream", targetRow)));
          links.push([target.id, id("table")]);
        }
        if (kind === "firehose") {
          nodes.push(createNode("s3-bucket", id("bucket"), at("downstream", targetRow)));
          links.push([target.id, id("bucket")]);
        }
        targetRow++;
      }
    });
  }

  const kept = nodes.slice(0, nodeCount);
  const byId = new Map(kept.map((node) => [node.id, node]));
  const edges: DesignEdge[] = [];
  for (const [source, target] of links) {
    const from = byId.get(source);
    const to = byId.get(target);
    if (!from || !to) continue;
    const kind = edgeKindBetween(from, to);
    if (!kind) throw new Error(`No edge kind fits ${from.kind} → ${to.kind}`);
    edges.push({ id: `e${edges.length}`, kind, source, target });
  }
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: `Generated ${nodeCount}-node design`, description: "Benchmark design", nodes: kept, edges };
}
