/**
 * Schedule rules on the local bus, through the unmodified AWS SDK clients and a test clock: the
 * grammar PutRule accepts, the Scheduled Event a local SQS target receives, restarts, and "fire
 * now". AWS's pages: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 * (expressions, "the minimum precision for a schedule is one minute") and
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html (the Scheduled
 * Event's shape).
 */
import { DeleteRuleCommand, DisableRuleCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../schedule";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";

const T0 = Date.parse("2026-12-07T10:00:00Z");
const ACCOUNT = "000000000000";
const clock = new ManualClock(T0);
let endpoint: TestEndpoint;
let eb: EventBridgeClient;
let sqs: SQSClient;

beforeAll(async () => {
  endpoint = await startTestEndpoint({}, clock);
  const options = { endpoint: endpoint.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  eb = new EventBridgeClient(options);
  sqs = new SQSClient(options);
});
afterAll(async () => {
  eb.destroy();
  sqs.destroy();
  await endpoint.close();
});

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error("the call succeeded");
}

/** The bodies a queue has now, waiting up to `waitSeconds` for the first. */
async function receive(queue: string, waitSeconds: number): Promise<Record<string, unknown>[]> {
  const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/${queue}`, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }));
  return (Messages ?? []).map((m) => JSON.parse(m.Body ?? "null") as Record<string, unknown>);
}

const createQueue = (name: string) => sqs.send(new CreateQueueCommand({ QueueName: name }));
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const at = (ms: number) => new Date(T0 + ms).toISOString().replace(".000Z", "Z");

describe("schedule rules", () => {
  it.each(["rate(10 seconds)", "rate(0 minutes)", "rate(1 minutes)", "rate(5 minute)", "cron(0 1 * * * *)", "cron(71 8 1 * ? *)", "cron(0 12 * * ?)", "at(2026-12-24T10:00:00)"])(
    "PutRule refuses %s as AWS does",
    async (expression) => {
      expect(await failure(eb.send(new PutRuleCommand({ Name: "bad", ScheduleExpression: expression })))).toEqual({
        name: "ValidationException",
        message: "Parameter ScheduleExpression is not valid.",
      });
    },
  );

  it("fires a rate(1 minute) rule into a local SQS queue, and keeps firing after a restart without repeating or back-filling", async () => {
    await createQueue("ticks");
    await createQueue("paused-ticks");
    const { RuleArn } = await eb.send(new PutRuleCommand({ Name: "every-minute", ScheduleExpression: "rate(1 minute)" }));
    await eb.send(new PutTargetsCommand({ Rule: "every-minute", Targets: [{ Id: "queue", Arn: queueArn("ticks") }] }));
    await eb.send(new PutRuleCommand({ Name: "paused", ScheduleExpression: "rate(1 minute)", State: "DISABLED" }));
    await eb.send(new PutTargetsCommand({ Rule: "paused", Targets: [{ Id: "queue", Arn: queueArn("paused-ticks") }] }));

    clock.set(T0 + 59_000);
    expect(await receive("ticks", 0)).toEqual([]);
    clock.set(T0 + 60_000);
    const [first] = await receive("ticks", 5);
    expect(Object.keys(first)).toEqual(["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"]);
    expect(first).toMatchObject({
      version: "0",
      "detail-type": "Scheduled Event",
      source: "aws.events",
      account: ACCOUNT,
      time: at(60_000),
      region: "us-east-1",
      resources: [RuleArn],
      detail: {},
    });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    // The event is on the default bus, for that rule only.
    const stored = await endpoint.runtime.db.busEvent.findFirstOrThrow({ where: { eventId: String(first.id) } });
    expect(stored).toMatchObject({ busArn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`, source: "aws.events", matchedRules: JSON.stringify([RuleArn]) });

    // Restarted between fires (SQS queues live in memory, so the target's queue is made again).
    await endpoint.restart();
    await createQueue("ticks");
    clock.set(T0 + 90_000);
    expect(await receive("ticks", 0)).toEqual([]);
    clock.set(T0 + 120_000);
    expect((await receive("ticks", 5)).map((e) => e.time)).toEqual([at(120_000)]);
    expect(await receive("ticks", 1)).toEqual([]);

    // Down from 2:30 to 5:30: the fires of minutes 3, 4 and 5 are not made up; minute 6 keeps the phase.
    await endpoint.restart(() => clock.set(T0 + 330_000));
    await createQueue("ticks");
    await createQueue("paused-ticks");
    expect(await receive("ticks", 1)).toEqual([]);
    clock.set(T0 + 360_000);
    expect((await receive("ticks", 5)).map((e) => e.time)).toEqual([at(360_000)]);

    // The disabled rule does not fire.
    expect(await receive("paused-ticks", 0)).toEqual([]);
  }, 30_000);

  it("fires on demand without moving the schedule, and stops when the rule is disabled or deleted", async () => {
    await createQueue("nightly");
    const { RuleArn } = await eb.send(new PutRuleCommand({ Name: "nightly", ScheduleExpression: "cron(0 2 * * ? *)" }));
    await eb.send(new PutTargetsCommand({ Rule: "nightly", Targets: [{ Id: "queue", Arn: queueArn("nightly") }] }));
    const ruleArn = String(RuleArn);
    const planned = endpoint.runtime.schedules.nextFire(ruleArn);
    expect(planned).toBe(Date.parse("2026-12-08T02:00:00Z"));

    const fired = await endpoint.runtime.schedules.fireNow(ruleArn);
    expect(fired?.eventId).toBeDefined();
    const [event] = await receive("nightly", 5);
    expect(event).toMatchObject({ id: fired?.eventId, "detail-type": "Scheduled Event", resources: [ruleArn], time: at(clock.now() - T0) });
    expect(endpoint.runtime.schedules.nextFire(ruleArn)).toBe(planned);

    await eb.send(new DisableRuleCommand({ Name: "nightly" }));
    expect(endpoint.runtime.schedules.nextFire(ruleArn)).toBeUndefined();
    await eb.send(new RemoveTargetsCommand({ Rule: "nightly", Ids: ["queue"] }));
    await eb.send(new DeleteRuleCommand({ Name: "nightly" }));
    expect(await endpoint.runtime.db.ruleSchedule.findUnique({ where: { ruleArn } })).toBeNull();
    expect(await endpoint.runtime.schedules.fireNow(ruleArn)).toBeUndefined();
  });
});
