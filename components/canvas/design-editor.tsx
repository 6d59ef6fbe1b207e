"use client";

import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore as useFlowStore,
  type DefaultEdgeOptions,
  type IsValidConnection,
  type Viewport,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { useDarkMode } from "@/components/shell/color-scheme";
import { acceptBoolean, useStoredPreference } from "@/components/shell/stored-preference";
import { categoryOf, NODE_KINDS, type NodeKind } from "@/lib/graph";
import { DockedPanel, type DockedPanelSpec } from "./docked-panel";
import { EDGE_TYPES } from "./edge-view";
import { EditorStoreContext, useEditor, useEditorStoreApi } from "./editor-context";
import { NODE_SIZE, type DesignFlowEdge, type DesignFlowNode } from "./flow-mapping";
import { HighlightContext, NO_HIGHLIGHT, type CanvasHighlight } from "./highlight";
import { Inspector } from "./inspector";
import { CATEGORY_STYLES } from "./kind-views";
import { NODE_TYPES } from "./node-view";
import { Palette, PALETTE_MIME } from "./palette";
import { ProblemsPanel } from "./problems-panel";
import { ShortcutHelp } from "./shortcuts";
import type { EditorStore } from "./store";
import { FIT_OPTIONS, LABEL_MIN_ZOOM, openingViewport } from "./viewport";
import { whenIdle } from "./when-idle";

export interface DesignEditorProps {
  /** The store that owns the document (`useCreateEditorStore`); whoever saves or shares it reads it there. */
  store: EditorStore;
  /** Extra controls at the end of the toolbar (save state, share, export…). */
  toolbarExtras?: React.ReactNode;
  /** Nodes and edges to light up, e.g. the path a test event took through the design. */
  highlight?: CanvasHighlight;
  /**
   * A panel docked under the canvas or in place of the inspector, inside the editor (so it can use
   * the editor store), e.g. the lab.
   */
  dockedPanel?: DockedPanelSpec;
}

/**
 * The designer: toolbar, palette, canvas, inspector and problems around one editor store. The
 * store's `readOnly` gives a view-only editor: no palette, no editing, a read-only inspector;
 * pan, zoom and select still work. Each part subscribes to the state it shows, so an edit
 * re-renders the canvas and what shows the edited node, not this frame.
 */
export function DesignEditor({ store, highlight = NO_HIGHLIGHT, toolbarExtras, dockedPanel }: DesignEditorProps) {
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <HighlightContext.Provider value={highlight}>
          <EditorLayout toolbarExtras={toolbarExtras} dockedPanel={dockedPanel} />
        </HighlightContext.Provider>
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

const DEFAULT_EDGE_OPTIONS: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
/** Half a node, so a dropped node lands centred under the pointer. */
const DROP_OFFSET = { x: NODE_SIZE.width / 2, y: NODE_SIZE.height / 2 };

/** `wanted`, or the first spot below it where a node does not cover another one. */
function freeSpot(nodes: readonly DesignFlowNode[], wanted: { x: number; y: number }): { x: number; y: number } {
  const step = 90;
  for (let i = 0; i < 50; i++) {
    const spot = { x: wanted.x, y: wanted.y + i * step };
    const covered = nodes.some((n) => {
      const width = n.measured?.width ?? NODE_SIZE.width;
      const height = n.measured?.height ?? NODE_SIZE.height;
      return Math.abs(n.position.x - spot.x) < width + 20 && spot.y < n.position.y + height + 10 && n.position.y < spot.y + step - 10;
    });
    if (!covered) return spot;
  }
  return wanted;
}

function isTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

const BUTTON =
  "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";

function EditorLayout({ toolbarExtras, dockedPanel }: Pick<DesignEditorProps, "toolbarExtras" | "dockedPanel">) {
  const readOnly = useEditor((s) => s.readOnly);
  const canvas = useRef<HTMLDivElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const zoomToFit = useZoomToFit();
  useEditorShortcuts(zoomToFit, setHelpOpen);
  const addInView = useAddInView(canvas);
  const focusProblem = useFocusProblem();
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);

  return (
    <div data-testid="design-editor" className="flex h-full min-h-0 flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <EditorToolbar readOnly={readOnly} onZoomToFit={zoomToFit} onHelp={openHelp} extras={toolbarExtras} />
      <div className="flex min-h-0 flex-1">
        {!readOnly && (
          <SidePanel side="left" name="palette" title="Palette">
            <Palette onAdd={addInView} />
          </SidePanel>
        )}
        <EditorCanvas containerRef={canvas} readOnly={readOnly} />
        {dockedPanel?.side === "right" ? (
          <DockedPanel {...dockedPanel} />
        ) : (
          <SidePanel side="right" name="inspector" title="Inspector" railNote={<ProblemCount />}>
            <div className="flex h-full flex-col">
              <div className="min-h-0 flex-1 overflow-y-auto" data-testid="inspector">
                <Inspector />
              </div>
              <div className="flex h-56 max-h-[45%] shrink-0 flex-col border-t border-slate-200 dark:border-slate-800">
                <ProblemsPanel onFocus={focusProblem} />
              </div>
            </div>
          </SidePanel>
        )}
      </div>
      {dockedPanel?.side === "bottom" && <DockedPanel {...dockedPanel} />}
      {helpOpen && <ShortcutHelp onClose={closeHelp} />}
    </div>
  );
}

