import { readFile } from "node:fs/promises";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { catalogueEntry } from "../lib/lab";
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, edgeKindBetween, type Design, type DesignNode } from "../lib/graph";
import { openNewDesign, replaceEditorText } from "./editor";

test.use({ viewport: { width: 1500, height: 1000 } });

/** The pattern editor (CodeMirror) inside `scope`. */
const patternEditor = (scope: Page | Locator) => scope.getByTestId("lab-pattern").getByRole("textbox", { name: "Event pattern" });

function replacePattern(page: Page, scope: Page | Locator, text: string) {
  return replaceEditorText(page, patternEditor(scope), text);
}

async function counts(scope: Page | Locator) {
  const box = scope.getByTestId("lab-counts");
  return { matched: Number(await box.getAttribute("data-matched")), unmatched: Number(await box.getAttribute("data-unmatched")) };
}

const row = (scope: Page | Locator, eventId: string) => scope.locator(`[data-testid="lab-result-row"][data-event-id="${eventId}"]`);
const sideTab = (scope: Page | Locator, name: string) => scope.getByTestId("lab-side-tabs").getByRole("tab", { name });

test("lab: catalogue set, live counts while typing, AWS's error, explain, builder, transformer preview, schema sample", async ({ page }) => {
  await page.goto("/lab");
  await expect(page.getByRole("heading", { name: "Pattern lab" })).toBeVisible();

  // Load a catalogue set: the starter pattern (source aws.ec2) matches its two EC2 events.
  await page.locator('[data-testid="lab-catalogue-group"][data-group="aws-services"]').click();
  await expect(page.getByTestId("lab-result-row")).toHaveCount(9);
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-matched", "2");
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-unmatched", "7");
  await expect(row(page, "ec2-state-change")).toHaveAttribute("data-verdict", "match");

  // Type a new pattern key by key: half-way it is invalid (AWS's reason shows), then counts change.
  await patternEditor(page).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.type('{"source": [', { delay: 20 });
  await expect(page.getByTestId("lab-pattern-error")).toContainText("Event pattern is not valid. Reason:");
  await page.keyboard.type('"aws.s3"', { delay: 20 });
  await expect(page.getByTestId("lab-pattern-error")).toHaveCount(0);
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-matched", "1");
  await expect(row(page, "s3-object-created")).toHaveAttribute("data-verdict", "match");
  await page.keyboard.type(', "aws.health"', { delay: 20 });
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-matched", "2");

  // An invalid pattern shows AWS's exact reason, and the editor underlines it.
  await replacePattern(page, page, '{"detail": {"total_cost": [{"numeric": [">", "x"]}]}}');
  await expect(page.getByTestId("lab-pattern-error")).toHaveText("Event pattern is not valid. Reason: Value of > must be numeric");
  await expect(page.getByTestId("lab-pattern").locator(".cm-lintRange-error")).toHaveCount(1);

  // Explain says why an event does not match.
  await page.getByTestId("lab-side-tabs").getByRole("tab", { name: "Events" }).click();
  await page.locator('[data-testid="lab-catalogue-group"][data-group="starter-reward-big-payments"]').click();
  await replacePattern(page, page, '{"source": ["demo.payments"], "detail": {"total_cost": [{"numeric": [">", 200]}]}}');
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-matched", "1");
  await row(page, "small-payment").click();
  await sideTab(page, "Explain").click();
  await expect(page.getByTestId("lab-explain")).toHaveAttribute("data-matched", "false");
  await expect(page.locator('[data-testid="lab-explain-line"][data-held="false"]')).toHaveText(/detail\.total_cost is 150; the rule needs > 200/);

  // The builder adds a numeric condition from a clicked field, keeping the rest of the pattern.
  await replacePattern(page, page, '{\n  "source": ["demo.payments"]\n}');
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-matched", "3");
  await sideTab(page, "Builder").click();
  await page.locator('[data-testid="lab-tree-field"][data-path="detail.total_cost"]').click();
  await expect(page.getByTestId("lab-builder-operator")).toHaveValue("numeric");
  await page.getByTestId("lab-builder-value").fill("> 100 <= 150");
  await page.getByTestId("lab-builder-add").click();
  await expect(patternEditor(page)).toContainText('"source": ["demo.payments"]');
  await expect(patternEditor(page)).toContainText('"total_cost": [{ "numeric": [">", 100, "<=", 150] }]');
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-matched", "1");
  await expect(row(page, "small-payment")).toHaveAttribute("data-verdict", "match");

  // The transformer preview shows what the target receives for the selected event.
  await sideTab(page, "Target input").click();
  await page.getByTestId("transform-mode").selectOption("input-transformer");
  await page.getByTestId("transform-template").fill('{"from": <source>, "rule": "<aws.events.rule-name>", "cost": <cost>}');
  await page.getByTestId("transform-paths-map").fill("source = $.source\ncost = $.detail.total_cost");
  await expect(page.getByTestId("transform-output")).toContainText('"from": "demo.payments"');
  await expect(page.getByTestId("transform-output")).toContainText('"cost": 150');
  await expect(page.getByTestId("transform-output")).toContainText('"rule": "lab-rule"');
  // An invalid transformer shows AWS's error.
  await page.getByTestId("transform-paths-map").fill("aws.events.rule-name = $.source");
  await expect(page.getByTestId("transform-error")).toBeVisible();
  await page.getByTestId("transform-mode").selectOption("input-path");
  await page.getByTestId("transform-input-path").fill("$.detail.total_cost");
  await expect(page.getByTestId("transform-output")).toHaveText("150");

  // A sample generated from a schema of the registry joins the set.
  await sideTab(page, "Events").click();
  await page.getByTestId("lab-event-sources").getByRole("tab", { name: "Schema registry" }).click();
  await page.getByTestId("schema-search").fill("ObjectCreated");
  await page.locator('[data-testid="schema-item"][data-name="aws.s3@ObjectCreated"]').click();
  await expect(page.getByTestId("schema-content")).toContainText('"openapi"');
  await page.getByTestId("schema-action").click();
  const sampleRow = row(page, "schema-aws.s3@ObjectCreated");
  await expect(sampleRow).toContainText("aws.s3@ObjectCreated (sample)");
  await expect(sampleRow).toHaveAttribute("data-verdict", "no-match");
  await replacePattern(page, page, '{"source": ["aws.s3"], "detail-type": ["Object Created"]}');
  await expect(sampleRow).toHaveAttribute("data-verdict", "match");
});

