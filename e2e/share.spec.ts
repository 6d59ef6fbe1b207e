import { readFile } from "node:fs/promises";
import { deflateSync } from "fflate";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createNode, decodeShareLink, DESIGN_FORMAT, DESIGN_VERSION, edgeKindBetween, encodeShareLink, type Design, type DesignNode } from "../lib/graph";

/** A small real flow: two producers → bus → rule → two targets, one writing to a table. */
function sampleDesign(name: string): Design {
  const nodes: DesignNode[] = [
    createNode("custom-app", "shop", { x: 0, y: 0 }),
    createNode("aws-service", "ec2", { x: 0, y: 160 }),
    { ...createNode("event-bus", "orders", { x: 240, y: 80 }), name: "orders" },
    { ...createNode("rule", "big", { x: 480, y: 80 }), name: "big-orders", trigger: { type: "pattern", pattern: '{"source": ["com.shop"]}' } },
    { ...createNode("lambda", "bill", { x: 720, y: 0 }), functionName: "bill" },
    { ...createNode("sqs", "audit", { x: 720, y: 160 }), queueName: "audit" },
    { ...createNode("dynamodb-table", "ledger", { x: 960, y: 0 }), tableName: "ledger" },
  ];
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links: [string, string][] = [["shop", "orders"], ["ec2", "orders"], ["orders", "big"], ["big", "bill"], ["big", "audit"], ["bill", "ledger"]];
  const edges = links.map(([source, target], i) => ({ id: `e${i}`, kind: edgeKindBetween(byId.get(source)!, byId.get(target)!)!, source, target }));
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name, description: "How orders reach billing", nodes, edges };
}

const SAMPLE_CONTENTS = "2 producers · 1 event bus · 1 rule · 2 targets · 1 downstream resource · 6 connections";

async function createViaApi(request: APIRequestContext, design: Design): Promise<{ id: string; graph: Design }> {
  const response = await request.post("/api/designs", { data: { name: design.name, description: design.description, graph: design } });
  expect(response.status()).toBe(201);
  return (await response.json()).design;
}

/** The canvas's nodes by their accessible names ("<kind label> <name>"), sorted. */
async function nodeLabels(page: Page): Promise<string[]> {
  const labels = await page.locator(".react-flow__node").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("aria-label") ?? ""));
  return labels.sort();
}

/** Zooms out to the whole design: it opens at a legible zoom, which may leave some nodes a pan away (and not drawn). */
async function showWholeDesign(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Zoom to fit" }).click();
}

function designRow(page: Page, name: string) {
  return page.getByTestId("design-row").filter({ hasText: name });
}

test.describe("Share by link", () => {
  test("a copied link opens read-only in a fresh browser and forks into the designs", async ({ browser, baseURL, request }) => {
    const name = `Shared flow ${Date.now()}`;
    const saved = await createViaApi(request, sampleDesign(name));

    // The sharer: opens the design in the designer and copies its link with "Copy link" (clipboard allowed).
    const sharer = await browser.newContext({ baseURL, permissions: ["clipboard-read", "clipboard-write"] });
    const sharerPage = await sharer.newPage();
    await sharerPage.goto(`/designs/${saved.id}`);
    await showWholeDesign(sharerPage);
    await expect(sharerPage.getByTestId("canvas-node")).toHaveCount(saved.graph.nodes.length);
    const sharedNodes = await nodeLabels(sharerPage);
    await sharerPage.getByRole("button", { name: "Copy link" }).click();
    await expect(sharerPage.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
    const copied = await sharerPage.evaluate(() => navigator.clipboard.readText());
    await sharer.close();

    // The link carries the design in its fragment, never in the path or query the server sees.
    const url = new URL(copied);
    expect(url.pathname).toBe("/share");
    expect(url.search).toBe("");
    expect(decodeShareLink(url.hash.slice(1))).toEqual(saved.graph);

    // The recipient: a fresh context with no cookies or storage.
    const recipient = await browser.newContext({ baseURL });
    const page = await recipient.newPage();
    await page.goto(copied);
    await showWholeDesign(page);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Shared design · read-only")).toBeVisible();
    await expect(page.getByTestId("shared-design-contents")).toHaveText(SAMPLE_CONTENTS);
    // The same graph on the read-only canvas: every node by kind and name, every edge, no editing tools.
    await expect(page.getByTestId("canvas-node")).toHaveCount(7);
    expect(await nodeLabels(page)).toEqual(sharedNodes);
    expect(sharedNodes).toEqual(expect.arrayContaining(["Rule big-orders", "Event bus orders", "Lambda function bill", "SQS queue audit", "DynamoDB table ledger"]));
    await expect(page.locator(".react-flow__edge")).toHaveCount(6);
    await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);

    await page.getByRole("button", { name: "Fork into my designs" }).click();
    await expect(page).toHaveURL(/\/designs\/dsn_[0-9a-z]+$/);
    const forkId = new URL(page.url()).pathname.split("/").pop()!;
    expect(forkId).not.toBe(saved.id);
    // The fork opens in the (editable) designer with the same graph.
    await showWholeDesign(page);
    await expect(page.getByTestId("canvas-node")).toHaveCount(7);
    await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();

    // Under a name of its own, so the list tells it from the original.
    await expect(page.getByLabel("Design name")).toHaveValue(`${name} (fork)`);
    const fork = await (await request.get(`/api/designs/${forkId}`)).json();
    expect(fork.design.graph).toEqual({ ...saved.graph, name: `${name} (fork)` });

    await page.goto("/designs");
    await expect(designRow(page, name)).toHaveCount(2);
    await expect(designRow(page, `${name} (fork)`)).toHaveCount(1);
    await recipient.close();
  });

  test("without a clipboard the link is shown in a selected field", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    // As on a plain-http origin: no Clipboard API at all.
    await context.addInitScript(() => Object.defineProperty(navigator, "clipboard", { value: undefined }));
    const page = await context.newPage();
    const design = sampleDesign("No clipboard");
    await page.goto(`/share#${encodeShareLink(design)}`);
    await page.getByRole("button", { name: "Copy link" }).click();
    const field = page.getByLabel("The clipboard is not available: copy this link yourself.");
    await expect(field).toBeFocused();
    const url = await field.inputValue();
    expect(decodeShareLink(new URL(url).hash.slice(1))).toEqual(design);
    expect(await field.evaluate((input: HTMLInputElement) => input.selectionEnd! - input.selectionStart!)).toBe(url.length);
    await context.close();
  });

  test("a damaged, foreign or newer link opens an error page that says what is wrong", async ({ page }) => {
    const link = encodeShareLink(sampleDesign("Damaged"));
    const cases: [fragment: string, title: string, detail: RegExp][] = [
      // Cut by a multiple of 4 characters, so the length alone does not give it away.
      [link.slice(0, link.length - 24), "This link is damaged", /truncated/],
      [`v7.${link.slice(3)}`, "This link is not one this Switchyard can read", /newer Switchyard \(link format v7\)/],
      ["", "This link has no design in it", /carries no design/],
      [`v1.${link.slice(3, 40)}$${link.slice(41)}`, "This link is damaged", /contains "\$"/],
      [`v1.${Buffer.from(deflateSync(Buffer.from('{"nodes": []}'))).toString("base64url")}`, "This link's design is not valid", /format: Not a Switchyard design/],
    ];
    for (const [fragment, title, detail] of cases) {
      await page.goto(`/share#${fragment}`);
      const alert = page.getByRole("alert", { name: title });
      await expect(alert.getByRole("heading", { level: 1 })).toHaveText(title);
      await expect(alert).toContainText(detail);
      await expect(page.getByRole("button", { name: "Fork into my designs" })).toHaveCount(0);
    }
  });
});

