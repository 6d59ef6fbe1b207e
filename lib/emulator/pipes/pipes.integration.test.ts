/**
 * The Pipes API on the local endpoint with the unmodified `@aws-sdk/client-pipes` and AWS CLI
 * (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_Operations.html): CRUD,
 * states, tags, listing filters and pages, AWS's errors, and a pipe from a local SQS queue to a
 * bus whose rule delivers to another queue.
 */
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  ConflictException,
  CreatePipeCommand,
  DeletePipeCommand,
  DescribePipeCommand,
  ListPipesCommand,
  type ListPipesCommandInput,
  ListTagsForResourceCommand,
  NotFoundException,
  PipesClient,
  StartPipeCommand,
  StopPipeCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePipeCommand,
  ValidationException,
} from "@aws-sdk/client-pipes";
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryPipeRuns } from "../../explorer";
import { AWS_CLI, awsCliAvailable, runAwsCli, startTestEndpoint, type TestEndpoint } from "../test-endpoint";

const ACCOUNT = "000000000000";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/pipes`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const busArn = (name: string) => `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/${name}`;

let endpoint: TestEndpoint;
let pipes: PipesClient;
let sqs: SQSClient;
let eb: EventBridgeClient;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  const options = { endpoint: endpoint.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  pipes = new PipesClient(options);
  sqs = new SQSClient(options);
  eb = new EventBridgeClient(options);
});

afterAll(async () => {
  pipes.destroy();
  sqs.destroy();
  eb.destroy();
  await endpoint.close();
});

describe("Pipes API with @aws-sdk/client-pipes", { timeout: 20_000 }, () => {
  it("creates, describes, updates, stops, starts, lists and deletes a pipe, with the states AWS reports", async () => {
    const created = await pipes.send(
      new CreatePipeCommand({
        Name: "crud",
        Source: queueArn("crud-in"),
        Target: busArn("default"),
        RoleArn: ROLE,
        Description: "first",
        SourceParameters: { SqsQueueParameters: { BatchSize: 5 }, FilterCriteria: { Filters: [{ Pattern: '{"body":{"a":["b"]}}' }] } },
        Tags: { team: "orders" },
      }),
    );
    expect(created).toMatchObject({ Arn: `arn:aws:pipes:us-east-1:${ACCOUNT}:pipe/crud`, Name: "crud", DesiredState: "RUNNING", CurrentState: "CREATING" });
    expect(created.CreationTime).toBeInstanceOf(Date);

    const described = await pipes.send(new DescribePipeCommand({ Name: "crud" }));
    expect(described).toMatchObject({
      CurrentState: "RUNNING",
      Description: "first",
      SourceParameters: { SqsQueueParameters: { BatchSize: 5 }, FilterCriteria: { Filters: [{ Pattern: '{"body":{"a":["b"]}}' }] } },
      Tags: { team: "orders" },
      RoleArn: ROLE,
    });

    expect(await pipes.send(new UpdatePipeCommand({ Name: "crud", RoleArn: ROLE, Description: "second", SourceParameters: { SqsQueueParameters: { BatchSize: 7 } } }))).toMatchObject({
      CurrentState: "UPDATING",
    });
    const updated = await pipes.send(new DescribePipeCommand({ Name: "crud" }));
    expect(updated.Description).toBe("second");
    // The update's SqsQueueParameters replace those members; the filter stays.
    expect(updated.SourceParameters).toMatchObject({ SqsQueueParameters: { BatchSize: 7 }, FilterCriteria: { Filters: [{ Pattern: '{"body":{"a":["b"]}}' }] } });

    expect(await pipes.send(new StopPipeCommand({ Name: "crud" }))).toMatchObject({ DesiredState: "STOPPED", CurrentState: "STOPPING" });
    expect(await pipes.send(new DescribePipeCommand({ Name: "crud" }))).toMatchObject({ DesiredState: "STOPPED", CurrentState: "STOPPED" });
    expect(await pipes.send(new StartPipeCommand({ Name: "crud" }))).toMatchObject({ DesiredState: "RUNNING", CurrentState: "STARTING" });

    await pipes.send(new TagResourceCommand({ resourceArn: created.Arn, tags: { env: "dev" } }));
    await pipes.send(new UntagResourceCommand({ resourceArn: created.Arn, tagKeys: ["team"] }));
    expect((await pipes.send(new ListTagsForResourceCommand({ resourceArn: created.Arn }))).tags).toEqual({ env: "dev" });

    expect(await pipes.send(new DeletePipeCommand({ Name: "crud" }))).toMatchObject({ Name: "crud", CurrentState: "DELETING" });
    await expect(pipes.send(new DescribePipeCommand({ Name: "crud" }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it("lists by name, source and target prefix and by state, in pages", async () => {
    for (const [name, state] of [["list-a", "RUNNING"], ["list-b", "STOPPED"], ["list-c", "RUNNING"], ["other", "RUNNING"]] as const) {
      await pipes.send(new CreatePipeCommand({ Name: name, Source: queueArn(`${name}-in`), Target: busArn(name === "list-c" ? "audit" : "default"), RoleArn: ROLE, DesiredState: state }));
    }
    const names = async (input: ListPipesCommandInput) => ((await pipes.send(new ListPipesCommand(input))).Pipes ?? []).map((p) => p.Name);
    expect(await names({ NamePrefix: "list-" })).toEqual(["list-a", "list-b", "list-c"]);
    expect(await names({ NamePrefix: "list-", CurrentState: "STOPPED" })).toEqual(["list-b"]);
    expect(await names({ DesiredState: "RUNNING", NamePrefix: "list" })).toEqual(["list-a", "list-c"]);
    expect(await names({ SourcePrefix: queueArn("other") })).toEqual(["other"]);
    expect(await names({ TargetPrefix: busArn("audit") })).toEqual(["list-c"]);

    const first = await pipes.send(new ListPipesCommand({ NamePrefix: "list-", Limit: 2 }));
    expect(first.Pipes?.map((p) => p.Name)).toEqual(["list-a", "list-b"]);
    const second = await pipes.send(new ListPipesCommand({ NamePrefix: "list-", Limit: 2, NextToken: first.NextToken }));
    expect(second.Pipes?.map((p) => p.Name)).toEqual(["list-c"]);
    expect(second.NextToken).toBeUndefined();
  });

  it("answers AWS's errors: a second pipe of a name, a missing pipe, model and source violations, a filter operator Pipes refuses", async () => {
    const base = { Source: queueArn("errors-in"), Target: busArn("default"), RoleArn: ROLE };
    await pipes.send(new CreatePipeCommand({ Name: "dup", ...base }));
    await expect(pipes.send(new CreatePipeCommand({ Name: "dup", ...base }))).rejects.toBeInstanceOf(ConflictException);
    await expect(pipes.send(new StopPipeCommand({ Name: "missing" }))).rejects.toThrow(/Pipe missing does not exist/);
    await expect(pipes.send(new UpdatePipeCommand({ Name: "missing", RoleArn: ROLE }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(pipes.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:pipes:us-east-1:${ACCOUNT}:pipe/missing` }))).rejects.toBeInstanceOf(NotFoundException);

    // The model's constraints (API_CreatePipe.html: Name pattern, RoleArn pattern, BatchSize 1–10000).
    const badName = pipes.send(new CreatePipeCommand({ Name: "bad name!", ...base }));
    await expect(badName).rejects.toBeInstanceOf(ValidationException);
    await expect(badName).rejects.toThrow(/at 'name' failed to satisfy constraint/);
    await expect(pipes.send(new CreatePipeCommand({ Name: "role", ...base, RoleArn: "not-a-role" }))).rejects.toThrow(/roleArn/);
    await expect(pipes.send(new CreatePipeCommand({ Name: "batch", ...base, SourceParameters: { SqsQueueParameters: { BatchSize: 20_000 } } }))).rejects.toThrow(/batchSize/);

    // Beyond the model: a Kinesis source needs a StartingPosition, a source takes its own kind's parameters.
    const stream = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/clicks`;
    await expect(pipes.send(new CreatePipeCommand({ Name: "kin", ...base, Source: stream }))).rejects.toThrow(/StartingPosition is required/);
    await expect(pipes.send(new CreatePipeCommand({ Name: "kin", ...base, SourceParameters: { KinesisStreamParameters: { StartingPosition: "LATEST" } } }))).rejects.toThrow(
      /does not apply to this source/,
    );
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html: wildcard has no Pipe support.
    const wildcard = pipes.send(new CreatePipeCommand({ Name: "wild", ...base, SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"body":{"key":[{"wildcard":"a*"}]}}' }] } } }));
    await expect(wildcard).rejects.toBeInstanceOf(ValidationException);
    await expect(wildcard).rejects.toThrow(/body.key: the wildcard operator is not supported in EventBridge Pipes filters/);
  });
});

describe("a pipe from a local SQS queue to a bus whose rule delivers", { timeout: 20_000 }, () => {
  it("filters, puts the passing messages on the bus, the rule delivers them, and the drop is recorded", async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
    await sqs.send(new CreateQueueCommand({ QueueName: "paid" }));
    await eb.send(new PutRuleCommand({ Name: "from-pipe", EventPattern: JSON.stringify({ source: ["Pipe orders"] }) }));
    await eb.send(new PutTargetsCommand({ Rule: "from-pipe", Targets: [{ Id: "paid", Arn: queueArn("paid") }] }));
    const { Arn } = await pipes.send(
      new CreatePipeCommand({
        Name: "orders",
        Source: queueArn("orders"),
        Target: busArn("default"),
        RoleArn: ROLE,
        SourceParameters: { FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { status: ["PAID"] } }) }] } },
      }),
    );
    const url = `${endpoint.url}/${ACCOUNT}/orders`;
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ id: 1, status: "PAID" }) }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ id: 2, status: "NEW" }) }));

    const received = [];
    for (let i = 0; i < 5 && received.length === 0; i++) {
      const answer = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/paid`, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }));
      received.push(...(answer.Messages ?? []));
    }
    expect(received.map((m) => JSON.parse(m.Body!) as { detail: unknown; source: string })).toMatchObject([{ source: "Pipe orders", detail: { messageId: expect.any(String), body: '{"id":1,"status":"PAID"}' } }]);

    // Both messages were read; the NEW one was dropped by the filter, in the same or a later batch.
    const { runs } = await queryPipeRuns(endpoint.runtime.db, { pipeArn: Arn });
    const dropped = runs.flatMap((run) => run.steps.flatMap((step) => (step.step === "filter" ? step.dropped : [])));
    expect(dropped.map((record) => (record as { body: string }).body)).toEqual(['{"id":2,"status":"NEW"}']);
  });
});