test("lab: expectations flag broken verdicts, and a copied link restores pattern, events and expectations", async ({ page }) => {
  await page.goto("/lab");
  await page.locator('[data-testid="lab-catalogue-group"][data-group="starter-reward-big-payments"]').click();
  await replacePattern(page, page, '{"detail": {"total_cost": [{"numeric": [">", 200]}]}}');
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-matched", "1");
  await row(page, "big-payment").getByTestId("lab-expect").selectOption("match");
  await row(page, "string-total").getByTestId("lab-expect").selectOption("match");
  await expect(row(page, "string-total")).toHaveAttribute("data-broken", "true");
  await expect(page.getByTestId("lab-broken-count")).toHaveText("1 broken expectation");
  await page.getByTestId("lab-filter").selectOption("broken");
  await expect(page.getByTestId("lab-result-row")).toHaveCount(1);

  const download = page.waitForEvent("download");
  await page.getByTestId("lab-export-tests").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("event-patterns.test.mjs");
  const testFile = await readFile((await file.path())!, "utf8");
  expect(testFile).toContain("TestEventPatternCommand");
  expect(testFile).toContain("(string-total) should match");

  await page.getByTestId("lab-share").click();
  const url = await page.getByTestId("lab-share-url").inputValue();
  expect(url).toMatch(/\/lab#v1\./);

  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByTestId("lab-result-row")).toHaveCount(3);
  await expect(patternEditor(other)).toContainText('"numeric": [">", 200]');
  await expect(row(other, "big-payment").getByTestId("lab-expect")).toHaveValue("match");
  await expect(other.getByTestId("lab-broken-count")).toHaveText("1 broken expectation");
  await other.close();

  // Without AWS configured, Verify says so.
  await page.getByTestId("lab-verify").click();
  await expect(page.getByTestId("lab-verify-error")).toContainText("AWS is not configured");
});