/**
 * A side column that folds into a slim rail (its choice remembered), so a small screen can give
 * the canvas the width: the palette on the left, the inspector and problems on the right.
 */
function SidePanel({ side, name, title, railNote, children }: { side: "left" | "right"; name: string; title: string; railNote?: React.ReactNode; children: React.ReactNode }) {
  const [collapsed, setCollapsed] = useStoredPreference(`switchyard.designer.${name}-collapsed`, false, acceptBoolean);
  const border = side === "left" ? "border-r" : "border-l";
  const [hide, show] = side === "left" ? ["‹", "›"] : ["›", "‹"];
  if (collapsed) {
    return (
      <aside aria-label={title} data-testid={`${name}-rail`} className={`flex w-9 shrink-0 flex-col items-center gap-2 ${border} border-slate-200 bg-white py-2 dark:border-slate-800 dark:bg-slate-900`}>
        <button type="button" onClick={() => setCollapsed(false)} aria-expanded={false} aria-label={`Show ${title.toLowerCase()}`} title={`Show ${title.toLowerCase()}`} className={RAIL_BUTTON}>
          {show}
        </button>
        <span aria-hidden className="text-xs font-medium text-slate-500 [writing-mode:vertical-rl] dark:text-slate-400">
          {title}
        </span>
        {railNote}
      </aside>
    );
  }
  return (
    <aside aria-label={title} className={`flex shrink-0 flex-col ${side === "left" ? "w-56" : "w-80"} ${border} border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900`}>
      <div className="flex h-8 shrink-0 items-center justify-between border-b border-slate-200 pl-4 pr-1.5 dark:border-slate-800">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">{title}</h2>
        <button type="button" onClick={() => setCollapsed(true)} aria-expanded aria-label={`Hide ${title.toLowerCase()}`} title={`Hide ${title.toLowerCase()}`} className={RAIL_BUTTON}>
          {hide}
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
    </aside>
  );
}

const RAIL_BUTTON =
  "flex h-6 w-6 items-center justify-center rounded-md text-base leading-none text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-slate-100";

/** On the folded inspector's rail: how many problems the design has, so none go unnoticed. */
function ProblemCount() {
  const problems = useEditor((s) => s.problems);
  const errors = problems.filter((p) => p.severity === "error").length;
  if (problems.length === 0) return null;
  return (
    <span
      title={`${problems.length} problem${problems.length === 1 ? "" : "s"}`}
      className={`rounded-full px-1.5 text-xs font-semibold text-white ${errors > 0 ? "bg-red-600" : "bg-amber-700"}`}
    >
      {problems.length}
    </span>
  );
}

function useZoomToFit(): () => void {
  const flow = useReactFlow<DesignFlowNode, DesignFlowEdge>();
  return useCallback(() => void flow.fitView({ ...FIT_OPTIONS, duration: 250 }), [flow]);
}

