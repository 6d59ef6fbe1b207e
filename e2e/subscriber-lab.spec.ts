import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator } from "@playwright/test";
import { createInputFor } from "../lib/designs/input";
import type { Design } from "../lib/graph";
import { design, node } from "../lib/graph/test-fixtures";
import { replaceEditorText } from "./editor";

/**
 * The designer's lab on a Custom Event Bus subscriber: its scope filters judged on PutEvents and
 * PutRawEvents samples, a JSONata transform previewed (and its error underlined), and a METADATA
 * prefix filter refused.
 */
const order = (id: string, total: number) =>
  JSON.stringify({ version: "0", id, "detail-type": "OrderPlaced", source: "com.shop", account: "123456789012", time: "2026-09-23T18:00:00Z", region: "us-east-1", resources: [], detail: { orderId: id, total } });

const graph: Design = {
  ...design(
    [
      node("eventsv2-bus", "orders-bus", { name: "orders", position: { x: 0, y: 0 } }),
      node("subscriber", "big-orders", {
        name: "big-orders",
        position: { x: 320, y: 0 },
        filters: { DATA: '{"detail":{"total":[{"numeric":[">",500]}]}}' },
        expectations: [
          { sample: "big", expect: "match" },
          { sample: "small", expect: "no-match" },
        ],
      }),
      node("lambda", "fulfil", { functionName: "fulfil", position: { x: 640, y: 0 } }),
    ],
    [
      ["orders-bus", "big-orders"],
      ["big-orders", "fulfil"],
    ],
  ),
  name: "Subscriber lab",
  samples: [
    { id: "big", name: "big order", event: order("A-1", 900) },
    { id: "small", name: "small order", event: order("A-2", 100) },
    { id: "raw", name: "raw order from acme", event: JSON.stringify({ Data: { orderId: "A-3", total: 700 }, Metadata: { tenant: "acme" }, SystemMetadata: { ContentType: "application/json" } }) },
  ],
};

const row = (panel: Locator, id: string) => panel.locator(`[data-testid="lab-result-row"][data-event-id="${id}"]`);

test("subscriber lab: scope filters on PutEvents and PutRawEvents samples, a JSONata transform previewed and its error underlined, a METADATA prefix refused", async ({ page, request }) => {
  const created = await request.post("/api/designs", { data: createInputFor(graph, "Subscriber lab") });
  expect(created.status()).toBe(201);
  const { design: saved } = (await created.json()) as { design: { id: string } };
  await page.goto(`/designs/${saved.id}`);
  await expect(page.getByTestId("design-editor")).toBeVisible();
  await page.getByTestId("designer-lab-toggle").click();
  await page.locator('.react-flow__node[data-id="big-orders"]').click();
  const panel = page.getByTestId("designer-lab-panel");
  await expect(panel).toHaveAttribute("data-kind", "subscriber");

  // The DATA filter is written for PutEvents: the raw entry's total is at the top of Data, not under detail.
  await expect(row(panel, "big")).toHaveAttribute("data-verdict", "match");
  await expect(row(panel, "small")).toHaveAttribute("data-verdict", "no-match");
  await expect(row(panel, "small")).toContainText("DATA: detail.total is 100; the DATA filter needs > 500");
  await expect(row(panel, "raw")).toHaveAttribute("data-verdict", "no-match");
  await expect(panel.getByTestId("lab-broken-count")).toHaveText("0 broken expectations");

  // What each scope reads for the raw entry: its data as sent and the publisher's metadata.
  await row(panel, "raw").getByRole("button", { name: /^raw order from acme/ }).click();
  await panel.getByRole("tab", { name: "What each scope reads" }).click();
  await expect(panel.getByTestId("subscriber-sample-api")).toContainText("PutRawEvents");
  await expect(panel.locator('[data-testid="subscriber-scope-view"][data-scope="METADATA"]')).toContainText('"tenant": "acme"');

  // A JSONata transform, evaluated in the lab's worker, for the selected sample.
  await panel.getByRole("tab", { name: "Target input" }).click();
  await panel.getByTestId("subscriber-transform-type").selectOption("JSONATA");
  const transform = panel.getByTestId("subscriber-transform").getByRole("textbox", { name: "JSONata transform" });
  await replaceEditorText(page, transform, '{% { "order": $events.Data.orderId, "tenant": $events.Metadata.tenant } %}');
  const output = panel.getByTestId("subscriber-target-input");
  await expect(output).toHaveAttribute("data-event-id", "raw");
  await expect(output).toContainText('"order": "A-3"');
  await expect(output).toContainText('"tenant": "acme"');
  await expect(panel.getByText("A Lambda function receives its events in batches")).toBeVisible();

  // An error is reported and underlined where it is, inside the {% %} text.
  await replaceEditorText(page, transform, "{% $events.Data.orderId & ) %}");
  await expect(panel.getByTestId("subscriber-transform-error")).toContainText("(at character 27)");
  await expect(panel.getByTestId("subscriber-transform").locator(".cm-lintRange-error")).toHaveText(")");

  // METADATA matches exact values only: a prefix is refused, named, and underlined; no verdicts until it is valid.
  const metadata = panel.locator('[data-testid="subscriber-filter"][data-scope="METADATA"]');
  await replaceEditorText(page, metadata.getByRole("textbox", { name: "METADATA filter" }), '{"tenant":[{"prefix":"ac"}]}');
  await expect(metadata.getByTestId("subscriber-filter-error")).toHaveText(
    "METADATA filter is not valid. Reason: tenant: the prefix operator is not supported in a METADATA filter, which matches exact values only",
  );
  await expect(metadata.locator(".cm-lintRange-error")).toBeVisible();
  await expect(row(panel, "big")).toHaveAttribute("data-verdict", "pending");

  // An exact value is accepted: the PutEvents samples have no metadata, so only the raw entry could pass.
  await replaceEditorText(page, metadata.getByRole("textbox", { name: "METADATA filter" }), '{"tenant":["acme"]}');
  await expect(row(panel, "big")).toHaveAttribute("data-verdict", "no-match");
  await expect(row(panel, "big")).toContainText("METADATA: the event has no metadata");
  await expect(panel.getByTestId("lab-broken-count")).toHaveText("1 broken expectation");

  // axe-core finds nothing serious or critical in the panel; in dark mode only colours change, so only contrast is checked again.
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = new AxeBuilder({ page }).include('[data-testid="designer-lab-panel"]');
    const { violations } = await (colorScheme === "dark" ? axe.withRules(["color-contrast"]) : axe).analyze();
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${colorScheme}: ${v.id} — ${v.nodes.map((n) => n.failureSummary ?? n.target.join(" ")).join("; ")}`)).toEqual([]);
  }
});
