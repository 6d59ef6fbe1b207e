/**
 * "Run locally" for EventBridge Scheduler: a design's schedule groups and schedules created on the
 * local Scheduler, read back with the unmodified `@aws-sdk/client-scheduler`, and "Fire now"
 * invoking the target with its context attributes filled in
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html).
 * CreateSchedule's checks apply to what the design asks for
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html).
 */
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { design, node } from "../graph/test-fixtures";
import { ManualClock } from "../schedule";
import { startTestEndpoint, type TestEndpoint } from "../emulator/test-endpoint";
import { deployDesign } from "./deploy-design";
import { fireSchedulerSchedule } from "./deploy-schedules";

const clock = new ManualClock(Date.parse("2026-12-07T10:00:30Z"));
let endpoint: TestEndpoint;
let scheduler: SchedulerClient;
let sqs: SQSClient;
let account: string;

beforeAll(async () => {
  endpoint = await startTestEndpoint({}, clock);
  const options = { endpoint: endpoint.url, region: endpoint.runtime.config.region, credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  scheduler = new SchedulerClient({ ...options, maxAttempts: 1 });
  sqs = new SQSClient(options);
  account = endpoint.runtime.config.defaultAccount;
});
afterAll(async () => {
  scheduler.destroy();
  sqs.destroy();
  await endpoint.close();
});

const nightly = () =>
  design(
    [
      node("schedule-group", "g", { name: "reports" }),
      node("schedule", "s", { name: "nightly", expression: "cron(0 2 * * ? *)", timezone: "Europe/Berlin", flexibleWindowMinutes: 15, targetInput: '{"schedule":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","try":<aws.scheduler.attempt-number>}' }),
      node("sqs", "q", { queueName: "report-jobs" }),
      node("schedule", "r", { name: "reminder", expression: "at(2026-12-24T09:00:00)", timezone: "Europe/Berlin", actionAfterCompletion: "DELETE", source: "reminders", detailType: "Reminder", targetInput: '{"text":"wrap presents"}' }),
      node("event-bus", "b", { name: "ops", variant: "custom" }),
      node("schedule", "bad", { name: "too-wide", expression: "rate(1 hour)", flexibleWindowMinutes: 2000 }),
      node("sqs", "q2", { queueName: "elsewhere" }),
    ],
    [["g", "s"], ["s", "q"], ["r", "b"], ["bad", "q2"]],
  );

describe("Run locally with schedules", () => {
  it("creates the groups and schedules through Scheduler's operations, reports what AWS refuses, and updates on a second run", async () => {
    const report = await deployDesign(endpoint.runtime, nightly());
    expect(report.scheduleGroups).toEqual([`arn:aws:scheduler:${endpoint.runtime.config.region}:${account}:schedule-group/reports`]);
    expect(report.schedules.map((arn) => arn.split(":").at(-1))).toEqual(["schedule/reports/nightly", "schedule/default/reminder"]);
    expect(report.problems).toEqual([{ nodeId: "bad", message: expect.stringMatching(/^ValidationException: .*maximumWindowInMinutes.*less than or equal to 1440/) }]);

    const got = await scheduler.send(new GetScheduleCommand({ Name: "nightly", GroupName: "reports" }));
    expect(got).toMatchObject({
      ScheduleExpression: "cron(0 2 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 },
      Target: { Arn: `arn:aws:sqs:${endpoint.runtime.config.region}:${account}:report-jobs`, RoleArn: `arn:aws:iam::${account}:role/switchyard-scheduler` },
    });
    const reminder = await scheduler.send(new GetScheduleCommand({ Name: "reminder" }));
    expect(reminder).toMatchObject({ ActionAfterCompletion: "DELETE", Target: { Arn: expect.stringMatching(/:event-bus\/ops$/), EventBridgeParameters: { Source: "reminders", DetailType: "Reminder" } } });

    const again = await deployDesign(endpoint.runtime, nightly());
    expect(again.schedules).toEqual(report.schedules);
    expect((await scheduler.send(new ListSchedulesCommand({ GroupName: "reports" }))).Schedules?.map((s) => s.Name)).toEqual(["nightly"]);
  });

  it("fires a schedule now: the queue receives its input with the context attributes filled in", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "report-jobs" }));
    clock.set(Date.parse("2026-12-07T10:05:42.250Z"));
    const fired = await fireSchedulerSchedule(endpoint.runtime, nightly(), "s");
    const arn = `arn:aws:scheduler:${endpoint.runtime.config.region}:${account}:schedule/reports/nightly`;
    expect(fired).toMatchObject({ outcome: "delivered", scheduledTime: "2026-12-07T10:05:42Z", payload: `{"schedule":"${arn}","at":"2026-12-07T10:05:42Z","try":1}` });
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect(Messages?.map((m) => m.Body)).toEqual([fired.payload]);
  });

  it("fires a bus target's PutEvents entry, and says when a schedule was never deployed", async () => {
    const fired = await fireSchedulerSchedule(endpoint.runtime, nightly(), "r");
    expect(fired).toMatchObject({ outcome: "delivered", payload: '{"text":"wrap presents"}' });
    await expect(fireSchedulerSchedule(endpoint.runtime, nightly(), "bad")).rejects.toThrow(/is not on the local endpoint: choose Run locally first/);
    await expect(fireSchedulerSchedule(endpoint.runtime, nightly(), "q")).rejects.toThrow(/no schedule q/);
  });
});