test("lab: 1,000 catalogue events stay live while typing", async ({ page }) => {
  await page.goto("/lab");
  await page.getByTestId("lab-catalogue-bulk").click();
  await expect.poll(async () => (await counts(page)).matched + (await counts(page)).unmatched).toBe(1000);
  const before = (await counts(page)).matched;
  await patternEditor(page).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.type('{"source": ["aws.s3"]}', { delay: 15 });
  await expect.poll(async () => (await counts(page)).matched).not.toBe(before);
  // Evaluation runs in the Web Worker, off the page's main thread.
  await expect(page.getByTestId("lab-eval-ms")).toHaveAttribute("data-engine", "worker");
  // Each keystroke's evaluation (validate + match + explain 1,000 events) as the worker timed it.
  const times: number[] = [];
  // Type inside the string value (before `"]}`) so every keystroke leaves a valid pattern to match.
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  // The page's main thread while typing: the longest task (Chromium's Long Tasks API, tasks > 50 ms).
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { labLongTasks: number[] }).labLongTasks = seen;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => seen.push(entry.duration))).observe({ type: "longtask" });
  });
  for (const key of "-bucket-x") {
    const before = await page.getByTestId("lab-eval-ms").getAttribute("data-seq");
    await page.keyboard.type(key);
    await expect.poll(() => page.getByTestId("lab-eval-ms").getAttribute("data-seq")).not.toBe(before);
    times.push(Number((await page.getByTestId("lab-eval-ms").textContent())?.replace(" ms", "")));
  }
  const median = [...times].sort((x, y) => x - y)[Math.floor(times.length / 2)]!;
  const longTasks = await page.evaluate(() => (window as unknown as { labLongTasks: number[] }).labLongTasks);
  console.log(`lab: 1,000 events, worker evaluation per keystroke: median ${median.toFixed(1)} ms (${times.map((t) => t.toFixed(1)).join(", ")})`);
  console.log(`lab: main-thread tasks over 50 ms while typing 9 keys: ${longTasks.length}${longTasks.length > 0 ? ` (longest ${Math.max(...longTasks).toFixed(0)} ms)` : ""}`);
  expect(median).toBeLessThan(100);
});

test("designer lab panel: edits the selected rule's pattern and saves an expectation (kept after reload)", async ({ page, request }) => {
  const designId = await openNewDesign(page, request, `Lab panel e2e ${Date.now()}`);

  // One rule on the canvas, selected, with the lab panel open.
  await page.getByTestId("palette-rule").click();
  const rule = page.locator('[data-testid="canvas-node"][data-kind="rule"]');
  await expect(rule).toHaveCount(1);
  await rule.click();
  await page.getByTestId("designer-lab-toggle").click();
  const panel = page.getByTestId("designer-lab-panel");
  await expect(panel).toBeVisible();

  await replacePattern(page, panel, '{"source": ["demo.payments"], "detail": {"total_cost": [{"numeric": [">", 200]}]}}');
  // The inspector shows the same pattern: the panel edits the rule.
  await expect(page.getByTestId("inspector").getByRole("textbox", { name: "Event pattern" })).toContainText('"numeric": [">", 200]');

  await panel.locator('[data-testid="lab-catalogue-group"][data-group="starter-reward-big-payments"]').click();
  await expect(panel.getByTestId("lab-counts")).toHaveAttribute("data-matched", "1");
  await row(panel, "small-payment").getByTestId("lab-expect").selectOption("no-match");
  // Saving the expectation (and its event as a sample) is one undo step of the design.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(row(panel, "small-payment").getByTestId("lab-expect")).toHaveValue("");
  await expect(panel.getByTestId("lab-result-row")).toHaveCount(3);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(row(panel, "small-payment").getByTestId("lab-expect")).toHaveValue("no-match");
  await expect(panel.getByTestId("lab-result-row")).toHaveCount(3);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 10_000 });

  await page.reload();
  await page.locator('[data-testid="canvas-node"][data-kind="rule"]').click();
  await page.getByTestId("designer-lab-toggle").click();
  const again = page.getByTestId("designer-lab-panel");
  await expect(patternEditor(again)).toContainText('"numeric": [">", 200]');
  // The expectation's event became a design sample; the unmarked ones were not saved.
  await expect(again.getByTestId("lab-result-row")).toHaveCount(1);
  await expect(row(again, "small-payment").getByTestId("lab-expect")).toHaveValue("no-match");
  await expect(row(again, "small-payment")).toHaveAttribute("data-verdict", "no-match");
  await expect(row(again, "small-payment")).toHaveAttribute("data-broken", "false");
  type Saved = { design: { graph: { samples?: { id: string }[]; nodes: { kind: string; expectations?: unknown }[] } } };
  const saved = (await (await request.get(`/api/designs/${designId}`)).json()) as Saved;
  expect(saved.design.graph.samples?.map((s) => s.id)).toEqual(["small-payment"]);
  expect(saved.design.graph.nodes.find((n) => n.kind === "rule")?.expectations).toEqual([{ sample: "small-payment", expect: "no-match" }]);

  // Removing the sample removes the rule's expectation on it too.
  await again.getByRole("button", { name: "Remove Payment Processed, total 150" }).click();
  await expect(again.getByTestId("lab-result-row")).toHaveCount(0);
  const savedGraph = async () => ((await (await request.get(`/api/designs/${designId}`)).json()) as Saved).design.graph;
  await expect.poll(async () => (await savedGraph()).samples, { timeout: 10_000 }).toEqual([]);
  expect((await savedGraph()).nodes.find((n) => n.kind === "rule")?.expectations).toBeUndefined();
});

