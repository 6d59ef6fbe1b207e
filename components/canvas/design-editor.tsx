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
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useDarkMode } from "@/components/shell/color-scheme";
import { categoryOf, NODE_KINDS, type Design, type NodeKind } from "@/lib/graph";
import { EditorStoreContext, useEditor, useEditorStoreApi } from "./editor-context";
import { NODE_SIZE, type DesignFlowEdge, type DesignFlowNode } from "./flow-mapping";
import { HighlightContext, NO_HIGHLIGHT, type CanvasHighlight } from "./highlight";
import { Inspector } from "./inspector";
import { CATEGORY_STYLES } from "./kind-views";
import { NODE_TYPES } from "./node-view";
import { Palette, PALETTE_MIME } from "./palette";
import { ProblemsPanel } from "./problems-panel";
import { ShortcutHelp } from "./shortcuts";
import { createEditorStore } from "./store";
import { FIT_OPTIONS, LABEL_MIN_ZOOM, openingViewport } from "./viewport";
import { whenIdle } from "./when-idle";

export interface DesignEditorProps {
  /** The document to edit; a different document passed later replaces the editor's (and its history). */
  design: Design;
  /** View only: no palette, no editing, a read-only inspector; pan, zoom and select still work. */
  readOnly?: boolean;
  /** Every change of the document (edits, moves, undo/redo), with the whole new document. */
  onChange?: (design: Design) => void;
  /** Extra controls at the end of the toolbar (save state, share, export…). */
  toolbarExtras?: React.ReactNode;
  /** Nodes and edges to light up, e.g. the path a test event took through the design. */
  highlight?: CanvasHighlight;
  /** A panel under the canvas, inside the editor (so it can use the editor store), e.g. the lab. */
  bottomPanel?: React.ReactNode;
}

export function DesignEditor(props: DesignEditorProps) {
  const [store] = useState(() => createEditorStore(props.design, props.readOnly ?? false, { deferCheck: true }));
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <HighlightContext.Provider value={props.highlight ?? NO_HIGHLIGHT}>
          <EditorLayout {...props} />
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

const HIGHLIGHTED_EDGE_STYLE = { stroke: "#059669", strokeWidth: 2.5 };
function EditorLayout({ design, readOnly = false, onChange, toolbarExtras, highlight = NO_HIGHLIGHT, bottomPanel }: DesignEditorProps) {
  const store = useEditorStoreApi();
  const flow = useReactFlow<DesignFlowNode, DesignFlowEdge>();
  const canvas = useRef<HTMLDivElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const dark = useDarkMode();

  const nodes = useEditor((s) => s.nodes);
  const storeEdges = useEditor((s) => s.edges);
  const showLabels = useFlowStore((s) => s.transform[2] >= LABEL_MIN_ZOOM);
  // The canvas mounts once its size is known, at the view the design opens at (no fit after a
  // first render at 100 %: that would render, then throw away, a screenful of nodes).
  const [initialViewport, setInitialViewport] = useState<Viewport>();
  useLayoutEffect(() => {
    const rect = canvas.current?.getBoundingClientRect();
    setInitialViewport(openingViewport(store.getState().nodes, rect?.width ?? 0, rect?.height ?? 0));
  }, [store]);
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
  // Lit edges are drawn animated; the store keeps the plain ones.
  const edges = useMemo(
    () =>
      highlight.edgeIds.size === 0 && showLabels
        ? storeEdges
        : storeEdges.map((edge) => {
            const lit = highlight.edgeIds.has(edge.id) ? { animated: true, style: HIGHLIGHTED_EDGE_STYLE } : {};
            return { ...edge, ...lit, ...(showLabels ? {} : { label: undefined }) };
          }),
    [storeEdges, highlight, showLabels],
  );
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const actions = useEditor((s) => s);

  // Report document changes outside the store body; remember what we reported so a parent echoing it back is not a reload.
  const known = useRef(design);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.revision === previous.revision) return;
        const next = state.design();
        known.current = next;
        onChangeRef.current?.(next);
      }),
    [store],
  );
  useEffect(() => {
    if (design === known.current) return;
    known.current = design;
    store.getState().load(design);
  }, [design, store]);
  useEffect(() => {
    store.setState({ readOnly });
  }, [readOnly, store]);

  const zoomToFit = useCallback(() => void flow.fitView({ ...FIT_OPTIONS, duration: 250 }), [flow]);

  /** Selects a problem's node (or edge) and centres the view on it. */
  const focusProblem = useCallback(
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

  /** Keyboard users add a node by pressing its palette entry: it lands in the middle of the view. */
  const addInView = useCallback(
    (kind: NodeKind) => {
      const rect = canvas.current?.getBoundingClientRect();
      if (!rect) return;
      const centre = flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      store.getState().addNode(kind, freeSpot(store.getState().nodes, { x: centre.x - DROP_OFFSET.x, y: centre.y - DROP_OFFSET.y }));
    },
    [flow, store],
  );

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
  }, [store, zoomToFit]);

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

  const button =
    "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";

  return (
    <div data-testid="design-editor" className="flex h-full min-h-0 flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <div role="toolbar" aria-label="Editor" className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
        {!readOnly && (
          <>
            <button type="button" className={button} onClick={actions.undo} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
              ↶ Undo
            </button>
            <button type="button" className={button} onClick={actions.redo} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
              ↷ Redo
            </button>
            <span className="mx-1 h-5 w-px bg-slate-200 dark:bg-slate-700" aria-hidden />
            <button type="button" className={button} onClick={actions.autoLayout} disabled={nodes.length === 0} title="Arrange left to right by category">
              Auto-layout
            </button>
          </>
        )}
        <button type="button" className={button} onClick={zoomToFit} title="Zoom to fit (Shift+1)">
          Zoom to fit
        </button>
        <button type="button" className={button} onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
        {toolbarExtras && <div className="ml-auto flex items-center gap-2">{toolbarExtras}</div>}
      </div>

      <div className="flex min-h-0 flex-1">
        {!readOnly && (
          <aside className="w-56 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
            <Palette onAdd={addInView} />
          </aside>
        )}
        <div
          ref={canvas}
          className="relative min-w-0 flex-1"
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
                <MiniMap<DesignFlowNode> pannable zoomable nodeColor={(node) => CATEGORY_STYLES[categoryOf(node.data.node.kind)].minimap} ariaLabel="Minimap" />
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
        <aside className="flex w-80 shrink-0 flex-col border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="min-h-0 flex-1 overflow-y-auto" data-testid="inspector">
            <Inspector />
          </div>
          <div className="flex h-56 shrink-0 flex-col border-t border-slate-200 dark:border-slate-800">
            <ProblemsPanel onFocus={focusProblem} />
          </div>
        </aside>
      </div>
      {bottomPanel && <div className="h-[45%] shrink-0 overflow-y-auto border-t border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">{bottomPanel}</div>}
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
