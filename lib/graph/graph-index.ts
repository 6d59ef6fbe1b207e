/** Adjacency over a design's nodes and edges, built once per validation run. */
import type { Design, DesignEdge, DesignNode, EdgeKind, NodeKind, NodeOfKind } from "./schema";

export interface DesignIndex {
  readonly design: Design;
  /** The first node with each id (duplicates are reported by validation). */
  readonly nodes: ReadonlyMap<string, DesignNode>;
  node(id: string): DesignNode | undefined;
  /** Edges of `kind` leaving `nodeId` whose other end exists. */
  outgoing(nodeId: string, kind: EdgeKind): readonly DesignEdge[];
  /** Edges of `kind` arriving at `nodeId` whose other end exists. */
  incoming(nodeId: string, kind: EdgeKind): readonly DesignEdge[];
  /** Nodes at the far end of `kind` edges leaving `nodeId`, narrowed to `targetKind`. */
  successors<K extends NodeKind>(nodeId: string, kind: EdgeKind, targetKind: K): NodeOfKind<K>[];
  /** Nodes at the near end of `kind` edges arriving at `nodeId`, narrowed to `sourceKind`. */
  predecessors<K extends NodeKind>(nodeId: string, kind: EdgeKind, sourceKind: K): NodeOfKind<K>[];
  degree(nodeId: string): number;
}

function isKind<K extends NodeKind>(node: DesignNode | undefined, kind: K): node is NodeOfKind<K> {
  return node?.kind === kind;
}

export function indexDesign(design: Design): DesignIndex {
  const nodes = new Map<string, DesignNode>();
  for (const node of design.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);

  const out = new Map<string, DesignEdge[]>();
  const into = new Map<string, DesignEdge[]>();
  const degree = new Map<string, number>();
  for (const edge of design.edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    push(out, edge.source, edge);
    push(into, edge.target, edge);
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }

  const outgoing = (id: string, kind: EdgeKind) => (out.get(id) ?? []).filter((e) => e.kind === kind);
  const incoming = (id: string, kind: EdgeKind) => (into.get(id) ?? []).filter((e) => e.kind === kind);
  return {
    design,
    nodes,
    node: (id) => nodes.get(id),
    outgoing,
    incoming,
    successors: (id, kind, targetKind) =>
      outgoing(id, kind).map((e) => nodes.get(e.target)).filter((n) => isKind(n, targetKind)),
    predecessors: (id, kind, sourceKind) =>
      incoming(id, kind).map((e) => nodes.get(e.source)).filter((n) => isKind(n, sourceKind)),
    degree: (id) => degree.get(id) ?? 0,
  };
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
