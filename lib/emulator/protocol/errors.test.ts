/**
 * Every AWS error path of the local EventBridge, as the SDK sees it: the exception's name (from
 * `__type`), its HTTP status and AWS's message.
 */
import {
  CancelReplayCommand,
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListTagsForResourceCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
  TestEventPatternCommand,
  type EventBridgeServiceException,
} from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeholderSignature, startTestEndpoint, type TestEndpoint } from "../test-endpoint";

let endpoint: TestEndpoint;
let eb: EventBridgeClient;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  eb = endpoint.eventBridgeClient();
  await eb.send(new CreateEventBusCommand({ Name: "errors" }));
  await eb.send(new PutRuleCommand({ Name: "r", EventBusName: "errors", EventPattern: '{"source":["x"]}' }));
});

afterAll(() => endpoint.close());

async function failure(call: () => Promise<unknown>): Promise<{ name: string; status: number; message: string }> {
  try {
    await call();
  } catch (error) {
    const aws = error as EventBridgeServiceException;
    return { name: aws.name, status: aws.$metadata.httpStatusCode ?? 0, message: aws.message };
  }
  throw new Error("expected the call to fail");
}

const event = JSON.stringify({
  id: "1", "detail-type": "t", source: "s", account: "000000000000", time: "2026-01-01T00:00:00Z", region: "us-east-1", resources: [], detail: {},
});

