/**
 * The one bridge between the design model and React Flow: xyflow's node and edge types stay on
 * this side. A flow node carries its design node in `data.node`; during a drag only the flow
 * node's position moves, and `toDesign` reads positions from the flow nodes.
 */
import type { Edge, Node } from "@xyflow/react";
import { DESIGN_FORMAT, DESIGN_VERSION, EDGE_REGISTRY, type Design, type DesignEdge, type DesignNode, type EdgeKind, type NodeKind, type SampleEvent } from "@/lib/graph";

export type DesignFlowNode = Node<{ node: DesignNode }, NodeKind>;
export type DesignFlowEdge = Edge<{ kind: EdgeKind }>;

export interface DesignMeta {
  readonly name: string;
  readonly description: string;
  /** The design's sample events (the lab's); absent in designs that never had any. */
  readonly samples?: Design["samples"];
}

/**
 * Flow nodes for `design`. A node whose design node is unchanged keeps its previous flow node
 * object (so memoised views skip it); a changed one keeps its selection and measured size.
 */
export function toFlowNodes(design: Design, previous: readonly DesignFlowNode[] = []): DesignFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return design.nodes.map((node) => {
    const old = before.get(node.id);
    if (old && old.data.node === node && old.position === node.position) return old;
    return {
      id: node.id,
      type: node.kind,
      position: node.position,
      data: { node },
      ...(old?.selected ? { selected: true } : {}),
      ...(old?.measured ? { measured: old.measured } : {}),
    };
  });
}

export function toFlowEdges(design: Design, previous: readonly DesignFlowEdge[] = []): DesignFlowEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  return design.edges.map((edge) => {
    const old = before.get(edge.id);
    if (old && old.source === edge.source && old.target === edge.target && old.data?.kind === edge.kind) return old;
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      label: EDGE_REGISTRY[edge.kind].label,
      data: { kind: edge.kind },
      ...(old?.selected ? { selected: true } : {}),
    };
  });
}

function designNodeOf(flowNode: DesignFlowNode): DesignNode {
  const { node } = flowNode.data;
  const { x, y } = flowNode.position;
  return node.position.x === x && node.position.y === y ? node : { ...node, position: { x, y } };
}

function designEdgeOf(flowEdge: DesignFlowEdge): DesignEdge {
  if (!flowEdge.data) throw new Error(`Edge ${flowEdge.id} has no kind`);
  return { id: flowEdge.id, kind: flowEdge.data.kind, source: flowEdge.source, target: flowEdge.target };
}

export function toDesign(meta: DesignMeta, nodes: readonly DesignFlowNode[], edges: readonly DesignFlowEdge[]): Design {
  return {
    format: DESIGN_FORMAT,
    version: DESIGN_VERSION,
    name: meta.name,
    description: meta.description,
    nodes: nodes.map(designNodeOf),
    edges: edges.map(designEdgeOf),
    ...(meta.samples === undefined ? {} : { samples: meta.samples as SampleEvent[] }),
  };
}
