/**
 * Designer benchmark: how fast a generated 1,000-node design opens and becomes interactive.
 *
 *   npm run build && npm run bench:designer -- [--nodes 1000] [--runs 5] [--reference 20]
 *
 * Starts the built app (`npm start`) on a free loopback port with a throw-away SQLite database,
 * creates the design through the API, then opens `/designs/<id>` in Debian's Chromium (the
 * Playwright config's flags): once to warm the server, then `--runs` times in a fresh browser
 * context each (cold: empty cache, as on a first visit) and `--runs` times in one context (warm:
 * scripts cached, as when reopening a design). The same runs on a small design of `--reference`
 * nodes (0: skip) tell the page's own cost from the cost of the design's size. It prints every
 * run and the medians; the server stops after.
 *
 * A design too large to read when fitted opens at a legible zoom on its top-left corner, and the
 * canvas renders only what is in view (components/canvas/viewport.ts), so the figures are:
 * - rendered: the first animation frame in which every node inside the opening view (by the
 *   design's own positions and the view's transform, not by what the canvas chose to render)
 *   is in the DOM and measured (React Flow keeps a node `visibility: hidden` until then), with
 *   every edge between two of them drawn;
 * - interactive: the moment the node nearest the view's centre, clicked (Playwright's click,
 *   with its checks that the node is visible, stable and hit) as soon as the view was rendered,
 *   shows as selected (its `selected` class, seen by a MutationObserver). This includes the
 *   benchmark's own round trips to issue the click, so it errs on the slow side;
 * - zoom to fit (warm runs): after that, from a click on "Zoom to fit" until everything in the
 *   fitted view (the whole design, or as much as the 10 % minimum zoom shows) is rendered, its
 *   250 ms animation included: the cost of seeing it all.
 * All are milliseconds from navigation start (the page's `performance.timeOrigin`), wall-clock,
 * so they grow when other processes share the CPU. So each run also reports the CPU time spent
 * from navigation to interactive by Chromium (all its processes, from the DevTools protocol) and
 * by the app server (its process group, from /proc): on a busy machine that is the better guide.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import { CHROMIUM_LAUNCH_OPTIONS } from "../e2e/chromium";
import { NODE_SIZE } from "../components/canvas/flow-mapping";
import type { Design } from "../lib/graph";
import { generateLargeDesign } from "./large-design";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_MS = 1000;

interface Options {
  readonly nodes: number;
  readonly runs: number;
  readonly reference: number;
}

interface Run {
  readonly rendered: number;
  readonly interactive: number;
  /** Milliseconds from the "Zoom to fit" click to all in the fitted view rendered, and how many nodes that is; warm runs only. */
  readonly zoomToFit?: { readonly ms: number; readonly nodes: number };
  readonly view: View;
  /** CPU milliseconds from navigation to interactive. */
  readonly browserCpu: number;
  readonly serverCpu: number;
}

/** CPU seconds so far per Chromium process id. */
async function chromiumCpu(cdp: CDPSession): Promise<Map<number, number>> {
  const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
  return new Map(processInfo.map((process) => [process.id, process.cpuTime]));
}

function cpuSpent(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let seconds = 0;
  for (const [id, cpu] of after) seconds += cpu - (before.get(id) ?? 0);
  return seconds * 1000;
}

/** Linux clock ticks per second, as /proc reports CPU times in (USER_HZ, 100 on every Linux port we run on). */
const CLOCK_TICKS = 100;

/** CPU milliseconds so far of every process in the process group `group` (the app server). */
function processGroupCpu(group: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks / CLOCK_TICKS) * 1000;
}

interface View {
  readonly transform: string;
  readonly zoom: number;
  /** The nodes in view, the edges between them, the node nearest the view's centre. */
  readonly nodeIds: string[];
  readonly edgeIds: string[];
  readonly centreId: string;
}

interface BenchState {
  rendered: number | null;
  selected: number | null;
  /** The opening view, once rendered. */
  opening: View | null;
  /** The current view if everything in it is rendered, else null. */
  view(): View | null;
}

