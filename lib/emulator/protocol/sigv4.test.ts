/** Signature verification with configured keys, driven by the real SDK's signer. */
import { createHash } from "node:crypto";
import { EventBridgeClient, ListEventBusesCommand, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBusConfig } from "../config";
import { parseKeyList, verifySignature } from "./sigv4";
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

describe("the signed body", () => {
  /** An EventBridge call exactly as the SDK signed and sent it. */
  async function capturedCall(): Promise<{ headers: Record<string, string>; body: string }> {
    const eb = client("LOCALKEY", "local-secret");
    let captured: { headers: Record<string, string>; body: string } | undefined;
    eb.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string>; body: string | Uint8Array };
        captured = { headers: { ...request.headers }, body: typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body) };
        return next(args);
      },
      { step: "deserialize" },
    );
    await eb.send(new PutEventsCommand({ Entries: [{ Source: "shop", DetailType: "OrderPlaced", Detail: '{"amount":10}' }] }));
    return captured!;
  }
  const replay = (call: { headers: Record<string, string> }, body: string, extra: Record<string, string> = {}) => {
    const headers = Object.fromEntries(Object.entries({ ...call.headers, ...extra }).filter(([name]) => !["host", "content-length"].includes(name.toLowerCase())));
    return fetch(endpoint.url, { method: "POST", headers, body });
  };

  it("is hashed as received: a captured request re-sent with another body of the same length is refused", async () => {
    const call = await capturedCall();
    // As AWS does, the same signed request is good for its 15-minute window.
    expect((await replay(call, call.body)).status).toBe(200);
    const forged = call.body.replace('{\\"amount\\":10}', '{\\"amount\\":99}');
    expect(forged).not.toBe(call.body);
    expect(forged.length).toBe(call.body.length);
    const substituted = await replay(call, forged);
    expect(substituted.status).toBe(400);
    expect(await substituted.json()).toMatchObject({ __type: "InvalidSignatureException" });
    // Claiming the original body's hash does not help: the server hashes what it received.
    const claimed = await replay(call, forged, { "x-amz-content-sha256": createHash("sha256").update(call.body).digest("hex") });
    expect(claimed.status).toBe(400);
    expect(await claimed.json()).toMatchObject({ __type: "InvalidSignatureException", message: expect.stringContaining("x-amz-content-sha256") });
  });

  it("expires 15 minutes either side of the server's clock", () => {
    const headers = new Headers({ authorization: `AWS4-HMAC-SHA256 Credential=LOCALKEY/20260101/eu-west-1/events/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`, "x-amz-date": "20260101T000000Z", host: "x" });
    const signedAt = Date.UTC(2026, 0, 1);
    const keys = parseKeyList("LOCALKEY:local-secret");
    expect(() => verifySignature("POST", headers, new Uint8Array(), keys, "/", signedAt + 16 * 60_000)).toThrow(/Signature expired/);
    expect(() => verifySignature("POST", headers, new Uint8Array(), keys, "/", signedAt - 16 * 60_000)).toThrow(/Signature expired/);
    // Within the window the signature itself is checked (and this one is wrong).
    expect(() => verifySignature("POST", headers, new Uint8Array(), keys, "/", signedAt + 14 * 60_000)).toThrow(/does not match/);
  });
});
