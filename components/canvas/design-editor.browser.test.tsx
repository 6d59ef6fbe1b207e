/**
 * What an edit re-renders, counted in Chromium with React's development build: typing into the
 * inspector re-renders the edited node, the inspector and the canvas that hands React Flow its
 * nodes, and not the editor's frame (layout, toolbar, palette) nor the other nodes.
 */
import "@/app/globals.css";
import type { Root } from "react-dom/client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { page, userEvent } from "vitest/browser";
import { clearRenders, renderCount } from "@/components/test/render-log";
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, type Design } from "@/lib/graph";

// React DOM looks for the DevTools hook (render-log) once, as it loads: it, and all that loads it, come after.
let ReactDom: typeof import("react-dom/client");
let Editor: (props: { opened: Design }) => React.ReactNode;
beforeAll(async () => {
  ReactDom = await import("react-dom/client");
  const [{ DesignEditor }, { useCreateEditorStore }] = await Promise.all([import("./design-editor"), import("./editor-context")]);
  Editor = function Editor({ opened }) {
    return <DesignEditor store={useCreateEditorStore(opened)} />;
  };
});

/** A producer, a bus, a rule and three targets, wired: every node on screen at the opening view. */
function design(): Design {
  const nodes = [
    createNode("custom-app", "app", { x: 0, y: 0 }),
    createNode("event-bus", "bus", { x: 300, y: 0 }),
    createNode("rule", "rule", { x: 600, y: 0 }),
    ...[0, 1, 2].map((i) => createNode("lambda", `fn${i}`, { x: 900, y: i * 120 })),
  ];
  const edges = [
    { id: "e-app", kind: "puts-events" as const, source: "app", target: "bus" },
    { id: "e-bus", kind: "feeds" as const, source: "bus", target: "rule" },
    ...[0, 1, 2].map((i) => ({ id: `e-fn${i}`, kind: "invokes" as const, source: "rule", target: `fn${i}` })),
  ];
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: "Orders", description: "", nodes, edges };
}

let root: Root | undefined;
afterEach(() => {
  root?.unmount();
  document.body.replaceChildren();
});

async function openEditor(): Promise<void> {
  const host = document.createElement("div");
  host.style.height = "800px";
  document.body.append(host);
  root = ReactDom.createRoot(host);
  root.render(<Editor opened={design()} />);
  await expect.poll(() => document.querySelectorAll('[data-testid="canvas-node"]').length).toBe(6);
  // The idle work (validation, minimap) is done before counting.
  await expect.element(page.getByRole("region", { name: "Problems" }).getByText("…")).not.toBeInTheDocument();
  await expect.element(page.getByLabelText("Minimap")).toBeInTheDocument();
}

const nodeId = (id: string) => (props: Record<string, unknown>) => props.id === id;

describe("DesignEditor render counts", () => {
  it("an edit of one node re-renders that node and the inspector, not the editor's frame", async () => {
    await openEditor();
    await userEvent.click(page.getByTestId("canvas").getByLabelText(/^Event bus /));
    const name = page.getByTestId("inspector").getByLabelText("Name", { exact: true });
    await expect.element(name).toHaveValue("bus-bus");

    clearRenders();
    await userEvent.type(name, "x");
    await expect.element(page.getByTestId("canvas").getByLabelText("Event bus bus-busx")).toBeInTheDocument();
    // Renders that follow the edit (React Flow measuring the node) land within a frame or two.
    for (let frame = 0; frame < 3; frame++) await new Promise(requestAnimationFrame);

    expect(renderCount("DesignNodeView", nodeId("bus"))).toBeGreaterThan(0);
    expect(renderCount("NodeForm")).toBeGreaterThan(0);
    expect(renderCount("EditorLayout")).toBe(0);
    expect(renderCount("EditorToolbar")).toBe(0);
    expect(renderCount("Palette")).toBe(0);
    for (const other of ["app", "rule", "fn0", "fn1", "fn2"]) expect(renderCount("DesignNodeView", nodeId(other)), other).toBe(0);
  });

  it("counts what it is told of: opening the editor renders its frame and every node", async () => {
    clearRenders();
    await openEditor();
    expect(renderCount("EditorLayout")).toBeGreaterThan(0);
    expect(renderCount("DesignNodeView")).toBeGreaterThanOrEqual(6);
  });
});
