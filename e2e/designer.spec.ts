import { expect, test, type Page } from "@playwright/test";
import { openNewDesign, setInspectorCode } from "./editor";

test.use({ viewport: { width: 1600, height: 900 } });

/** Drags a palette entry onto the canvas with real pointer moves; returns the new node's id. */
async function dropFromPalette(page: Page, kind: string, x: number, y: number): Promise<string> {
  const before = await page.locator(`[data-testid="canvas-node"][data-kind="${kind}"]`).evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-node-id")));
  const canvas = (await page.getByTestId("canvas").boundingBox())!;
  await page.getByTestId(`palette-${kind}`).hover();
  await page.mouse.down();
  await page.mouse.move(canvas.x + x, canvas.y + y, { steps: 12 });
  await page.mouse.up();
  const nodes = page.locator(`[data-testid="canvas-node"][data-kind="${kind}"]`);
  await expect(nodes).toHaveCount(before.length + 1);
  const after = await nodes.evaluateAll((all) => all.map((n) => n.getAttribute("data-node-id")!));
  return after.find((id) => !before.includes(id))!;
}

const node = (page: Page, id: string) => page.locator(`[data-testid="canvas-node"][data-node-id="${id}"]`);

/** Draws an edge from one node's output handle to another's input handle. */
async function connect(page: Page, from: string, to: string) {
  const source = (await node(page, from).locator(".react-flow__handle.source").boundingBox())!;
  const target = (await node(page, to).locator(".react-flow__handle.target").boundingBox())!;
  const edges = await page.locator(".react-flow__edge").count();
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page.locator(".react-flow__edge")).toHaveCount(edges + 1);
}

test("draws a flow, checks its pattern, saves, reloads, undoes, and flags a sixth target", async ({ page, request }) => {
  const designId = await openNewDesign(page, request, `Designer e2e ${Date.now()}`);

  const app = await dropFromPalette(page, "custom-app", 130, 200);
  const bus = await dropFromPalette(page, "event-bus", 380, 200);
  const rule = await dropFromPalette(page, "rule", 630, 200);
  const lambda = await dropFromPalette(page, "lambda", 900, 60);
  const queue = await dropFromPalette(page, "sqs", 900, 150);

  await connect(page, app, bus);
  await connect(page, bus, rule);
  await connect(page, rule, lambda);
  await connect(page, rule, queue);
  // A handle refuses a connection that means nothing: a target cannot feed a producer's bus.
  const edgesBefore = await page.locator(".react-flow__edge").count();
  const queueOut = (await node(page, queue).locator(".react-flow__handle").first().boundingBox())!;
  const appBox = (await node(page, app).boundingBox())!;
  await page.mouse.move(queueOut.x + 4, queueOut.y + 4);
  await page.mouse.down();
  await page.mouse.move(appBox.x + 20, appBox.y + 20, { steps: 8 });
  await page.mouse.up();
  await expect(page.locator(".react-flow__edge")).toHaveCount(edgesBefore);

  // The rule's pattern editor shows AWS's error inline, and a valid pattern clears it.
  await node(page, rule).click();
  await setInspectorCode(page, "Event pattern", '{"source": "x"}');
  const inspector = page.getByTestId("inspector");
  await expect(inspector.getByTestId("field-problems")).toContainText('"source" must be an object or an array');
  await expect(inspector.locator(".cm-lintRange-error")).toHaveCount(1);
  await setInspectorCode(page, "Event pattern", '{"source": ["com.example.orders"]}');
  await expect(inspector.getByTestId("field-problems")).toHaveCount(0);
  await expect(inspector.locator(".cm-lintRange-error")).toHaveCount(0);

  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });
  const saved = (await (await request.get(`/api/designs/${designId}`)).json()) as { design: { graph: { nodes: { id: string; kind: string; trigger?: { pattern: string } }[]; edges: unknown[] } } };
  expect(saved.design.graph.nodes).toHaveLength(5);
  expect(saved.design.graph.edges).toHaveLength(4);
  expect(saved.design.graph.nodes.find((n) => n.id === rule)?.trigger?.pattern).toBe('{"source": ["com.example.orders"]}');

  await page.reload();
  await expect(page.getByTestId("canvas-node")).toHaveCount(5);
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
  await node(page, rule).click();
  await expect(page.getByTestId("inspector").getByRole("textbox", { name: "Event pattern" })).toHaveText('{"source": ["com.example.orders"]}');

  // Delete removes the selected node with its edges; undo and redo move through the history.
  await node(page, queue).click();
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("canvas-node")).toHaveCount(4);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.getByTestId("canvas-node")).toHaveCount(5);
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(page.getByTestId("canvas-node")).toHaveCount(4);
  await page.keyboard.press("ControlOrMeta+y");
  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.getByTestId("canvas-node")).toHaveCount(5);

  // Four more targets make six on one rule: flagged in the problems list and on the rule.
  await expect(node(page, rule).getByTestId("node-problem-badge")).toHaveCount(0);
  for (const [i, kind] of (["sns", "step-functions", "cloudwatch-logs", "firehose"] as const).entries()) {
    const target = await dropFromPalette(page, kind, 900, 240 + i * 90);
    await connect(page, rule, target);
  }
  const problems = page.getByRole("region", { name: "Problems" });
  await expect(problems).toContainText("A rule can have at most 5 targets");
  await expect(node(page, rule).getByTestId("node-problem-badge")).toHaveText("1 error");
  await page.getByTestId("design-editor").getByRole("button", { name: /at most 5 targets/ }).click();
  await expect(node(page, rule).locator("xpath=..")).toHaveClass(/selected/);

  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });
});

