import {
  CreateEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, edgeKindBetween, type Design, type DesignNode } from "../lib/graph";
import { setInspectorCode } from "./editor";
import { E2E_AWS_ACCESS_KEY_ID, E2E_AWS_PROFILE, E2E_AWS_SECRET_ACCESS_KEY, FAULTY_ENDPOINT_PORT, forgetAwsConnectionAfterEachTest } from "./aws-env";
import { startFaultyEndpoint } from "./faulty-endpoint";

test.use({ viewport: { width: 1600, height: 900 } });
forgetAwsConnectionAfterEachTest();

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

test("connects to the local endpoint, imports a bus, changes a pattern on the canvas, plans, applies, and re-plans to no changes", async ({ page, request, baseURL }) => {
  const client = eventBridge(baseURL!);
  const bus = `shop-${Date.now()}`;
  await seedAccount(client, bus);

  // Not configured yet: importing says so and leads to the settings.
  expect((await request.delete("/api/aws/connection")).ok()).toBe(true);
  await page.goto("/aws");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("aws-import-status")).toContainText("AWS is not configured");
  await page.getByTestId("aws-import-status").getByRole("link", { name: "Open Settings → AWS" }).click();
  await page.waitForURL("**/settings");

  // Settings → AWS: the region, the profile picker fed by the server, the local endpoint in one click.
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
  await expect(status).toContainText("Invalid AWS connection: endpoint: ");
  await page.reload();
  await expect(page.getByLabel(/Endpoint override/)).toHaveValue(baseURL!);

  // Import one bus: the new design opens in the designer, laid out.
  await page.goto("/aws");
  // Custom Event Buses need @aws-sdk/client-eventbridgev2, which is not installed here: the panel says so.
  await expect(page.getByRole("note", { name: "Custom Event Buses" })).toHaveText(/^Custom Event Buses are not imported: @aws-sdk\/client-eventbridgev2 is not installed/);
  await page.getByLabel("Bus name").fill(bus);
  await expect(page.getByRole("radio", { name: "One bus" })).toBeChecked();
  await page.getByLabel("Name of the new design").fill(`Shop ${bus}`);
  await page.getByRole("button", { name: "Import" }).click();
  await page.waitForURL(/\/designs\/[^/]+$/, { timeout: 15_000 });
  await expect(page.getByLabel("Design name")).toHaveValue(`Shop ${bus}`);
  const designId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  await expect(page.getByTestId("design-editor")).toBeVisible();
  // 1 bus, 2 rules, 2 targets.
  await expect(page.getByTestId("canvas-node")).toHaveCount(5);
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);

  // Change big-orders' pattern in the inspector's code editor.
  const rule = page.locator(`[data-testid="canvas-node"][data-node-id="rule:${bus}:big-orders"]`);
  await rule.click();
  const newPattern = '{"source": ["com.shop"], "detail-type": ["OrderPlaced"], "detail": {"total": [{"numeric": [">", 100]}]}}';
  await setInspectorCode(page, "Event pattern", newPattern);
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
  // The plan says the Custom Event Bus part is left out, and why.
  await expect(page.getByRole("note", { name: "Custom Event Buses" })).toHaveText(/^Custom Event Buses are not planned: @aws-sdk\/client-eventbridgev2 is not installed/);
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

/** A design for an existing bus: one new rule with two targets. */
function refundsDesign(bus: string): Design {
  const nodes: DesignNode[] = [
    { ...createNode("event-bus", "bus", { x: 0, y: 0 }), name: bus },
    { ...createNode("rule", "refunds", { x: 260, y: 0 }), name: "refunds", trigger: { type: "pattern", pattern: '{"detail-type": ["Refund"]}' } },
    { ...createNode("sqs", "refund-queue", { x: 520, y: 0 }), queueName: "refunds" },
    { ...createNode("lambda", "refund-fn", { x: 520, y: 120 }), functionName: "refund" },
  ];
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links: [string, string][] = [["bus", "refunds"], ["refunds", "refund-queue"], ["refunds", "refund-fn"]];
  const edges = links.map(([source, target], i) => ({ id: `e${i}`, kind: edgeKindBetween(byId.get(source)!, byId.get(target)!)!, source, target }));
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: `Refunds ${bus}`, description: "", nodes, edges };
}

