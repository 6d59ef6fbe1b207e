import { describe, expect, it } from "vitest";
import { recogniseTargetArn } from "./target-arn";

describe("recogniseTargetArn", () => {
  it.each([
    ["arn:aws:lambda:eu-west-1:111122223333:function:bill", "lambda", "bill"],
    ["arn:aws:lambda:eu-west-1:111122223333:function:bill:live", "lambda", "bill:live"],
    ["arn:aws:sqs:eu-west-1:111122223333:orders.fifo", "sqs", "orders.fifo"],
    ["arn:aws:sns:eu-west-1:111122223333:news", "sns", "news"],
    ["arn:aws:states:eu-west-1:111122223333:stateMachine:flow", "step-functions", "flow"],
    ["arn:aws:firehose:eu-west-1:111122223333:deliverystream/lake", "firehose", "lake"],
    ["arn:aws:kinesis:eu-west-1:111122223333:stream/clicks", "kinesis", "clicks"],
    ["arn:aws:logs:eu-west-1:111122223333:log-group:/aws/events/all", "cloudwatch-logs", "/aws/events/all"],
    ["arn:aws:logs:eu-west-1:111122223333:log-group:/aws/events/all:*", "cloudwatch-logs", "/aws/events/all"],
    ["arn:aws:events:eu-west-1:444455556666:event-bus/central", "event-bus-target", "central"],
    ["arn:aws:events:eu-west-1:111122223333:api-destination/crm/0f1e2d3c-aaaa", "api-destination", "crm"],
    ["arn:aws-cn:sqs:cn-north-1:111122223333:q", "sqs", "q"],
  ])("%s is a %s target named %s", (arn, kind, name) => {
    expect(recogniseTargetArn(arn)).toMatchObject({ kind, name });
  });

  it("reads the account and region", () => {
    expect(recogniseTargetArn("arn:aws:events:eu-west-1:444455556666:event-bus/central")).toEqual({ kind: "event-bus-target", name: "central", account: "444455556666", region: "eu-west-1" });
  });

  it.each([
    "arn:aws:ecs:us-east-1:111122223333:cluster/jobs",
    "arn:aws:batch:us-east-1:111122223333:job-queue/q",
    "arn:aws:events:us-east-1:111122223333:rule/r",
    "arn:aws:lambda:us-east-1:111122223333:layer:x",
    "arn:aws:kinesis:us-east-1:111122223333:stream/",
    "not an arn",
  ])("does not recognise %s", (arn) => {
    expect(recogniseTargetArn(arn)).toBeUndefined();
  });
});
