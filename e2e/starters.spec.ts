import { expect, test, type Page } from "@playwright/test";
import { CUSTOMER_FILTER } from "../lib/starters/kafka-cross-account";
import { replaceEditorText } from "./editor";
import { openSeenEvent } from "./see-in-events";

/** What each starter must show: its export, the sample sent locally and where it ends up. */
interface StarterCase {
  readonly title: string;
  readonly terraform: readonly string[];
  readonly cdk: readonly string[];
  readonly cloudformation: readonly string[];
  /** The lab panel's verdicts per rule node: sample id → "match" | "no-match" (the issue's). */
  readonly lab: Readonly<Record<string, Readonly<Record<string, "match" | "no-match">>>>;
  /** Sending a sample after "Run locally" (starters with a bus). */
  readonly send?: {
    readonly producer: string;
    readonly sample: string;
    readonly source: string;
    readonly matched: string;
    readonly ruleArn: string;
    /** Text of the sample's detail that the archived event must carry. */
    readonly detail: string;
  };
}

const LOCAL = "arn:aws:events:us-east-1:000000000000";

const CASES: readonly StarterCase[] = [
  {
    title: "Tag every new database",
    lab: { "rds-created": { "create-instance": "match", "create-cluster": "no-match", "modify-instance": "no-match" } },
    terraform: ['resource "aws_cloudwatch_event_rule" "rule_rds_created_rule"', '"CreateDBInstance"', 'principal     = "events.amazonaws.com"'],
    cdk: ['new events.Rule(this, "RuleRdsCreatedRule"'],
    cloudformation: ["Name: rule-rds-created", "Type: AWS::Lambda::Permission"],
    send: { producer: "rds", sample: "create-instance", source: "aws.rds", matched: "Test event matched 1 rule, 1 delivery (autotag: inbox)", ruleArn: `${LOCAL}:rule/rule-rds-created`, detail: "arn:aws:rds:us-east-1:123456789012:db:orders-db" },
  },
  {
    title: "Log every new product",
    lab: { "log-product": { "new-product": "match", "other-source": "no-match" } },
    terraform: ['resource "aws_cloudwatch_event_rule" "log_new_product_rule"', "log.addProduct"],
    cdk: ['new events.Rule(this, "LogNewProductRule"'],
    cloudformation: ["Name: log-new-product"],
    send: { producer: "add-product", sample: "new-product", source: "log.addProduct", matched: "Test event matched 1 rule, 1 delivery (logProduct: inbox)", ruleArn: `${LOCAL}:rule/log-new-product`, detail: "My First Book" },
  },
  {
    title: "Reward big payments",
    lab: {
      "payment-processed": { "big-payment": "match", "small-payment": "no-match", "string-total": "no-match" },
      "warehouse-rule": { "big-payment": "match", "small-payment": "match", "string-total": "match" },
      "shipping-rule": { "big-payment": "match", "small-payment": "match", "string-total": "match" },
    },
    terraform: ['resource "aws_cloudwatch_event_bus" "eda_bus_bus"', 'resource "aws_cloudwatch_event_rule" "payment_processed_rule"', '"numeric"', 'principal     = "events.amazonaws.com"'],
    cdk: ['new events.EventBus(this, "EdaBusBus"', 'new events.Rule(this, "PaymentProcessedRule"'],
    cloudformation: ["Name: payment-processed", "Principal: events.amazonaws.com"],
    send: { producer: "payment", sample: "big-payment", source: "demo.payments", matched: "Test event matched 3 rules, 3 deliveries", ruleArn: `${LOCAL}:rule/eda_bus/payment-processed`, detail: "242.58" },
  },
  {
    title: "Two services talking through one bus",
    lab: {
      "answer-rule": { "answer-event": "match", "report-event": "no-match" },
      "report-rule": { "report-event": "match", "answer-event": "no-match" },
    },
    terraform: ['resource "aws_cloudwatch_event_rule" "answer_rule_rule"', 'resource "aws_cloudwatch_event_rule" "report_rule_rule"'],
    cdk: ['new events.Rule(this, "AnswerRuleRule"'],
    cloudformation: ["Name: answerRule", "Name: reportRule"],
    send: { producer: "publish-answer", sample: "answer-event", source: "user-service.ddb-stream", matched: "Test event matched 1 rule, 1 delivery (rating: inbox)", ruleArn: `${LOCAL}:rule/answerRule`, detail: "mfa-enabled" },
  },
  {
    title: "Consume a Kafka topic from another account",
    lab: {},
    terraform: ['resource "aws_lambda_event_source_mapping"', "batch_size        = 100", 'starting_position = "TRIM_HORIZON"', 'consumer_group_id = "msk-lambda-iam"', "filter_criteria"],
    cdk: ['kafkaConsumerGroupId: "msk-lambda-iam"', "batchSize: 100", "lambda.StartingPosition.TRIM_HORIZON"],
    cloudformation: ["Type: AWS::Lambda::EventSourceMapping", "ConsumerGroupId: msk-lambda-iam", "StartingPosition: TRIM_HORIZON"],
  },
];

async function openStarter(page: Page, title: string): Promise<void> {
  await page.goto("/designs");
  await page.getByRole("button", { name: "New from template" }).click();
  const dialog = page.getByRole("dialog", { name: "New from template" });
  await dialog.getByRole("button", { name: new RegExp(`^${title}`) }).click();
  await page.waitForURL(/\/designs\/[^/]+$/);
  await expect(page.getByTestId("design-editor")).toBeVisible();
  await expect(page.getByLabel("Design name")).toHaveValue(title);
}

