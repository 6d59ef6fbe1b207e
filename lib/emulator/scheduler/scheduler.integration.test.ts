/**
 * The local EventBridge Scheduler through the unmodified `@aws-sdk/client-scheduler` and a test
 * clock: schedule groups, schedules, tags, the errors the API reference lists
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Operations.html), fires into a
 * local SQS queue and onto a bus with the context attributes filled in
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html),
 * flexible windows, delete after completion, and a restart.
 */
import { PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  SchedulerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from "@aws-sdk/client-scheduler";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../schedule";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";
import { flexibleOffsetMs, type ScheduleSpec } from "./schedule-spec";

const T0 = Date.parse("2026-12-07T10:00:30Z");
const ACCOUNT = "000000000000";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/scheduler`;
const clock = new ManualClock(T0);
let endpoint: TestEndpoint;
let scheduler: SchedulerClient;
let sqs: SQSClient;

const options = () => ({ endpoint: endpoint.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });

beforeAll(async () => {
  endpoint = await startTestEndpoint({}, clock);
  scheduler = new SchedulerClient({ ...options(), maxAttempts: 1 });
  sqs = new SQSClient(options());
});
afterAll(async () => {
  scheduler.destroy();
  sqs.destroy();
  await endpoint.close();
});

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("the call succeeded");
}

const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const createQueue = (name: string) => sqs.send(new CreateQueueCommand({ QueueName: name }));

/** The bodies a queue has now, waiting up to `waitSeconds` for the first. */
async function receive(queue: string, waitSeconds = 2): Promise<string[]> {
  const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/${queue}`, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }));
  return (Messages ?? []).map((m) => m.Body ?? "");
}

