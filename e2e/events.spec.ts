import { readFile } from "node:fs/promises";
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { expect, test } from "@playwright/test";

/**
 * The Events page against the running app: events sent with the AWS SDK to the app's own origin
 * are listed, filtered by an event pattern, opened with their matched rules and deliveries,
 * exported as JSON Lines and replayed; the live tail shows new ones.
 */
test.describe("Events page", () => {
  test("filters by pattern, shows matched rules and deliveries, replays a selection", async ({ page, baseURL }) => {
    const run = `e2e${Date.now()}`;
    const eb = new EventBridgeClient({ endpoint: baseURL, region: "us-east-1", credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" } });
    const ruleName = `${run}-orders`;
    await eb.send(new PutRuleCommand({ Name: ruleName, EventPattern: JSON.stringify({ source: [run] }) }));
    await eb.send(
      new PutTargetsCommand({
        Rule: ruleName,
        Targets: [{ Id: "queue", Arn: `arn:aws:sqs:us-east-1:000000000000:${run}`, InputPath: "$.detail" }],
      }),
    );
    const put = await eb.send(
      new PutEventsCommand({
        Entries: [
          { Source: run, DetailType: "OrderPlaced", Detail: JSON.stringify({ n: 1 }) },
          { Source: run, DetailType: "OrderPlaced", Detail: JSON.stringify({ n: 2, note: "<b>not html</b>" }) },
          { Source: `${run}.other`, DetailType: "Noise", Detail: JSON.stringify({ n: 2 }) },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);

    await page.goto("/events");
    await expect(page.getByRole("heading", { name: "Events", level: 1 })).toBeVisible();
    await expect(page.getByTestId("event-row").filter({ hasText: run })).toHaveCount(3);

    // An invalid pattern is explained and cannot be applied.
    const pattern = page.getByLabel("Event pattern");
    await pattern.fill('{"source": "x"}');
    await expect(page.getByRole("button", { name: "Apply filters" })).toBeDisabled();

    await pattern.fill(JSON.stringify({ source: [run], detail: { n: [2] } }));
    await page.getByRole("button", { name: "Apply filters" }).click();
    const rows = page.getByTestId("event-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("OrderPlaced");

    await rows.first().getByRole("button", { name: run }).click();
    const drawer = page.getByRole("dialog", { name: "Event detail" });
    await expect(drawer.getByTestId("matched-rules")).toContainText(`arn:aws:events:us-east-1:000000000000:rule/${ruleName}`);
    const delivery = drawer.getByTestId("delivery");
    await expect(delivery).toContainText("inbox");
    await expect(delivery).toContainText("queue");
    // Event content is shown as text, never interpreted as HTML.
    await expect(drawer.getByTestId("event-json")).toContainText("<b>not html</b>");
    await drawer.getByRole("button", { name: "Close" }).click();

    await rows.first().getByRole("checkbox").check();
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export JSON Lines" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("events.jsonl");
    const lines = (await readFile(await download.path(), "utf8")).trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line).detail)).toEqual([{ n: 2, note: "<b>not html</b>" }]);

    await page.getByRole("button", { name: "Replay selected" }).click();
    await expect(page.getByRole("status")).toContainText("Replayed 1 event");
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "replay" })).toHaveCount(1);
  });

  test("live tail shows new events as they arrive", async ({ page, baseURL }) => {
    const run = `tail${Date.now()}`;
    const eb = new EventBridgeClient({ endpoint: baseURL, region: "us-east-1", credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" } });
    await page.goto("/events");
    await page.getByLabel("Source").fill(run);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByText("No stored event matches these filters.")).toBeVisible();
    const tail = page.getByRole("checkbox", { name: "Live tail" });
    const streaming = page.waitForResponse((response) => response.url().includes("/api/events/stream"));
    await tail.check();
    await streaming; // subscribed: the stream's headers come after its subscription
    await eb.send(new PutEventsCommand({ Entries: [{ Source: run, DetailType: "Live", Detail: "{}" }, { Source: `${run}.x`, DetailType: "Other", Detail: "{}" }] }));
    await expect(page.getByTestId("event-row").filter({ hasText: "Live" })).toHaveCount(1);
    await expect(page.getByTestId("event-row")).toHaveCount(1);
  });
});
