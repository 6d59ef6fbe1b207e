/**
 * What the export of EventBridge Scheduler and Pipes says, in the three formats, beyond the golden
 * files: every schedule and pipe of the design with its settings, and execution roles as AWS
 * documents them — trusted by the service for the deploying account only, allowed exactly the
 * target action on the target (plus the dead-letter queue), the source reads of the pipe's kind
 * of source and the enrichment's invoke.
 *
 * - Scheduler, "Set up the execution role" (trust policy with `aws:SourceAccount`; the target's
 *   action; sqs:SendMessage for the DLQ):
 *   https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role
 * - Scheduler universal targets (`arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`):
 *   https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html
 * - Pipes, "Event source permissions" (SQS, Kinesis, DynamoDB Streams, MSK; enrichment and target):
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-permissions.html
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { designSchema, type Design, type DesignEdge, type DesignNode } from "@/lib/graph/schema";
import { node } from "@/lib/graph/test-fixtures";
import { requireFromRoot } from "./cdk-stack.test-support";
import { exportDesign } from "./index";
import { universalTargetAction } from "./scheduler-pipes";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (): Design => designSchema.parse(JSON.parse(readFileSync(join(here, "__fixtures__", "scheduler-pipes.json"), "utf8")));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Resource {
  Type: string;
  Properties: Record<string, Json>;
}
interface Template {
  Resources: Record<string, Resource>;
  Parameters?: Record<string, { Default?: string }>;
  Metadata?: { "Switchyard::Notes"?: string[] };
}

function template(design: Design): Template {
  const file = exportDesign(design, "cloudformation").files.find((f) => f.path.endsWith(".json"))!;
  return JSON.parse(file.content) as Template;
}

const ofType = (t: Template, type: string) => Object.values(t.Resources).filter((r) => r.Type === type);
const named = (t: Template, type: string, name: string) => ofType(t, type).find((r) => r.Properties.Name === name)!;
/** The role a resource's `RoleArn` points at (`Fn::GetAtt` of a role in the template). */
function roleOf(t: Template, roleArn: Json): Resource {
  const [logical] = (roleArn as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"];
  return t.Resources[logical]!;
}
type Statement = { Effect: string; Action: string[]; Resource: Json };
const statements = (role: Resource) => ((role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[])[0]!.PolicyDocument.Statement);

function expectTrust(role: Resource, service: string) {
  expect(role.Properties.AssumeRolePolicyDocument).toEqual({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } } }],
  });
}

