/**
 * The unmodified AWS CLI (`aws scheduler … --endpoint-url`) against the local EventBridge
 * Scheduler: a handful of calls (each starts Python), the SDK suite covers the breadth.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";

const AWS = "/usr/bin/aws";
const run = promisify(execFile);
// CI installs the CLI, so there a missing one is a failure; elsewhere the suite is skipped.
const available = existsSync(AWS) || process.env.CI !== undefined;
const title = available ? "AWS CLI against the local Scheduler" : `AWS CLI against the local Scheduler (skipped: no aws CLI at ${AWS})`;

describe.skipIf(!available)(title, () => {
  let endpoint: TestEndpoint;
  beforeAll(async () => {
    endpoint = await startTestEndpoint();
  });
  afterAll(() => endpoint.close());

  const scheduler = async (...args: string[]) => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local", AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" };
    const { stdout } = await run(AWS, ["--endpoint-url", endpoint.url, "--output", "json", "scheduler", ...args], { env });
    return stdout.trim() === "" ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  };

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
