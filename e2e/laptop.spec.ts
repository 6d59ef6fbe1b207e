import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { encodeShareLink, type Design } from "../lib/graph";
import { design, node, patternRule } from "../lib/graph/test-fixtures";
import { createInputFor } from "../lib/designs/input";
import { STARTERS, type Starter } from "../lib/starters";
import { forgetAwsConnectionAfterEachTest } from "./aws-env";

/**
 * The app on the laptop screens most of its users have (1366×768 and 1440×900), light and dark:
 * a canvas whose text is legible at the zoom a design opens at, a lab that shows its verdicts when
 * it opens, test events and their link in view, an events drawer that behaves like a dialog, and
 * a plan page that puts a design's errors first.
 */

/** Text smaller than this, in screen pixels, is not legible (the computed font size times the zoom). */
const LEGIBLE_PX = 11;

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
] as const;
const SCHEMES = ["light", "dark"] as const;

/** Saves a design document through the API, as "New from template" does; answers its id. */
async function saveDesign(request: APIRequestContext, graph: Design, fallbackName: string): Promise<string> {
  const response = await request.post("/api/designs", { data: createInputFor(graph, fallbackName) });
  expect(response.status()).toBe(201);
  return (await response.json()).design.id as string;
}

const saveStarter = (request: APIRequestContext, starter: Starter) => saveDesign(request, starter.design(), starter.title);

function starter(id: string): Starter {
  const found = STARTERS.find((s) => s.id === id);
  if (!found) throw new Error(`no starter ${id}`);
  return found;
}

async function openDesign(page: Page, id: string, nodes: number): Promise<void> {
  await page.goto(`/designs/${encodeURIComponent(id)}`);
  await expect(page.getByTestId("design-editor")).toBeVisible();
  // Drawn and measured (React Flow hides a node until it has measured it).
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await expect.poll(() => page.locator(".react-flow__node").count()).toBeGreaterThan(0);
  await expect.poll(() => page.locator(".react-flow__node").count()).toBeLessThanOrEqual(nodes);
}

interface CanvasText {
  readonly zoom: number;
  /** Every text on the canvas that is drawn now: where it is, and its size on screen. */
  readonly texts: { readonly text: string; readonly px: number }[];
  /** Edges drawn now, and how many of them carry a label. */
  readonly edges: number;
  readonly labelledEdges: number;
}

/** The canvas's zoom, and every drawn node's and edge label's text at its rendered size (computed font size × zoom). */
function canvasText(page: Page): Promise<CanvasText> {
  return page.evaluate(() => {
    const transform = (document.querySelector(".react-flow__viewport") as HTMLElement).style.transform;
    const zoom = Number(/scale\(([\d.e+-]+)\)/.exec(transform)![1]);
    const texts: { text: string; px: number }[] = [];
    const withText = [...document.querySelectorAll(".react-flow__node *, .react-flow__edge-text")].filter((element) =>
      [...element.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && (child.textContent ?? "").trim() !== ""),
    );
    for (const element of withText) texts.push({ text: (element.textContent ?? "").trim(), px: parseFloat(getComputedStyle(element).fontSize) * zoom });
    const edges = document.querySelectorAll(".react-flow__edge").length;
    const labelledEdges = document.querySelectorAll(".react-flow__edge .react-flow__edge-text").length;
    return { zoom, texts, edges, labelledEdges };
  });
}

/** A node's box on screen, or null when it is not drawn. */
async function nodeBox(page: Page, nodeId: string) {
  const element = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
  return (await element.count()) === 0 ? null : element.boundingBox();
}

type Box = { x: number; y: number; width: number; height: number };
const inside = (box: Box, frame: Box) => box.x >= frame.x - 0.5 && box.y >= frame.y - 0.5 && box.x + box.width <= frame.x + frame.width + 0.5 && box.y + box.height <= frame.y + frame.height + 0.5;