const schedule = (name: string, overrides: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput => ({
  Name: name,
  ScheduleExpression: "rate(5 minutes)",
  FlexibleTimeWindow: { Mode: "OFF" },
  Target: { Arn: queueArn("unused"), RoleArn: ROLE },
  ...overrides,
});

describe("schedule groups and schedules", () => {
  it("creates, reads, lists, updates and deletes", async () => {
    const group = await scheduler.send(new CreateScheduleGroupCommand({ Name: "reports", Tags: [{ Key: "team", Value: "data" }] }));
    expect(group.ScheduleGroupArn).toBe(`arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule-group/reports`);
    expect(await scheduler.send(new GetScheduleGroupCommand({ Name: "reports" }))).toMatchObject({ Name: "reports", State: "ACTIVE", CreationDate: expect.any(Date) });
    const groups = await scheduler.send(new ListScheduleGroupsCommand({}));
    expect(groups.ScheduleGroups?.map((g) => g.Name)).toEqual(["default", "reports"]);

    const input = schedule("nightly", {
      GroupName: "reports",
      ScheduleExpression: "cron(0 2 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      Description: "nightly report",
      StartDate: new Date("2027-01-01T00:00:00Z"),
      FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 },
      Target: { Arn: queueArn("reports"), RoleArn: ROLE, Input: '{"report":"daily"}', RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 }, SqsParameters: { MessageGroupId: "g" } },
      ActionAfterCompletion: "NONE",
    });
    const created = await scheduler.send(new CreateScheduleCommand(input));
    expect(created.ScheduleArn).toBe(`arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/reports/nightly`);
    await scheduler.send(new CreateScheduleCommand(schedule("nightly-b", { GroupName: "reports", State: "DISABLED" })));
    await scheduler.send(new CreateScheduleCommand(schedule("other")));

    const got = await scheduler.send(new GetScheduleCommand({ Name: "nightly", GroupName: "reports" }));
    expect(got).toMatchObject({
      Arn: created.ScheduleArn,
      GroupName: "reports",
      State: "ENABLED",
      ScheduleExpression: "cron(0 2 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      StartDate: new Date("2027-01-01T00:00:00Z"),
      FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 },
      Target: input.Target,
      ActionAfterCompletion: "NONE",
    });

    const byGroup = await scheduler.send(new ListSchedulesCommand({ GroupName: "reports" }));
    expect(byGroup.Schedules?.map((s) => [s.Name, s.State, s.Target?.Arn])).toEqual([
      ["nightly", "ENABLED", queueArn("reports")],
      ["nightly-b", "DISABLED", queueArn("unused")],
    ]);
    const enabled = await scheduler.send(new ListSchedulesCommand({ NamePrefix: "nightly", State: "ENABLED" }));
    expect(enabled.Schedules?.map((s) => s.Name)).toEqual(["nightly"]);
    const first = await scheduler.send(new ListSchedulesCommand({ MaxResults: 2 }));
    const second = await scheduler.send(new ListSchedulesCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect([...(first.Schedules ?? []), ...(second.Schedules ?? [])].map((s) => s.Name)).toEqual(["other", "nightly", "nightly-b"]);
    expect(second.NextToken).toBeUndefined();

    // UpdateSchedule replaces the settings: what it leaves out is gone.
    await scheduler.send(new UpdateScheduleCommand(schedule("nightly", { GroupName: "reports", ScheduleExpression: "rate(1 hour)", State: "DISABLED" })));
    const updated = await scheduler.send(new GetScheduleCommand({ Name: "nightly", GroupName: "reports" }));
    expect(updated).toMatchObject({ ScheduleExpression: "rate(1 hour)", State: "DISABLED" });
    expect(updated.Description).toBeUndefined();

    await scheduler.send(new TagResourceCommand({ ResourceArn: group.ScheduleGroupArn, Tags: [{ Key: "stage", Value: "dev" }] }));
    await scheduler.send(new UntagResourceCommand({ ResourceArn: group.ScheduleGroupArn, TagKeys: ["team"] }));
    expect((await scheduler.send(new ListTagsForResourceCommand({ ResourceArn: group.ScheduleGroupArn }))).Tags).toEqual([{ Key: "stage", Value: "dev" }]);

    await scheduler.send(new DeleteScheduleCommand({ Name: "other" }));
    expect(await failure(scheduler.send(new GetScheduleCommand({ Name: "other" })))).toEqual({ name: "ResourceNotFoundException", message: "Schedule other does not exist.", status: 404 });
    // Deleting a group deletes its schedules.
    await scheduler.send(new DeleteScheduleGroupCommand({ Name: "reports" }));
    expect((await failure(scheduler.send(new GetScheduleCommand({ Name: "nightly", GroupName: "reports" })))).name).toBe("ResourceNotFoundException");
    expect((await failure(scheduler.send(new ListSchedulesCommand({ GroupName: "reports" })))).name).toBe("ResourceNotFoundException");
  });

  it("answers the errors the API reference lists, with their statuses", async () => {
    await scheduler.send(new CreateScheduleCommand(schedule("twice")));
    expect(await failure(scheduler.send(new CreateScheduleCommand(schedule("twice"))))).toEqual({ name: "ConflictException", message: "Schedule twice already exists.", status: 409 });
    expect(await failure(scheduler.send(new CreateScheduleGroupCommand({ Name: "default" })))).toMatchObject({ name: "ConflictException", status: 409 });
    expect(await failure(scheduler.send(new CreateScheduleCommand(schedule("x", { GroupName: "nope" }))))).toEqual({
      name: "ResourceNotFoundException",
      message: "Schedule group nope does not exist.",
      status: 404,
    });
    const invalid = async (overrides: Partial<CreateScheduleCommandInput>) => failure(scheduler.send(new CreateScheduleCommand(schedule("bad", overrides))));
    expect(await invalid({ ScheduleExpression: "rate(1 minutes)" })).toMatchObject({ name: "ValidationException", status: 400, message: expect.stringContaining("Use the singular unit") });
    expect(await invalid({ ScheduleExpression: "at(2026-02-30T10:00:00)" })).toMatchObject({ name: "ValidationException", message: expect.stringContaining("is not a date") });
    expect(await invalid({ ScheduleExpressionTimezone: "Mars/Olympus" })).toMatchObject({ name: "ValidationException", message: expect.stringContaining("Mars/Olympus") });
    expect(await invalid({ FlexibleTimeWindow: { Mode: "FLEXIBLE" } })).toMatchObject({ name: "ValidationException", message: expect.stringContaining("MaximumWindowInMinutes is required") });
    expect(await invalid({ StartDate: new Date("2027-01-02T00:00:00Z"), EndDate: new Date("2027-01-01T00:00:00Z") })).toMatchObject({ message: "The EndDate must be after the StartDate." });
    // The model's limits: RetryPolicy 0–185 attempts, 60–86400 s; a window of 1–1440 minutes.
    expect(await invalid({ Target: { Arn: queueArn("q"), RoleArn: ROLE, RetryPolicy: { MaximumRetryAttempts: 186, MaximumEventAgeInSeconds: 59 } } })).toMatchObject({
      name: "ValidationException",
      message: expect.stringMatching(/^2 validation errors detected: .*maximumEventAgeInSeconds.*greater than or equal to 60.*maximumRetryAttempts.*less than or equal to 185/),
    });
    expect(await invalid({ Target: { Arn: "arn:aws:scheduler:::aws-sdk:sqs", RoleArn: ROLE } })).toMatchObject({ message: expect.stringContaining("is not a universal target") });
    expect(await failure(scheduler.send(new DeleteScheduleGroupCommand({ Name: "default" })))).toMatchObject({ name: "ValidationException", status: 400 });
    const scheduleArn = `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/twice`;
    // Only schedule groups have tags: the model's pattern refuses a schedule's ARN.
    expect(await failure(scheduler.send(new ListTagsForResourceCommand({ ResourceArn: scheduleArn })))).toMatchObject({ name: "ValidationException", message: expect.stringContaining(":schedule-group") });
    expect(await failure(scheduler.send(new ListTagsForResourceCommand({ ResourceArn: `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule-group/none` })))).toMatchObject({
      name: "ResourceNotFoundException",
      status: 404,
    });
    await scheduler.send(new DeleteScheduleCommand({ Name: "twice" }));
  });
});

