/**
 * The editor's state: one zustand store per editor mount (a module-level store would be shared
 * across requests in Next.js). State and actions are typed apart. Every document edit goes
 * through `commit`, which records undo history and bumps `revision`; the editor subscribes to
 * `revision` outside the store to report changes.
 */
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from "@xyflow/react";
import { z } from "zod";
import { createStore, type StoreApi } from "zustand/vanilla";
import {
  copyFragment,
  createNode,
  designNodeSchema,
  edgeKindBetween,
  sampleEventSchema,
  layoutDesign,
  pasteFragment,
  removeElements,
  validateDesign,
  type Design,
  type DesignNode,
  type Fragment,
  type NodeKind,
  type Position,
  type Problem,
  type SampleEvent,
} from "@/lib/graph";
import { nodeTitle } from "./kind-views";
import { toDesign, toFlowEdges, toFlowNodes, type DesignFlowEdge, type DesignFlowNode, type DesignMeta } from "./flow-mapping";

const HISTORY_LIMIT = 200;
/** Edits to the same field within this window are one undo step (typing a pattern). */
const COALESCE_MS = 1000;
const PASTE_OFFSET = { x: 40, y: 40 };
/** Size assumed for a node React Flow has not measured yet. */
const DEFAULT_NODE_SIZE = { width: 220, height: 72 };

export interface EditorState {
  readonly nodes: DesignFlowNode[];
  readonly edges: DesignFlowEdge[];
  readonly meta: DesignMeta;
  readonly problems: readonly Problem[];
  readonly problemsByNode: ReadonlyMap<string, readonly Problem[]>;
  /** The title of every node that has a problem, for the problems list. */
  readonly problemNodeTitles: ReadonlyMap<string, string>;
  readonly past: readonly Design[];
  readonly future: readonly Design[];
  readonly clipboard: Fragment | null;
  readonly readOnly: boolean;
  /** Bumped by every document change (not by selection or a drag still in progress). */
  readonly revision: number;
}

export interface EditorActions {
  load(design: Design): void;
  onNodesChange(changes: NodeChange<DesignFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<DesignFlowEdge>[]): void;
  beginDrag(): void;
  endDrag(): void;
  /** Whether a connection from `source` to `target` means something (and is not there yet). */
  canConnect(connection: Connection | DesignFlowEdge): boolean;
  connect(connection: Connection): void;
  addNode(kind: NodeKind, position: Position): string;
  /** Replaces a node by `next` (same id) if it is a valid node; `coalesceKey` merges typing into one undo step. */
  updateNode(next: DesignNode, coalesceKey?: string): void;
  /**
   * Replaces the design's sample events and, in the same undo step, the given nodes (same ids):
   * the lab saves a new sample and the rule's expectation on it together.
   */
  updateSamples(samples: readonly SampleEvent[], nodes?: readonly DesignNode[]): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(): void;
  undo(): void;
  redo(): void;
  /** Makes exactly these nodes (and edges) the selection. */
  select(nodeIds: readonly string[], edgeIds?: readonly string[]): void;
  autoLayout(): void;
  design(): Design;
}

export type EditorStore = StoreApi<EditorState & EditorActions>;

export function newNodeId(taken: ReadonlySet<string>): string {
  for (;;) {
    const id = Math.random().toString(36).slice(2, 8);
    if (id.length === 6 && !taken.has(id)) return id;
  }
}

function groupProblems(problems: readonly Problem[]): Map<string, Problem[]> {
  const byNode = new Map<string, Problem[]>();
  for (const problem of problems) {
    if (problem.nodeId === undefined) continue;
    byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
  }
  return byNode;
}

function documentState(design: Design, previous?: { nodes: DesignFlowNode[]; edges: DesignFlowEdge[] }) {
  const problems = validateDesign(design);
  const problemsByNode = groupProblems(problems);
  return {
    nodes: toFlowNodes(design, previous?.nodes),
    edges: toFlowEdges(design, previous?.edges),
    meta: { name: design.name, description: design.description, ...(design.samples === undefined ? {} : { samples: design.samples }) },
    problems,
    problemsByNode,
    problemNodeTitles: new Map(design.nodes.filter((n) => problemsByNode.has(n.id)).map((n) => [n.id, nodeTitle(n)])),
  };
}