test("refuses a stale save from a second tab and says so", async ({ browser, request }) => {
  const created = await request.post("/api/designs", { data: { name: `Two tabs ${Date.now()}` } });
  const { design } = (await created.json()) as { design: { id: string } };
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(`/designs/${design.id}`);
  await second.goto(`/designs/${design.id}`);

  await first.getByRole("button", { name: "Add Event bus", exact: true }).click();
  await expect(first.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });

  await second.getByRole("button", { name: "Add Rule", exact: true }).click();
  await expect(second.getByRole("alert").filter({ hasText: "another tab" })).toContainText("changed in another tab — reload to see it");
  await expect(second.getByTestId("save-status")).toHaveText("Not saved: changed in another tab");

  const stored = (await (await request.get(`/api/designs/${design.id}`)).json()) as { design: { graph: { nodes: { kind: string }[] } } };
  expect(stored.design.graph.nodes.map((n) => n.kind)).toEqual(["event-bus"]);
  await context.close();
});

test("opens from the list, renames, adds by keyboard, copies and pastes a selection, lays out, and switches to dark mode", async ({ page, request }) => {
  const name = `Toolbox ${Date.now()}`;
  await request.post("/api/designs", { data: { name } });
  await page.goto("/designs");
  await page.getByRole("link", { name }).click();
  await expect(page.getByTestId("design-editor")).toBeVisible();

  // Rename in the header: saved with the document.
  const header = page.getByLabel("Design name");
  await header.fill(`${name} (renamed)`);
  await header.press("Enter");
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });

  // Keyboard users add nodes by pressing palette entries.
  await page.getByRole("button", { name: "Add Event bus", exact: true }).press("Enter");
  await page.getByRole("button", { name: "Add Rule", exact: true }).press("Enter");
  await expect(page.getByTestId("canvas-node")).toHaveCount(2);
  const [bus, rule] = await page.getByTestId("canvas-node").evaluateAll((all) => all.map((n) => n.getAttribute("data-node-id")!));
  await connect(page, bus!, rule!);

  // Multi-select with Ctrl+click, copy, paste: two new nodes with their edge, selected.
  await node(page, bus!).click();
  await node(page, rule!).click({ modifiers: ["ControlOrMeta"] });
  await expect(page.getByTestId("inspector")).toContainText("2 nodes selected");
  await page.keyboard.press("ControlOrMeta+c");
  await page.keyboard.press("ControlOrMeta+v");
  await expect(page.getByTestId("canvas-node")).toHaveCount(4);
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(2);
  const ids = await page.getByTestId("canvas-node").evaluateAll((all) => all.map((n) => n.getAttribute("data-node-id")));
  expect(new Set(ids).size).toBe(4);

  // Auto-layout puts the bus left of its rule.
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await page.getByRole("button", { name: "Zoom to fit" }).click();
  const busBox = (await node(page, bus!).boundingBox())!;
  const ruleBox = (await node(page, rule!).boundingBox())!;
  expect(busBox.x + busBox.width).toBeLessThan(ruleBox.x);

  // The help overlay lists the shortcuts; Escape closes it.
  await page.getByTestId("canvas").click({ position: { x: 10, y: 10 } });
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Dark mode (the header's colour scheme switch): a class on <html> and the canvas's, kept across a reload.
  await page.getByRole("group", { name: "Color scheme" }).getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.locator(".react-flow")).toHaveClass(/dark/);
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.locator(".react-flow")).toHaveClass(/dark/);
  await expect(page.getByLabel("Design name")).toHaveValue(`${name} (renamed)`);
  await expect(page.getByTestId("canvas-node")).toHaveCount(4);
});

