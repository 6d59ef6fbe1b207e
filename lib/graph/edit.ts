/**
 * Document edits the canvas needs that are pure model operations: copying a selection (with the
 * edges between its nodes), pasting it under fresh ids, and removing nodes with their edges.
 */
import type { Design, DesignEdge, DesignNode } from "./schema";

export interface Fragment {
  readonly nodes: readonly DesignNode[];
  readonly edges: readonly DesignEdge[];
}

/** The selected nodes and only the edges whose both ends are selected. */
export function copyFragment(design: Design, nodeIds: ReadonlySet<string>): Fragment {
  return {
    nodes: design.nodes.filter((node) => nodeIds.has(node.id)),
    edges: design.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target)),
  };
}

/**
 * Adds `fragment` to `design` under ids from `freshId` (never one in use), moved by `offset`;
 * returns the new design and the ids of the pasted nodes.
 */
export function pasteFragment(
  design: Design,
  fragment: Fragment,
  freshId: (taken: ReadonlySet<string>) => string,
  offset: { x: number; y: number },
): { design: Design; nodeIds: string[] } {
  const taken = new Set([...design.nodes.map((n) => n.id), ...design.edges.map((e) => e.id)]);
  const take = () => {
    const id = freshId(taken);
    if (taken.has(id)) throw new Error(`freshId returned an id in use: ${id}`);
    taken.add(id);
    return id;
  };
  const renamed = new Map<string, string>();
  const nodes = fragment.nodes.map((node) => {
    const id = take();
    renamed.set(node.id, id);
    return { ...node, id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } };
  });
  const edges = fragment.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    return source && target ? [{ ...edge, id: take(), source, target }] : [];
  });
  return { design: { ...design, nodes: [...design.nodes, ...nodes], edges: [...design.edges, ...edges] }, nodeIds: nodes.map((n) => n.id) };
}

/** The design without these nodes and edges, and without any edge left dangling by them. */
export function removeElements(design: Design, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): Design {
  return {
    ...design,
    nodes: design.nodes.filter((node) => !nodeIds.has(node.id)),
    edges: design.edges.filter((edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target)),
  };
}
