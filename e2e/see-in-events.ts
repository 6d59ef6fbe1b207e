import { expect, type Locator, type Page } from "@playwright/test";

/** Follows the local-run status's "See it in Events" to the one event it names, and opens its detail drawer. */
export async function openSeenEvent(page: Page, status: Locator, source: string): Promise<Locator> {
  await status.getByRole("link", { name: "See it in Events" }).click();
  await page.waitForURL(/\/events\?text=/);
  const rows = page.getByTestId("event-row");
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("button", { name: source }).click();
  return page.getByRole("dialog", { name: "Event detail" });
}
