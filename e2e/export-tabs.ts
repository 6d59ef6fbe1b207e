import { expect, type Page } from "@playwright/test";

/**
 * Opens Export and checks that each tab's whole file holds its text. The code view draws only
 * the lines in sight, so the file is read through Copy (the spec grants clipboard access).
 */
export async function expectExportTabs(page: Page, designName: string, tabs: readonly (readonly [tab: string, text: string])[]): Promise<void> {
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Export “${designName}”` });
  for (const [tab, text] of tabs) {
    await dialog.getByRole("tab", { name: tab }).click();
    await expect(dialog.getByRole("tab", { name: tab })).toHaveAttribute("aria-selected", "true");
    await expect(dialog.getByTestId("code-view")).not.toBeEmpty();
    await dialog.getByRole("button", { name: "Copy" }).click();
    await expect(dialog.getByRole("status")).toContainText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText()), tab).toContain(text);
  }
}