declare global {
  interface Window {
    __designerBench?: BenchState;
  }
}

function parseOptions(argv: readonly string[]): Options {
  const options = { nodes: 1000, runs: 5, reference: 20 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], Number(argv[i + 1])];
    if (flag !== "--nodes" && flag !== "--runs" && flag !== "--reference") throw new Error(`Unknown option ${flag}; use --nodes N, --runs N and --reference N`);
    const name = flag.slice(2) as keyof typeof options;
    if (!Number.isInteger(value) || value < (name === "reference" ? 0 : 1)) throw new Error(`${flag} needs a ${name === "reference" ? "non-negative" : "positive"} integer`);
    options[name] = value;
  }
  return options;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("No port"))));
    });
  });
}

async function startApp(port: number, databaseUrl: string): Promise<ChildProcess> {
  const app = spawn("npm", ["run", "--silent", "start"], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group, so stopping it stops every process it started.
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with status ${app.exitCode}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (healthy) return app;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stopApp(app);
  throw new Error("The app did not become healthy within 60 s");
}

function stopApp(app: ChildProcess): void {
  if (app.pid !== undefined && app.exitCode === null) process.kill(-app.pid, "SIGTERM");
}

/**
 * Runs in the page before any of its scripts. `__designerBench.view()` says whether every node
 * inside the canvas's view is rendered and measured (React Flow keeps a node `visibility: hidden`
 * until then), with the edges between two of them drawn; which nodes are in view comes from the
 * design's positions, the node size and the view's transform (React Flow's inline
 * `translate(x px, y px) scale(z)`), not from what the canvas chose to render. A frame loop notes
 * the first frame in which it is so. A string, not a function: tsx's name-keeping helpers do not
 * exist in the page.
 */
function watchForView(design: Design): string {
  const nodes = design.nodes.map((node) => [node.id, node.position.x, node.position.y]);
  const edges = design.edges.map((edge) => [edge.id, edge.source, edge.target]);
  return `(() => {
    const nodes = ${JSON.stringify(nodes)};
    const edges = ${JSON.stringify(edges)};
    const size = ${JSON.stringify(NODE_SIZE)};
    const rendered = (selector) => {
      const element = document.querySelector(selector);
      return element !== null && element.style.visibility !== "hidden";
    };
    const view = () => {
      const flow = document.querySelector(".react-flow");
      const transform = document.querySelector(".react-flow__viewport")?.style.transform ?? "";
      const match = /translate\\((-?[\\d.e+-]+)px, (-?[\\d.e+-]+)px\\) scale\\(([\\d.e+-]+)\\)/.exec(transform);
      if (!flow || !match) return null;
      // Read every time: until the styles apply, the canvas has another size.
      const pane = { width: flow.clientWidth, height: flow.clientHeight };
      const [x, y, zoom] = match.slice(1).map(Number);
      const inView = nodes.filter(([, nx, ny]) => {
        const left = nx * zoom + x, top = ny * zoom + y;
        return left < pane.width && left + size.width * zoom > 0 && top < pane.height && top + size.height * zoom > 0;
      });
      const ids = new Set(inView.map(([id]) => id));
      const between = edges.filter(([, source, target]) => ids.has(source) && ids.has(target));
      if (
        inView.length === 0 ||
        !inView.every(([id]) => rendered('.react-flow__node[data-id="' + CSS.escape(id) + '"]')) ||
        !between.every(([id]) => document.querySelector('.react-flow__edge[data-id="' + CSS.escape(id) + '"] path')?.getAttribute("d"))
      ) return null;
      const distance = ([, nx, ny]) => Math.hypot((nx + size.width / 2) * zoom + x - pane.width / 2, (ny + size.height / 2) * zoom + y - pane.height / 2);
      const centre = inView.reduce((best, node) => (distance(node) < distance(best) ? node : best));
      return { transform, zoom, nodeIds: [...ids], edgeIds: between.map(([id]) => id), centreId: centre[0] };
    };
    const bench = { rendered: null, selected: null, opening: null, view };
    window.__designerBench = bench;
    const check = () => {
      const opening = view();
      if (!opening) return requestAnimationFrame(check);
      bench.rendered = performance.now();
      // Watched from here, so the benchmark's click needs no extra round trip first.
      const centre = document.querySelector('.react-flow__node[data-id="' + CSS.escape(opening.centreId) + '"]');
      new MutationObserver(() => {
        if (bench.selected === null && centre.classList.contains("selected")) bench.selected = performance.now();
      }).observe(centre, { attributes: true, attributeFilter: ["class"] });
      bench.opening = opening;
    };
    requestAnimationFrame(check);
  })();`;
}

interface Probe {
  readonly context: BrowserContext;
  /** A browser-level DevTools session, for CPU times. */
  readonly cdp: CDPSession;
  /** The app server's process group. */
  readonly serverGroup: number;
}

/**
 * One page load in `context`: timings from navigation start, CPU from before it to interactive;
 * with `zoomToFit`, then also the time "Zoom to fit" takes.
 */
async function measure({ context, cdp: browserCdp, serverGroup }: Probe, url: string, zoomToFit = false): Promise<Run> {
  const page = await context.newPage();
  try {
    const [browserBefore, serverBefore] = [await chromiumCpu(browserCdp), processGroupCpu(serverGroup)];
    await page.goto(url, { waitUntil: "commit" });
    const opening = await page.waitForFunction(() => window.__designerBench?.opening ?? null, undefined, { timeout: 60_000, polling: "raf" });
    const view = (await opening.jsonValue())!;
    await page.locator(`.react-flow__node[data-id="${view.centreId}"]`).click();
    await page.waitForFunction(() => window.__designerBench?.selected != null, undefined, { timeout: 30_000 });
    const [browserAfter, serverAfter] = [await chromiumCpu(browserCdp), processGroupCpu(serverGroup)];
    const { rendered, selected } = await page.evaluate(() => window.__designerBench!);
    const run: Run = { rendered: rendered!, interactive: selected!, browserCpu: cpuSpent(browserBefore, browserAfter), serverCpu: serverAfter - serverBefore, view };
    return zoomToFit ? { ...run, zoomToFit: await timeZoomToFit(page) } : run;
  } finally {
    await page.close();
  }
}

/**
 * Clicks "Zoom to fit" and waits for the first frame in which the view has stopped moving (the
 * 250 ms animation is over and the transform is the one of the frame before) and all in it is
 * rendered.
 */
async function timeZoomToFit(page: Page): Promise<{ ms: number; nodes: number }> {
  const started = await page.evaluate(() => performance.now());
  await page.getByRole("button", { name: "Zoom to fit" }).click();
  // A string: tsx's name-keeping helpers do not exist in the page.
  const done = (await page.evaluate(`new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("Zoom to fit: the view was not rendered within 60 s")), 60000);
    const bench = window.__designerBench;
    let previous = "";
    const check = () => {
      const current = document.querySelector(".react-flow__viewport").style.transform;
      const view = current === previous && performance.now() - ${started} >= 250 ? bench.view() : null;
      previous = current;
      if (view) resolve({ at: performance.now(), nodes: view.nodeIds.length });
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`)) as { at: number; nodes: number };
  return { ms: done.at - started, nodes: done.nodes };
}

async function newContext(browser: Browser, design: Design): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addInitScript(watchForView(design));
  return context;
}

