/**
 * The one bridge between the design model and React Flow: xyflow's node and edge types stay on
 * this side. A flow node carries its design node in `data.node`; during a drag only the flow
 * node's position moves, and `toDesign` reads positions from the flow nodes.
 */
import { Position, type Edge, type Node, type NodeHandle } from "@xyflow/react";
import { DESIGN_FORMAT, DESIGN_VERSION, EDGE_REGISTRY, NODE_KINDS, NODE_REGISTRY, type Design, type DesignEdge, type DesignNode, type EdgeKind, type NodeKind, type SampleEvent } from "@/lib/graph";
import { nodeTitle } from "./kind-views";
import { CANVAS_TEXT_PX } from "./viewport";

export type DesignFlowNode = Node<{ node: DesignNode }, NodeKind>;
export type DesignFlowEdge = Edge<{ kind: EdgeKind }>;

/**
 * Every node view has this fixed size (node-view.tsx), with a 12 px handle centred on each side
 * border. Telling React Flow both up front (a flow node's `measured` and `handles`) lets it place
 * nodes, draw edges and fit the view without measuring anything, and so skip rendering what is
 * outside the view (`onlyRenderVisibleElements`): a node it has not measured would otherwise be
 * rendered once, off-screen, just to be measured. It still measures what it renders, and a
 * different size found there wins.
 */
export const NODE_SIZE = { width: 220, height: 68 } as const;
export const NODE_BORDER = 1;
const HANDLE_SIZE = 12;

function handlesOf(kind: NodeKind): NodeHandle[] {
  const spec = NODE_REGISTRY[kind];
  const y = NODE_SIZE.height / 2 - HANDLE_SIZE / 2;
  const handle = { y, width: HANDLE_SIZE, height: HANDLE_SIZE };
  return [
    ...(spec.ends.length > 0 ? [{ ...handle, type: "target" as const, position: Position.Left, x: NODE_BORDER - HANDLE_SIZE / 2 }] : []),
    ...(spec.starts.length > 0 ? [{ ...handle, type: "source" as const, position: Position.Right, x: NODE_SIZE.width - NODE_BORDER - HANDLE_SIZE / 2 }] : []),
  ];
}

/** Per kind, so that flow nodes share (and React Flow never compares) equal handle lists. */
const HANDLES = Object.fromEntries(NODE_KINDS.map((kind) => [kind, handlesOf(kind)])) as Record<NodeKind, NodeHandle[]>;

export interface DesignMeta {
  readonly name: string;
  readonly description: string;
  /** The design's sample events (the lab's); absent in designs that never had any. */
  readonly samples?: Design["samples"];
}

/** What a screen reader calls a node: its kind and its title ("Rule payment-processed"). */
function nodeName(node: DesignNode): string {
  return `${NODE_REGISTRY[node.kind].label} ${nodeTitle(node)}`;
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
      // Known before rendering: React Flow need not measure a node before it counts as initialised.
      measured: old?.measured ?? NODE_SIZE,
      handles: HANDLES[node.kind],
      ariaLabel: nodeName(node),
      ...(old?.selected ? { selected: true } : {}),
    };
  });
}

/** Edge labels in the canvas's smallest legible text, shared by every edge. */
const EDGE_LABEL_STYLE = { fontSize: CANVAS_TEXT_PX };

/** Flow edges for `design`; an unchanged edge keeps its previous object, a changed one its selection. */
export function toFlowEdges(design: Design, previous: readonly DesignFlowEdge[] = []): DesignFlowEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  const titles = new Map(design.nodes.map((node) => [node.id, nodeTitle(node)]));
  return design.edges.map((edge) => {
    const label = EDGE_REGISTRY[edge.kind].label;
    // Read as a sentence: "payment puts events eda_bus".
    const ariaLabel = `${titles.get(edge.source) ?? edge.source} ${label} ${titles.get(edge.target) ?? edge.target}`;
    const old = before.get(edge.id);
    if (old && old.source === edge.source && old.target === edge.target && old.data?.kind === edge.kind && old.ariaLabel === ariaLabel) return old;
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      label,
      labelStyle: EDGE_LABEL_STYLE,
      ariaLabel,
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
