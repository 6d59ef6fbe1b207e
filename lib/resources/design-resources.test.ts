import { describe, expect, it } from "vitest";
import { design, node, patternRule } from "@/lib/graph/test-fixtures";
import { DESIGN_TAG } from "./account-state";
import { designResources, placeDesign } from "./design-resources";

const HERE = { account: "111122223333", region: "eu-west-1" };

describe("designResources", () => {
  it("maps buses, rules and targets as PutRule / PutTargets take them, tagged with the design", () => {
    const d = design(
      [
        node("event-bus", "bus", { variant: "custom", name: "orders" }),
        patternRule("big", '{"source":["shop"]}', { description: "Big", enabled: false, roleArn: "arn:aws:iam::111122223333:role/rule" }),
        node("sqs", "queue", { queueName: "orders.fifo", messageGroupId: "g", deadLetterQueueArn: "arn:aws:sqs:eu-west-1:111122223333:dlq", input: { type: "input-path", inputPath: "$.detail" } }),
        node("kinesis", "clicks stream", { streamName: "clicks", partitionKeyPath: "$.id", crossAccount: true, account: "444455556666", region: "us-east-1", targetId: "Target0" }),
      ],
      [["bus", "big"], ["big", "queue"], ["big", "clicks stream"]],
    );
    const resources = designResources(d, HERE, "dsn_1");
    expect(resources.buses).toEqual([{ name: "orders", tags: { [DESIGN_TAG]: "dsn_1" }, nodeId: "bus" }]);
    expect(resources.rules).toEqual([
      {
        name: "big",
        bus: "orders",
        eventPattern: '{"source":["shop"]}',
        state: "DISABLED",
        description: "Big",
        roleArn: "arn:aws:iam::111122223333:role/rule",
        tags: { [DESIGN_TAG]: "dsn_1" },
        nodeId: "big",
        targets: [
          {
            Id: "queue",
            Arn: "arn:aws:sqs:eu-west-1:111122223333:orders.fifo",
            InputPath: "$.detail",
            RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
            DeadLetterConfig: { Arn: "arn:aws:sqs:eu-west-1:111122223333:dlq" },
            SqsParameters: { MessageGroupId: "g" },
          },
          {
            Id: "Target0",
            Arn: "arn:aws:kinesis:us-east-1:444455556666:stream/clicks",
            RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
            KinesisParameters: { PartitionKeyPath: "$.id" },
          },
        ],
      },
    ]);
    expect(resources.problems).toEqual([]);
  });

  it("does not create the default bus, and leaves out rules of other accounts' and regions' buses and unfed rules", () => {
    const d = design(
      [
        node("event-bus", "default", { variant: "default", name: "default", archive: { name: "everything", pattern: "", retentionDays: 7 } }),
        node("event-bus", "theirs", { variant: "custom", name: "central", account: "444455556666" }),
        node("event-bus", "far", { variant: "custom", name: "far", region: "ap-south-1" }),
        patternRule("faraway", "{}"),
        patternRule("here", "{}"),
        patternRule("there", "{}"),
        patternRule("nowhere", "{}"),
      ],
      [["default", "here"], ["theirs", "there"], ["far", "faraway"]],
    );
    const resources = designResources(d, HERE);
    expect(resources.buses).toEqual([]);
    // The default bus is not created, but its archive is (an empty pattern archives every event).
    expect(resources.archives).toEqual([{ name: "everything", bus: "default", retentionDays: 7 }]);
    expect(resources.rules.map((r) => `${r.bus}/${r.name}`)).toEqual(["default/here"]);
    expect(resources.rules[0]!.tags).toEqual({});
    expect(resources.problems).toEqual([
      { nodeId: "faraway", message: "Rule faraway is on bus far in region ap-south-1 and is left out." },
      { nodeId: "there", message: "Rule there is on bus central in account 444455556666 and is left out." },
      { nodeId: "nowhere", message: "Rule nowhere is fed by no event bus and is left out." },
    ]);
  });

  it("points event-bus targets at the bus they forward to, API destinations at their name", () => {
    const d = design(
      [
        node("event-bus", "bus", { variant: "custom", name: "orders" }),
        patternRule("r", "{}"),
        node("event-bus-target", "fwd", { crossAccount: true }),
        node("event-bus", "central", { variant: "custom", name: "central", account: "444455556666", region: "us-east-1" }),
        node("api-destination", "hook", { name: "crm" }),
        node("event-bus-target", "dangling"),
      ],
      [["bus", "r"], ["r", "fwd"], ["fwd", "central"], ["r", "hook"], ["r", "dangling"]],
    );
    const resources = designResources(d, HERE);
    expect(resources.rules[0]!.targets.map((t) => t.Arn)).toEqual([
      "arn:aws:events:us-east-1:444455556666:event-bus/central",
      "arn:aws:events:eu-west-1:111122223333:api-destination/crm",
    ]);
    expect(resources.problems).toEqual([{ nodeId: "dangling", message: "Target dangling of rule r forwards to no bus and is left out." }]);
  });
});

describe("placeDesign", () => {
  it("puts every bus, of any variant, where `placementOf` says, and each rule with its targets where its bus is", () => {
    const d = design(
      [
        node("event-bus", "default", { variant: "default", name: "default" }),
        node("event-bus", "partner", { variant: "partner", name: "aws.partner/saas/orders" }),
        node("event-bus", "theirs", { variant: "custom", name: "central", account: "444455556666", region: "ap-south-1" }),
        patternRule("here", "{}"),
        patternRule("there", "{}"),
        patternRule("nowhere", "{}"),
        node("sqs", "queue", { queueName: "q" }),
      ],
      [["default", "here"], ["theirs", "there"], ["there", "queue"]],
    );
    // As the local endpoint places a design: every account, one region.
    const { placements, unplaced } = placeDesign(d, (bus) => ({ account: bus.account ?? HERE.account, region: HERE.region }));
    expect(placements.map((p) => [p.where, p.buses.map((b) => `${b.variant}:${b.name}`), p.rules.map((r) => `${r.bus}/${r.name}`)])).toEqual([
      [HERE, ["default:default", "partner:aws.partner/saas/orders"], ["default/here"]],
      [{ account: "444455556666", region: HERE.region }, ["custom:central"], ["central/there"]],
    ]);
    expect(placements[1]!.rules[0]!.targets.map((t) => t.Arn)).toEqual([`arn:aws:sqs:${HERE.region}:444455556666:q`]);
    expect(unplaced).toEqual([{ nodeId: "nowhere", message: "Rule nowhere is fed by no event bus and is left out." }]);
  });
});
