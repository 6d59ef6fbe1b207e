import { describe, expect, it, vi } from "vitest";
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, type Design } from "@/lib/graph";
import { createEditorStore } from "./store";

const empty: Design = { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: "t", description: "", nodes: [], edges: [] };

function flow() {
  const store = createEditorStore(empty, false);
  const s = () => store.getState();
  const app = s().addNode("custom-app", { x: 0, y: 0 });
  const bus = s().addNode("event-bus", { x: 300, y: 0 });
  const rule = s().addNode("rule", { x: 600, y: 0 });
  const fn = s().addNode("lambda", { x: 900, y: 0 });
  s().connect({ source: app, target: bus, sourceHandle: null, targetHandle: null });
  s().connect({ source: bus, target: rule, sourceHandle: null, targetHandle: null });
  s().connect({ source: rule, target: fn, sourceHandle: null, targetHandle: null });
  return { store, s, app, bus, rule, fn };
}

describe("editor store", () => {
  it("types edges by the registry and refuses connections that mean nothing", () => {
    const { s, app, bus, rule, fn } = flow();
    expect(s().design().edges.map((e) => e.kind)).toEqual(["puts-events", "feeds", "invokes"]);
    expect(s().canConnect({ source: fn, target: app, sourceHandle: null, targetHandle: null })).toBe(false);
    expect(s().canConnect({ source: app, target: rule, sourceHandle: null, targetHandle: null })).toBe(false);
    // Already connected: a second identical edge is refused.
    expect(s().canConnect({ source: app, target: bus, sourceHandle: null, targetHandle: null })).toBe(false);
    s().connect({ source: fn, target: app, sourceHandle: null, targetHandle: null });
    expect(s().design().edges).toHaveLength(3);
  });

  it("undoes and redoes every edit, and a new edit clears the redo stack", () => {
    const { s } = flow();
    const full = s().design();
    s().undo();
    expect(s().design().edges).toHaveLength(2);
    s().undo();
    s().redo();
    expect(s().design().edges).toHaveLength(2);
    s().redo();
    expect(s().design()).toEqual(full);
    s().undo();
    s().addNode("sns", { x: 0, y: 0 });
    expect(s().future).toHaveLength(0);
  });

  it("merges typing into one field into one undo step", () => {
    vi.useFakeTimers();
    try {
      const { s, rule } = flow();
      const node = () => s().design().nodes.find((n) => n.id === rule)!;
      const before = s().past.length;
      for (const pattern of ['{"', '{"source"', '{"source": ["x"]}']) {
        const current = node();
        if (current.kind !== "rule") throw new Error("not a rule");
        s().updateNode({ ...current, trigger: { type: "pattern", pattern } }, `${rule}:trigger.pattern`);
        vi.advanceTimersByTime(200);
      }
      expect(s().past.length).toBe(before + 1);
      s().undo();
      const restored = node();
      expect(restored.kind === "rule" && restored.trigger.type === "pattern" && restored.trigger.pattern).toBe('{\n  "source": ["com.example.orders"]\n}');
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses an update that would break the schema", () => {
    const { s, fn } = flow();
    const node = s().design().nodes.find((n) => n.id === fn)!;
    const revision = s().revision;
    s().updateNode({ ...node, retryPolicy: { maximumEventAgeInSeconds: -1, maximumRetryAttempts: 1 } } as typeof node);
    expect(s().revision).toBe(revision);
  });

  it("deletes the selection with its edges, copies and pastes with fresh ids", () => {
    const { s, bus, rule } = flow();
    s().select([bus, rule]);
    s().copySelection();
    s().paste();
    const pasted = s().nodes.filter((n) => n.selected).map((n) => n.id);
    expect(pasted).toHaveLength(2);
    expect(pasted).not.toContain(bus);
    expect(s().design().edges.filter((e) => pasted.includes(e.source) && pasted.includes(e.target))).toHaveLength(1);

    s().select([rule]);
    s().deleteSelection();
    expect(s().design().nodes.some((n) => n.id === rule)).toBe(false);
    expect(s().design().edges.some((e) => e.source === rule || e.target === rule)).toBe(false);
  });

  it("reports problems per node as the document changes", () => {
    const { s, rule, fn } = flow();
    expect(s().problemsByNode.get(rule)).toBeUndefined();
    for (let i = 0; i < 5; i++) {
      const target = s().addNode("sqs", { x: 900, y: 100 * (i + 1) });
      s().connect({ source: rule, target, sourceHandle: null, targetHandle: null });
    }
    expect(s().problemsByNode.get(rule)?.map((p) => p.code)).toEqual(["too-many-targets"]);
    expect(s().problemNodeTitles.get(rule)).toMatch(/^rule-/);
    expect(s().problemsByNode.get(fn)).toBeUndefined();
  });

  it("does nothing in read-only mode", () => {
    const store = createEditorStore(empty, true);
    store.getState().addNode("rule", { x: 0, y: 0 });
    store.getState().rename("Other");
    expect(store.getState().design()).toMatchObject({ name: "t", nodes: [] });
  });

  it("keeps the design's samples through edits, and saves a sample with a rule's expectation in one undo step", () => {
    const sample = { id: "s1", name: "Big payment", event: '{"source":"pay"}' };
    const store = createEditorStore({ ...empty, samples: [sample] }, false);
    const s = () => store.getState();
    const rule = s().addNode("rule", { x: 0, y: 0 });
    expect(s().design().samples).toEqual([sample]);

    const node = s().design().nodes.find((n) => n.id === rule)!;
    const added = { id: "s2", name: "Small payment", event: '{"source":"pay","detail":{"amount":1}}' };
    s().updateSamples([sample, added], [{ ...node, expectations: [{ sample: "s2", expect: "no-match" }] } as typeof node]);
    expect(s().design().samples).toEqual([sample, added]);
    expect(s().design().nodes.find((n) => n.id === rule)).toMatchObject({ expectations: [{ sample: "s2", expect: "no-match" }] });

    s().undo();
    expect(s().design().samples).toEqual([sample]);
    expect(s().design().nodes.find((n) => n.id === rule)).not.toHaveProperty("expectations");
  });

  it("renames the document as a change, outside undo history: undo and redo keep the new name", () => {
    const { s } = flow();
    const revision = s().revision;
    const past = s().past;
    s().rename("Orders");
    expect(s().design().name).toBe("Orders");
    expect(s().revision).toBe(revision + 1);
    expect(s().past).toBe(past);
    s().rename("Orders");
    expect(s().revision).toBe(revision + 1);

    s().undo();
    expect(s().design()).toMatchObject({ name: "Orders", edges: [{}, {}] });
    s().redo();
    expect(s().design()).toMatchObject({ name: "Orders", edges: [{}, {}, {}] });
  });

  it("counts a loaded document as a change and drops the history", () => {
    const { s } = flow();
    const revision = s().revision;
    s().load({ ...empty, name: "Loaded" });
    expect(s()).toMatchObject({ revision: revision + 1, past: [], future: [], nodes: [] });
    expect(s().design().name).toBe("Loaded");
  });

  it("refuses samples that are not valid and leaves designs without samples unchanged", () => {
    const { s } = flow();
    expect(s().design()).not.toHaveProperty("samples");
    s().updateSamples([{ id: "", name: "x", event: "{}" }]);
    expect(s().design()).not.toHaveProperty("samples");
  });
});

describe("deferred check", () => {
  const sixTargets = (): Design => {
    const rule = createNode("rule", "r", { x: 0, y: 0 });
    const targets = Array.from({ length: 6 }, (_, i) => createNode("lambda", `t${i}`, { x: 300, y: i * 90 }));
    return {
      format: DESIGN_FORMAT,
      version: DESIGN_VERSION,
      name: "Six",
      description: "",
      nodes: [rule, ...targets],
      edges: targets.map((t, i) => ({ id: `e${i}`, kind: "invokes" as const, source: "r", target: t.id })),
    };
  };

  it("validates the opening document only when asked, then shows its problems", () => {
    const store = createEditorStore(sixTargets(), true, { deferCheck: true });
    expect(store.getState()).toMatchObject({ checked: false, problems: [] });
    store.getState().check();
    expect(store.getState().checked).toBe(true);
    expect(store.getState().problemsByNode.get("r")?.map((p) => p.code)).toContain("too-many-targets");
  });

  it("validates at once without the option, and on any edit before the check", () => {
    const codes = (store: ReturnType<typeof createEditorStore>) => store.getState().problemsByNode.get("r")?.map((p) => p.code);
    expect(codes(createEditorStore(sixTargets(), false))).toContain("too-many-targets");
    const store = createEditorStore(sixTargets(), false, { deferCheck: true });
    store.getState().addNode("sqs", { x: 0, y: 400 });
    expect(store.getState().checked).toBe(true);
    expect(codes(store)).toContain("too-many-targets");
  });
});
