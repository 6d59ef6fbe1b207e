/**
 * The conformance scenarios (cases.ts) through the real AWS SDK for JavaScript, and what only the
 * local store can show: no secret in the database, where events went.
 */
import { describe, expect, it } from "vitest";
import { ALL_SCENARIOS } from "./cases";
import { runScenario, localEndpoint } from "./scenarios";

/** AWS clients always sign; the boundary refuses an unsigned AWS-protocol call (any signature passes without SWITCHYARD_BUS_KEYS). */
const SIGNED = { authorization: `AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/us-east-1/events/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}` };

const local = localEndpoint();

for (const [group, scenarios] of Object.entries(ALL_SCENARIOS)) {
  describe(group, () => {
    for (const scenario of scenarios) it(`${scenario.title} (${scenario.doc})`, () => runScenario(scenario, local.sdk()), 30_000);
  });
}

describe("what the store shows", () => {
  const db = () => local.endpoint().runtime.db;
  const url = () => local.endpoint().url;

  it("keeps no secret of a connection: passwords, API key values, client secrets and secret parameter values stay out of the database", async () => {
    const secrets = ["pw-9f3a1c", "key-7d2e4b", "cs-5b8c0a", "hdr-3e6f1d"];
    await local.sdk().call("CreateConnection", { Name: "store-basic", AuthorizationType: "BASIC", AuthParameters: { BasicAuthParameters: { Username: "u", Password: secrets[0] } } });
    await local.sdk().call("CreateConnection", {
      Name: "store-key",
      AuthorizationType: "API_KEY",
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "x-api-key", ApiKeyValue: secrets[1] }, InvocationHttpParameters: { HeaderParameters: [{ Key: "x-secret", Value: secrets[3], IsValueSecret: true }] } },
    });
    await local.sdk().call("CreateConnection", {
      Name: "store-oauth",
      AuthorizationType: "OAUTH_CLIENT_CREDENTIALS",
      AuthParameters: { OAuthParameters: { ClientParameters: { ClientID: "id", ClientSecret: secrets[2] }, AuthorizationEndpoint: "https://auth.example.com/token", HttpMethod: "POST" } },
    });
    const rows = JSON.stringify(await db().apiConnection.findMany());
    for (const secret of secrets) expect(rows).not.toContain(secret);
    expect(rows).toContain("x-api-key");
  });

  it("an event put to a bus that does not exist is stored nowhere", async () => {
    const answer = await local.sdk().call("PutEvents", { Entries: [{ EventBusName: "store-no-bus", Source: "s", DetailType: "t", Detail: "{}" }] });
    expect(answer.ok).toBe(true);
    const eventId = answer.ok ? ((answer.output.Entries as { EventId: string }[])[0].EventId) : "";
    expect(await db().busEvent.count({ where: { eventId } })).toBe(0);
  });

  it("a rule on a bus named by its ARN forwards to another bus named by its ARN (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html)", async () => {
    const arn = (name: string) => `arn:aws:events:us-east-1:000000000000:event-bus/${name}`;
    await local.sdk().call("CreateEventBus", { Name: "store-from" });
    await local.sdk().call("CreateEventBus", { Name: "store-to" });
    await local.sdk().call("PutRule", { Name: "forward", EventBusName: arn("store-from"), EventPattern: '{"source":["store"]}' });
    await local.sdk().call("PutTargets", { Rule: "forward", EventBusName: arn("store-from"), Targets: [{ Id: "to", Arn: arn("store-to") }] });
    const put = await local.sdk().call("PutEvents", { Entries: [{ EventBusName: arn("store-from"), Source: "store", DetailType: "t", Detail: "{}" }] });
    const eventId = put.ok ? (put.output.Entries as { EventId: string }[])[0].EventId : "";
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await db().busEvent.count({ where: { eventId, busArn: arn("store-to") } })) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await db().busEvent.count({ where: { eventId, busArn: arn("store-to") } })).toBe(1);
  });

  it("PutPartnerEvents lands on the account's partner event bus (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPartnerEvents.html)", async () => {
    const source = "aws.partner/store.example/1/events";
    await local.sdk().call("CreatePartnerEventSource", { Name: source, Account: "333333333333" }, "444444444444");
    await local.sdk().call("CreateEventBus", { Name: source, EventSourceName: source }, "333333333333");
    const put = await local.sdk().call("PutPartnerEvents", { Entries: [{ Source: source, DetailType: "Ping", Detail: '{"n":1}' }] }, "444444444444");
    const eventId = put.ok ? (put.output.Entries as { EventId: string }[])[0].EventId : "";
    const stored = await db().busEvent.findFirst({ where: { eventId } });
    expect(stored?.busArn).toBe(`arn:aws:events:us-east-1:333333333333:event-bus/${source}`);
    expect(JSON.parse(stored?.body ?? "{}")).toMatchObject({ source, account: "333333333333", "detail-type": "Ping", detail: { n: 1 } });
  });

  it("an operation the API does not have is AWS's UnknownOperationException", async () => {
    const response = await fetch(url(), { method: "POST", headers: { ...SIGNED, "x-amz-target": "AWSEvents.PutEventBusPolicy", "content-type": "application/x-amz-json-1.1" }, body: "{}" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: "UnknownOperationException" });
  });

  it("a member of the wrong JSON type is a SerializationException naming the member", async () => {
    const response = await fetch(url(), { method: "POST", headers: { ...SIGNED, "x-amz-target": "AWSEvents.ListRules", "content-type": "application/x-amz-json-1.1" }, body: '{"Limit":"ten"}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: "SerializationException", message: "Expected an integer at 'limit', got a string." });
  });
});