test.describe("Design files", () => {
  test("a valid design file imports as a new design; an invalid one says what is wrong and where", async ({ page }) => {
    const name = `Imported ${Date.now()}`;
    const design = sampleDesign(name);
    await page.goto("/designs");

    const dialog = page.getByRole("dialog", { name: "Import a design file" });
    await page.getByRole("button", { name: "Import design file" }).click();
    await expect(dialog.getByLabel("Design file")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);

    await page.getByRole("button", { name: "Import design file" }).click();
    const broken = { ...design, nodes: [{ ...design.nodes[0], apiKey: "k" }, ...design.nodes.slice(1, 3), { ...design.nodes[3], enabled: "yes" }] };
    await dialog.getByLabel("Design file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
    const report = dialog.getByRole("alert");
    await expect(report).toContainText("broken.json is not a design Switchyard can import");
    await expect(report.getByRole("listitem")).toHaveText([/^nodes\.0: .*"apiKey"/, /^nodes\.3\.enabled: /]);

    await dialog.getByLabel("Or paste the design JSON").fill('{ "format": "switchyard.design", ');
    await dialog.getByRole("button", { name: "Import pasted JSON" }).click();
    await expect(report).toContainText("The pasted JSON is not a design Switchyard can import");
    await expect(report).toContainText("(file): Not valid JSON");

    await dialog.getByLabel("Design file").setInputFiles({ name: "orders.switchyard.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(design)) });
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: `Imported “${name}”.` })).toBeVisible();
    await expect(designRow(page, name)).toBeVisible();

    // Pasting works too, and the new design holds exactly the file's graph.
    const pastedName = `${name} (pasted)`;
    await page.getByRole("button", { name: "Import design file" }).click();
    await dialog.getByLabel("Or paste the design JSON").fill(JSON.stringify({ ...design, name: pastedName }));
    await dialog.getByRole("button", { name: "Import pasted JSON" }).click();
    await expect(designRow(page, pastedName)).toBeVisible();
    const { designs } = await (await page.request.get("/api/designs")).json();
    const pasted = designs.find((d: { name: string }) => d.name === pastedName);
    const stored = await (await page.request.get(`/api/designs/${pasted.id}`)).json();
    expect(stored.design.graph).toEqual({ ...design, name: pastedName });
  });

  test("Download JSON saves the design as <name>.switchyard.json, pretty-printed, and it imports back", async ({ page, request }) => {
    const name = `Downloaded ${Date.now()}`;
    const saved = await createViaApi(request, sampleDesign(name));
    await page.goto("/designs");
    const downloading = page.waitForEvent("download");
    await designRow(page, name).getByRole("link", { name: "Download JSON" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${name}.switchyard.json`);
    const text = await readFile(await download.path(), "utf8");
    expect(text.startsWith('{\n  "format": "switchyard.design",\n  "version": 1,\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(saved.graph);

    await page.getByRole("button", { name: "Import design file" }).click();
    await page.getByLabel("Design file", { exact: true }).setInputFiles(await download.path());
    await expect(designRow(page, name)).toHaveCount(2);

    const missing = await request.get("/api/designs/dsn_doesnotexist/file");
    expect(missing.status()).toBe(404);
  });
});