describe("ResourceNotFoundException", () => {
  it("for a missing bus, rule, replay and resource", async () => {
    expect(await failure(() => eb.send(new DescribeEventBusCommand({ Name: "nope" })))).toEqual({
      name: "ResourceNotFoundException", status: 400, message: "Event bus nope does not exist.",
    });
    expect(await failure(() => eb.send(new DescribeRuleCommand({ Name: "nope", EventBusName: "errors" })))).toMatchObject({
      name: "ResourceNotFoundException", message: "Rule nope does not exist on EventBus errors.",
    });
    expect(await failure(() => eb.send(new PutTargetsCommand({ Rule: "nope", Targets: [{ Id: "a", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }] })))).toMatchObject({
      name: "ResourceNotFoundException", message: "Rule nope does not exist on EventBus default.",
    });
    expect(await failure(() => eb.send(new DescribeReplayCommand({ ReplayName: "nope" })))).toMatchObject({ name: "ResourceNotFoundException" });
    expect(await failure(() => eb.send(new ListTagsForResourceCommand({ ResourceARN: "arn:aws:events:us-east-1:000000000000:rule/none" })))).toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("not for PutEvents to a missing bus: the entry gets an EventId and goes nowhere, as on AWS", async () => {
    const result = await eb.send(
      new PutEventsCommand({ Entries: [{ EventBusName: "nope", Source: "s", DetailType: "t", Detail: "{}" }, { Source: "s", DetailType: "t", Detail: "{}" }] }),
    );
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries?.map((entry) => entry.EventId)).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    expect(await endpoint.runtime.db.busEvent.count({ where: { eventId: result.Entries?.[0].EventId } })).toBe(0);
  });
});

describe("ValidationException", () => {
  it("for names breaking AWS's pattern and missing required members", async () => {
    expect(await failure(() => eb.send(new PutRuleCommand({ Name: "bad name", EventPattern: "{}" })))).toEqual({
      name: "ValidationException",
      status: 400,
      message: "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    });
    expect(await failure(() => eb.send(new PutRuleCommand({ Name: "nothing" })))).toMatchObject({
      message: "Parameter(s) EventPattern or ScheduleExpression must be specified.",
    });
    expect(await failure(() => eb.send(new PutRuleCommand({ Name: "s", EventBusName: "errors", ScheduleExpression: "rate(1 minute)" })))).toMatchObject({
      message: "ScheduleExpression is supported only on the default event bus.",
    });
  });

  it("for more than 10 PutEvents entries", async () => {
    const entries = Array.from({ length: 11 }, () => ({ Source: "s", DetailType: "t", Detail: "{}" }));
    expect(await failure(() => eb.send(new PutEventsCommand({ Entries: entries })))).toMatchObject({
      name: "ValidationException",
      message: expect.stringMatching(/^1 validation error detected: Value '\[PutEventsRequestEntry\(time=null, source=s, resources=null, detailType=t, detail=\{\}, eventBusName=null, traceHeader=null\), .*\]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/),
    });
  });

  it("per entry for missing fields and malformed detail", async () => {
    const result = await eb.send(
      new PutEventsCommand({ Entries: [{ Source: "s", DetailType: "t", Detail: "[1]" }, { Source: "s", Detail: "{}" }] }),
    );
    expect(result.Entries).toEqual([
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
      { ErrorCode: "InvalidArgument", ErrorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument." },
    ]);
  });

  it("for deleting the default bus and a rule that has targets", async () => {
    expect(await failure(() => eb.send(new DeleteEventBusCommand({ Name: "default" })))).toMatchObject({ message: "Cannot delete event bus default." });
    await eb.send(new PutTargetsCommand({ Rule: "r", EventBusName: "errors", Targets: [{ Id: "q", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }] }));
    expect(await failure(() => eb.send(new DeleteRuleCommand({ Name: "r", EventBusName: "errors" })))).toMatchObject({
      name: "ValidationException", message: "Rule can't be deleted since it has targets.",
    });
  });

  it("for an invalid input transformer (PutTargets)", async () => {
    expect(
      await failure(() =>
        eb.send(new PutTargetsCommand({
          Rule: "r",
          EventBusName: "errors",
          Targets: [{ Id: "t9", Arn: "arn:aws:sqs:us-east-1:000000000000:q", InputTransformer: { InputTemplate: '"<missing>"' } }],
        }),),
      ),
    ).toMatchObject({ name: "ValidationException", message: "InputTemplate for target t9 contains invalid placeholder missing." });
  });

  it("for an invalid event in TestEventPattern, bad paging and bad replay windows", async () => {
    expect(await failure(() => eb.send(new TestEventPatternCommand({ EventPattern: '{"source": ["s"]}', Event: "[]" })))).toMatchObject({
      name: "ValidationException", message: "Parameter Event is not valid.",
    });
    expect(await failure(() => eb.send(new ListEventBusesCommand({ NextToken: "garbage!" })))).toMatchObject({ name: "ValidationException" });
    expect(await failure(() => eb.send(new ListEventBusesCommand({ Limit: 0 })))).toMatchObject({
      message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    expect(
      await failure(() =>
        eb.send(new StartReplayCommand({
          ReplayName: "w",
          EventSourceArn: "arn:aws:events:us-east-1:000000000000:archive/x",
          EventStartTime: new Date(2000),
          EventEndTime: new Date(1000),
          Destination: { Arn: "arn:aws:events:us-east-1:000000000000:event-bus/errors" },
        }),),
      ),
    ).toMatchObject({ message: "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime." });
  });
});

describe("InvalidEventPatternException", () => {
  it("from PutRule and TestEventPattern, with the pattern engine's reason", async () => {
    expect(await failure(() => eb.send(new PutRuleCommand({ Name: "p", EventPattern: '{"source": "x"}' })))).toMatchObject({
      name: "InvalidEventPatternException",
      status: 400,
    });
    const tested = await failure(() => eb.send(new TestEventPatternCommand({ EventPattern: '{"source": []}', Event: event })));
    expect(tested.name).toBe("InvalidEventPatternException");
    expect(tested.message).toMatch(/^Event pattern is not valid\. Reason: /);
  });

  it("is not raised for a valid pattern", async () => {
    expect((await eb.send(new TestEventPatternCommand({ EventPattern: '{"source": ["s"]}', Event: event }))).Result).toBe(true);
  });
});

describe("LimitExceededException", () => {
  it("for a sixth target on a rule", async () => {
    await eb.send(new PutRuleCommand({ Name: "five", EventPattern: '{"source":["x"]}' }));
    const target = (id: string) => ({ Id: id, Arn: `arn:aws:sqs:us-east-1:000000000000:${id}` });
    await eb.send(new PutTargetsCommand({ Rule: "five", Targets: ["a", "b", "c", "d", "e"].map(target) }));
    expect(await failure(() => eb.send(new PutTargetsCommand({ Rule: "five", Targets: [target("f")] })))).toEqual({
      name: "LimitExceededException", status: 400, message: "The requested resource exceeds the maximum number allowed.",
    });
    // Replacing an existing target is not a new one.
    await expect(eb.send(new PutTargetsCommand({ Rule: "five", Targets: [target("e")] }))).resolves.toMatchObject({ FailedEntryCount: 0 });
  });
});

describe("ResourceAlreadyExistsException", () => {
  it("for a second bus or archive of the same name", async () => {
    expect(await failure(() => eb.send(new CreateEventBusCommand({ Name: "errors" })))).toEqual({
      name: "ResourceAlreadyExistsException", status: 400, message: "Event bus errors already exists.",
    });
    await eb.send(new CreateArchiveCommand({ ArchiveName: "a1", EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/errors" }));
    expect(await failure(() => eb.send(new CreateArchiveCommand({ ArchiveName: "a1", EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/errors" })))).toMatchObject({
      name: "ResourceAlreadyExistsException", message: "Archive a1 already exists.",
    });
  });
});

describe("replay state errors", () => {
  it("ConcurrentModificationException when deleting an archive with a replay in progress; IllegalStatusException cancelling a finished replay", async () => {
    await endpoint.runtime.replays.stop(); // keep the replay in STARTING
    await eb.send(new CreateArchiveCommand({ ArchiveName: "busy", EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/errors" }));
    const replay = {
      EventSourceArn: "arn:aws:events:us-east-1:000000000000:archive/busy",
      EventStartTime: new Date(Date.now() - 60_000),
      EventEndTime: new Date(Date.now() - 1000),
      Destination: { Arn: "arn:aws:events:us-east-1:000000000000:event-bus/errors" },
    };
    await eb.send(new StartReplayCommand({ ReplayName: "slow", ...replay }));
    expect(await failure(() => eb.send(new StartReplayCommand({ ReplayName: "slow", ...replay })))).toMatchObject({ name: "ResourceAlreadyExistsException" });
    expect(await failure(() => eb.send(new DeleteArchiveCommand({ ArchiveName: "busy" })))).toEqual({
      name: "ConcurrentModificationException", status: 400, message: "Archive busy has a replay in progress.",
    });
    await eb.send(new CancelReplayCommand({ ReplayName: "slow" }));
    endpoint.runtime.replays.start();
    for (let i = 0; i < 200 && (await eb.send(new DescribeReplayCommand({ ReplayName: "slow" }))).State !== "CANCELLED"; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await eb.send(new DescribeReplayCommand({ ReplayName: "slow" }))).State).toBe("CANCELLED");
    expect(await failure(() => eb.send(new CancelReplayCommand({ ReplayName: "slow" })))).toMatchObject({
      name: "IllegalStatusException", message: "Replay slow is not in a valid state for this operation.",
    });
  });
});

describe("protocol errors", () => {
  it("UnknownOperationException and SerializationException", async () => {
    const post = (target: string, body: string) =>
      fetch(endpoint.url, { method: "POST", headers: { "x-amz-target": target, "content-type": "application/x-amz-json-1.1", authorization: placeholderSignature() }, body });
    const unknown = await post("AWSEvents.Explode", "{}");
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ __type: "UnknownOperationException", message: "Operation AWSEvents.Explode is not supported." });
    const garbled = await post("AWSEvents.ListEventBuses", "{nope");
    expect(garbled.status).toBe(400);
    expect(garbled.headers.get("x-amzn-errortype")).toBe("SerializationException");
  });
});
