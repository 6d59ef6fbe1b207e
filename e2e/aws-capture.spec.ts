/**
 * Browse a real archive, in Chromium against the built app: the app's own local endpoint plays
 * the AWS account (bus, archive, replays, SQS). The capture panel lists the archive, states the
 * cost, refuses to start before consent, captures the window and reports the result; the capture
 * rule and queue are gone afterwards. The account is the app's own, so the archived events are
 * already in Switchyard's archive: the capture finds them all and stores none twice.
 */
import { CreateArchiveCommand, CreateEventBusCommand, EventBridgeClient, ListRulesCommand, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { expect, test } from "@playwright/test";
import { E2E_AWS_ACCESS_KEY_ID, E2E_AWS_SECRET_ACCESS_KEY, forgetAwsConnectionAfterEachTest } from "./aws-env";

const REGION = "us-east-1";
const ACCOUNT = "000000000000";
forgetAwsConnectionAfterEachTest();

test("captures an archive's window with the cost stated and consent given, and cleans up", async ({ page, baseURL }) => {
  const config = { region: REGION, endpoint: baseURL!, credentials: { accessKeyId: E2E_AWS_ACCESS_KEY_ID, secretAccessKey: E2E_AWS_SECRET_ACCESS_KEY } };
  const events = new EventBridgeClient(config);
  const sqs = new SQSClient(config);
  const bus = `capture-${Date.now()}`;
  const archive = `${bus}-archive`;
  await events.send(new CreateEventBusCommand({ Name: bus }));
  await events.send(new CreateArchiveCommand({ ArchiveName: archive, EventSourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${bus}` }));
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  const put = await events.send(
    new PutEventsCommand({ Entries: [30, 60, 90].map((m) => ({ EventBusName: bus, Source: "e2e.capture", DetailType: "Tick", Time: minutesAgo(m), Detail: `{"m":${m}}` })) }),
  );
  expect(put.FailedEntryCount).toBe(0);

  // The connection: the app's own endpoint (as e2e/aws.spec.ts sets it).
  const saved = await page.request.put("/api/aws/connection", { data: { region: REGION, endpoint: baseURL } });
  expect(saved.ok()).toBe(true);

  await page.goto("/aws");
  const panel = page.getByRole("region", { name: "Capture events into Switchyard" });
  await panel.getByLabel("Archive", { exact: true }).selectOption(archive);
  // The default window is the 24 hours ending 10 minutes ago: it holds all three events.
  const capture = panel.getByRole("button", { name: "Capture", exact: true });
  const consent = panel.getByRole("checkbox");
  await expect(consent).toBeDisabled();
  await expect(capture).toBeDisabled();

  await panel.getByRole("button", { name: "Estimate cost" }).click();
  const estimate = panel.getByTestId("capture-estimate");
  await expect(estimate).toContainText(`Archive ${archive} on bus ${bus}: 3 events`);
  await expect(estimate).toContainText("up to 3 events");
  await expect(estimate).toContainText("$1.00 per million");
  // The server refuses a capture without consent, whatever the page does.
  const refused = await page.request.post("/api/aws/capture", { data: { kind: "archive", archiveName: archive, from: minutesAgo(120).toISOString(), to: minutesAgo(10).toISOString() } });
  expect(refused.status()).toBe(400);

  await consent.check();
  await capture.click();
  const status = panel.getByTestId("capture-status");
  await expect(status).toContainText(`Capture of archive ${archive}`);
  await expect(status).toContainText("Stored 0 events in Switchyard's archive (3 events were already stored).", { timeout: 20_000 });
  await expect(status.getByRole("link", { name: "Open the Events page" })).toHaveAttribute("href", "/events");

  // The account is as it was: no capture rule, no capture queue.
  const rules = await events.send(new ListRulesCommand({ EventBusName: bus }));
  expect(rules.Rules ?? []).toEqual([]);
  const queues = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "switchyard-capture" }));
  expect(queues.QueueUrls ?? []).toEqual([]);
  events.destroy();
  sqs.destroy();
});