/** A point of the canvas where a press lands on the empty pane (dragging there pans). */
async function emptyPanePoint(page: Page, canvas: Box): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((frame) => {
    for (let y = frame.y + 8; y < frame.y + frame.height - 8; y += 12) {
      for (let x = frame.x + 8; x < frame.x + frame.width - 8; x += 12) {
        if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
      }
    }
    return null;
  }, canvas);
  if (!point) throw new Error("no empty spot on the canvas to pan from");
  return point;
}

/** Pans the canvas (dragging the empty pane, as a user does) until `nodeId` is wholly in view. */
async function panTo(page: Page, nodeId: string, position: { x: number; y: number }, canvas: Box): Promise<void> {
  for (let attempt = 0; attempt < 12; attempt++) {
    const box = await nodeBox(page, nodeId);
    if (box && inside(box, canvas)) return;
    const { zoom } = await canvasText(page);
    const transform = await page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);
    const [tx, ty] = /translate\((-?[\d.e+-]+)px, (-?[\d.e+-]+)px\)/.exec(transform)!.slice(1).map(Number) as [number, number];
    // Where the node's centre is now, and how far it is from the canvas's centre (at most 200 px a drag).
    const centre = { x: canvas.x + tx + (position.x + 110) * zoom, y: canvas.y + ty + (position.y + 34) * zoom };
    const step = (d: number) => Math.max(-200, Math.min(200, d));
    const delta = { x: step(canvas.x + canvas.width / 2 - centre.x), y: step(canvas.y + canvas.height / 2 - centre.y) };
    const from = await emptyPanePoint(page, canvas);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + delta.x, from.y + delta.y, { steps: 5 });
    await page.mouse.up();
  }
  throw new Error(`node ${nodeId} could not be brought into view`);
}

function expectLegible(shown: CanvasText, where: string): void {
  expect(shown.texts.length, `${where}: some text drawn`).toBeGreaterThan(0);
  for (const { text, px } of shown.texts) expect(px, `${where}: "${text}" is ${px.toFixed(1)} px on screen`).toBeGreaterThanOrEqual(LEGIBLE_PX);
  // Labels are not dropped to make the design fit: every drawn edge keeps its label.
  expect(shown.labelledEdges, `${where}: every drawn edge labelled`).toBe(shown.edges);
}

/** Text a control shows must not sit outside the window. */
async function expectInWindow(page: Page, locator: ReturnType<Page["locator"]>, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  expect(box, `${what} is drawn`).not.toBeNull();
  expect(inside(box!, { x: 0, y: 0, ...size }), `${what} at ${JSON.stringify(box)} is inside the ${size.width}×${size.height} window`).toBe(true);
}

/** A bus whose rule forwards every event back to the same bus: an event loop, which validation reports as an error. */
function loopingDesign(name: string) {
  const looping = design(
    [
      node("custom-app", "app", { name: "shop", source: "com.shop", detailTypes: ["OrderPlaced"], position: { x: 0, y: 0 } }),
      node("event-bus", "bus", { name: `loop-${Date.now()}`, position: { x: 300, y: 0 } }),
      patternRule("copy", '{"source":["com.shop"]}', { position: { x: 600, y: 0 } }),
      node("event-bus-target", "fwd", { position: { x: 900, y: 0 } }),
    ],
    [
      ["app", "bus"],
      ["bus", "copy"],
      ["copy", "fwd"],
      ["fwd", "bus"],
    ],
  );
  return { ...looping, name };
}