test("schema registry routes (bundled when AWS is not configured) and verify's answers", async ({ request }) => {
  const registries = await request.get("/api/schemas");
  expect(registries.status()).toBe(200);
  expect(await registries.json()).toMatchObject({ source: "bundled", awsConfigured: false, registries: expect.arrayContaining(["aws.events"]) });

  const searched = await request.get("/api/schemas/aws.events?q=pipeline");
  const { schemas } = (await searched.json()) as { schemas: { name: string }[] };
  expect(schemas.map((s) => s.name)).toEqual(["aws.codepipeline@CodePipelinePipelineExecutionStateChange"]);

  const described = await request.get(`/api/schemas/aws.events/${encodeURIComponent("aws.ec2@EC2InstanceStateChangeNotification")}`);
  expect(described.status()).toBe(200);
  const schema = (await described.json()) as { type: string; content: string };
  expect(schema.type).toBe("OpenApi3");
  expect(JSON.parse(schema.content)).toHaveProperty("components.schemas.AWSEvent");

  expect((await request.get("/api/schemas/no-such-registry")).status()).toBe(404);
  expect((await request.get("/api/schemas/aws.events/no-such-schema")).status()).toBe(404);
  const wrongSource = await request.get("/api/schemas?source=aws");
  expect(wrongSource.status()).toBe(422);
  expect(await wrongSource.text()).toContain("AWS is not configured");

  const verify = await request.post("/api/lab/verify", { data: { pattern: '{"source":["a"]}', events: [{ id: "e1", name: "e1", text: "{}" }] } });
  expect(verify.status()).toBe(409);
  expect(await verify.text()).toContain("AWS is not configured");
  const empty = await request.post("/api/lab/verify", { data: { pattern: "{}", events: [] } });
  expect(empty.status()).toBe(422);
  expect(await empty.text()).toContain("there are no events to verify");
});

test("lab: Kafka records are matched as Lambda filters them (decoded value)", async ({ page }) => {
  await page.goto("/lab");
  await page.locator('[data-testid="lab-catalogue-group"][data-group="starter-kafka-cross-account"]').click();
  // As EventBridge events the records are invalid (no envelope).
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-invalid", "4");
  await page.getByTestId("lab-kind").selectOption("kafka");
  await replacePattern(page, page, '{"value": {"state": ["NY"]}}');
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-matched", "1");
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-invalid", "0");
  await expect(page.getByTestId("lab-verify")).toHaveCount(0);
});

