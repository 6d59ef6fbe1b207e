import { describe, expect, it } from "vitest";
import { NODE_REGISTRY, validateDesign, type DesignNode, type NodeKind } from "@/lib/graph";
import { design, node, patternRule } from "@/lib/graph/test-fixtures";
import { getPath, setPath } from "./field-spec";
import { kindView } from "./kind-views";

const TARGET_KINDS = (Object.keys(NODE_REGISTRY) as NodeKind[]).filter((kind) => NODE_REGISTRY[kind].category === "target");
const visibleFields = (n: DesignNode) => kindView(n.kind).fields.filter((field) => !field.when || field.when(n));

describe("inspector fields for a rule's role and a target's id", () => {
  it("every target kind has an optional Target Id; the rule has an optional Role ARN", () => {
    expect(TARGET_KINDS.length).toBeGreaterThanOrEqual(9);
    for (const kind of TARGET_KINDS) {
      expect(kindView(kind).fields.find((f) => f.path === "targetId"), kind).toMatchObject({ type: "text", label: "Target Id", optional: true, placeholder: expect.stringMatching(/derived from the node id/) });
    }
    expect(kindView("rule").fields.find((f) => f.path === "roleArn")).toMatchObject({ type: "text", label: "Role ARN", optional: true });
  });

  it("shows the validation problems of both on those fields, and an emptied field removes the value", () => {
    const targets = TARGET_KINDS.map((kind) => node(kind, `t-${kind}`, { targetId: `no spaces ${kind}` }));
    const rule = patternRule("r", '{"source":["a"]}', { roleArn: "role/x" });
    const d = design([node("event-bus", "bus", { variant: "custom", name: "orders" }), rule, ...targets], [["bus", "r"], ...targets.map((t): [string, string] => ["r", t.id])]);
    const problems = validateDesign(d).filter((p) => p.field === "roleArn" || p.field === "targetId");
    expect(problems.map((p) => `${p.nodeId} ${p.field}`).sort()).toEqual(["r roleArn", ...targets.map((t) => `${t.id} targetId`)].sort());
    for (const problem of problems) {
      const owner = d.nodes.find((n) => n.id === problem.nodeId)!;
      expect(visibleFields(owner).map((f) => f.path), problem.nodeId).toContain(problem.field);
    }
    // The inspector writes `undefined` for an emptied optional text field: the key goes away.
    const cleared = setPath(targets[0]!, "targetId", undefined);
    expect(getPath(cleared, "targetId")).toBeUndefined();
    expect("targetId" in cleared).toBe(false);
  });
});