test("a design that does not exist answers 404 with a page that says so", async ({ page }) => {
  const response = await page.goto("/designs/dsn_doesnotexist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Design not found" })).toBeVisible();
});

test("edits a rule's role and a target's id in the inspector, with their problems shown on the fields", async ({ page, request }) => {
  const name = `Role and target id ${Date.now()}`;
  const retryPolicy = { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 };
  const graph = {
    format: "switchyard.design",
    version: 1,
    name,
    description: "",
    nodes: [
      { id: "bus", kind: "event-bus", position: { x: 0, y: 0 }, busType: "classic", variant: "custom", name: "orders" },
      { id: "rule", kind: "rule", position: { x: 260, y: 0 }, name: "forward", description: "", enabled: true, trigger: { type: "pattern", pattern: '{"source": ["com.shop"]}' } },
      { id: "bill", kind: "lambda", position: { x: 520, y: 0 }, functionName: "bill", crossAccount: false, input: { type: "matched-event" }, retryPolicy },
    ],
    edges: [
      { id: "e1", kind: "feeds", source: "bus", target: "rule" },
      { id: "e2", kind: "invokes", source: "rule", target: "bill" },
    ],
  };
  const created = await request.post("/api/designs", { data: { name, graph } });
  expect(created.status()).toBe(201);
  const { design } = (await created.json()) as { design: { id: string } };
  await page.goto(`/designs/${design.id}`);
  const inspector = page.getByTestId("inspector");

  await node(page, "rule").click();
  const role = inspector.getByLabel("Role ARN", { exact: true });
  await expect(role).toHaveValue("");
  await role.fill("role/forward");
  await expect(inspector.getByTestId("field-problems")).toContainText("A role ARN looks like arn:aws:iam::<account>:role/<name>");
  await role.fill("arn:aws:iam::111122223333:role/forward");
  await expect(inspector.getByTestId("field-problems")).toHaveCount(0);

  await node(page, "bill").click();
  const targetId = inspector.getByLabel("Target Id", { exact: true });
  await expect(targetId).toHaveAttribute("placeholder", "empty: derived from the node id");
  await targetId.fill("bad id");
  await expect(inspector.getByTestId("field-problems")).toContainText("A target id is 1 to 64 letters");
  await targetId.fill("Target0");
  await expect(inspector.getByTestId("field-problems")).toHaveCount(0);

  // Saved by autosave: read back through the API until it lands.
  type Saved = { design: { graph: { nodes: { id: string; roleArn?: string; targetId?: string }[] } } };
  const savedNode = async (id: string) => ((await (await request.get(`/api/designs/${design.id}`)).json()) as Saved).design.graph.nodes.find((n) => n.id === id)!;
  await expect.poll(async () => (await savedNode("rule")).roleArn, { timeout: 10_000 }).toBe("arn:aws:iam::111122223333:role/forward");
  await expect.poll(async () => (await savedNode("bill")).targetId, { timeout: 10_000 }).toBe("Target0");

  // Emptied, the optional field leaves the design: AWS's id is generated again.
  await targetId.fill("");
  await expect.poll(async () => "targetId" in (await savedNode("bill")), { timeout: 10_000 }).toBe(false);
});