/** The editor's keys on the whole page (not while typing in a field): undo, copy, delete, help… */
function useEditorShortcuts(zoomToFit: () => void, setHelpOpen: React.Dispatch<React.SetStateAction<boolean>>) {
  const store = useEditorStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTextInput(event.target)) return;
      const state = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (event.key === "Escape") {
        setHelpOpen(false);
        return;
      }
      if (event.key === "?") setHelpOpen((open) => !open);
      else if (event.shiftKey && event.code === "Digit1") zoomToFit();
      else if (state.readOnly) return;
      else if (mod && key === "z") {
        if (event.shiftKey) state.redo();
        else state.undo();
      }
      else if (mod && key === "y") state.redo();
      else if (mod && key === "c") state.copySelection();
      else if (mod && key === "v") state.paste();
      else if (event.key === "Delete" || event.key === "Backspace") state.deleteSelection();
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [store, zoomToFit, setHelpOpen]);
}

/** Keyboard users add a node by pressing its palette entry: it lands in the middle of the view. */
function useAddInView(canvas: RefObject<HTMLDivElement | null>): (kind: NodeKind) => void {
  const store = useEditorStoreApi();
  const flow = useReactFlow<DesignFlowNode, DesignFlowEdge>();
  return (kind: NodeKind) => {
    const rect = canvas.current?.getBoundingClientRect();
    if (!rect) return;
    const centre = flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    store.getState().addNode(kind, freeSpot(store.getState().nodes, { x: centre.x - DROP_OFFSET.x, y: centre.y - DROP_OFFSET.y }));
  };
}

