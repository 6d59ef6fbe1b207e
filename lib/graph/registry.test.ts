import { describe, expect, it } from "vitest";
import { canConnect, createNode, edgeKindBetween, EDGE_REGISTRY, NODE_KINDS, NODE_REGISTRY, paletteGroups } from "./registry";
import { designNodeSchema, EDGE_KINDS } from "./schema";

describe("node registry", () => {
  it("has one entry per schema kind, keyed by its own kind", () => {
    expect(NODE_KINDS).toHaveLength(designNodeSchema.options.length);
    for (const kind of NODE_KINDS) expect(NODE_REGISTRY[kind].kind).toBe(kind);
  });

  it.each(NODE_KINDS)("creates a schema-valid %s at the given id and position", (kind) => {
    const created = createNode(kind, "n1", { x: 10, y: 20 });
    expect(designNodeSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({ id: "n1", kind, position: { x: 10, y: 20 } });
  });

  it("creates independent nodes (no shared mutable defaults)", () => {
    const a = createNode("lambda", "a", { x: 0, y: 0 });
    const b = createNode("lambda", "b", { x: 0, y: 0 });
    a.retryPolicy.maximumRetryAttempts = 1;
    expect(b.retryPolicy.maximumRetryAttempts).toBe(185);
  });

  it("only names edge kinds that exist, and every edge kind has both ends somewhere", () => {
    for (const kind of NODE_KINDS) {
      for (const edge of [...NODE_REGISTRY[kind].starts, ...NODE_REGISTRY[kind].ends]) expect(EDGE_KINDS).toContain(edge);
    }
    for (const edge of EDGE_KINDS) {
      expect(EDGE_REGISTRY[edge].label).not.toBe("");
      expect(NODE_KINDS.some((k) => NODE_REGISTRY[k].starts.includes(edge))).toBe(true);
      expect(NODE_KINDS.some((k) => NODE_REGISTRY[k].ends.includes(edge))).toBe(true);
    }
  });

  it("gives at most one edge kind for any pair of node kinds", () => {
    for (const source of NODE_KINDS) {
      for (const target of NODE_KINDS) {
        expect(EDGE_KINDS.filter((edge) => canConnect(edge, source, target)).length).toBeLessThanOrEqual(1);
      }
    }
  });

  it("types the connections the issue names and refuses nonsense", () => {
    const at = (kind: (typeof NODE_KINDS)[number]) => createNode(kind, kind, { x: 0, y: 0 });
    expect(edgeKindBetween(at("custom-app"), at("event-bus"))).toBe("puts-events");
    expect(edgeKindBetween(at("event-bus"), at("rule"))).toBe("feeds");
    expect(edgeKindBetween(at("rule"), at("sqs"))).toBe("invokes");
    expect(edgeKindBetween(at("event-bus-target"), at("event-bus"))).toBe("forwards");
    expect(edgeKindBetween(at("kafka-topic"), at("lambda"))).toBe("feeds-function");
    expect(edgeKindBetween(at("lambda"), at("dynamodb-table"))).toBe("writes-to");
    expect(edgeKindBetween(at("sqs"), at("custom-app"))).toBeUndefined();
    expect(edgeKindBetween(at("rule"), at("event-bus"))).toBeUndefined();
    expect(edgeKindBetween(at("custom-app"), at("rule"))).toBeUndefined();
  });

  it("groups every kind exactly once in the palette", () => {
    const grouped = paletteGroups().flatMap((g) => g.kinds);
    expect([...grouped].sort()).toEqual([...NODE_KINDS].sort());
    expect(paletteGroups().map((g) => g.category)).toEqual(["producer", "bus", "rule", "target", "downstream"]);
  });
});