/** `runs` loads, each in a fresh context (`cold`: empty cache, new renderer) or all in one (`warm`). */
async function series(label: string, runs: number, load: () => Promise<Run>): Promise<Run[]> {
  console.log(label);
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await load();
    results.push(run);
    console.log(
      `  run ${i + 1}: view rendered ${ms(run.rendered)}, node selected (interactive) ${ms(run.interactive)}${
        run.zoomToFit === undefined ? "" : `, zoom to fit ${ms(run.zoomToFit.ms)} (${run.zoomToFit.nodes} nodes in view)`
      }; CPU: Chromium ${ms(run.browserCpu)}, server ${ms(run.serverCpu)}`,
    );
  }
  const middle = (pick: (run: Run) => number) => ms(median(results.map(pick)));
  const interactive = median(results.map((r) => r.interactive));
  const fits = results.flatMap((r) => (r.zoomToFit === undefined ? [] : [r.zoomToFit.ms]));
  console.log(
    `  median of ${runs}: rendered ${middle((r) => r.rendered)}, interactive ${ms(interactive)}${fits.length > 0 ? `, zoom to fit ${ms(median(fits))}` : ""}; CPU: Chromium ${middle((r) => r.browserCpu)}, server ${middle((r) => r.serverCpu)}`,
  );
  return results;
}

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Saves `design` through the API; its editor page's URL. */
async function createDesign(origin: string, design: Design): Promise<string> {
  const response = await fetch(`${origin}/api/designs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: design.name, description: design.description, graph: design }),
  });
  if (response.status !== 201) throw new Error(`Creating the design failed (${response.status}): ${await response.text()}`);
  const { design: saved } = (await response.json()) as { design: { id: string } };
  return `${origin}/designs/${saved.id}`;
}

interface Medians {
  readonly cold: number;
  readonly warm: number;
}

/** Cold and warm series on one design; the median interactive times. */
async function benchDesign(browser: Browser, probe: Omit<Probe, "context">, origin: string, design: Design, runs: number): Promise<Medians> {
  const url = await createDesign(origin, design);
  const warm = await newContext(browser, design);
  try {
    const warmProbe: Probe = { ...probe, context: warm };
    // Not counted: the server's first render of the page, and the warm context's cache.
    const first = await measure(warmProbe, url);
    console.log(
      `\n${design.nodes.length} nodes, ${design.edges.length} edges. Opening view: zoom ${first.view.zoom.toFixed(2)}, ` +
        `${first.view.nodeIds.length} of ${design.nodes.length} nodes and ${first.view.edgeIds.length} edges between them in view; ` +
        `the clicked node is the one nearest the view's centre (${first.view.centreId}).`,
    );
    const cold = await series("cold (fresh browser context each run: empty cache):", runs, async () => {
      const context = await newContext(browser, design);
      try {
        return await measure({ ...probe, context }, url);
      } finally {
        await context.close();
      }
    });
    const warmRuns = await series("warm (one browser context: scripts cached, as when reopening a design):", runs, () => measure(warmProbe, url, true));
    return { cold: median(cold.map((r) => r.interactive)), warm: median(warmRuns.map((r) => r.interactive)) };
  } finally {
    await warm.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) throw new Error("No production build: run `npm run build` first");

  const dataDir = mkdtempSync(path.join(tmpdir(), "switchyard-bench-"));
  const port = await freePort();
  const app = await startApp(port, `file:${path.join(dataDir, "bench.db")}`);
  const stop = () => stopApp(app);
  process.once("SIGINT", () => {
    stop();
    process.exit(130);
  });
  let browser: Browser | undefined;
  try {
    const origin = `http://127.0.0.1:${port}`;
    browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
    const probe = { cdp: await browser.newBrowserCDPSession(), serverGroup: app.pid! };
    console.log(`Designer benchmark: Chromium ${browser.version()}, ${options.runs} runs per series, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    const large = await benchDesign(browser, probe, origin, generateLargeDesign(options.nodes), options.runs);
    const reference = options.reference > 0 ? await benchDesign(browser, probe, origin, generateLargeDesign(options.reference), options.runs) : undefined;

    console.log(`\nMedian time to interactive, ${options.nodes} nodes: cold ${ms(large.cold)}, warm ${ms(large.warm)}`);
    if (reference) console.log(`  reference, ${options.reference} nodes: cold ${ms(reference.cold)}, warm ${ms(reference.warm)}`);
    const met = Math.max(large.cold, large.warm) < TARGET_MS;
    console.log(`  target: interactive < ${TARGET_MS} ms (cold and warm): ${met ? "met" : "NOT met"}; load average now ${loadavg()[0]!.toFixed(1)}`);
  } finally {
    await browser?.close();
    stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
