/** Signature verification with configured keys, driven by the real SDK's signer. */
import { EventBridgeClient, ListEventBusesCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBusConfig } from "../config";
import { parseKeyList } from "./sigv4";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";

let endpoint: TestEndpoint;
beforeAll(async () => {
  endpoint = await startTestEndpoint({ SWITCHYARD_BUS_KEYS: "LOCALKEY:local-secret, 111111111111:other-secret" });
});
afterAll(() => endpoint.close());

const client = (accessKeyId: string, secretAccessKey: string) =>
  new EventBridgeClient({ endpoint: endpoint.url, region: "eu-west-1", credentials: { accessKeyId, secretAccessKey } });

describe("SWITCHYARD_BUS_KEYS", () => {
  it("accepts requests signed with a configured key", async () => {
    const buses = await client("LOCALKEY", "local-secret").send(new ListEventBusesCommand({}));
    expect(buses.EventBuses?.[0].Name).toBe("default");
    // A 12-digit key id still names the account.
    const other = await client("111111111111", "other-secret").send(new ListEventBusesCommand({}));
    expect(other.EventBuses?.[0].Arn).toContain(":111111111111:event-bus/default");
  });

  it("rejects a wrong secret, an unknown key and an unsigned request with AWS's errors", async () => {
    await expect(client("LOCALKEY", "wrong").send(new ListEventBusesCommand({}))).rejects.toMatchObject({
      name: "InvalidSignatureException",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(client("NOBODY", "local-secret").send(new ListEventBusesCommand({}))).rejects.toMatchObject({
      name: "UnrecognizedClientException",
    });
    const unsigned = await fetch(endpoint.url, { method: "POST", headers: { "x-amz-target": "AWSEvents.ListEventBuses" }, body: "{}" });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toMatchObject({ __type: "MissingAuthenticationTokenException" });
  });

  it("refuses a malformed key list at start", () => {
    expect(() => readBusConfig({ SWITCHYARD_BUS_KEYS: "no-colon" })).toThrow(/AKID:secret/);
    expect(parseKeyList("A:x,B:y:z").get("B")).toBe("y:z");
  });
});
