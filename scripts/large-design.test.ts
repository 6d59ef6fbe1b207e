import { describe, expect, it } from "vitest";
import { canConnect, categoryOf, designSchema, validateDesign } from "../lib/graph";
import { generateLargeDesign } from "./large-design";

describe("generateLargeDesign", () => {
  const design = generateLargeDesign(1000);

  it("has exactly the requested nodes, unique ids, and passes the schema", () => {
    expect(design.nodes).toHaveLength(1000);
    expect(new Set(design.nodes.map((n) => n.id)).size).toBe(1000);
    expect(designSchema.safeParse(design).success).toBe(true);
    expect(generateLargeDesign(37).nodes).toHaveLength(37);
  });

  it("is a realistic mix: every category, many kinds, and about one edge per node", () => {
    const categories = new Set(design.nodes.map((n) => categoryOf(n.kind)));
    expect([...categories].sort()).toEqual(["bus", "downstream", "producer", "rule", "target"]);
    expect(new Set(design.nodes.map((n) => n.kind)).size).toBeGreaterThanOrEqual(14);
    expect(design.edges.length).toBeGreaterThan(950);
  });

  it("wires only connections the registry allows, between existing nodes", () => {
    const byId = new Map(design.nodes.map((n) => [n.id, n]));
    for (const edge of design.edges) {
      const source = byId.get(edge.source);
      const target = byId.get(edge.target);
      expect(source && target && canConnect(edge.kind, source.kind, target.kind)).toBe(true);
    }
    const truncated = generateLargeDesign(30);
    const ids = new Set(truncated.nodes.map((n) => n.id));
    expect(truncated.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
  });

  it("is a valid design: no validation problems at all, and buses forward along a chain", () => {
    expect(validateDesign(design).map((p) => `${p.code}: ${p.message}`)).toEqual([]);
    const forwards = design.edges.filter((e) => e.kind === "forwards");
    expect(forwards).toHaveLength(49);
    expect(forwards.at(-1)!.target).toBe("c49-bus");
  });
});