/** Saves the design, opens its Push to AWS page and waits for the plan's summary. */
async function openPlan(page: Page, request: APIRequestContext, design: Design, expected: string) {
  const created = await request.post("/api/designs", { data: { name: design.name, graph: design } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()).design as { id: string };
  await page.goto(`/designs/${encodeURIComponent(id)}/push`);
  const summary = page.getByTestId("plan-summary");
  await expect(summary).toHaveText(expected, { timeout: 15_000 });
  return { id, summary };
}

test("apply refuses a plan nobody reviewed, a failure part-way says what was and was not applied, applying again completes it, and what the design does not mention survives", async ({ page, request, baseURL }) => {
  const client = eventBridge(baseURL!);
  const bus = `payments-${Date.now()}`;
  await client.send(new CreateEventBusCommand({ Name: bus }));
  await client.send(new PutRuleCommand({ Name: "legacy", EventBusName: bus, EventPattern: '{"source":["com.legacy"]}' }));
  const faulty = await startFaultyEndpoint(baseURL!, FAULTY_ENDPOINT_PORT);
  try {
    const saved = await request.put("/api/aws/connection", { data: { region: REGION, endpoint: faulty.url } });
    expect(saved.ok()).toBe(true);
    const { id, summary } = await openPlan(page, request, refundsDesign(bus), "Plan: 3 to create, 0 to change, 0 to delete.");
    await expect(page.getByTestId("plan-change")).toHaveText([/create rule .*\/refunds/, /create target .*refunds#refund-queue/, /create target .*refunds#refund-fn/]);
    // "legacy" is not in the design: left alone unless its bus is ticked.
    await page.getByText(/^Left alone: 1 on the design's buses/).click();
    await expect(page.getByRole("list", { name: "Left alone on the design's buses" })).toHaveText(new RegExp(`^${bus}/legacy — not in the design`));
    const alsoDelete = page.getByRole("checkbox", { name: `${bus}: also delete what is not in the design` });
    await alsoDelete.check();
    await expect(summary).toHaveText("Plan: 3 to create, 0 to change, 1 to delete.");
    await expect(page.locator(`[data-testid="plan-change"][data-action="delete"]`)).toHaveAttribute("data-label", `${bus}/legacy`);
    await alsoDelete.uncheck();
    await expect(summary).toHaveText("Plan: 3 to create, 0 to change, 0 to delete.");

    // Cancelling the confirmation applies nothing.
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    await expect(page.getByTestId("step-status")).toHaveCount(0);

    // The design changes after the plan was shown: apply refuses the plan that was not reviewed.
    const stored = (await (await request.get(`/api/designs/${id}`)).json()).design as { version: number; graph: Design };
    const widened = '{"detail-type": ["Refund", "Chargeback"]}';
    const graph = { ...stored.graph, nodes: stored.graph.nodes.map((n) => (n.kind === "rule" ? { ...n, trigger: { type: "pattern" as const, pattern: widened } } : n)) };
    expect((await request.patch(`/api/designs/${id}`, { data: { graph, version: stored.version } })).ok()).toBe(true);
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Apply" }).click();
    const outcome = page.getByTestId("apply-outcome");
    await expect(outcome).toContainText("Stopped after 0 of 3 changes: The plan changed since you reviewed it");
    await expect(page.getByTestId("step-status")).toHaveText(["not applied", "not applied", "not applied"]);
    await expect(client.send(new DescribeRuleCommand({ Name: "refunds", EventBusName: bus }))).rejects.toThrow();

    // Apply again plans afresh and asks again; this time the first PutTargets is refused: the
    // rule is applied, both targets are not.
    faulty.failNth("PutTargets", 1);
    await page.getByRole("button", { name: "Apply again" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("3 to create, 0 to change, 0 to delete");
    await expect(page.getByTestId("plan-change").first()).toContainText("Chargeback");
    await page.getByRole("alertdialog").getByRole("button", { name: "Apply" }).click();
    await expect(outcome).toHaveAttribute("data-outcome", "partial", { timeout: 15_000 });
    await expect(outcome).toContainText(`Stopped after 1 of 3 changes: ${bus}/refunds#refund-queue failed`);
    await expect(outcome).toContainText("events:PutTargets");
    await expect(outcome).toContainText(`Not applied: create ${bus}/refunds#refund-queue, create ${bus}/refunds#refund-fn`);
    await expect(page.getByTestId("step-status")).toHaveText(["applied", /^failed: .*events:PutTargets/, "not applied"]);
    const rule = await client.send(new DescribeRuleCommand({ Name: "refunds", EventBusName: bus }));
    expect(JSON.parse(rule.EventPattern!)).toEqual(JSON.parse(widened));
    expect((await client.send(new ListTargetsByRuleCommand({ Rule: "refunds", EventBusName: bus }))).Targets ?? []).toEqual([]);

    // Applying again continues from there: only the two targets are left to do.
    await page.getByRole("button", { name: "Apply again" }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("2 to create, 0 to change, 0 to delete");
    await confirm.getByRole("button", { name: "Apply" }).click();
    await expect(outcome).toHaveAttribute("data-outcome", "complete", { timeout: 15_000 });
    await expect(outcome).toContainText("Applied all 2 changes.");
    await expect(page.getByTestId("plan-change")).toHaveCount(2);

    const targets = await client.send(new ListTargetsByRuleCommand({ Rule: "refunds", EventBusName: bus }));
    expect(targets.Targets?.map((t) => t.Arn).sort()).toEqual([`arn:aws:lambda:${REGION}:${ACCOUNT}:function:refund`, `arn:aws:sqs:${REGION}:${ACCOUNT}:refunds`]);
    // What Switchyard created carries the design's id; what it did not create is still there.
    const tags = await client.send(new ListTagsForResourceCommand({ ResourceARN: rule.Arn }));
    expect(tags.Tags).toContainEqual({ Key: "switchyard:design", Value: id });
    const rules = await client.send(new ListRulesCommand({ EventBusName: bus }));
    expect(rules.Rules?.map((r) => r.Name).sort()).toEqual(["legacy", "refunds"]);

    await page.getByRole("button", { name: "Plan again" }).click();
    await expect(summary).toHaveText("No changes. The account matches the design.", { timeout: 15_000 });

    // Forgetting the saved connection leaves the server unconfigured (its environment has no region).
    await page.goto("/settings");
    await expect(page.getByLabel(/Endpoint override/)).toHaveValue(faulty.url);
    await page.getByRole("button", { name: "Forget saved settings" }).click();
    await expect(page.getByTestId("aws-connection-status")).toHaveText("Forgotten. AWS is not configured on this server until you save settings.");
    await expect(page.getByLabel("Region")).toHaveValue("");
    expect((await (await request.get("/api/aws/connection")).json()).settings).toBeNull();
  } finally {
    await faulty.close();
    client.destroy();
  }
});

test("an import with targets a design cannot hold lists warnings, opens on request, and plans no changes", async ({ page, request, baseURL }) => {
  const client = eventBridge(baseURL!);
  const stamp = Date.now();
  // Schedules run on the default bus only (as in AWS).
  const bus = "default";
  const prefix = `nightly${stamp}-`;
  await client.send(new PutRuleCommand({ Name: `${prefix}jobs`, EventBusName: bus, ScheduleExpression: "rate(1 day)" }));
  await client.send(
    new PutTargetsCommand({
      Rule: `${prefix}jobs`,
      EventBusName: bus,
      Targets: [
        { Id: "task", Arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/jobs`, RoleArn: `arn:aws:iam::${ACCOUNT}:role/run-task`, EcsParameters: { TaskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/nightly:1` } },
        { Id: "log", Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:job-log` },
      ],
    }),
  );
  expect((await request.put("/api/aws/connection", { data: { region: REGION, endpoint: baseURL } })).ok()).toBe(true);

  await page.goto("/aws");
  await page.getByLabel("Rule name prefix").fill(prefix);
  await expect(page.getByRole("radio", { name: "Rules whose name starts with" })).toBeChecked();
  await page.getByRole("button", { name: "Import" }).click();
  const warnings = page.getByRole("list", { name: "Import warnings" });
  await expect(warnings).toContainText(`calls arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/jobs, a kind of target a design cannot hold yet`, { timeout: 15_000 });
  // No timed redirect: the warnings stay until the user opens the design.
  await page.getByRole("link", { name: "Open the design" }).click();
  await page.waitForURL(/\/designs\/[^/]+$/);
  await expect(page.locator(`[data-testid="canvas-node"][data-node-id="rule:${bus}:${prefix}jobs"]`)).toBeVisible();

  // The round trip is exact: what the design cannot hold is kept in the account, nothing else differs.
  await page.getByRole("button", { name: "Push to AWS" }).click();
  await expect(page.getByTestId("plan-summary")).toHaveText("No changes. The account matches the design.", { timeout: 15_000 });
  const targets = await client.send(new ListTargetsByRuleCommand({ Rule: `${prefix}jobs`, EventBusName: bus }));
  expect(targets.Targets?.map((t) => t.Id).sort()).toEqual(["log", "task"]);
  client.destroy();
});

test("a design's schedule group, schedule and pipe are planned with clear labels, applied, and re-plan to no changes", async ({ page, request, baseURL }) => {
  const stamp = Date.now();
  const role = `arn:aws:iam::${ACCOUNT}:role/scheduler-and-pipes`;
  const at = { x: 0, y: 0 };
  const nodes: DesignNode[] = [
    { ...createNode("event-bus", "bus", at), variant: "default", name: "default" },
    { ...createNode("schedule-group", "group", at), name: `nightly-${stamp}` },
    { ...createNode("schedule", "report", at), name: "report", expression: "cron(0 2 * * ? *)", timezone: "Europe/Berlin", roleArn: role },
    { ...createNode("sqs", "reports", at), queueName: "reports" },
    { ...createNode("sqs-queue-source", "orders", at), reader: "pipe", batchSize: 10, queueName: `orders-${stamp}` },
    { ...createNode("pipe", "pipe", at), name: `orders-${stamp}`, desiredState: "STOPPED", busEvent: { source: "com.shop", detailType: "Order" }, roleArn: role },
  ];
  const links: [Design["edges"][number]["kind"], string, string][] = [["contains", "group", "report"], ["delivers", "report", "reports"], ["feeds-pipe", "orders", "pipe"], ["puts-events", "pipe", "bus"]];
  const design: Design = { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: `Scheduled ${stamp}`, description: "", nodes, edges: links.map(([kind, source, target], i) => ({ id: `e${i}`, kind, source, target })) };
  expect((await request.put("/api/aws/connection", { data: { region: REGION, endpoint: baseURL } })).ok()).toBe(true);
  const { summary } = await openPlan(page, request, design, "Plan: 3 to create, 0 to change, 0 to delete.");
  await expect(page.getByTestId("plan-change")).toHaveText([
    new RegExp(`create schedule group nightly-${stamp}`),
    new RegExp(`create schedule nightly-${stamp}/report.*ScheduleExpression.*cron\\(0 2 \\* \\* \\? \\*\\)`),
    new RegExp(`create pipe orders-${stamp}`),
  ]);
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("apply-outcome")).toHaveAttribute("data-outcome", "complete", { timeout: 15_000 });
  await page.getByRole("button", { name: "Plan again" }).click();
  await expect(summary).toHaveText("No changes. The account matches the design.", { timeout: 15_000 });
});

test("the AWS page browses the schema registry and sends a generated sample to the lab", async ({ page }) => {
  // No connection here: the browser shows the schemas bundled with the app.
  await page.goto("/aws");
  const registry = page.getByTestId("aws-schema-registry");
  await registry.locator('[data-testid="schema-item"][data-name="aws.ec2@EC2InstanceStateChangeNotification"]').click();
  await expect(registry.getByTestId("schema-content")).toContainText("EC2 Instance State-change Notification");
  await registry.getByTestId("schema-action").click();
  await expect(page).toHaveURL(/\/lab#/);
  const rows = page.getByTestId("lab-result-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-verdict", "match");
  await expect(rows.first()).toContainText("aws.ec2@EC2InstanceStateChangeNotification (sample)");
});