/** Selects a problem's node (or edge) and centres the view on it. */
function useFocusProblem(): (target: { nodeId?: string; edgeId?: string }) => void {
  const store = useEditorStoreApi();
  const flow = useReactFlow<DesignFlowNode, DesignFlowEdge>();
  return useCallback(
    ({ nodeId, edgeId }: { nodeId?: string; edgeId?: string }) => {
      const edge = nodeId === undefined && edgeId !== undefined ? flow.getEdge(edgeId) : undefined;
      const ends = nodeId !== undefined ? [nodeId] : edge ? [edge.source, edge.target] : [];
      store.getState().select(nodeId !== undefined ? [nodeId] : [], edge ? [edge.id] : []);
      const boxes = ends.flatMap((id) => {
        const node = flow.getNode(id);
        return node ? [{ x: node.position.x + (node.measured?.width ?? NODE_SIZE.width) / 2, y: node.position.y + (node.measured?.height ?? NODE_SIZE.height) / 2 }] : [];
      });
      if (boxes.length === 0) return;
      const x = boxes.reduce((sum, b) => sum + b.x, 0) / boxes.length;
      const y = boxes.reduce((sum, b) => sum + b.y, 0) / boxes.length;
      void flow.setCenter(x, y, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
    },
    [flow, store],
  );
}

function EditorToolbar({ readOnly, onZoomToFit, onHelp, extras }: { readOnly: boolean; onZoomToFit: () => void; onHelp: () => void; extras: React.ReactNode }) {
  return (
    <div role="toolbar" aria-label="Editor" className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
      {!readOnly && <EditButtons />}
      <button type="button" className={BUTTON} onClick={onZoomToFit} title="Zoom to fit (Shift+1)">
        Zoom to fit
      </button>
      <button type="button" className={BUTTON} onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
      {extras && <div className="ml-auto flex items-center gap-2">{extras}</div>}
    </div>
  );
}

/** Undo, redo and auto-layout: they re-render when whether they can act changes, not on every edit. */
function EditButtons() {
  const { undo, redo, autoLayout } = useEditorStoreApi().getState();
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const empty = useEditor((s) => s.nodes.length === 0);
  return (
    <>
      <button type="button" className={BUTTON} onClick={undo} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
        ↶ Undo
      </button>
      <button type="button" className={BUTTON} onClick={redo} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
        ↷ Redo
      </button>
      <span className="mx-1 h-5 w-px bg-slate-200 dark:bg-slate-700" aria-hidden />
      <button type="button" className={BUTTON} onClick={autoLayout} disabled={empty} title="Arrange left to right by category">
        Auto-layout
      </button>
    </>
  );
}

/** Small enough to leave a short canvas (the lab docked under it) mostly free. */
const MINIMAP_SIZE = { width: 160, height: 100 };

const HIGHLIGHTED_EDGE_STYLE = { stroke: "#059669", strokeWidth: 2.5 };

/** Lit edges are drawn animated, and labels are left out when zoomed too far out to read them; the store keeps the plain edges. */
function useShownEdges(): DesignFlowEdge[] {
  const storeEdges = useEditor((s) => s.edges);
  const highlight = useContext(HighlightContext);
  const showLabels = useFlowStore((s) => s.transform[2] >= LABEL_MIN_ZOOM);
  return useMemo(
    () =>
      highlight.edgeIds.size === 0 && showLabels
        ? storeEdges
        : storeEdges.map((edge) => {
            const lit = highlight.edgeIds.has(edge.id) ? { animated: true, style: HIGHLIGHTED_EDGE_STYLE } : {};
            return { ...edge, ...lit, ...(showLabels ? {} : { label: undefined }) };
          }),
    [storeEdges, highlight, showLabels],
  );
}

/** React Flow bound to the store: the one part of the editor that re-renders on every edit of the graph. */
function EditorCanvas({ containerRef, readOnly }: { containerRef: RefObject<HTMLDivElement | null>; readOnly: boolean }) {
  const store = useEditorStoreApi();
  const actions = store.getState();
  const flow = useReactFlow<DesignFlowNode, DesignFlowEdge>();
  const dark = useDarkMode();
  const nodes = useEditor((s) => s.nodes);
  const edges = useShownEdges();

  // The canvas mounts once its size is known, at the view the design opens at (no fit after a
  // first render at 100 %: that would render, then throw away, a screenful of nodes).
  const [initialViewport, setInitialViewport] = useState<Viewport>();
  useLayoutEffect(() => {
    const rect = containerRef.current?.getBoundingClientRect();
    setInitialViewport(openingViewport(store.getState().nodes, rect?.width ?? 0, rect?.height ?? 0));
  }, [containerRef, store]);
  // Work the first paint does not need, done once the browser is idle: validating the design, and
  // the minimap (a rectangle per node, where the canvas draws only what is in view).
  const [idleAfterOpen, setIdleAfterOpen] = useState(false);
  useEffect(
    () =>
      whenIdle(() => {
        store.getState().check();
        setIdleAfterOpen(true);
      }),
    [store],
  );

  const isValidConnection: IsValidConnection<DesignFlowEdge> = useCallback((connection) => store.getState().canConnect(connection), [store]);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME);
      if (!NODE_KINDS.includes(kind as NodeKind)) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().addNode(kind as NodeKind, { x: at.x - DROP_OFFSET.x, y: at.y - DROP_OFFSET.y });
    },
    [flow, store],
  );

  return (
    <div
      ref={containerRef}
      // A size container, so the minimap can leave a short canvas alone.
      className="relative min-w-0 flex-1 [container-type:size]"
      data-testid="canvas"
      onDragOver={(event) => {
        if (readOnly || !event.dataTransfer.types.includes(PALETTE_MIME)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
      }}
      onDrop={readOnly ? undefined : onDrop}
    >
      {initialViewport && (
        <ReactFlow<DesignFlowNode, DesignFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={actions.onNodesChange}
          onEdgesChange={actions.onEdgesChange}
          onConnect={actions.connect}
          isValidConnection={isValidConnection}
          onNodeDragStart={actions.beginDrag}
          onNodeDragStop={actions.endDrag}
          onSelectionDragStart={actions.beginDrag}
          onSelectionDragStop={actions.endDrag}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={["Meta", "Control"]}
          className={readOnly ? "read-only" : undefined}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
          colorMode={dark ? "dark" : "light"}
          defaultViewport={initialViewport}
          onlyRenderVisibleElements
          minZoom={0.1}
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
          <Controls showInteractive={false} />
          {idleAfterOpen && (
            <MiniMap<DesignFlowNode>
              pannable
              zoomable
              style={MINIMAP_SIZE}
              nodeColor={(node) => CATEGORY_STYLES[categoryOf(node.data.node.kind)].minimap}
              ariaLabel="Minimap"
              className="[@container(max-height:26rem)]:hidden"
            />
          )}
        </ReactFlow>
      )}
      {nodes.length === 0 && !readOnly && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <p className="rounded-lg border border-dashed border-slate-300 bg-white/80 px-4 py-3 text-sm text-slate-500 dark:border-slate-700 dark:bg-slate-900/80 dark:text-slate-400">
            Drag a producer, a bus, a rule and targets from the palette, then connect their handles.
          </p>
        </div>
      )}
    </div>
  );
}