describe("firing", () => {
  it("sends the input with the context attributes filled in to a local queue on the clock", async () => {
    await createQueue("fired");
    clock.set(Date.parse("2026-12-07T11:00:00Z"));
    const input = '{"arn":"<aws.scheduler.schedule-arn>","time":"<aws.scheduler.scheduled-time>","id":"<aws.scheduler.execution-id>","attempt":<aws.scheduler.attempt-number>}';
    await scheduler.send(new CreateScheduleCommand(schedule("every-5", { StartDate: new Date("2026-12-07T11:05:00Z"), Target: { Arn: queueArn("fired"), RoleArn: ROLE, Input: input } })));
    expect(await receive("fired", 0)).toEqual([]);
    clock.set(Date.parse("2026-12-07T11:04:59Z"));
    expect(await receive("fired", 0)).toEqual([]);
    clock.set(Date.parse("2026-12-07T11:05:00Z"));
    const [body] = await receive("fired");
    const message = JSON.parse(body) as Record<string, unknown>;
    expect(message).toMatchObject({ arn: `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/every-5`, time: "2026-12-07T11:05:00Z", attempt: 1 });
    expect(message.id).toMatch(/^[0-9a-f]{16}$/);

    // Every fire is recorded on the Events page: an aws.scheduler event on the group, with what the target received.
    const record = await endpoint.runtime.db.busEvent.findFirst({ where: { eventId: String(message.id) } });
    expect(record).toMatchObject({ busArn: `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule-group/default`, source: "aws.scheduler" });
    const delivery = await endpoint.runtime.db.delivery.findFirst({ where: { eventRowId: record?.id } });
    expect(delivery).toMatchObject({ targetArn: queueArn("fired"), status: "delivered", payload: body });

    // A jump over several periods fires the newest time once, not every missed one.
    clock.set(Date.parse("2026-12-07T11:21:00Z"));
    const late = (await receive("fired")).map((b) => (JSON.parse(b) as { time: string }).time);
    expect(late).toEqual(["2026-12-07T11:20:00Z"]);
    await scheduler.send(new DeleteScheduleCommand({ Name: "every-5" }));
  });

  it("fires a flexible window at its fixed point, and deletes a one-time schedule after it fired", async () => {
    await createQueue("once");
    clock.set(Date.parse("2026-12-07T12:00:00Z"));
    const input = schedule("remind", {
      ScheduleExpression: "at(2026-12-07T13:30:00)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 10 },
      ActionAfterCompletion: "DELETE",
      Target: { Arn: queueArn("once"), RoleArn: ROLE, Input: "reminder for <aws.scheduler.scheduled-time>" },
    });
    const { ScheduleArn } = await scheduler.send(new CreateScheduleCommand(input));
    // 13:30 in Berlin (UTC+1 in December) is 12:30 UTC.
    const scheduled = Date.parse("2026-12-07T12:30:00Z");
    const offset = flexibleOffsetMs({ FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 10 } } as ScheduleSpec, ScheduleArn ?? "", scheduled);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(10 * 60_000);
    expect(endpoint.runtime.scheduler.nextFire(ScheduleArn ?? "")).toEqual({ scheduledTime: scheduled, fireAt: scheduled + offset });
    clock.set(scheduled + offset - 1000);
    expect(await receive("once", 0)).toEqual([]);
    clock.set(scheduled + offset);
    expect(await receive("once")).toEqual(["reminder for 2026-12-07T12:30:00Z"]);
    await expect.poll(async () => (await failure(scheduler.send(new GetScheduleCommand({ Name: "remind" })))).name).toBe("ResourceNotFoundException");
  });

  it("puts an entry on a local bus whose rule delivers it", async () => {
    await createQueue("from-bus");
    const eb = endpoint.eventBridgeClient();
    await eb.send(new PutRuleCommand({ Name: "reports", EventPattern: JSON.stringify({ source: ["reports.scheduler"] }) }));
    await eb.send(new PutTargetsCommand({ Rule: "reports", Targets: [{ Id: "q", Arn: queueArn("from-bus") }] }));
    eb.destroy();
    clock.set(Date.parse("2026-12-07T14:00:00Z"));
    await scheduler.send(
      new CreateScheduleCommand(
        schedule("to-bus", {
          ScheduleExpression: "cron(5 14 * * ? *)",
          Target: { Arn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`, RoleArn: ROLE, Input: '{"at":"<aws.scheduler.scheduled-time>"}', EventBridgeParameters: { Source: "reports.scheduler", DetailType: "Report due" } },
        }),
      ),
    );
    clock.set(Date.parse("2026-12-07T14:05:00Z"));
    const [body] = await receive("from-bus");
    expect(JSON.parse(body)).toMatchObject({ source: "reports.scheduler", "detail-type": "Report due", time: "2026-12-07T14:05:00Z", detail: { at: "2026-12-07T14:05:00Z" } });
    await scheduler.send(new DeleteScheduleCommand({ Name: "to-bus" }));
  });

  it("records what a universal target would call, and skips times older than the maximum event age", async () => {
    clock.set(Date.parse("2026-12-07T16:00:00Z"));
    const universal = "arn:aws:scheduler:::aws-sdk:sqs:sendMessage";
    const { ScheduleArn } = await scheduler.send(
      new CreateScheduleCommand(
        schedule("universal", {
          ScheduleExpression: "rate(1 hour)",
          StartDate: new Date("2026-12-07T16:30:00Z"),
          Target: { Arn: universal, RoleArn: ROLE, Input: '{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/q","MessageBody":"<aws.scheduler.schedule-arn>"}', RetryPolicy: { MaximumEventAgeInSeconds: 3600 } },
        }),
      ),
    );
    const fires = () => endpoint.runtime.db.busEvent.findMany({ where: { matchedRules: { contains: ScheduleArn } }, orderBy: { id: "asc" } });
    // 16:30 … 19:30 are due by 20:10; only 19:30 is younger than the 1-hour maximum event age.
    clock.set(Date.parse("2026-12-07T20:10:00Z"));
    await expect.poll(async () => (await fires()).map((f) => f.time.toISOString())).toEqual(["2026-12-07T19:30:00.000Z"]);
    const delivery = await endpoint.runtime.db.delivery.findFirst({ where: { eventRowId: (await fires())[0].id } });
    expect(delivery).toMatchObject({ targetArn: universal, status: "inbox", lastError: expect.stringContaining("would call sqs:sendMessage") });
    expect(JSON.parse(delivery?.payload ?? "{}")).toEqual({ QueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/q", MessageBody: ScheduleArn });
    await scheduler.send(new DeleteScheduleCommand({ Name: "universal" }));
  });

  it("keeps schedules over a restart and fires the newest time missed while down, once", async () => {
    clock.set(Date.parse("2026-12-07T15:00:00Z"));
    await scheduler.send(new CreateScheduleCommand(schedule("survivor", { StartDate: new Date("2026-12-07T15:10:00Z"), Target: { Arn: queueArn("after-restart"), RoleArn: ROLE, Input: "<aws.scheduler.scheduled-time>" } })));
    await endpoint.restart(() => clock.set(Date.parse("2026-12-07T15:22:00Z")));
    const arn = `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/survivor`;
    const fires = () => endpoint.runtime.db.busEvent.findMany({ where: { source: "aws.scheduler", matchedRules: { contains: arn } }, orderBy: { id: "asc" } });
    // 15:10 and 15:15 passed unseen; 15:20 fires late, as soon as the process is back. Queues
    // live in memory, so the new process has none yet: the fire is recorded with why.
    await expect.poll(async () => (await fires()).map((f) => f.time.toISOString())).toEqual(["2026-12-07T15:20:00.000Z"]);
    const [missed] = await fires();
    expect(await endpoint.runtime.db.delivery.findFirst({ where: { eventRowId: missed.id } })).toMatchObject({ status: "inbox", payload: "2026-12-07T15:20:00Z", lastError: expect.stringContaining("No queue") });

    await createQueue("after-restart");
    expect((await scheduler.send(new GetScheduleCommand({ Name: "survivor" }))).ScheduleExpression).toBe("rate(5 minutes)");
    clock.set(Date.parse("2026-12-07T15:25:00Z"));
    expect(await receive("after-restart")).toEqual(["2026-12-07T15:25:00Z"]);
  });

});
