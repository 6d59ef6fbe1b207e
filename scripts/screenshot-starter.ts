/**
 * Saves the README's screenshot of a starter design on the canvas (docs/starter-payments.png).
 *
 *   npm run build && npm start &     # or any running Switchyard
 *   npx tsx scripts/screenshot-starter.ts [--url http://127.0.0.1:3000] [--starter reward-big-payments] [--out docs/starter-payments.png]
 *
 * Saves the starter as a new design through the API (like "New from template"), opens it in
 * Debian's Chromium (the Playwright config's flags) at 1440×900 (2× pixels, so labels stay sharp), waits until every node is
 * rendered, and captures the page.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { createInputFor } from "../lib/designs/input";
import { findStarter } from "../lib/starters";
import { CHROMIUM_LAUNCH_OPTIONS } from "../e2e/chromium";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.SWITCHYARD_URL ?? "http://127.0.0.1:3000" },
    starter: { type: "string", default: "reward-big-payments" },
    out: { type: "string", default: "docs/starter-payments.png" },
  },
});

async function main(): Promise<void> {
  const starter = findStarter(values.starter);
  if (!starter) throw new Error(`No starter "${values.starter}".`);
  const design = starter.design();
  const response = await fetch(new URL("/api/designs", values.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(createInputFor(design, starter.title)),
  });
  if (response.status !== 201) throw new Error(`Saving the starter failed: HTTP ${response.status} ${await response.text()}`);
  const { design: saved } = (await response.json()) as { design: { id: string } };

  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2, colorScheme: "light" });
    await page.goto(new URL(`/designs/${encodeURIComponent(saved.id)}`, values.url).toString());
    await page.getByTestId("design-editor").waitFor();
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="canvas-node"]').length === count, design.nodes.length);
    // Let the fit-view animation settle before capturing.
    await page.waitForTimeout(800);
    mkdirSync(path.dirname(values.out), { recursive: true });
    await page.screenshot({ path: values.out });
    console.log(`Saved ${values.out} (${starter.title}, design ${saved.id})`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