for (const size of SIZES) {
  for (const scheme of SCHEMES) {
    test.describe(`${size.width}×${size.height}, ${scheme}`, () => {
      test.use({ viewport: size, colorScheme: scheme });
      forgetAwsConnectionAfterEachTest();

      test("every starter opens with legible text, and every node is in view or a pan away at that zoom", async ({ page, request }) => {
        test.setTimeout(180_000);
        for (const entry of STARTERS) {
          const graph = entry.design();
          await openDesign(page, await saveStarter(request, entry), graph.nodes.length);
          const canvas = (await page.getByTestId("canvas").boundingBox())!;
          const opening = await canvasText(page);
          expectLegible(opening, `${entry.title} on open`);
          for (const designNode of graph.nodes) {
            await panTo(page, designNode.id, designNode.position, canvas);
            const shown = await canvasText(page);
            // Panning keeps the zoom: nothing shrinks to come into view.
            expect(shown.zoom).toBe(opening.zoom);
            expectLegible(shown, `${entry.title}, node ${designNode.id}`);
            // The full name is on the node (no ellipsis; a tooltip is not needed to read it).
            const title = page.locator(`.react-flow__node[data-id="${designNode.id}"] [data-testid="canvas-node-title"]`);
            const clipped = await title.evaluate((element) => element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1);
            expect(clipped, `${entry.title}: the title of ${designNode.id} is shown whole`).toBe(false);
          }
        }
      });

      test("the lab shows its verdict summary and first result when it opens, docked under or beside the canvas", async ({ page, request }) => {
        const payments = starter("reward-big-payments");
        await openDesign(page, await saveStarter(request, payments), payments.design().nodes.length);
        await page.locator('.react-flow__node[data-id="payment-processed"]').click();
        await page.getByTestId("designer-lab-toggle").click();
        const panel = page.getByTestId("designer-lab-panel");
        await expect(panel.getByTestId("lab-result-row").first()).toHaveAttribute("data-verdict", /^(match|no-match)$/);
        await expectInWindow(page, panel.getByTestId("lab-counts"), "the verdict summary (docked under)");
        await expectInWindow(page, panel.getByTestId("lab-result-row").first(), "the first result (docked under)");
        // The canvas keeps room to work in.
        expect((await page.getByTestId("canvas").boundingBox())!.height).toBeGreaterThan(220);

        await panel.getByRole("button", { name: "Dock right" }).click();
        await expect(page.getByTestId("docked-panel")).toHaveAttribute("data-side", "right");
        await expectInWindow(page, panel.getByTestId("lab-counts"), "the verdict summary (docked right)");
        await expectInWindow(page, panel.getByTestId("lab-result-row").first(), "the first result (docked right)");

        // The result of Verify with AWS shows in the panel's flow: it covers neither the tabs nor the editor.
        await panel.getByTestId("lab-verify").click();
        const result = panel.getByTestId("lab-verify-result");
        await expect(result).toBeVisible();
        const [resultBox, tabsBox, editorBox] = await Promise.all([result.boundingBox(), panel.getByTestId("lab-side-tabs").boundingBox(), panel.getByTestId("lab-pattern").boundingBox()]);
        const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlaps(resultBox!, tabsBox!)).toBe(false);
        expect(overlaps(resultBox!, editorBox!)).toBe(false);
        await panel.getByRole("button", { name: "Close the lab" }).click();
        await expect(panel).toHaveCount(0);
      });

      test("Send test event shows where it went, with its link in view; Events' drawer closes on Escape and gives the focus back", async ({ page, request }) => {
        const payments = starter("reward-big-payments");
        await openDesign(page, await saveStarter(request, payments), payments.design().nodes.length);
        const status = page.getByTestId("local-run-status");
        await page.getByRole("button", { name: "Run locally" }).click();
        await expect(status).toContainText("Running locally: 1 bus, 3 rules, 3 targets.");
        await page.getByRole("button", { name: "Send test event" }).click();
        // Three rules matched: targets by their names on the canvas, the whole line readable.
        await expect(status).toContainText("Test event matched 3 rules, 3 deliveries (");
        for (const target of ["rewards", "warehouse", "shipping"]) await expect(status).toContainText(`${target}: `);
        const link = status.getByRole("link", { name: "See it in Events" });
        await expectInWindow(page, link, "See it in Events");
        await link.click();
        await page.waitForURL(/\/events\?text=/);

        const rows = page.getByTestId("event-row");
        await expect(rows).toHaveCount(1);
        const opener = rows.first().getByRole("button", { name: "demo.payments" });
        await opener.click();
        const drawer = page.getByRole("dialog", { name: "Event detail" });
        await expect(drawer).toBeFocused();
        await expect(drawer.getByTestId("matched-rules")).toContainText("payment-processed");
        await page.keyboard.press("Escape");
        await expect(drawer).toHaveCount(0);
        await expect(opener).toBeFocused();

        // A click outside closes it too.
        await opener.click();
        await expect(drawer).toBeVisible();
        await page.getByRole("heading", { name: "Events", level: 1 }).click();
        await expect(drawer).toHaveCount(0);
      });

      test("the plan page of a design with errors shows them first and offers no Apply", async ({ page, request, baseURL }) => {
        const name = `Looping ${size.width} ${scheme} ${Date.now()}`;
        const id = await saveDesign(request, loopingDesign(name), name);

        // Without a connection: the errors, and what to set up; nothing to apply.
        await page.goto(`/designs/${encodeURIComponent(id)}/push`);
        const errors = page.getByTestId("push-design-errors");
        await expect(errors).toContainText("This design has 1 error to fix before it can be applied to AWS.");
        await expect(errors).toContainText("copy: Event loop: rule copy");
        await expect(page.getByRole("button", { name: "Apply", exact: true })).toHaveCount(0);

        // With a connection (the app's own endpoint) the plan is there too, still after the errors and still without Apply.
        expect((await request.put("/api/aws/connection", { data: { region: "us-east-1", endpoint: baseURL } })).ok()).toBe(true);
        await page.reload();
        await expect(page.getByTestId("plan-summary")).toContainText("to create", { timeout: 15_000 });
        const [errorsBox, summaryBox] = await Promise.all([errors.boundingBox(), page.getByTestId("plan-summary").boundingBox()]);
        expect(errorsBox!.y).toBeLessThan(summaryBox!.y);
        await expect(page.getByRole("button", { name: "Apply", exact: true })).toHaveCount(0);
      });
    });
  }
}

