/**
 * Auto-layout: dagre ranks the graph left to right, and each node's category pins its column
 * band (producers, then buses, rules, targets, downstream resources), so a flow reads the way
 * events travel even where edges are missing.
 */
import dagre from "@dagrejs/dagre";
import { categoryOf, type NodeCategory } from "./registry";
import type { Design, Position } from "./schema";

const CATEGORY_RANK: Record<NodeCategory, number> = { producer: 0, bus: 1, rule: 2, target: 3, downstream: 4 };

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** New top-left positions for every node; `sizeOf` gives each node's rendered size. */
export function layoutDesign(design: Design, sizeOf: (nodeId: string) => Size): Map<string, Position> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", nodesep: 28, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of design.nodes) graph.setNode(node.id, { ...sizeOf(node.id) });
  for (const edge of design.edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target, {}, edge.id);
  }
  // Invisible edges from each category to the next keep the bands in order.
  const byCategory = new Map<number, string[]>();
  for (const node of design.nodes) {
    const rank = CATEGORY_RANK[categoryOf(node.kind)];
    byCategory.set(rank, [...(byCategory.get(rank) ?? []), node.id]);
  }
  const ranks = [...byCategory.keys()].sort((a, b) => a - b);
  for (let i = 1; i < ranks.length; i++) {
    const anchor = byCategory.get(ranks[i - 1]!)![0]!;
    for (const id of byCategory.get(ranks[i]!)!) graph.setEdge(anchor, id, { weight: 0 }, `band:${anchor}:${id}`);
  }
  dagre.layout(graph);

  const positions = new Map<string, Position>();
  for (const node of design.nodes) {
    const laid = graph.node(node.id);
    const { width, height } = sizeOf(node.id);
    positions.set(node.id, { x: Math.round(laid.x - width / 2), y: Math.round(laid.y - height / 2) });
  }
  return positions;
}