test("lab: events from the local bus's archive join the set", async ({ page, baseURL }) => {
  const run = `lab${Date.now()}`;
  const eb = new EventBridgeClient({ endpoint: baseURL, region: "us-east-1", credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" } });
  const put = await eb.send(
    new PutEventsCommand({
      Entries: [
        { Source: run, DetailType: "OrderPlaced", Detail: JSON.stringify({ total: 10 }) },
        { Source: run, DetailType: "OrderPlaced", Detail: JSON.stringify({ total: 500 }) },
      ],
    }),
  );
  expect(put.FailedEntryCount).toBe(0);

  await page.goto("/lab");
  await page.getByTestId("lab-event-sources").getByRole("tab", { name: "Archive" }).click();
  await page.getByTestId("lab-archive-source").fill(run);
  await page.getByTestId("lab-archive-load").click();
  await expect(page.getByTestId("lab-archive-add")).toHaveText("Add 2 to the set");
  await page.getByTestId("lab-archive-add").click();
  await expect(page.getByTestId("lab-result-row")).toHaveCount(2);
  await replacePattern(page, page, `{"source": ["${run}"], "detail": {"total": [{"numeric": [">", 100]}]}}`);
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-matched", "1");
});

test("lab: pasted JSON Lines and an uploaded file join the set; a bad line is reported with its number", async ({ page }) => {
  const event = (n: number) => JSON.stringify({ version: "0", id: `id-${n}`, "detail-type": "Ping", source: "paste.test", account: "123456789012", time: "2026-01-01T00:00:00Z", region: "us-east-1", resources: [], detail: { n } });
  await page.goto("/lab");
  await page.getByTestId("lab-event-sources").getByRole("tab", { name: "Paste or upload" }).click();
  await page.getByTestId("lab-paste").fill(`${event(1)}\n{"broken": \n${event(2)}\n`);
  await page.getByTestId("lab-paste-add").click();
  await expect(page.getByTestId("lab-paste-problems")).toContainText("line 2:");
  await expect(page.getByTestId("lab-result-row")).toHaveCount(2);

  await page.getByTestId("lab-upload").setInputFiles({ name: "events.json", mimeType: "application/json", buffer: Buffer.from(`[${event(3)}, ${event(4)}, ${event(5)}]`) });
  await expect(page.getByTestId("lab-result-row")).toHaveCount(5);
  await replacePattern(page, page, '{"source": ["paste.test"], "detail": {"n": [{"numeric": [">=", 3]}]}}');
  await expect(page.getByTestId("lab-counts")).toHaveAttribute("data-matched", "3");
  // Event content is shown as text, never as HTML.
  await page.getByTestId("lab-paste").fill(event(6).replace('"Ping"', '"<img src=x onerror=alert(1)>"'));
  await page.getByTestId("lab-paste-add").click();
  await expect(page.getByTestId("lab-result-row").last()).toContainText("<img src=x onerror=alert(1)> (paste.test)");
});

test("designer lab panel: a design's samples and expectations, and the selected target's input preview", async ({ page, request }) => {
  const nodes: DesignNode[] = [
    { ...createNode("event-bus", "bus", { x: 0, y: 80 }), name: "payments" },
    {
      ...createNode("rule", "big", { x: 260, y: 80 }),
      name: "big-payments",
      trigger: { type: "pattern", pattern: '{"source": ["demo.payments"], "detail": {"total_cost": [{"numeric": [">", 200]}]}}' },
      expectations: [
        { sample: "s-big", expect: "match" },
        { sample: "s-small", expect: "match" },
      ],
    },
    {
      ...createNode("sqs", "rewards", { x: 520, y: 80 }),
      queueName: "rewards",
      input: { type: "input-transformer", inputPathsMap: { cost: "$.detail.total_cost" }, inputTemplate: '{"reward": <cost>, "rule": "<aws.events.rule-name>"}' },
    },
  ];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = [["bus", "big"], ["big", "rewards"]].map(([source, target], i) => ({ id: `e${i}`, kind: edgeKindBetween(byId.get(source!)!, byId.get(target!)!)!, source: source!, target: target! }));
  const graph: Design = {
    format: DESIGN_FORMAT,
    version: DESIGN_VERSION,
    name: "Lab samples",
    description: "",
    nodes,
    edges,
    samples: [
      { id: "s-big", name: "Big payment", event: catalogueEntry("big-payment")!.text },
      { id: "s-small", name: "Small payment", event: catalogueEntry("small-payment")!.text },
    ],
  };
  const created = await request.post("/api/designs", { data: { name: `Lab samples ${Date.now()}`, graph } });
  expect(created.status()).toBe(201);
  const { design } = (await created.json()) as { design: { id: string } };

  await page.goto(`/designs/${design.id}`);
  await page.getByTestId("designer-lab-toggle").click();
  await expect(page.getByTestId("designer-lab-empty")).toBeVisible();
  await page.locator('[data-testid="canvas-node"][data-node-id="big"]').click();
  const panel = page.getByTestId("designer-lab-panel");
  await expect(panel).toHaveAttribute("data-rule-id", "big");
  await expect(row(panel, "s-big")).toHaveAttribute("data-verdict", "match");
  await expect(row(panel, "s-big")).toHaveAttribute("data-broken", "false");
  // "Small payment should match" is broken by the > 200 rule.
  await expect(row(panel, "s-small")).toHaveAttribute("data-broken", "true");
  await expect(panel.getByTestId("lab-broken-count")).toHaveText("1 broken expectation");

  await row(panel, "s-big").click();
  await sideTab(panel, "Target input").click();
  await expect(panel.getByTestId("designer-lab-target")).toHaveValue("rewards");
  await expect(panel.getByTestId("transform-mode")).toHaveValue("input-transformer");
  await expect(panel.getByTestId("transform-output")).toContainText('"reward": 242.58');
  await expect(panel.getByTestId("transform-output")).toContainText('"rule": "big-payments"');
});