describe("after a restart", { timeout: 20_000 }, () => {
  it("keeps every pipe with its state, and the running ones poll again", async () => {
    await pipes.send(new CreatePipeCommand({ Name: "durable", Source: queueArn("durable-in"), Target: queueArn("durable-out"), RoleArn: ROLE }));
    await pipes.send(new CreatePipeCommand({ Name: "paused", Source: queueArn("paused-in"), Target: queueArn("durable-out"), RoleArn: ROLE, DesiredState: "STOPPED" }));
    await endpoint.restart();
    expect(await pipes.send(new DescribePipeCommand({ Name: "durable" }))).toMatchObject({ CurrentState: "RUNNING", Target: queueArn("durable-out") });
    expect(await pipes.send(new DescribePipeCommand({ Name: "paused" }))).toMatchObject({ CurrentState: "STOPPED" });
    // Local queues live in memory: they are created again after the restart; the pipe finds its source then.
    for (const name of ["durable-in", "durable-out", "paused-in"]) await sqs.send(new CreateQueueCommand({ QueueName: name }));
    await sqs.send(new SendMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/durable-in`, MessageBody: "after restart" }));
    await sqs.send(new SendMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/paused-in`, MessageBody: "stays" }));
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/durable-out`, WaitTimeSeconds: 5 }));
    expect((JSON.parse(out.Messages![0].Body!) as { body: string }).body).toBe("after restart");
    // The stopped pipe did not read its queue.
    expect(endpoint.runtime.queues.byArn(queueArn("paused-in"))!.counts().visible).toBe(1);
  });
});

describe.skipIf(!awsCliAvailable)(`aws pipes … --endpoint-url${awsCliAvailable ? "" : ` (skipped: no aws CLI at ${AWS_CLI})`}`, () => {
  const awsPipes = (...args: string[]) => runAwsCli(endpoint.url, ["pipes", ...args]);

  it("creates and describes a pipe, and reports a missing one", async () => {
    expect(await awsPipes("create-pipe", "--name", "cli", "--source", queueArn("cli-in"), "--target", busArn("default"), "--role-arn", ROLE)).toMatchObject({ Name: "cli", CurrentState: "CREATING" });
    expect(await awsPipes("describe-pipe", "--name", "cli")).toMatchObject({ Name: "cli", CurrentState: "RUNNING", Source: queueArn("cli-in") });
    await expect(awsPipes("describe-pipe", "--name", "no-such-pipe")).rejects.toThrow(/NotFoundException.*Pipe no-such-pipe does not exist/s);
  }, 30_000);
});