describe("Scheduler export", () => {
  const design = fixture();
  const t = template(design);

  it("exports the schedule group and each schedule with its expression, time zone, window, dates, state, input, retry and DLQ", () => {
    const group = ofType(t, "AWS::Scheduler::ScheduleGroup");
    expect(group.map((g) => g.Properties.Name)).toEqual(["reports"]);
    const nightly = named(t, "AWS::Scheduler::Schedule", "nightly-report").Properties;
    const groupId = Object.entries(t.Resources).find(([, r]) => r.Type === "AWS::Scheduler::ScheduleGroup")![0];
    expect(nightly).toMatchObject({
      GroupName: { Ref: groupId },
      ScheduleExpression: "cron(0 2 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      StartDate: "2026-01-01T00:00:00Z",
      EndDate: "2027-12-31T23:59:59Z",
      State: "ENABLED",
      FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 },
    });
    const target = nightly.Target as Record<string, Json>;
    expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 5 });
    expect(JSON.parse(target.Input as string)).toEqual({ report: "daily", at: "<aws.scheduler.scheduled-time>" });
    const dlqParam = (target.DeadLetterConfig as { Arn: { Ref: string } }).Arn.Ref;
    expect(t.Parameters![dlqParam]!.Default).toBe("arn:aws:sqs:eu-central-1:111122223333:report-dlq");

    // A one-time schedule in a time zone; FIFO queue target with its message group.
    const reminder = named(t, "AWS::Scheduler::Schedule", "renewal-reminder").Properties;
    expect(reminder).toMatchObject({ ScheduleExpression: "at(2026-12-24T09:00:00)", ScheduleExpressionTimezone: "Europe/Berlin", FlexibleTimeWindow: { Mode: "OFF" } });
    expect((reminder.Target as Record<string, Json>).SqsParameters).toEqual({ MessageGroupId: "reminders" });
    // A schedule named after its node id (drawn before schedules had names).
    expect(named(t, "AWS::Scheduler::Schedule", "schedule-heartbeat")).toBeDefined();
  });

  it("schedule roles: scheduler.amazonaws.com for this account only, the target action on the target, sqs:SendMessage on the DLQ", () => {
    const nightly = named(t, "AWS::Scheduler::Schedule", "nightly-report").Properties.Target as Record<string, Json>;
    const role = roleOf(t, nightly.RoleArn!);
    expectTrust(role, "scheduler.amazonaws.com");
    expect(statements(role)).toEqual([
      { Effect: "Allow", Action: ["states:StartExecution"], Resource: nightly.Arn },
      { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: (nightly.DeadLetterConfig as { Arn: Json }).Arn },
    ]);

    // A bus target: events:PutEvents on that bus, and the event's source and detail-type.
    const heartbeat = named(t, "AWS::Scheduler::Schedule", "schedule-heartbeat").Properties.Target as Record<string, Json>;
    expect(heartbeat.EventBridgeParameters).toEqual({ DetailType: "Heartbeat", Source: "com.example.heartbeat" });
    expect(statements(roleOf(t, heartbeat.RoleArn!))).toEqual([{ Effect: "Allow", Action: ["events:PutEvents"], Resource: heartbeat.Arn }]);
  });

  it("a universal target calls its API action through arn:aws:scheduler:::aws-sdk, the role allowing that action (and says it is broad)", () => {
    const purge = named(t, "AWS::Scheduler::Schedule", "purge-exports").Properties;
    expect(purge.State).toBe("DISABLED");
    const target = purge.Target as Record<string, Json>;
    expect(target.Arn).toBe("arn:aws:scheduler:::aws-sdk:s3:deleteObject");
    expect(statements(roleOf(t, target.RoleArn!))).toEqual([{ Effect: "Allow", Action: ["s3:DeleteObject"], Resource: "*" }]);
    expect(t.Metadata!["Switchyard::Notes"]).toContainEqual(expect.stringContaining("s3:DeleteObject (a universal target)"));
  });

  it("names a universal target's IAM action as CDK's own Universal target does (SDK service id → IAM prefix)", () => {
    const { awsSdkToIamAction } = requireFromRoot("aws-cdk-lib/custom-resources/lib/helpers-internal") as { awsSdkToIamAction: (service: string, action: string) => string };
    const calls: [string, string][] = [
      ["s3", "deleteObject"],
      ["sqs", "sendMessage"],
      ["ecs", "updateService"],
      ["rds", "stopDBCluster"],
      ["sfn", "startExecution"],
      ["efs", "createFileSystem"],
      ["emr", "runJobFlow"],
      ["cloudwatchlogs", "createLogGroup"],
      ["eventbridge", "putEvents"],
      ["applicationautoscaling", "registerScalableTarget"],
      ["sesv2", "sendEmail"],
    ];
    for (const [service, action] of calls) expect(universalTargetAction(service, action), service).toBe(awsSdkToIamAction(service, action));
    // Where CDK keeps the SDK id, IAM names the prefix cognito-idp
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html).
    expect(universalTargetAction("cognitoidentityprovider", "adminDisableUser")).toBe("cognito-idp:AdminDisableUser");
  });

  it("delete after completion: set in Terraform, noted for CloudFormation and CDK, which cannot say it", async () => {
    expect(t.Metadata!["Switchyard::Notes"]).toContainEqual(expect.stringMatching(/renewal-reminder has ActionAfterCompletion DELETE: CloudFormation \(and so CDK\) cannot set it/));
    const main = exportDesign(design, "terraform").files[0]!.content;
    const resources = ((await parseHcl("main.tf", main)) as { resource: Record<string, Record<string, Record<string, Json>[]>> }).resource;
    const schedules = resources["aws_scheduler_schedule"]!;
    const reminder = Object.values(schedules).map((blocks) => blocks[0]!).find((s) => s.name === "renewal-reminder")!;
    expect(reminder).toMatchObject({ action_after_completion: "DELETE", schedule_expression_timezone: "Europe/Berlin", flexible_time_window: [{ mode: "OFF" }] });
    const nightly = Object.values(schedules).map((blocks) => blocks[0]!).find((s) => s.name === "nightly-report")!;
    expect(nightly).toMatchObject({ flexible_time_window: [{ mode: "FLEXIBLE", maximum_window_in_minutes: 15 }], group_name: "${aws_scheduler_schedule_group.reports_schedule_group.name}" });
    // The schedule waits for its role's policy.
    expect(nightly.depends_on).toEqual(["${aws_iam_role_policy.nightly_report_scheduler_role}"]);
  });

  it("uses a role the design names, as a parameter defaulting to it, and creates none", () => {
    const withRole = { ...design, nodes: design.nodes.map((n) => (n.id === "nightly" && n.kind === "schedule" ? { ...n, roleArn: "arn:aws:iam::111122223333:role/reports" } : n)) };
    const own = template(withRole);
    const roleArn = (named(own, "AWS::Scheduler::Schedule", "nightly-report").Properties.Target as { RoleArn: { Ref: string } }).RoleArn;
    expect(own.Parameters![roleArn.Ref]!.Default).toBe("arn:aws:iam::111122223333:role/reports");
    expect(ofType(own, "AWS::IAM::Role")).toHaveLength(ofType(t, "AWS::IAM::Role").length - 1);
  });
});

