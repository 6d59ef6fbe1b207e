import { readFile } from "node:fs/promises";
import { expect, test, type Download, type Page } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";

/**
 * A small design: a custom bus with a rule that invokes a Lambda function and an SQS queue,
 * written out as a design file is (other tests' designs look alike: jscpd skips it).
 */
// jscpd:ignore-start
function graph(name: string) {
  const retryPolicy = { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3 };
  return {
    format: "switchyard.design",
    version: 1,
    name,
    description: "",
    nodes: [
      { id: "app", kind: "custom-app", position: { x: 0, y: 0 }, name: "shop", source: "com.shop", detailTypes: ["OrderPlaced"] },
      { id: "bus", kind: "event-bus", position: { x: 240, y: 0 }, busType: "classic", variant: "custom", name: "orders" },
      {
        id: "rule",
        kind: "rule",
        position: { x: 480, y: 0 },
        name: "big-orders",
        description: "Orders over 100",
        enabled: true,
        trigger: { type: "pattern", pattern: '{"source": ["com.shop"], "detail": {"total": [{"numeric": [">", 100]}]}}' },
      },
      { id: "bill", kind: "lambda", position: { x: 720, y: 0 }, functionName: "bill", crossAccount: false, input: { type: "matched-event" }, retryPolicy },
      { id: "audit", kind: "sqs", position: { x: 720, y: 160 }, queueName: "audit", crossAccount: false, input: { type: "input-path", inputPath: "$.detail" }, retryPolicy },
    ],
    edges: [
      { id: "e1", kind: "puts-events", source: "app", target: "bus" },
      { id: "e2", kind: "feeds", source: "bus", target: "rule" },
      { id: "e3", kind: "invokes", source: "rule", target: "bill" },
      { id: "e4", kind: "invokes", source: "rule", target: "audit" },
    ],
  };
}
// jscpd:ignore-end

async function downloadOf(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return download;
}

async function bytes(download: Download): Promise<Buffer> {
  const path = await download.path();
  if (!path) throw new Error("download has no file");
  return readFile(path);
}

test("the Export dialog shows, copies and downloads Terraform, CDK and CloudFormation", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = `Export flow ${Date.now()}`;
  const created = await request.post("/api/designs", { data: { name, graph: graph(name) } });
  expect(created.status()).toBe(201);

  await page.goto("/designs");
  await page.getByRole("button", { name: `Export ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Export “${name}”` });
  await expect(dialog).toBeVisible();

  const code = dialog.getByTestId("code-view");
  const tab = (label: string) => dialog.getByRole("tab", { name: label });
  const download = dialog.getByRole("button", { name: /^Download/ });

  // Terraform
  await expect(tab("Terraform")).toHaveAttribute("aria-selected", "true");
  await expect(code).toContainText('resource "aws_cloudwatch_event_bus" "orders_bus"');
  const tf = await downloadOf(page, () => download.click());
  expect(tf.suggestedFilename()).toBe("main.tf");
  const main = (await bytes(tf)).toString("utf8");
  expect(main).toContain('resource "aws_cloudwatch_event_rule" "big_orders_rule"');
  expect(main).toContain('resource "aws_lambda_permission"');
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Copied main.tf");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(main);

  // CDK: the stack file is shown, the project downloads as a zip
  await tab("CDK").click();
  await expect(code).toContainText('from "aws-cdk-lib/aws-events"');
  const zip = await downloadOf(page, () => download.click());
  const project = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  expect(zip.suggestedFilename()).toBe(`${project}-cdk.zip`);
  const files = unzipSync(new Uint8Array(await bytes(zip)));
  expect(Object.keys(files).sort()).toEqual(
    [`bin/app.ts`, `cdk.json`, `lib/${project}-stack.ts`, `package.json`, `tsconfig.json`].map((path) => `${project}/${path}`).sort(),
  );
  expect(strFromU8(files[`${project}/lib/${project}-stack.ts`]!)).toContain('new events.Rule(this, "BigOrdersRule"');

  // CloudFormation: YAML first, JSON on request
  await tab("CloudFormation").click();
  await expect(code).toContainText("AWS::Events::EventBus");
  const yaml = await downloadOf(page, () => download.click());
  expect(yaml.suggestedFilename()).toBe(`${project}.template.yaml`);
  expect((await bytes(yaml)).toString("utf8")).toContain("Type: AWS::Events::Rule");
  await dialog.getByLabel("File").selectOption(`${project}.template.json`);
  await expect(code).toContainText('"AWSTemplateFormatVersion"');
  const json = await downloadOf(page, () => download.click());
  expect(json.suggestedFilename()).toBe(`${project}.template.json`);
  const template = JSON.parse((await bytes(json)).toString("utf8"));
  expect(template.Resources.BigOrdersRule.Properties.EventPattern).toEqual({ detail: { total: [{ numeric: [">", 100] }] }, source: ["com.shop"] });

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});

test("a design that cannot be exported says why", async ({ page, request }) => {
  const name = `Broken export ${Date.now()}`;
  const broken = graph(name);
  broken.nodes[2] = { ...broken.nodes[2]!, trigger: { type: "pattern", pattern: '{"source": "com.shop"}' } } as (typeof broken.nodes)[number];
  expect((await request.post("/api/designs", { data: { name, graph: broken } })).status()).toBe(201);

  await page.goto("/designs");
  await page.getByRole("button", { name: `Export ${name}` }).click();
  const dialog = page.getByRole("dialog");
  // The rule named as the designer's problems panel names it (its title), not by its node id.
  await expect(dialog.getByRole("alert")).toContainText("big-orders: Event pattern is not valid");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);
});
