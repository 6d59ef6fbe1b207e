/**
 * The unmodified AWS CLI (`aws scheduler … --endpoint-url`) against the local EventBridge
 * Scheduler: a handful of calls (each starts Python), the SDK suite covers the breadth.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AWS_CLI, awsCliAvailable, runAwsCli, startTestEndpoint, type TestEndpoint } from "../test-endpoint";

const title = awsCliAvailable ? "AWS CLI against the local Scheduler" : `AWS CLI against the local Scheduler (skipped: no aws CLI at ${AWS_CLI})`;

describe.skipIf(!awsCliAvailable)(title, () => {
  let endpoint: TestEndpoint;
  beforeAll(async () => {
    endpoint = await startTestEndpoint();
  });
  afterAll(() => endpoint.close());

  const scheduler = (...args: string[]) => runAwsCli(endpoint.url, ["scheduler", ...args]);

  it("creates a schedule, reads it back, lists it, and reports AWS's error for a missing one", async () => {
    const target = JSON.stringify({ Arn: "arn:aws:sqs:us-east-1:000000000000:jobs", RoleArn: "arn:aws:iam::000000000000:role/scheduler", Input: '{"job":"<aws.scheduler.execution-id>"}' });
    expect(
      await scheduler("create-schedule", "--name", "cli-nightly", "--schedule-expression", "cron(0 2 * * ? *)", "--schedule-expression-timezone", "Europe/Berlin", "--flexible-time-window", "Mode=OFF", "--target", target),
    ).toEqual({ ScheduleArn: "arn:aws:scheduler:us-east-1:000000000000:schedule/default/cli-nightly" });
    expect(await scheduler("get-schedule", "--name", "cli-nightly")).toMatchObject({ ScheduleExpressionTimezone: "Europe/Berlin", Target: JSON.parse(target) as unknown, State: "ENABLED" });
    expect(((await scheduler("list-schedules", "--name-prefix", "cli-")).Schedules as { Name: string }[]).map((s) => s.Name)).toEqual(["cli-nightly"]);
    await expect(scheduler("get-schedule", "--name", "missing", "--group-name", "default")).rejects.toThrow(/ResourceNotFoundException.*Schedule missing does not exist/);
  }, 30_000);
});
