/**
 * The unmodified AWS CLI (Debian's awscli, which `npm test` installs) against the local
 * EventBridge: what a user types with `--endpoint-url` works, errors included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsCliAvailable, runAwsCli, startTestEndpoint, type TestEndpoint } from "../test-endpoint";

describe.skipIf(!awsCliAvailable)("AWS CLI against the local EventBridge", () => {
  let endpoint: TestEndpoint;
  beforeAll(async () => {
    endpoint = await startTestEndpoint();
  });
  afterAll(() => endpoint.close());

  const events = (...args: string[]) => runAwsCli(endpoint.url, ["events", ...args]);

  it("creates a bus and a rule, puts an event, and lists them back", async () => {
    expect(await events("create-event-bus", "--name", "orders")).toEqual({ EventBusArn: "arn:aws:events:us-east-1:000000000000:event-bus/orders" });
    await events("put-rule", "--name", "big", "--event-bus-name", "orders", "--event-pattern", '{"source":["com.shop"]}');
    const put = await events("put-events", "--entries", JSON.stringify([{ Source: "com.shop", DetailType: "OrderPlaced", Detail: '{"total":150}', EventBusName: "orders" }]));
    expect(put.FailedEntryCount).toBe(0);
    const rules = await events("list-rules", "--event-bus-name", "orders");
    expect((rules.Rules as { Name: string }[]).map((r) => r.Name)).toEqual(["big"]);
  }, 60_000);

  it("answers TestEventPattern, and reports AWS's error for an invalid pattern", async () => {
    const event = JSON.stringify({ id: "1", account: "1", source: "com.shop", time: "2026-01-01T00:00:00Z", region: "us-east-1", "detail-type": "x", detail: { total: 150 } });
    expect(await events("test-event-pattern", "--event-pattern", '{"detail":{"total":[{"numeric":[">",100]}]}}', "--event", event)).toEqual({ Result: true });
    await expect(events("test-event-pattern", "--event-pattern", '{"source":"com.shop"}', "--event", event)).rejects.toThrow(
      /InvalidEventPatternException.*"source" must be an object or an array/,
    );
  }, 60_000);
});
