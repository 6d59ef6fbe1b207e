/**
 * Designer benchmark: how fast a generated 1,000-node design opens and becomes interactive.
 *
 *   npm run build && npm run bench:designer -- [--nodes 1000] [--runs 5]
 *
 * Starts the built app (`npm start`) on a free loopback port with a throw-away SQLite database,
 * creates the design through the API, then opens `/designs/<id>` in Debian's Chromium (the
 * Playwright config's flags): once to warm the server, then `--runs` times in a fresh browser
 * context each (cold: empty cache, as on a first visit) and `--runs` times in one context (warm:
 * scripts cached, as when reopening a design). It prints every run and the medians; the server
 * stops after.
 *
 * Both figures are milliseconds from navigation start (the page's `performance.timeOrigin`):
 * - rendered: the first animation frame in which all N nodes are in the canvas's DOM and
 *   measured (React Flow keeps a node `visibility: hidden` until it has measured it);
 * - interactive: the moment a node, clicked as soon as all were rendered, shows as selected
 *   (its `selected` class, seen by a MutationObserver): the canvas responds to input. This
 *   includes the benchmark's own round trip to issue the click, so it errs on the slow side.
 * Both are wall-clock times, which grow when other processes share the CPU. So each run also
 * reports the CPU time spent from navigation to interactive by Chromium (all its processes, from
 * the DevTools protocol) and by the app server (its process group, from /proc): on a busy
 * machine that is the better guide to what the page costs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type CDPSession } from "playwright-core";
import { CHROMIUM_LAUNCH_OPTIONS } from "../e2e/chromium";
import { generateLargeDesign } from "./large-design";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_MS = 1000;

interface Options {
  readonly nodes: number;
  readonly runs: number;
}

interface Run {
  readonly rendered: number;
  readonly interactive: number;
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

declare global {
  interface Window {
    __designerBench?: { rendered: number | null; selected: number | null };
  }
}

function parseOptions(argv: readonly string[]): Options {
  const options = { nodes: 1000, runs: 5 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], Number(argv[i + 1])];
    if (flag !== "--nodes" && flag !== "--runs") throw new Error(`Unknown option ${flag}; use --nodes N and --runs N`);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer`);
    options[flag === "--nodes" ? "nodes" : "runs"] = value;
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
 * Runs in the page before any of its scripts: notes the first frame in which all nodes are
 * measured. A string, not a function: tsx's name-keeping helpers do not exist in the page.
 */
function watchForNodes(expected: number): string {
  return `(() => {
    const bench = { rendered: null, selected: null };
    window.__designerBench = bench;
    const check = () => {
      const nodes = document.querySelectorAll(".react-flow__node");
      if (nodes.length >= ${expected} && [...nodes].every((node) => node.style.visibility !== "hidden")) {
        bench.rendered = performance.now();
        return;
      }
      requestAnimationFrame(check);
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

/** One page load in `context`: timings from navigation start, CPU from before it to interactive. */
async function measure({ context, cdp: browserCdp, serverGroup }: Probe, url: string, nodeId: string): Promise<Run> {
  const page = await context.newPage();
  try {
    const [browserBefore, serverBefore] = [await chromiumCpu(browserCdp), processGroupCpu(serverGroup)];
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__designerBench?.rendered != null, undefined, { timeout: 60_000, polling: "raf" });
    const node = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
    await node.evaluate((element) => {
      const bench = window.__designerBench!;
      new MutationObserver(() => {
        if (bench.selected === null && element.classList.contains("selected")) bench.selected = performance.now();
      }).observe(element, { attributes: true, attributeFilter: ["class"] });
    });
    await node.click();
    await page.waitForFunction(() => window.__designerBench?.selected != null, undefined, { timeout: 30_000 });
    const [browserAfter, serverAfter] = [await chromiumCpu(browserCdp), processGroupCpu(serverGroup)];
    const { rendered, selected } = await page.evaluate(() => window.__designerBench!);
    return { rendered: rendered!, interactive: selected!, browserCpu: cpuSpent(browserBefore, browserAfter), serverCpu: serverAfter - serverBefore };
  } finally {
    await page.close();
  }
}

async function newContext(browser: Browser, nodeCount: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addInitScript(watchForNodes(nodeCount));
  return context;
}

/** `runs` loads, each in a fresh context (`cold`: empty cache, new renderer) or all in one (`warm`). */
async function series(label: string, runs: number, load: () => Promise<Run>): Promise<number> {
  console.log(label);
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await load();
    results.push(run);
    console.log(
      `  run ${i + 1}: all nodes rendered ${ms(run.rendered)}, node selected (interactive) ${ms(run.interactive)}; CPU: Chromium ${ms(run.browserCpu)}, server ${ms(run.serverCpu)}`,
    );
  }
  const middle = (pick: (run: Run) => number) => ms(median(results.map(pick)));
  const interactive = median(results.map((r) => r.interactive));
  console.log(
    `  median of ${runs}: rendered ${middle((r) => r.rendered)}, interactive ${ms(interactive)}; CPU: Chromium ${middle((r) => r.browserCpu)}, server ${middle((r) => r.serverCpu)}`,
  );
  console.log(`  target: interactive < ${TARGET_MS} ms: ${interactive < TARGET_MS ? "met" : "NOT met"}`);
  return interactive;
}

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
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
    const design = generateLargeDesign(options.nodes);
    const response = await fetch(`http://127.0.0.1:${port}/api/designs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: design.name, description: design.description, graph: design }),
    });
    if (response.status !== 201) throw new Error(`Creating the design failed (${response.status}): ${await response.text()}`);
    const { design: saved } = (await response.json()) as { design: { id: string } };
    const url = `http://127.0.0.1:${port}/designs/${saved.id}`;
    // A node in the middle of the design: clicking it needs the whole canvas laid out.
    const nodeId = design.nodes[Math.floor(design.nodes.length / 2)]!.id;

    browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
    const cdp = await browser.newBrowserCDPSession();
    const serverGroup = app.pid!;
    console.log(`Designer benchmark: ${design.nodes.length} nodes, ${design.edges.length} edges, Chromium ${browser.version()}, load average ${loadavg()[0]!.toFixed(1)}`);

    const warm = await newContext(browser, design.nodes.length);
    const warmProbe: Probe = { context: warm, cdp, serverGroup };
    // Not counted: the server's first render of the page, and the warm context's cache.
    await measure(warmProbe, url, nodeId);

    const coldLoad = async () => {
      const context = await newContext(browser!, design.nodes.length);
      try {
        return await measure({ context, cdp, serverGroup }, url, nodeId);
      } finally {
        await context.close();
      }
    };
    await series("cold (fresh browser context each run: empty cache):", options.runs, coldLoad);
    await series("warm (one browser context: scripts cached, as when reopening a design):", options.runs, () => measure(warmProbe, url, nodeId));
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
