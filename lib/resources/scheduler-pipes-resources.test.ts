import { describe, expect, it } from "vitest";
import { createNode, DESIGN_FORMAT, DESIGN_VERSION, type Design, type DesignNode } from "@/lib/graph";
import { DESIGN_TAG } from "./account-state";
import { enrichmentArnFor, schedulerPipesResources } from "./scheduler-pipes-resources";

const where = { account: "111122223333", region: "eu-central-1" };
const ROLE = "arn:aws:iam::111122223333:role/r";
const at = { x: 0, y: 0 };

function design(nodes: DesignNode[], edges: [Design["edges"][number]["kind"], string, string][]): Design {
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: "d", description: "", nodes, edges: edges.map(([kind, source, target], i) => ({ id: `e${i}`, kind, source, target })) };
}

describe("schedulerPipesResources: schedules", () => {
  const nodes: DesignNode[] = [
    { ...createNode("schedule-group", "g", at), name: "nightly" },
    { ...createNode("schedule-group", "d", at), name: "default" },
    { ...createNode("schedule", "s1", at), name: "report", roleArn: ROLE, actionAfterCompletion: "DELETE" },
    { ...createNode("schedule", "s2", at), name: undefined, roleArn: ROLE, universalTarget: { service: "sqs", action: "sendMessage" }, targetInput: '{"QueueUrl":"q"}' },
    { ...createNode("schedule", "s3", at), name: "to-bus", roleArn: ROLE, source: "com.tick", detailType: "Tick" },
    { ...createNode("schedule", "s4", at), name: "no-role" },
    { ...createNode("sqs", "fifo", at), queueName: "jobs.fifo", messageGroupId: "jobs" },
    { ...createNode("event-bus", "bus", at), variant: "custom", name: "orders" },
  ];
  const found = schedulerPipesResources(
    design(nodes, [
      ["contains", "g", "s1"],
      ["delivers", "s1", "fifo"],
      ["puts-events", "s3", "bus"],
      ["delivers", "s4", "fifo"],
    ]),
    where,
    "dsn_1",
  );

  it("creates the drawn groups, tagged, but never the default group every account has", () => {
    expect(found.scheduleGroups).toEqual([{ name: "nightly", tags: { [DESIGN_TAG]: "dsn_1" }, nodeId: "g" }]);
  });

  it("puts a schedule in the group that contains it, else in default, with its target as CreateSchedule takes it", () => {
    const [report, derived, toBus] = found.schedules;
    expect(report).toMatchObject({ name: "report", group: "nightly", state: "ENABLED", actionAfterCompletion: "DELETE", target: { Arn: "arn:aws:sqs:eu-central-1:111122223333:jobs.fifo", RoleArn: ROLE, SqsParameters: { MessageGroupId: "jobs" } } });
    expect(derived).toMatchObject({ name: "schedule-s2", group: "default", target: { Arn: "arn:aws:scheduler:::aws-sdk:sqs:sendMessage", Input: '{"QueueUrl":"q"}' } });
    expect(toBus?.target).toEqual({ Arn: "arn:aws:events:eu-central-1:111122223333:event-bus/orders", RoleArn: ROLE, EventBridgeParameters: { Source: "com.tick", DetailType: "Tick" } });
  });

  it("leaves out a schedule without a role, says why, and holds it back from deletion", () => {
    expect(found.schedules.map((s) => s.name)).not.toContain("no-role");
    expect(found.problems).toEqual([{ nodeId: "s4", message: "Schedule no-role has no role ARN (Scheduler invokes its target with that role) and is left out." }]);
    expect(found.heldBack.schedules).toEqual(["default/no-role"]);
  });
});

describe("schedulerPipesResources: pipes", () => {
  const pipe = (id: string, name: string): DesignNode => ({ ...createNode("pipe", id, at), name, roleArn: ROLE });
  const lambda = { ...createNode("lambda", "fn", at), functionName: "handle" };
  const sources: DesignNode[] = [
    { ...createNode("kinesis-stream-source", "k", at), reader: "pipe", streamName: "clicks", startingPosition: "TRIM_HORIZON", batchSize: 50, batchingWindowSeconds: 0 },
    { ...createNode("dynamodb-stream", "t", at), reader: "pipe", tableName: "orders", startingPosition: "LATEST" },
    { ...createNode("kafka-topic", "m", at), reader: "pipe", cluster: "msk", clusterName: "prod", account: "444455556666", topic: "orders", consumerGroupId: "g" },
    { ...createNode("kinesis-stream-source", "late", at), reader: "pipe", streamName: "late", startingPosition: "AT_TIMESTAMP" },
  ];
  const found = schedulerPipesResources(
    design(
      [...sources, pipe("p1", "clicks"), pipe("p2", "table"), pipe("p3", "msk"), pipe("p4", "late"), lambda],
      [
        ["feeds-pipe", "k", "p1"],
        ["feeds-pipe", "t", "p2"],
        ["feeds-pipe", "m", "p3"],
        ["feeds-pipe", "late", "p4"],
        ["delivers", "p1", "fn"],
        ["delivers", "p2", "fn"],
        ["delivers", "p3", "fn"],
        ["delivers", "p4", "fn"],
      ],
    ),
    where,
    "dsn_1",
  );

  it("reads the source node's batching, starting position and filters as the source's parameters (a window of 0 is none)", () => {
    expect(found.pipes[0]).toMatchObject({
      source: "arn:aws:kinesis:eu-central-1:111122223333:stream/clicks",
      sourceParameters: { KinesisStreamParameters: { BatchSize: 50, StartingPosition: "TRIM_HORIZON" } },
      target: "arn:aws:lambda:eu-central-1:111122223333:function:handle",
      tags: { [DESIGN_TAG]: "dsn_1" },
      desiredState: "RUNNING",
    });
    expect(found.pipes[0]!.sourceParameters.FilterCriteria).toBeUndefined();
  });

  it("names a DynamoDB stream and an MSK cluster up to the part AWS assigns", () => {
    expect(found.pipes[1]!.source).toBe("arn:aws:dynamodb:eu-central-1:111122223333:table/orders/stream/");
    expect(found.pipes[2]).toMatchObject({ source: "arn:aws:kafka:eu-central-1:444455556666:cluster/prod/", sourceParameters: { ManagedStreamingKafkaParameters: { TopicName: "orders", ConsumerGroupID: "g" } } });
  });

  it("leaves out a pipe starting at a timestamp the design does not hold, and holds it back", () => {
    expect(found.problems.map((p) => p.message)).toEqual(["Pipe late starts AT_TIMESTAMP, and the design holds no timestamp; it is left out."]);
    expect(found.heldBack.pipes).toEqual(["late"]);
  });

  it("builds each kind of enrichment's ARN", () => {
    expect(enrichmentArnFor({ type: "lambda", functionName: "f" }, where)).toBe("arn:aws:lambda:eu-central-1:111122223333:function:f");
    expect(enrichmentArnFor({ type: "step-functions", stateMachineName: "sm" }, where)).toBe("arn:aws:states:eu-central-1:111122223333:stateMachine:sm");
    expect(enrichmentArnFor({ type: "api-gateway", apiId: "a1", stage: "prod", method: "GET", path: "/x/y" }, where)).toBe("arn:aws:execute-api:eu-central-1:111122223333:a1/prod/GET/x/y");
    expect(enrichmentArnFor({ type: "api-destination", name: "crm", endpoint: "https://e", method: "POST", connection: { name: "c", authorization: "API_KEY" } }, where)).toBe(
      "arn:aws:events:eu-central-1:111122223333:api-destination/crm",
    );
  });
});
