/**
 * The editor's state: one zustand store per open design (a module-level store would be shared
 * across requests in Next.js), and the one owner of the document being edited. State and actions
 * are typed apart. Every document edit goes through `commit`, which records undo history and
 * bumps `revision`; whoever saves or shows the document subscribes to `revision`.
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
import { NODE_SIZE, toDesign, toFlowEdges, toFlowNodes, type DesignFlowEdge, type DesignFlowNode, type DesignMeta } from "./flow-mapping";

const HISTORY_LIMIT = 200;
/** Edits to the same field within this window are one undo step (typing a pattern). */
const COALESCE_MS = 1000;
const PASTE_OFFSET = { x: 40, y: 40 };

export interface EditorState {
  readonly nodes: DesignFlowNode[];
  readonly edges: DesignFlowEdge[];
  readonly meta: DesignMeta;
  readonly problems: readonly Problem[];
  readonly problemsByNode: ReadonlyMap<string, readonly Problem[]>;
  /** The title of every node that has a problem, for the problems list. */
  readonly problemNodeTitles: ReadonlyMap<string, string>;
  /** Whether `problems` are the document's: false until `check` when the store was made with `deferCheck`. */
  readonly checked: boolean;
  readonly past: readonly Design[];
  readonly future: readonly Design[];
  readonly clipboard: Fragment | null;
  readonly readOnly: boolean;
  /** Bumped by every document change, a rename and a load too (not by selection or a drag still in progress). */
  readonly revision: number;
}

export interface EditorActions {
  /** Replaces the document and drops its history. */
  load(design: Design): void;
  /** Renames the document; the name is not part of undo history (undo and redo keep it). */
  rename(name: string): void;
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
  /** Validates the document if that has not happened yet (see `deferCheck`). */
  check(): void;
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

function checkedState(design: Design) {
  const problems = validateDesign(design);
  const problemsByNode = groupProblems(problems);
  return {
    problems,
    problemsByNode,
    problemNodeTitles: new Map(design.nodes.filter((n) => problemsByNode.has(n.id)).map((n) => [n.id, nodeTitle(n)])),
    checked: true,
  };
}

const UNCHECKED = { problems: [], problemsByNode: new Map(), problemNodeTitles: new Map(), checked: false } as const;

function documentState(design: Design, previous?: { nodes: DesignFlowNode[]; edges: DesignFlowEdge[] }, check = true) {
  return {
    nodes: toFlowNodes(design, previous?.nodes),
    edges: toFlowEdges(design, previous?.edges),
    meta: { name: design.name, description: design.description, ...(design.samples === undefined ? {} : { samples: design.samples }) },
    ...(check ? checkedState(design) : UNCHECKED),
  };
}

export interface EditorStoreOptions {
  /**
   * Leave the initial document unvalidated until `check()`: validating 1,000 nodes is work the
   * first paint does not need (the editor checks once the browser is idle). Any edit validates.
   */
  readonly deferCheck?: boolean;
}

export function createEditorStore(initial: Design, readOnly: boolean, { deferCheck = false }: EditorStoreOptions = {}): EditorStore {
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
        ...documentState({ ...target, name: state.meta.name }, state),
        past: from === "past" ? stack.slice(0, -1) : [...state.past, now],
        future: from === "future" ? stack.slice(0, -1) : [...state.future, now],
        revision: state.revision + 1,
      });
    };

    return {
      ...documentState(initial, undefined, !deferCheck),
      past: [],
      future: [],
      clipboard: null,
      readOnly,
      revision: 0,

      load(design) {
        lastCoalesce = null;
        set((state) => ({ ...documentState(design, state), past: [], future: [], revision: state.revision + 1 }));
      },

      rename(name) {
        const { meta, readOnly: locked, revision } = get();
        if (locked || name === meta.name) return;
        set({ meta: { ...meta, name }, revision: revision + 1 });
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
          return size?.width && size.height ? { width: size.width, height: size.height } : NODE_SIZE;
        });
        commit({ ...design, nodes: design.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) });
      },

      design: current,

      check() {
        if (!get().checked) set(checkedState(current()));
      },
    };
  });
}
