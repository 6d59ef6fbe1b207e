import { expect, test } from "@playwright/test";

/**
 * Migrate the "Reward big payments" starter to the Custom Event Bus: the planner's report, the
 * old rules' expectations checked against the subscribers, and the saved design on the canvas.
 */
test("migrates Reward big payments to the Custom Event Bus", async ({ page }) => {
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
});
