/**
 * Input transformers on the local bus through the unmodified AWS SDK: PutTargets with an
 * InputTransformer, PutEvents, then what a local SQS queue receives and what the delivery record
 * says. The templates and the event are those of LocalStack's AWS-validated transformer tests
 * (tests/aws/services/events/test_events_inputs.py), whose outputs were recorded on AWS; the rules
 * are on https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html.
 */
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";

let endpoint: TestEndpoint;
let eb: EventBridgeClient;
let sqs: SQSClient;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  const settings = { endpoint: endpoint.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  eb = new EventBridgeClient(settings);
  sqs = new SQSClient(settings);
});
afterAll(async () => {
  eb.destroy();
  sqs.destroy();
  await endpoint.close();
});

const inputPathsMap = {
  userId: "$.detail.payload.acc_id",
  payload: "$.detail.payload",
  systemstring: "$.detail.awsAccountId",
  listsingle: "$.detail.listsingle",
  listmulti: "$.detail.listmulti",
};

const templates: Record<string, string> = {
  text: '"<listsingle> single list item <listmulti> multiple list items <systemstring> system account id <payload> payload <userId> user id"',
  lines: '"<listsingle> single list item"\n"<listmulti> multiple list items"',
  json: '{"method": "PUT", "path": "users-service/users/<userId>", "id": <userId>, "body": <payload>}',
  reserved: '{"rule": <aws.events.rule-name>, "originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}',
  broken: '{"payload": "<payload>"}',
};

async function receive(queueUrl: string): Promise<string[]> {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  return (out.Messages ?? []).map((m) => m.Body ?? "");
}

describe("input transformers on the local bus", () => {
  it("delivers AWS's rendering of each template to SQS, and records a failed delivery for a result that is not JSON", async () => {
    const queues: Record<string, string> = {};
    for (const name of Object.keys(templates)) {
      queues[name] = (await sqs.send(new CreateQueueCommand({ QueueName: `transformed-${name}` }))).QueueUrl!;
    }
    await eb.send(new PutRuleCommand({ Name: "accounts", EventPattern: JSON.stringify({ source: ["core.update-account-command"] }) }));
    await eb.send(
      new PutTargetsCommand({
        Rule: "accounts",
        Targets: Object.entries(templates).map(([name, inputTemplate]) => ({
          Id: name,
          Arn: `arn:aws:sqs:us-east-1:000000000000:transformed-${name}`,
          InputTransformer: { InputPathsMap: inputPathsMap, InputTemplate: inputTemplate },
        })),
      }),
    );
    const detail = { command: "update-account", payload: { acc_id: "0a787ecb-4015", sf_id: "baz" }, listsingle: ["HIGH"], listmulti: ["ACTIVE", "INACTIVE"] };
    const put = await eb.send(
      new PutEventsCommand({ Entries: [{ Source: "core.update-account-command", DetailType: "core.update-account-command", Detail: JSON.stringify(detail) }] }),
    );
    expect(put.FailedEntryCount).toBe(0);

    expect(await receive(queues.text)).toEqual([
      '"[HIGH] single list item [ACTIVE,INACTIVE] multiple list items  system account id {acc_id:0a787ecb-4015,sf_id:baz} payload 0a787ecb-4015 user id"',
    ]);
    expect(await receive(queues.lines)).toEqual(['"[HIGH] single list item"\n"[ACTIVE,INACTIVE] multiple list items"']);
    expect((await receive(queues.json)).map((body) => JSON.parse(body))).toEqual([
      { method: "PUT", path: "users-service/users/0a787ecb-4015", id: "0a787ecb-4015", body: { acc_id: "0a787ecb-4015", sf_id: "baz" } },
    ]);
    const [reserved] = (await receive(queues.reserved)).map((body) => JSON.parse(body));
    expect(reserved.rule).toBe("accounts");
    expect(Object.keys(reserved.originalEvent)).toEqual(["id", "account", "detailType", "time", "source", "region", "resources", "version"]);
    expect(reserved.originalEvent.id).toBe(put.Entries![0].EventId);
    expect(reserved.originalEventJson.detail).toEqual(detail);
    expect(await receive(queues.broken)).toEqual([]);

    const deliveries = await endpoint.runtime.db.delivery.findMany({ where: { ruleArn: "arn:aws:events:us-east-1:000000000000:rule/accounts" } });
    const byTarget = new Map(deliveries.map((d) => [d.targetId, d]));
    expect(byTarget.get("json")).toMatchObject({ status: "inbox" });
    expect(JSON.parse(byTarget.get("json")!.payload).id).toBe("0a787ecb-4015");
    const broken = byTarget.get("broken")!;
    expect(broken.status).toBe("dead-letter");
    expect(broken.payload).toBe("");
    expect(broken.lastError).toContain("The filled-in InputTemplate is not valid JSON");
    expect(broken.lastError).toContain('Result: {"payload": "{"acc_id":"0a787ecb-4015","sf_id":"baz"}"}');
  });
});
