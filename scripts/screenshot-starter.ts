/**
 * Saves the README's screenshot of a starter design on the canvas (docs/starter-payments.png)
 * and, with --pages, a screenshot of every page at 1366×768, light and dark (docs/screenshots/).
 *
 *   npm run build && npm start &     # or any running Switchyard
 *   npx tsx scripts/screenshot-starter.ts [--url http://127.0.0.1:3000] [--starter reward-big-payments] [--out docs/starter-payments.png] [--pages docs/screenshots]
 *
 * Saves the starter as a new design through the API (like "New from template"), opens it in
 * Debian's Chromium (the Playwright config's flags) at 1440×900 (2× pixels, so labels stay sharp), waits until every node in
 * view is rendered, and captures the page. The page screenshots (1× pixels, to keep them small)
 * show the same design: in the designer (and with its lab open on a rule), its push plan, its
 * share link, after a test event sent with "Run locally" (the Events page has it), and the other
 * pages as they open.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import { createInputFor } from "../lib/designs/input";
import { encodeShareLink } from "../lib/graph";
import { findStarter, type Starter } from "../lib/starters";
import { CHROMIUM_LAUNCH_OPTIONS } from "../e2e/chromium";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.SWITCHYARD_URL ?? "http://127.0.0.1:3000" },
    starter: { type: "string", default: "reward-big-payments" },
    out: { type: "string", default: "docs/starter-payments.png" },
    pages: { type: "string" },
  },
});

async function saveStarter(starter: Starter): Promise<string> {
  const response = await fetch(new URL("/api/designs", values.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(createInputFor(starter.design(), starter.title)),
  });
  if (response.status !== 201) throw new Error(`Saving the starter failed: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { design: { id: string } }).design.id;
}

const at = (route: string) => new URL(route, values.url).toString();

/** Waits until the canvas has drawn its nodes and the opening view has settled. */
async function canvasReady(page: Page): Promise<void> {
  await page.getByTestId("design-editor").waitFor();
  await page.locator(".react-flow__node").first().waitFor();
  await page.waitForTimeout(800);
}

async function starterScreenshot(browser: Browser, id: string, title: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2, colorScheme: "light" });
  await page.goto(at(`/designs/${encodeURIComponent(id)}`));
  await canvasReady(page);
  // Nothing is selected, so the inspector would be empty: folded into its rail (remembered), the
  // canvas reopens wide enough for the whole design at its opening zoom.
  await page.getByRole("button", { name: "Hide inspector" }).click();
  await page.reload();
  await canvasReady(page);
  mkdirSync(path.dirname(values.out), { recursive: true });
  await page.screenshot({ path: values.out });
  console.log(`Saved ${values.out} (${title}, design ${id})`);
  await page.close();
}

/** Every page at 1366×768 in `scheme`, as `<dir>/<page>-<scheme>.png`. */
async function pageScreenshots(browser: Browser, dir: string, starter: Starter, id: string, scheme: "light" | "dark"): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, colorScheme: scheme });
  const shoot = async (name: string) => {
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(dir, `${name}-${scheme}.png`) });
    console.log(`Saved ${path.join(dir, `${name}-${scheme}.png`)}`);
  };
  const designer = at(`/designs/${encodeURIComponent(id)}`);

  await page.goto(designer);
  await canvasReady(page);
  await page.getByRole("button", { name: "Run locally" }).click();
  await page.getByTestId("local-run-status").filter({ hasText: "Running locally" }).waitFor();
  await page.getByRole("button", { name: "Send test event" }).click();
  await page.getByTestId("local-run-status").getByRole("link", { name: "See it in Events" }).waitFor();
  await shoot("designer");
  const rule = starter.design().nodes.find((node) => node.kind === "rule");
  if (rule) {
    await page.locator(`.react-flow__node[data-id="${rule.id}"]`).click();
    await page.getByTestId("designer-lab-toggle").click();
    await page.getByTestId("lab-result-row").first().waitFor();
    await shoot("designer-lab");
  }
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await page.getByTestId("code-view").waitFor();
  await shoot("designer-export");

  for (const [name, route] of [
    ["designs", "/designs"],
    ["push", `/designs/${encodeURIComponent(id)}/push`],
    ["lab", "/lab"],
    ["events", "/events"],
    ["aws", "/aws"],
    ["settings", "/settings"],
    ["share", `/share#${encodeShareLink(starter.design())}`],
  ] as const) {
    await page.goto(at(route));
    if (name === "share") await canvasReady(page);
    await shoot(name);
  }
  await page.close();
}

async function main(): Promise<void> {
  const starter = findStarter(values.starter);
  if (!starter) throw new Error(`No starter "${values.starter}".`);
  const id = await saveStarter(starter);
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    await starterScreenshot(browser, id, starter.title);
    if (values.pages !== undefined) {
      mkdirSync(values.pages, { recursive: true });
      for (const scheme of ["light", "dark"] as const) await pageScreenshots(browser, values.pages, starter, id, scheme);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
