import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, edgeKindBetween, type Design, type DesignNode } from "../lib/graph";

/** shop → orders bus → two rules, of which only "big-orders" matches the shop's events → two queues. */
function orderFlow(busName: string): Design {
  const nodes: DesignNode[] = [
    { ...createNode("custom-app", "shop", { x: 0, y: 80 }), name: "shop", source: "com.shop", detailTypes: ["OrderPlaced"] },
    { ...createNode("event-bus", "orders", { x: 260, y: 80 }), name: busName },
    { ...createNode("rule", "big", { x: 520, y: 0 }), name: "big-orders", trigger: { type: "pattern", pattern: '{"source": ["com.shop"]}' } },
    { ...createNode("rule", "other", { x: 520, y: 180 }), name: "other-orders", trigger: { type: "pattern", pattern: '{"source": ["com.elsewhere"]}' } },
    { ...createNode("sqs", "billing", { x: 780, y: 0 }), queueName: "billing" },
    { ...createNode("sqs", "audit", { x: 780, y: 180 }), queueName: "audit" },
  ];
  return designOf(`Run locally ${busName}`, nodes, [["shop", "orders"], ["orders", "big"], ["orders", "other"], ["big", "billing"], ["other", "audit"]]);
}

/** Saves `design` and opens it in the designer. */
async function openNew(page: Page, request: APIRequestContext, design: Design): Promise<void> {
  const created = await request.post("/api/designs", { data: { name: design.name, graph: design } });
  expect(created.status()).toBe(201);
  await page.goto(`/designs/${(await created.json()).design.id}`);
}

/** A design of these nodes, linked source → target in the order given (edge ids e0, e1…). */
function designOf(name: string, nodes: DesignNode[], links: [string, string][]): Design {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const edges = links.map(([source, target], i) => ({ id: `e${i}`, kind: edgeKindBetween(byId.get(source)!, byId.get(target)!)!, source, target }));
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name, description: "", nodes, edges };
}

test("Run locally deploys the design and a test event lights up the path it took", async ({ page, request }) => {
  const busName = `orders-${Date.now()}`;
  await openNew(page, request, orderFlow(busName));
  const status = page.getByTestId("local-run-status");

  // Sending before deploying explains what to do first.
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(status).toContainText("run the design locally first");

  await page.getByRole("button", { name: "Run locally" }).click();
  await expect(status).toContainText("Running locally: 1 bus, 2 rules, 2 targets.");

  await expect(page.getByLabel("Producer of the test event")).toHaveValue("shop");
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(status).toContainText("Test event matched 1 rule, 1 delivery (billing: ");

  const lit = page.locator('[data-testid="canvas-node"][data-highlighted="true"]');
  await expect(lit).toHaveCount(4);
  for (const nodeId of ["shop", "orders", "big", "billing"]) {
    await expect(page.locator(`[data-node-id="${nodeId}"]`)).toHaveAttribute("data-highlighted", "true");
  }
  await expect(page.locator('[data-node-id="other"]')).not.toHaveAttribute("data-highlighted", "true");

  // The event is in the archive with the rule it matched.
  const listed = await request.get(`/api/events?bus=${encodeURIComponent(`arn:aws:events:us-east-1:000000000000:event-bus/${busName}`)}`);
  expect(listed.ok()).toBe(true);
  const { events } = await listed.json();
  expect(events).toHaveLength(1);
  const detail = await request.get(`/api/events/${events[0].id}`);
  expect(JSON.stringify(await detail.json())).toContain(`rule/${busName}/big-orders`);
});

test("Run locally lists the hosts the design's API destinations will call, and which Switchyard will not reach", async ({ page, request }) => {
  const nodes: DesignNode[] = [
    { ...createNode("event-bus", "bus", { x: 0, y: 80 }), name: `hooks-${Date.now()}` },
    { ...createNode("rule", "rule", { x: 260, y: 80 }), name: "all-hooks", trigger: { type: "pattern", pattern: '{"source": ["com.shop"]}' } },
    { ...createNode("api-destination", "metadata", { x: 520, y: 0 }), name: "metadata", endpoint: "http://169.254.169.254/latest/meta-data/" },
    { ...createNode("api-destination", "partner", { x: 520, y: 180 }), name: "partner", endpoint: "http://127.0.0.1:9/hook" },
  ];
  await openNew(page, request, designOf("Hooks", nodes, [["bus", "rule"], ["rule", "metadata"], ["rule", "partner"]]));
  await page.getByRole("button", { name: "Run locally" }).click();
  const hosts = page.getByRole("region", { name: "Hosts this design calls" });
  await expect(hosts.getByRole("listitem")).toHaveCount(2);
  await expect(hosts.getByRole("listitem").filter({ hasText: "169.254.169.254" })).toContainText("not called: 169.254.169.254 is a cloud metadata service address, which Switchyard never calls");
  await expect(hosts.getByRole("listitem").filter({ hasText: "127.0.0.1:9" })).toContainText("not called: 127.0.0.1 is on this machine; add the host to SWITCHYARD_ALLOWED_OUTBOUND_HOSTS");
});

test("Fire schedule now sends a schedule rule's Scheduled Event to its targets and lights up the path", async ({ page, request }) => {
  const ruleName = `nightly-${Date.now()}`;
  const nodes: DesignNode[] = [
    { ...createNode("event-bus", "bus", { x: 0, y: 80 }), name: "default" },
    { ...createNode("rule", "nightly", { x: 260, y: 80 }), name: ruleName, trigger: { type: "schedule", expression: "cron(0 2 * * ? *)" } },
    { ...createNode("sqs", "reports", { x: 520, y: 80 }), queueName: "reports" },
  ];
  await openNew(page, request, designOf("Nightly report", nodes, [["bus", "nightly"], ["nightly", "reports"]]));
  const status = page.getByTestId("local-run-status");
  await page.getByRole("button", { name: "Fire schedule now" }).click();
  await expect(status).toContainText("run the design locally first");

  await page.getByRole("button", { name: "Run locally" }).click();
  await expect(status).toContainText("Running locally: 1 bus, 1 rule, 1 target.");
  await page.getByRole("button", { name: "Fire schedule now" }).click();
  await expect(status).toContainText(`Rule ${ruleName} fired its Scheduled Event: 1 delivery (reports: inbox).`);
  for (const nodeId of ["nightly", "reports"]) {
    await expect(page.locator(`[data-node-id="${nodeId}"]`)).toHaveAttribute("data-highlighted", "true");
  }

  const listed = await request.get(`/api/events?bus=${encodeURIComponent("arn:aws:events:us-east-1:000000000000:event-bus/default")}`);
  const { events } = await listed.json();
  const fired = events.find((e: { source: string; detailType: string }) => e.source === "aws.events" && e.detailType === "Scheduled Event");
  expect(fired).toBeDefined();
  const detail = await request.get(`/api/events/${fired.id}`);
  expect(JSON.stringify(await detail.json())).toContain(`rule/${ruleName}`);
});