describe("Pipes export", () => {
  const design = fixture();
  const t = template(design);
  const pipe = (name: string) => named(t, "AWS::Pipes::Pipe", name).Properties;

  it("SQS → filter → API-destination enrichment → bus: source parameters, templates and the bus event", () => {
    const paid = pipe("paid-orders");
    expect(paid.DesiredState).toBe("RUNNING");
    const source = paid.SourceParameters as Record<string, Json>;
    expect(source.SqsQueueParameters).toEqual({ BatchSize: 10, MaximumBatchingWindowInSeconds: 5 });
    const filters = (source.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([{ body: { status: ["PAID"] } }]);
    // The API destination is created as for a rule target, on the connection the design names.
    const [apiId, api] = Object.entries(t.Resources).find(([, r]) => r.Type === "AWS::Events::ApiDestination")!;
    expect(api.Properties).toMatchObject({ Name: "crm-lookup", InvocationEndpoint: "https://crm.example.com/customers", HttpMethod: "POST" });
    expect(paid.Enrichment).toEqual({ "Fn::GetAtt": [apiId, "Arn"] });
    expect(paid.EnrichmentParameters).toEqual({ InputTemplate: '{"orderId": <$.body.id>, "customer": <$.body.customer>}' });
    expect(paid.TargetParameters).toEqual({ InputTemplate: '{"order": <$.body>, "tier": <$.tier>}', EventBridgeEventBusParameters: { DetailType: "OrderPaid", Source: "com.example.orders" } });

    const role = roleOf(t, paid.RoleArn!);
    expectTrust(role, "pipes.amazonaws.com");
    expect(statements(role)).toEqual([
      { Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: paid.Source },
      { Effect: "Allow", Action: ["events:InvokeApiDestination"], Resource: paid.Enrichment },
      { Effect: "Allow", Action: ["events:PutEvents"], Resource: paid.Target },
    ]);
  });

  it("Kinesis → Lambda and DynamoDB stream → Lambda enrichment → bus: starting positions and the stream reads AWS lists", () => {
    const clicks = pipe("count-clicks");
    expect(clicks.DesiredState).toBe("STOPPED");
    expect((clicks.SourceParameters as Record<string, Json>).KinesisStreamParameters).toEqual({ BatchSize: 100, MaximumBatchingWindowInSeconds: 10, StartingPosition: "TRIM_HORIZON" });
    expect(statements(roleOf(t, clicks.RoleArn!))).toEqual([
      {
        Effect: "Allow",
        Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams", "kinesis:SubscribeToShard"],
        Resource: clicks.Source,
      },
      { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: clicks.Target },
    ]);

    const customers = pipe("customer-changes");
    expect((customers.SourceParameters as Record<string, Json>).DynamoDBStreamParameters).toEqual({ BatchSize: 25, StartingPosition: "LATEST" });
    expect(statements(roleOf(t, customers.RoleArn!))).toEqual([
      { Effect: "Allow", Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], Resource: customers.Source },
      { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: customers.Enrichment },
      { Effect: "Allow", Action: ["events:PutEvents"], Resource: customers.Target },
    ]);
  });

  it("Terraform says the same: source, enrichment, target and their parameters", async () => {
    const main = exportDesign(design, "terraform").files[0]!.content;
    const resources = ((await parseHcl("main.tf", main)) as { resource: Record<string, Record<string, Record<string, Json>[]>> }).resource;
    const paid = resources["aws_pipes_pipe"]!["paid_orders_pipe"]![0]!;
    expect(paid).toMatchObject({
      name: "paid-orders",
      enrichment: "${aws_cloudwatch_event_api_destination.crm_lookup_api_destination.arn}",
      target: "${aws_cloudwatch_event_bus.orders_bus.arn}",
      enrichment_parameters: [{ input_template: '{"orderId": <$.body.id>, "customer": <$.body.customer>}' }],
      target_parameters: [{ input_template: '{"order": <$.body>, "tier": <$.tier>}', eventbridge_event_bus_parameters: [{ detail_type: "OrderPaid", source: "com.example.orders" }] }],
    });
    const source = (paid.source_parameters as Record<string, Json>[])[0]!;
    expect(source.sqs_queue_parameters).toEqual([{ batch_size: 10, maximum_batching_window_in_seconds: 5 }]);
    const pattern = ((source.filter_criteria as Record<string, Json>[])[0]!.filter as { pattern: string }[])[0]!.pattern;
    expect(JSON.parse(pattern)).toEqual({ body: { status: ["PAID"] } });
  });
});