/** Every page the app has, as a user reaches it. */
async function everyPage(request: APIRequestContext): Promise<{ name: string; path: string }[]> {
  const payments = starter("reward-big-payments");
  const id = await saveStarter(request, payments);
  return [
    { name: "designs", path: "/designs" },
    { name: "designer", path: `/designs/${id}` },
    { name: "push", path: `/designs/${id}/push` },
    { name: "lab", path: "/lab" },
    { name: "events", path: "/events" },
    { name: "aws", path: "/aws" },
    { name: "settings", path: "/settings" },
    { name: "share", path: `/share#${encodeShareLink(payments.design())}` },
  ];
}

test.describe("every page", () => {
  for (const scheme of SCHEMES) {
    test(`loads without a console error or a failed request (${scheme})`, async ({ page, request }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console: ${message.text()} (${page.url()})`);
      });
      page.on("response", (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
      });
      for (const { path } of await everyPage(request)) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
      }
      expect(problems).toEqual([]);
    });
  }
});

test.describe("accessibility (axe-core)", () => {
  test.use({ viewport: { width: 1366, height: 768 } });
  for (const scheme of SCHEMES) {
    test(`no serious or critical violation on any page (${scheme})`, async ({ page, request }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      const check = async (name: string) => {
        const { violations } = await new AxeBuilder({ page }).analyze();
        for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
          found.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        }
      };
      for (const { name, path } of await everyPage(request)) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        await check(name);
        if (name === "designer") {
          // And with a node selected and the lab open.
          await page.locator('.react-flow__node[data-id="payment-processed"]').click();
          await page.getByTestId("designer-lab-toggle").click();
          await expect(page.getByTestId("lab-result-row").first()).toBeVisible();
          await check("designer with the lab");
          await page.getByRole("button", { name: "Export", exact: true }).click();
          await expect(page.getByTestId("code-view")).toBeVisible();
          await check("export dialog");
        }
      }
      expect(found).toEqual([]);
    });
  }
});
