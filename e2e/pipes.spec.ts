import { expect, test } from "@playwright/test";
import { startCustomerLookup, type CustomerLookup } from "../lib/starters/order-pipeline-crm";
import { PIPES_ENRICHER_PORT } from "./aws-env";
import { expectExportTabs } from "./export-tabs";

/**
 * The Order pipeline starter end to end: the canvas shows its pipe, the lab judges the pipe's
 * filter on the queue's samples (PAID passes, PENDING is dropped) and previews the target's
 * input, Run locally makes the pipe on the local Pipes service, "Send test records" runs it —
 * the enrichment is a customer lookup served by this test on a loopback port the server may call
 * — and the Events page shows the pipe's steps and the rule's delivery; Export has the pipe.
 */

let crm: CustomerLookup;

test.beforeAll(async () => {
  crm = await startCustomerLookup(PIPES_ENRICHER_PORT);
});

test.afterAll(() => crm.close());

test("Order pipeline: canvas → lab → run locally → the pipe's steps in Events → export", async ({ page, context }) => {
  test.setTimeout(45_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/designs");
  await page.getByRole("button", { name: "New from template" }).click();
  await page.getByRole("dialog", { name: "New from template" }).getByRole("button", { name: /^Order pipeline/ }).click();
  await page.waitForURL(/\/designs\/[^/]+$/);
  const designUrl = page.url();
  await expect(page.getByRole("region", { name: "Problems" })).toContainText("No problems found.");
  const pipeNode = page.locator('[data-testid="canvas-node"][data-node-id="paid-orders-pipe"]');
  await expect(pipeNode).toContainText("paid-orders");

  // Lab: the pipe's filter on the queue's records as SQS delivers them (the body parsed).
  await page.getByTestId("designer-lab-toggle").click();
  await page.getByRole("button", { name: "Zoom to fit" }).click();
  await pipeNode.click();
  const panel = page.getByTestId("designer-lab-panel");
  await expect(panel).toHaveAttribute("data-node-id", "orders-queue");
  await expect(panel.locator('[data-testid="lab-result-row"][data-event-id="order-paid"]')).toHaveAttribute("data-verdict", "match");
  await expect(panel.locator('[data-testid="lab-result-row"][data-event-id="order-pending"]')).toHaveAttribute("data-verdict", "no-match");
  const records = panel.getByTestId("pipe-preview-record");
  await expect(records.nth(0)).toHaveAttribute("data-passes", "true");
  await expect(records.nth(1)).toHaveAttribute("data-passes", "false");
  await panel.getByTestId("pipe-enrichment-answer").fill('{"orderId": "o-1001", "total": 980, "customer": {"id": "c-42", "tier": "gold"}}');
  await expect(panel.getByTestId("pipe-preview-target")).toHaveText('{"orderId": "o-1001", "total": 980, "customer": {"id":"c-42","tier":"gold"}}');
  await page.getByTestId("designer-lab-toggle").click();

  // The customer lookup runs on this test's loopback server.
  // The customer lookup runs on this test's loopback server: AWS wants https, the problems list says so.
  await pipeNode.click();
  const endpoint = page.getByRole("form", { name: "Inspector" }).getByLabel("Endpoint", { exact: true });
  await endpoint.fill(crm.url);
  await expect(page.getByRole("region", { name: "Problems" })).toContainText("An API destination endpoint must be an https:// URL");

  const status = page.getByTestId("local-run-status");
  await page.getByRole("button", { name: "Run locally" }).click();
  await expect(status).toContainText("1 pipe.");
  await expect(page.getByTestId("local-run-hosts").getByRole("listitem")).toHaveAttribute("data-allowed", "true");
  await page.getByRole("button", { name: "Send test records to the pipe" }).click();
  await expect(status).toContainText("Sent 2 test records to queue orders: 1 pipe reads them.");
  await status.getByRole("link", { name: "See the pipe's steps in Events" }).click();
  await page.waitForURL(/\/events\?pipe=/);

  // The pipe's steps: PENDING dropped by the filter, PAID enriched and put on the bus.
  const runs = page.getByTestId("pipe-runs");
  await expect(runs.locator('[data-testid="pipe-step"][data-step="filter"]')).toContainText("1 passed, 1 dropped");
  await expect(runs.locator('[data-testid="pipe-step"][data-step="filter"]')).toContainText('\\"status\\":\\"PENDING\\"');
  const enrichment = runs.locator('[data-testid="pipe-step"][data-step="enrichment"]');
  await expect(enrichment).toHaveAttribute("data-outcome", "answered");
  await expect(enrichment).toContainText('"tier": "gold"');
  const target = runs.locator('[data-testid="pipe-step"][data-step="target"]');
  await expect(target).toHaveAttribute("data-outcome", "delivered");
  await expect(target).toContainText("event-bus/orders");
  expect(crm.requests.map((body) => JSON.parse(body) as unknown)).toEqual([{ orderId: "o-1001", customerId: "c-42", total: 980 }]);

  // The bus's rules took the enriched order.
  await page.goto("/events?source=com.example.orders");
  await page.getByTestId("event-row").first().getByRole("button", { name: "com.example.orders" }).click();
  const drawer = page.getByRole("dialog", { name: "Event detail" });
  await expect(drawer.getByTestId("matched-rules")).toContainText("rule/orders/big-paid-orders");
  await expect(drawer.getByTestId("matched-rules")).toContainText("rule/orders/all-paid-orders");
  await page.keyboard.press("Escape");

  // Export: the pipe in each format (the IaC export of pipes is branch iac15's).
  await page.goto(designUrl);
  await pipeNode.click();
  await endpoint.fill("https://crm.example.com/customers/lookup");
  await expect(page.getByRole("region", { name: "Problems" })).toContainText("No problems found.");
  await expectExportTabs(page, "Order pipeline", [
    ["CloudFormation", "AWS::Pipes::Pipe"],
    ["Terraform", 'resource "aws_pipes_pipe"'],
    ["CDK", "CfnPipe"],
  ]);
});
