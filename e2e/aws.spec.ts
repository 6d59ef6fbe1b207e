import {
  CreateEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { expect, test, type Page } from "@playwright/test";
import { E2E_AWS_ACCESS_KEY_ID, E2E_AWS_PROFILE, E2E_AWS_SECRET_ACCESS_KEY } from "./aws-env";

test.use({ viewport: { width: 1600, height: 900 } });

const REGION = "us-east-1";
/** The local endpoint's account for an access key id that is not 12 digits (README). */
const ACCOUNT = "000000000000";

/** The real SDK, pointed at the app's own local EventBridge, with the same dummy keys as the server. */
function eventBridge(baseURL: string): EventBridgeClient {
  return new EventBridgeClient({
    region: REGION,
    endpoint: baseURL,
    credentials: { accessKeyId: E2E_AWS_ACCESS_KEY_ID, secretAccessKey: E2E_AWS_SECRET_ACCESS_KEY },
  });
}

/** A bus with two rules: one we change in the designer, one that must come through untouched. */
async function seedAccount(client: EventBridgeClient, bus: string) {
  await client.send(new CreateEventBusCommand({ Name: bus }));
  await client.send(new PutRuleCommand({ Name: "big-orders", EventBusName: bus, EventPattern: '{"source":["com.shop"],"detail-type":["OrderPlaced"]}', Description: "Orders for billing" }));
  await client.send(
    new PutTargetsCommand({ Rule: "big-orders", EventBusName: bus, Targets: [{ Id: "billing", Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:billing`, RetryPolicy: { MaximumRetryAttempts: 3 } }] }),
  );
  await client.send(new PutRuleCommand({ Name: "audit-all", EventBusName: bus, EventPattern: '{"source":[{"prefix":"com."}]}' }));
  await client.send(new PutTargetsCommand({ Rule: "audit-all", EventBusName: bus, Targets: [{ Id: "audit", Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:audit`, InputPath: "$.detail" }] }));
}

/** Replaces the text of a CodeMirror editor in the inspector (as e2e/designer.spec.ts does). */
async function setCode(page: Page, label: string, text: string) {
  const editor = page.getByTestId("inspector").getByRole("textbox", { name: label });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

test("connects to the local endpoint, imports a bus, changes a pattern on the canvas, plans, applies, and re-plans to no changes", async ({ page, baseURL }) => {
  const client = eventBridge(baseURL!);
  const bus = `shop-${Date.now()}`;
  await seedAccount(client, bus);

  // Settings → AWS: the region, the profile picker fed by the server, the local endpoint in one click.
  await page.goto("/settings");
  await expect(page.getByLabel("Profile")).toContainText(E2E_AWS_PROFILE);
  await expect(page.getByRole("textbox", { name: /access key|secret/i })).toHaveCount(0);
  await page.getByLabel("Region").fill(REGION);
  await page.getByRole("button", { name: "Use Switchyard's local EventBridge" }).click();
  await expect(page.getByLabel(/Endpoint override/)).toHaveValue(baseURL!);
  await page.getByRole("button", { name: "Save" }).click();
  const status = page.getByTestId("aws-connection-status");
  await expect(status).toHaveText("Saved.");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("aws-identity-account")).toHaveText(ACCOUNT);
  await expect(page.getByTestId("aws-identity-arn")).toContainText(`arn:aws:`);
  await expect(page.getByTestId("aws-identity-arn")).toContainText(ACCOUNT);
  // A bad endpoint is refused with the server's message, naming the field.
  await page.getByLabel(/Endpoint override/).fill("ftp://nowhere");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(status).toContainText("endpoint must be an http(s) URL");
  await page.reload();
  await expect(page.getByLabel(/Endpoint override/)).toHaveValue(baseURL!);

  // Import one bus: the new design opens in the designer, laid out.
  await page.goto("/aws");
  await page.getByLabel("Bus name").fill(bus);
  await expect(page.getByRole("radio", { name: "One bus" })).toBeChecked();
  await page.getByRole("button", { name: "Import" }).click();
  await page.waitForURL(/\/designs\/[^/]+$/, { timeout: 15_000 });
  const designId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  await expect(page.getByTestId("design-editor")).toBeVisible();
  // 1 bus, 2 rules, 2 targets.
  await expect(page.getByTestId("canvas-node")).toHaveCount(5);
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);

  // Change big-orders' pattern in the inspector's code editor.
  const rule = page.locator(`[data-testid="canvas-node"][data-node-id="rule:${bus}:big-orders"]`);
  await rule.click();
  const newPattern = '{"source": ["com.shop"], "detail-type": ["OrderPlaced"], "detail": {"total": [{"numeric": [">", 100]}]}}';
  await setCode(page, "Event pattern", newPattern);
  await expect(page.getByTestId("inspector").getByTestId("field-problems")).toHaveCount(0);

  // Push to AWS saves first, then shows the plan: exactly that one change, field by field.
  await page.getByRole("button", { name: "Push to AWS" }).click();
  await page.waitForURL(`**/designs/${encodeURIComponent(designId)}/push`);
  await expect(page.getByTestId("plan-summary")).toHaveText("Plan: 0 to create, 1 to change, 0 to delete.", { timeout: 15_000 });
  const changes = page.getByTestId("plan-change");
  await expect(changes).toHaveCount(1);
  const change = changes.first();
  await expect(change).toHaveAttribute("data-action", "update");
  await expect(change).toHaveAttribute("data-label", `${bus}/big-orders`);
  await expect(change.getByTestId("field-change")).toHaveCount(1);
  const diff = change.getByLabel("eventPattern changes");
  await expect(diff).toContainText('+   "detail": {');
  await expect(diff).toContainText('"numeric"');
  // The other rule is left alone, and the per-bus delete choice starts unticked.
  await expect(page.getByRole("checkbox", { name: `${bus}: also delete what is not in the design` })).not.toBeChecked();

  // Apply only after confirming; each step's result shows.
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  const dialog = page.getByRole("alertdialog", { name: "Apply these changes to AWS?" });
  await expect(dialog).toContainText(`Account ${ACCOUNT} in ${REGION}: 0 to create, 1 to change, 0 to delete.`);
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(change.getByTestId("step-status")).toHaveAttribute("data-status", "done", { timeout: 15_000 });
  await expect(page.getByTestId("apply-outcome")).toHaveAttribute("data-outcome", "complete");
  await expect(page.getByTestId("apply-outcome")).toContainText("Applied all 1 change.");

  // The endpoint has the new pattern (compared as JSON); the other rule and the targets survive.
  const described = await client.send(new DescribeRuleCommand({ Name: "big-orders", EventBusName: bus }));
  expect(JSON.parse(described.EventPattern!)).toEqual(JSON.parse(newPattern));
  const listed = await client.send(new ListRulesCommand({ EventBusName: bus }));
  expect(listed.Rules?.map((r) => r.Name).sort()).toEqual(["audit-all", "big-orders"]);
  expect(JSON.parse(listed.Rules!.find((r) => r.Name === "big-orders")!.EventPattern!)).toEqual(JSON.parse(newPattern));
  const targets = await client.send(new ListTargetsByRuleCommand({ Rule: "big-orders", EventBusName: bus }));
  expect(targets.Targets?.map((t) => t.Id)).toEqual(["billing"]);

  // Planning again finds nothing to do.
  await page.getByRole("button", { name: "Plan again" }).click();
  await expect(page.getByTestId("plan-summary")).toHaveText("No changes. The account matches the design.", { timeout: 15_000 });
  await expect(page.getByTestId("plan-change")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Apply", exact: true })).toBeDisabled();
  client.destroy();
});
