import { expect, test, type Locator, type Page } from "@playwright/test";
import { replaceEditorText } from "./editor";

/** The designer's lab on a stream source: the Kafka starter's filter criteria on its four records. */

/** A new design from the Kafka starter, with the lab panel open on its topic; answers the panel. */
async function openKafkaTopicLab(page: Page): Promise<Locator> {
  await page.goto("/designs");
  await page.getByRole("button", { name: "New from template" }).click();
  const dialog = page.getByRole("dialog", { name: "New from template" });
  await dialog.getByRole("button", { name: /^Consume a Kafka topic from another account/ }).click();
  await page.waitForURL(/\/designs\/[^/]+$/);
  await expect(page.getByTestId("design-editor")).toBeVisible();
  await page.getByTestId("designer-lab-toggle").click();
  await page.getByRole("button", { name: "Zoom to fit" }).click();
  await page.locator('[data-testid="canvas-node"][data-node-id="customer-topic"]').click();
  const panel = page.getByTestId("designer-lab-panel");
  await expect(panel).toHaveAttribute("data-node-id", "customer-topic");
  return panel;
}

const row = (panel: Locator, id: string) => panel.locator(`[data-testid="lab-result-row"][data-event-id="${id}"]`);

function replaceCriterion(page: Page, panel: Locator, text: string): Promise<void> {
  return replaceEditorText(page, panel.getByTestId("lab-pattern").getByRole("textbox", { name: "Event pattern" }), text);
}

async function expectVerdicts(panel: Locator, verdicts: Record<string, ["match" | "no-match", boolean]>): Promise<void> {
  for (const [id, [verdict, broken]] of Object.entries(verdicts)) {
    await expect(row(panel, id), id).toHaveAttribute("data-verdict", verdict);
    await expect(row(panel, id), id).toHaveAttribute("data-broken", String(broken));
  }
}

test("designer lab on the Kafka topic: its filter criteria judge its sample records, expectations flag a change, undo restores it", async ({ page }) => {
  const panel = await openKafkaTopicLab(page);
  await expect(panel).toHaveAttribute("data-kind", "kafka");
  await expect(panel.getByTestId("stream-lab-criterion")).toHaveCount(1);
  await expect(panel.getByTestId("lab-result-row")).toHaveCount(4);
  await expectVerdicts(panel, { "customer-wa": ["match", false], "customer-ca": ["match", false], "customer-ny": ["no-match", false], "not-json": ["no-match", false] });
  await expect(panel.getByTestId("lab-broken-count")).toHaveText("0 broken expectations");
  // Rows speak of the filter, and a filtered-out record says why (the criterion looks at the decoded value).
  await expect(row(panel, "customer-wa")).toContainText("passes");
  await expect(row(panel, "customer-ny")).toContainText('value.state is "NY"; the filter needs one of: "WA", "OR", "CA"');
  await expect(row(panel, "customer-ny").getByTestId("lab-expect")).toHaveValue("no-match");
  await expect(row(panel, "customer-ny").locator("option", { hasText: "should be filtered out" })).toHaveCount(1);

  // Accepting NY too: customer-ny passes, breaking its "should be filtered out".
  await replaceCriterion(page, panel, '{"value": {"state": ["WA", "OR", "CA", "NY"]}}');
  await expectVerdicts(panel, { "customer-wa": ["match", false], "customer-ca": ["match", false], "customer-ny": ["match", true], "not-json": ["no-match", false] });
  await expect(panel.getByTestId("lab-broken-count")).toHaveText("1 broken expectation");
  // The panel edits the node: the inspector's filter criteria show the same text.
  await expect(page.getByTestId("inspector")).toContainText('"NY"');

  // One undo step restores the starter's criterion.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(panel.getByTestId("lab-pattern")).toContainText('"CA"');
  await expect(panel.getByTestId("lab-pattern")).not.toContainText('"NY"');
  await expectVerdicts(panel, { "customer-wa": ["match", false], "customer-ca": ["match", false], "customer-ny": ["no-match", false], "not-json": ["no-match", false] });
  await expect(panel.getByTestId("lab-broken-count")).toHaveText("0 broken expectations");
});

test("designer lab on the Kafka topic: a second criterion passes what it matches, added records become the topic's samples", async ({ page }) => {
  const panel = await openKafkaTopicLab(page);

  // Any criterion passes a record: a second one for New York lets customer-ny through.
  await panel.getByTestId("stream-lab-add-criterion").click();
  await expect(panel.getByTestId("stream-lab-criterion")).toHaveCount(2);
  await expect(panel.locator('[data-testid="stream-lab-criterion"][data-index="1"]')).toHaveAttribute("aria-pressed", "true");
  await replaceCriterion(page, panel, '{"value": {"city": ["New York"]}}');
  await expectVerdicts(panel, { "customer-wa": ["match", false], "customer-ca": ["match", false], "customer-ny": ["match", true], "not-json": ["no-match", false] });
  // A record no criterion passes is explained by the one that came closest (or the first).
  await expect(row(panel, "not-json")).toContainText("Filter 1: value.state is missing");

  // An invalid other criterion stops the verdicts and says which one.
  await panel.locator('[data-testid="stream-lab-criterion"][data-index="0"]').click();
  await replaceCriterion(page, panel, '{"value": ');
  await expect(panel.getByTestId("lab-pattern-error")).toBeVisible();
  await panel.locator('[data-testid="stream-lab-criterion"][data-index="1"]').click();
  await expect(panel.getByTestId("lab-criteria-error")).toContainText("Filter 1:");
  await expect(row(panel, "customer-wa")).toHaveAttribute("data-verdict", "pending");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(panel.getByTestId("lab-criteria-error")).toHaveCount(0);

  await panel.getByTestId("stream-lab-remove-criterion").click();
  await expect(panel.getByTestId("stream-lab-criterion")).toHaveCount(1);
  await expect(row(panel, "customer-ny")).toHaveAttribute("data-verdict", "no-match");

  // A record pasted here and marked "should pass" becomes a sample of this topic.
  const record = { topic: "customer", partition: 0, offset: 20, timestamp: 1767225600000, timestampType: "CREATE_TIME", key: "", value: Buffer.from(JSON.stringify({ id: "c-2000", state: "OR" })).toString("base64"), headers: [] };
  await panel.getByTestId("lab-event-sources").getByRole("tab", { name: "Paste or upload" }).click();
  await panel.getByTestId("lab-paste").fill(JSON.stringify(record));
  await panel.getByTestId("lab-paste-add").click();
  await expect(panel.getByTestId("lab-result-row")).toHaveCount(5);
  const added = panel.getByTestId("lab-result-row").nth(4);
  await expect(added).toHaveAttribute("data-verdict", "match");
  await added.getByTestId("lab-expect").selectOption("match");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 10_000 });

  await page.reload();
  await page.locator('[data-testid="canvas-node"][data-node-id="customer-topic"]').click();
  await page.getByTestId("designer-lab-toggle").click();
  const again = page.getByTestId("designer-lab-panel");
  await expect(again.getByTestId("lab-result-row")).toHaveCount(5);
  await expect(again.getByTestId("lab-result-row").nth(4).getByTestId("lab-expect")).toHaveValue("match");
  await expect(again.getByTestId("lab-broken-count")).toHaveText("0 broken expectations");
});
