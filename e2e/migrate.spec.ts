import { expect, test } from "@playwright/test";

/**
 * Migrate the "Reward big payments" starter to the Custom Event Bus: the planner's report, the
 * old rules' expectations checked against the subscribers, and the saved design on the canvas;
 * then run it locally, send the sample payment, see the subscriber's transformed delivery on the
 * Events page, pause the subscriber, send again, resume and see the backlog delivered.
 */
test("migrates Reward big payments to the Custom Event Bus and runs it locally", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/designs");
  await page.getByRole("button", { name: "New from template" }).click();
  await page.getByRole("dialog", { name: "New from template" }).getByRole("button", { name: /^Reward big payments/ }).click();
  await expect(page).toHaveURL(/\/designs\/[^/]+$/);

  await page.goto("/designs");
  await page.getByRole("button", { name: "Migrate Reward big payments to the Custom Event Bus" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Migrate “Reward big payments” to the Custom Event Bus" });
  const report = dialog.getByRole("list", { name: "Migration report" });
  await expect(report.getByRole("listitem")).toHaveCount(5);
  await expect(report).toContainText("Bus eda_bus becomes a Custom Event Bus of the same name.");
  await expect(report).toContainText("Rule payment-processed → lambda rewards becomes subscriber payment-processed");
  await expect(dialog.getByTestId("migration-expectations")).toHaveText("All 9 saved expectations of the old rules hold for the new subscribers.");

  // Unticking the bus leaves nothing to save.
  await dialog.getByRole("checkbox", { name: /eda_bus/ }).uncheck();
  await expect(report.getByRole("listitem")).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: "Save as new design" })).toBeDisabled();
  await dialog.getByRole("checkbox", { name: /eda_bus/ }).check();

  await dialog.getByRole("button", { name: "Save as new design" }).click();
  await expect(page).toHaveURL(/\/designs\/[^/]+$/);
  await expect(page.locator('[data-testid="canvas-node"][data-kind="subscriber"]')).toHaveCount(3);
  // A node's accessible name is on React Flow's focusable wrapper, where keyboard and screen reader land.
  await expect(page.locator(".react-flow__node", { has: page.locator('[data-kind="eventsv2-bus"]') })).toHaveAttribute("aria-label", "Custom Event Bus eda_bus");
  await expect(page.locator('[data-testid="canvas-node"][data-kind="rule"]')).toHaveCount(0);
  await expect(page.getByTestId("node-problem-badge")).toHaveCount(0);

  // The subscriber's inspector shows its DATA filter and transform.
  await page.locator('.react-flow__node[aria-label="Subscriber payment-processed"]').click();
  await expect(page.getByLabel("Filter on the data (DATA)")).toBeChecked();
  await expect(page.getByLabel("Target receives")).toHaveValue("RAW");

  // The subscriber's target receives the payment's detail, through JSONata.
  await page.getByLabel("Target receives").selectOption("JSONATA");
  const designUrl = page.url();

  const status = page.getByTestId("local-run-status");
  await page.getByRole("button", { name: "Run locally" }).click();
  await expect(status).toContainText("Running locally: 0 buses, 0 rules, 0 targets, 1 Custom Event Bus, 3 subscribers.");
  await expect(page.getByLabel("Producer of the test event")).toHaveValue("payment");
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(status).toContainText("Test event matched 3 subscribers, 3 deliveries (payment-processed: inbox");

  /** The newest event on the new bus (of `stored`) and what payment-processed received from it. */
  const newestDelivery = async (stored: number) => {
    await page.goto("/events");
    const row = page.getByTestId("event-row").filter({ hasText: "eda_bus (Custom Event Bus)" }).first();
    await row.getByRole("button", { name: "demo.payments" }).click();
    const drawer = page.getByRole("dialog", { name: "Event detail" });
    const delivery = drawer.getByTestId("delivery").filter({ has: page.getByText("payment-processed", { exact: true }) });
    await expect(delivery).toContainText("inbox");
    // JSONata `$events.Data.detail`: the payment's detail, not the whole event.
    await expect(delivery.locator("pre")).toContainText('"total_cost": 242.58');
    await expect(delivery.locator("pre")).not.toContainText('"detail-type"');
    await expect(page.getByTestId("event-row").filter({ hasText: "eda_bus (Custom Event Bus)" })).toHaveCount(stored);
  };
  await newestDelivery(1);

  // Paused, the subscriber keeps the next payment as its backlog; resumed, it receives it.
  await page.goto(designUrl);
  await page.getByRole("button", { name: "Run locally" }).click();
  await page.getByRole("button", { name: "Pause payment-processed" }).click();
  await expect(status).toContainText("Subscriber payment-processed paused");
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(status).toContainText("payment-processed: paused");
  await page.getByRole("button", { name: "Resume payment-processed" }).click();
  await expect(status).toContainText("Subscriber payment-processed resumed: 1 waiting event delivered.");
  await newestDelivery(2);
});