export function createEditorStore(initial: Design, readOnly: boolean): EditorStore {
  let lastCoalesce: { key: string; at: number } | null = null;
  let dragOrigin: Design | null = null;

  return createStore<EditorState & EditorActions>()((set, get) => {
    const current = () => {
      const { meta, nodes, edges } = get();
      return toDesign(meta, nodes, edges);
    };

    /** Makes `next` the document, with `before` as its undo step (unless merged into the last one). */
    const commit = (next: Design, options: { before?: Design; coalesceKey?: string; select?: readonly string[] } = {}) => {
      if (get().readOnly) return;
      const before = options.before ?? current();
      const now = Date.now();
      const merge = options.coalesceKey !== undefined && lastCoalesce?.key === options.coalesceKey && now - lastCoalesce.at < COALESCE_MS;
      lastCoalesce = options.coalesceKey === undefined ? null : { key: options.coalesceKey, at: now };
      const state = get();
      const doc = documentState(next, state);
      const selected = options.select ? new Set(options.select) : null;
      set({
        ...doc,
        nodes: selected ? doc.nodes.map((n) => (Boolean(n.selected) === selected.has(n.id) ? n : { ...n, selected: selected.has(n.id) })) : doc.nodes,
        edges: selected ? doc.edges.map((e) => (e.selected ? { ...e, selected: false } : e)) : doc.edges,
        past: merge ? state.past : [...state.past, before].slice(-HISTORY_LIMIT),
        future: [],
        revision: state.revision + 1,
      });
    };

    const travel = (from: "past" | "future") => {
      const state = get();
      const stack = state[from];
      const target = stack.at(-1);
      if (!target || state.readOnly) return;
      const now = current();
      lastCoalesce = null;
      set({
        ...documentState(target, state),
        past: from === "past" ? stack.slice(0, -1) : [...state.past, now],
        future: from === "future" ? stack.slice(0, -1) : [...state.future, now],
        revision: state.revision + 1,
      });
    };

    return {
      ...documentState(initial),
      past: [],
      future: [],
      clipboard: null,
      readOnly,
      revision: 0,

      load(design) {
        lastCoalesce = null;
        set((state) => ({ ...documentState(design, state), past: [], future: [] }));
      },

      onNodesChange(changes) {
        // Removal goes through deleteSelection (history, edges); React Flow's own is switched off.
        const allowed = changes.filter((c) => c.type !== "remove" && c.type !== "add" && c.type !== "replace");
        if (allowed.length > 0) set((state) => ({ nodes: applyNodeChanges(allowed, state.nodes) }));
      },

      onEdgesChange(changes) {
        const allowed = changes.filter((c) => c.type === "select");
        if (allowed.length > 0) set((state) => ({ edges: applyEdgeChanges(allowed, state.edges) }));
      },

      beginDrag() {
        dragOrigin = current();
      },

      endDrag() {
        const origin = dragOrigin;
        dragOrigin = null;
        if (!origin) return;
        const next = current();
        const moved = next.nodes.some((node, i) => node !== origin.nodes[i]);
        if (moved) commit(next, { before: origin });
      },

      canConnect(connection) {
        const { nodes, edges, readOnly: locked } = get();
        if (locked || connection.source === connection.target) return false;
        const source = nodes.find((n) => n.id === connection.source);
        const target = nodes.find((n) => n.id === connection.target);
        if (!source || !target || !edgeKindBetween(source.data.node, target.data.node)) return false;
        return !edges.some((e) => e.source === connection.source && e.target === connection.target);
      },

      connect(connection) {
        if (!get().canConnect(connection)) return;
        const design = current();
        const source = design.nodes.find((n) => n.id === connection.source)!;
        const target = design.nodes.find((n) => n.id === connection.target)!;
        const kind = edgeKindBetween(source, target)!;
        const taken = new Set([...design.nodes.map((n) => n.id), ...design.edges.map((e) => e.id)]);
        commit({ ...design, edges: [...design.edges, { id: `e-${newNodeId(taken)}`, kind, source: source.id, target: target.id }] });
      },

      addNode(kind, position) {
        const design = current();
        const id = newNodeId(new Set([...design.nodes.map((n) => n.id), ...design.edges.map((e) => e.id)]));
        const node = createNode(kind, id, { x: Math.round(position.x), y: Math.round(position.y) });
        commit({ ...design, nodes: [...design.nodes, node] }, { select: [id] });
        return id;
      },

      updateNode(next, coalesceKey) {
        const parsed = designNodeSchema.safeParse(next);
        if (!parsed.success) return;
        const design = current();
        if (!design.nodes.some((n) => n.id === next.id)) return;
        commit({ ...design, nodes: design.nodes.map((n) => (n.id === next.id ? next : n)) }, { coalesceKey });
      },

      updateSamples(samples, nodes = []) {
        const parsed = z.array(sampleEventSchema).safeParse(samples);
        if (!parsed.success || !nodes.every((n) => designNodeSchema.safeParse(n).success)) return;
        const design = current();
        const replaced = new Map(nodes.map((n) => [n.id, n]));
        if ([...replaced.keys()].some((id) => !design.nodes.some((n) => n.id === id))) return;
        commit({ ...design, samples: [...samples], nodes: design.nodes.map((n) => replaced.get(n.id) ?? n) });
      },

      deleteSelection() {
        const { nodes, edges } = get();
        const nodeIds = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
        const edgeIds = new Set(edges.filter((e) => e.selected).map((e) => e.id));
        if (nodeIds.size === 0 && edgeIds.size === 0) return;
        commit(removeElements(current(), nodeIds, edgeIds));
      },

      copySelection() {
        const selected = new Set(get().nodes.filter((n) => n.selected).map((n) => n.id));
        if (selected.size > 0) set({ clipboard: copyFragment(current(), selected) });
      },

      paste() {
        const { clipboard } = get();
        if (!clipboard || clipboard.nodes.length === 0) return;
        const { design, nodeIds } = pasteFragment(current(), clipboard, newNodeId, PASTE_OFFSET);
        commit(design, { select: nodeIds });
        // The next paste lands one step further instead of on top of this one.
        set({ clipboard: copyFragment(design, new Set(nodeIds)) });
      },

      undo: () => travel("past"),
      redo: () => travel("future"),

      select(nodeIds, edgeIds = []) {
        const wanted = new Set(nodeIds);
        const wantedEdges = new Set(edgeIds);
        set((state) => ({
          nodes: state.nodes.map((n) => (Boolean(n.selected) === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) })),
          edges: state.edges.map((e) => (Boolean(e.selected) === wantedEdges.has(e.id) ? e : { ...e, selected: wantedEdges.has(e.id) })),
        }));
      },

      autoLayout() {
        const design = current();
        if (design.nodes.length === 0) return;
        const measured = new Map(get().nodes.map((n) => [n.id, n.measured]));
        const positions = layoutDesign(design, (id) => {
          const size = measured.get(id);
          return size?.width && size.height ? { width: size.width, height: size.height } : DEFAULT_NODE_SIZE;
        });
        commit({ ...design, nodes: design.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) });
      },

      design: current,
    };
  });
}
