/** Test helpers: build designs from registry defaults with short, readable calls. */
import { createNode, edgeKindBetween } from "./registry";
import { DESIGN_FORMAT, DESIGN_VERSION, type Design, type DesignEdge, type DesignNode, type NodeKind, type NodeOfKind } from "./schema";

export function node<K extends NodeKind>(kind: K, id: string, overrides: Partial<NodeOfKind<K>> = {}): NodeOfKind<K> {
  return { ...createNode(kind, id, { x: 0, y: 0 }), ...overrides };
}

export function design(nodes: DesignNode[], links: [string, string][] = []): Design {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: DesignEdge[] = links.map(([source, target], i) => {
    const kind = edgeKindBetween(byId.get(source)!, byId.get(target)!);
    if (!kind) throw new Error(`no edge kind fits ${source} → ${target}`);
    return { id: `e${i}`, kind, source, target };
  });
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: "test", description: "", nodes, edges };
}

export function patternRule(id: string, pattern: string, overrides: Partial<NodeOfKind<"rule">> = {}): NodeOfKind<"rule"> {
  return node("rule", id, { name: id, trigger: { type: "pattern", pattern }, ...overrides });
}