describe("Pipes from other sources and older designs", () => {
  const edge = (id: string, kind: DesignEdge["kind"], source: string, target: string): DesignEdge => ({ id, kind, source, target });
  const designOf = (nodes: DesignNode[], edges: DesignEdge[]): Design => ({ format: "switchyard.design", version: 1, name: "pipes", description: "", nodes, edges });
  const bus = node("event-bus", "bus", { name: "orders", variant: "custom" });

  it("exports a legacy pipe (a source read by a pipe, puts-events straight to a bus) as a pipe, and no event source mapping", () => {
    const queue = node("sqs-queue-source", "inbox", { reader: "pipe", queueName: "inbox", batchSize: 5, filterCriteria: ['{"body": {"kind": ["order"]}}'] });
    const fn = node("lambda", "fn", { functionName: "handle" });
    const t = template(designOf([queue, bus, fn], [edge("e1", "puts-events", "inbox", "bus"), edge("e2", "feeds-function", "inbox", "fn")]));
    const pipes = ofType(t, "AWS::Pipes::Pipe").map((p) => p.Properties);
    expect(pipes.map((p) => p.Name).sort()).toEqual(["inbox-to-bus", "inbox-to-fn"]);
    for (const p of pipes) expect((p.SourceParameters as Record<string, Json>).SqsQueueParameters).toEqual({ BatchSize: 5 });
    expect(ofType(t, "AWS::Lambda::EventSourceMapping")).toEqual([]);
    // Both pipes read the same queue through one parameter.
    expect(new Set(pipes.map((p) => JSON.stringify(p.Source))).size).toBe(1);
  });

  it("MSK and self-managed Kafka sources: topic, consumer group, bootstrap servers, and notes for what the design cannot say", () => {
    const msk = node("kafka-topic", "msk", { reader: "pipe", cluster: "msk", clusterName: "orders-cluster", topic: "orders", consumerGroupId: "pipes", startingPosition: "TRIM_HORIZON", batchSize: 100 });
    const smk = node("kafka-topic", "smk", { reader: "pipe", cluster: "self-managed", clusterName: "k1.example.com:9092, k2.example.com:9092", topic: "legacy", consumerGroupId: "pipes", startingPosition: "LATEST", batchSize: 10 });
    const p1 = node("pipe", "p1", { name: "from-msk" });
    const p2 = node("pipe", "p2", { name: "from-smk" });
    const design = designOf([msk, smk, p1, p2, bus], [edge("e1", "feeds-pipe", "msk", "p1"), edge("e2", "feeds-pipe", "smk", "p2"), edge("e3", "puts-events", "p1", "bus"), edge("e4", "puts-events", "p2", "bus")]);
    const t = template(design);
    const fromMsk = named(t, "AWS::Pipes::Pipe", "from-msk").Properties;
    expect((fromMsk.SourceParameters as Record<string, Json>).ManagedStreamingKafkaParameters).toEqual({ TopicName: "orders", ConsumerGroupID: "pipes", BatchSize: 100, StartingPosition: "TRIM_HORIZON" });
    const mskStatements = statements(roleOf(t, fromMsk.RoleArn!));
    expect(mskStatements[0]).toEqual({ Effect: "Allow", Action: ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"], Resource: fromMsk.Source });
    expect(mskStatements[1]!.Action).toContain("ec2:CreateNetworkInterface");

    const fromSmk = named(t, "AWS::Pipes::Pipe", "from-smk").Properties;
    expect(fromSmk.Source).toBe("smk://k1.example.com:9092");
    expect((fromSmk.SourceParameters as Record<string, Json>).SelfManagedKafkaParameters).toEqual({
      TopicName: "legacy",
      ConsumerGroupID: "pipes",
      BatchSize: 10,
      StartingPosition: "LATEST",
      AdditionalBootstrapServers: ["k2.example.com:9092"],
    });
    // Only the target: a self-managed cluster needs no IAM permission to be read.
    expect(statements(roleOf(t, fromSmk.RoleArn!))).toEqual([{ Effect: "Allow", Action: ["events:PutEvents"], Resource: fromSmk.Target }]);
    const notes = t.Metadata!["Switchyard::Notes"]!;
    expect(notes).toContainEqual(expect.stringMatching(/from-smk reads a self-managed Kafka cluster: add its Credentials/));
    expect(notes).toContainEqual(expect.stringMatching(/from-msk reads MSK cluster orders-cluster: with IAM authentication its role also needs kafka-cluster:Connect/));
  });
});
