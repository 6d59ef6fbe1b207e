import { expect, test } from "@playwright/test";
import { openSeenEvent } from "./see-in-events";
import { expectExportTabs } from "./export-tabs";

/**
 * EventBridge Scheduler in the designer, from the "Nightly report" starter: the canvas shows its
 * schedules; Run locally creates them on the local Scheduler and Fire now invokes the nightly
 * schedule's target with its real payload, which the Events page shows; the lab lists the next 10 fires in Europe/Berlin with the autumn clock
 * change (02:00 Berlin is 00:00Z in summer, 01:00Z in winter:
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html) and the payload with
 * the context attributes filled in (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html);
 * the export has the schedule in each format.
 */
test("Nightly report: canvas, run locally, fire now, Events, the lab's next fires, export", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/designs");
  await page.getByRole("button", { name: "New from template" }).click();
  await page.getByRole("dialog", { name: "New from template" }).getByRole("button", { name: /^Nightly report/ }).click();
  await page.waitForURL(/\/designs\/[^/]+$/);
  const designUrl = page.url();
  await expect(page.getByRole("region", { name: "Problems" })).toContainText("No problems found.");
  const nightly = page.locator('[data-testid="canvas-node"][data-node-id="nightly-schedule"]');
  await expect(nightly).toContainText("nightly-report");

  // Run locally, then fire the nightly schedule: its Step Functions target's input is recorded with the attributes filled in.
  const status = page.getByTestId("local-run-status");
  await page.getByRole("button", { name: "Run locally" }).click();
  await expect(status).toContainText("2 schedules");
  await page.getByRole("button", { name: "Fire nightly-report now" }).click();
  await expect(status).toContainText("Schedule nightly-report invoked arn:aws:states:");
  const payload = JSON.parse((await page.getByTestId("local-run-schedule-payload").textContent()) ?? "") as Record<string, string>;
  expect(payload).toMatchObject({ report: "daily-sales", schedule: expect.stringMatching(/^arn:aws:scheduler:[a-z0-9-]+:\d{12}:schedule\/reports\/nightly-report$/) });
  expect(payload.scheduledTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

  const drawer = await openSeenEvent(page, status, "aws.scheduler");
  await expect(drawer.getByTestId("delivery")).toContainText("stateMachine:nightly-report");
  await expect(drawer.getByTestId("delivery")).toContainText(payload.scheduledTime);
  await page.goto(designUrl);

  // The lab, on a browser clock a week before the autumn change: 02:00 Berlin moves from 00:00Z to 01:00Z.
  await page.clock.setFixedTime(new Date("2027-10-25T12:00:00Z"));
  await page.getByTestId("designer-lab-toggle").click();
  await nightly.click();
  const fires = page.getByTestId("schedule-lab-fire");
  await expect(fires).toHaveCount(10);
  await expect(fires.first()).toHaveAttribute("data-utc", "2027-10-26T00:00:00Z");
  await expect(fires.first()).toContainText("2027-10-26 02:00:00 UTC+02:00");
  const change = page.locator('[data-testid="schedule-lab-fire"][data-offset-changed="true"]');
  await expect(change).toHaveCount(1);
  await expect(change).toHaveAttribute("data-utc", "2027-11-01T01:00:00Z");
  await expect(change).toContainText("2027-11-01 02:00:00 UTC+01:00");
  await expect(change).toContainText("clock change: UTC+02:00 → UTC+01:00");
  const labPayload = JSON.parse((await page.getByTestId("schedule-lab-payload").textContent()) ?? "") as Record<string, string>;
  expect(labPayload).toMatchObject({ report: "daily-sales", scheduledTime: "2027-10-26T00:00:00Z", schedule: "arn:aws:scheduler:us-east-1:123456789012:schedule/reports/nightly-report" });

  // The export: the schedule in every format (built by the IaC export of schedules).
  await expectExportTabs(page, "Nightly report", [
    ["CloudFormation", "AWS::Scheduler::Schedule"],
    ["Terraform", "aws_scheduler_schedule"],
    ["CDK", "CfnSchedule"],
  ]);
});
