import { expect, test } from "@playwright/test";
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
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links: [string, string][] = [["shop", "orders"], ["orders", "big"], ["orders", "other"], ["big", "billing"], ["other", "audit"]];
  const edges = links.map(([source, target], i) => ({ id: `e${i}`, kind: edgeKindBetween(byId.get(source)!, byId.get(target)!)!, source, target }));
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: `Run locally ${busName}`, description: "", nodes, edges };
}

test("Run locally deploys the design and a test event lights up the path it took", async ({ page, request }) => {
  const busName = `orders-${Date.now()}`;
  const design = orderFlow(busName);
  const created = await request.post("/api/designs", { data: { name: design.name, graph: design } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()).design;

  await page.goto(`/designs/${id}`);
  const status = page.getByTestId("local-run-status");

  // Sending before deploying explains what to do first.
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(status).toContainText("run the design locally first");

  await page.getByRole("button", { name: "Run locally" }).click();
  await expect(status).toContainText("Running locally: 1 bus, 2 rules, 2 targets.");

  await expect(page.getByLabel("Producer of the test event")).toHaveValue("shop");
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(status).toContainText("Test event matched 1 rule, 1 delivery (billing: ");

  // The whole design in view (it opens at a legible zoom, wider than this canvas).
  await page.getByRole("button", { name: "Zoom to fit" }).click();
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
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links: [string, string][] = [["bus", "rule"], ["rule", "metadata"], ["rule", "partner"]];
  const edges = links.map(([source, target], i) => ({ id: `e${i}`, kind: edgeKindBetween(byId.get(source)!, byId.get(target)!)!, source, target }));
  const design: Design = { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: "Hooks", description: "", nodes, edges };
  const created = await request.post("/api/designs", { data: { name: design.name, graph: design } });
  const { id } = (await created.json()).design;

  await page.goto(`/designs/${id}`);
  await page.getByRole("button", { name: "Run locally" }).click();
  const hosts = page.getByRole("region", { name: "Hosts this design calls" });
  await expect(hosts.getByRole("listitem")).toHaveCount(2);
  await expect(hosts.getByRole("listitem").filter({ hasText: "169.254.169.254" })).toContainText("not called: 169.254.169.254 is a cloud metadata service address, which Switchyard never calls");
  await expect(hosts.getByRole("listitem").filter({ hasText: "127.0.0.1:9" })).toContainText("not called: 127.0.0.1 is on this machine; add the host to SWITCHYARD_ALLOWED_OUTBOUND_HOSTS");
});