/** Each format's tab renders, and its copied file holds the expected text. */
async function checkExport(page: Page, starter: StarterCase): Promise<void> {
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Export “${starter.title}”` });
  const code = dialog.getByTestId("code-view");
  const tabs = [
    ["Terraform", "required_providers", starter.terraform],
    ["CDK", "extends Stack", starter.cdk],
    ["CloudFormation", "AWSTemplateFormatVersion", starter.cloudformation],
  ] as const;
  for (const [tab, header, expected] of tabs) {
    await dialog.getByRole("tab", { name: tab }).click();
    await expect(dialog.getByRole("tab", { name: tab })).toHaveAttribute("aria-selected", "true");
    await expect(code).toContainText(header);
    await dialog.getByRole("button", { name: "Copy" }).click();
    await expect(dialog.getByRole("status")).toContainText("Copied");
    const text = await page.evaluate(() => navigator.clipboard.readText());
    for (const snippet of expected) expect(text, `${tab} of ${starter.title}`).toContain(snippet);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
}

/** Opens the designer's lab panel on each rule and checks its verdict on each sample (none broken). */
async function checkLabVerdicts(page: Page, lab: StarterCase["lab"]): Promise<void> {
  if (Object.keys(lab).length === 0) return;
  await page.getByTestId("designer-lab-toggle").click();
  // The panel takes part of the canvas: fit the design into what is left.
  await page.getByRole("button", { name: "Zoom to fit" }).click();
  const panel = page.getByTestId("designer-lab-panel");
  for (const [ruleId, verdicts] of Object.entries(lab)) {
    await page.locator(`[data-testid="canvas-node"][data-node-id="${ruleId}"]`).click();
    await expect(panel).toHaveAttribute("data-rule-id", ruleId);
    for (const [sample, verdict] of Object.entries(verdicts)) {
      const row = panel.locator(`[data-testid="lab-result-row"][data-event-id="${sample}"]`);
      await expect(row, `${ruleId} on ${sample}`).toHaveAttribute("data-verdict", verdict);
      await expect(row).toHaveAttribute("data-broken", "false");
    }
  }
  await page.getByTestId("designer-lab-toggle").click();
}

for (const starter of CASES) {
  test(`starter "${starter.title}": opens without problems, exports, and runs locally`, async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await openStarter(page, starter.title);

    const problems = page.getByRole("region", { name: "Problems" });
    await expect(problems).toContainText("No problems found.");

    await checkLabVerdicts(page, starter.lab);

    await checkExport(page, starter);

    const status = page.getByTestId("local-run-status");
    const send = starter.send;
    if (!send) {
      // The stream starter: its sample records go through the mapping's filter and batching.
      await page.getByRole("button", { name: "Send test records" }).click();
      await expect(status).toContainText("Test records of topic customer: 2 records passed the filter, 2 filtered out, in 2 batches.");
      await expect(page.getByTestId("kafka-filtered-out")).toHaveText("Filtered out: Customer in NY (partition 0, offset 16), Plain-text value (partition 1, offset 8)");
      const batches = JSON.parse((await page.getByTestId("kafka-batches").textContent()) ?? "") as { eventSource: string; records: Record<string, { offset: number }[]> }[];
      expect(batches.map((b) => [b.eventSource, Object.keys(b.records), Object.values(b.records)[0]!.map((r) => r.offset)])).toEqual([
        ["aws:kafka", ["customer-0"], [15]],
        ["aws:kafka", ["customer-1"], [7]],
      ]);
      return;
    }

    await page.getByRole("button", { name: "Run locally" }).click();
    await expect(status).toContainText("Running locally:");
    await page.getByLabel("Producer of the test event").selectOption(send.producer);
    await page.getByLabel("Sample event").selectOption(send.sample);
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(status).toContainText(send.matched);

    // The archive holds the sample event with the rule it matched: "See it in Events" opens Events on it.
    const drawer = await openSeenEvent(page, status, send.source);
    await expect(drawer.getByTestId("matched-rules")).toContainText(send.ruleArn);
    await expect(drawer.getByTestId("event-json")).toContainText(send.detail);
  });
}

test("Kafka starter: the lab judges its filter criteria on its records as Lambda filters them (decoded value)", async ({ page }) => {
  // The lab page tests the filter on the catalogue's copy of the records (e2e/stream-lab.spec.ts: the designer's lab panel on the node).
  await page.goto("/lab");
  await page.locator('[data-testid="lab-catalogue-group"][data-group="starter-kafka-cross-account"]').click();
  await page.getByTestId("lab-kind").selectOption("kafka");
  await replaceEditorText(page, page.getByTestId("lab-pattern").getByRole("textbox", { name: "Event pattern" }), JSON.stringify(CUSTOMER_FILTER));
  const verdicts = { "customer-wa": "match", "customer-ca": "match", "customer-ny": "no-match", "not-json": "no-match" };
  for (const [record, verdict] of Object.entries(verdicts)) {
    await expect(page.locator(`[data-testid="lab-result-row"][data-event-id="${record}"]`), record).toHaveAttribute("data-verdict", verdict);
  }
});
