import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../errors";
import { hasIngestToken, ingestExternalEvent } from "./external-ingest";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";

let endpoint: TestEndpoint;
beforeAll(async () => {
  endpoint = await startTestEndpoint();
});
afterAll(() => endpoint.close());

const token = "0123456789abcdef-secret";

describe("ingest token", () => {
  it("accepts the exact token as bearer or header, nothing else", () => {
    expect(hasIngestToken(new Headers({ authorization: `Bearer ${token}` }), token)).toBe(true);
    expect(hasIngestToken(new Headers({ "x-switchyard-token": token }), token)).toBe(true);
    expect(hasIngestToken(new Headers({ "x-switchyard-token": `${token}x` }), token)).toBe(false);
    expect(hasIngestToken(new Headers(), token)).toBe(false);
    expect(hasIngestToken(new Headers({ "x-switchyard-token": token }), undefined)).toBe(false);
  });
});

describe("ingestExternalEvent", () => {
  it("stores an AWS event with its own id and account", async () => {
    const event = {
      version: "0",
      id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
      "detail-type": "EC2 Instance State-change Notification",
      source: "aws.ec2",
      account: "123456789012",
      time: "2026-11-01T10:00:00Z",
      region: "eu-west-1",
      resources: [],
      detail: { state: "running" },
    };
    expect(await ingestExternalEvent(endpoint.runtime, JSON.stringify(event))).toBe(event.id);
    const stored = await endpoint.runtime.db.busEvent.findFirstOrThrow({ where: { eventId: event.id } });
    expect(JSON.parse(stored.body)).toEqual(event);
    expect(stored.time.toISOString()).toBe("2026-11-01T10:00:00.000Z");
  });

  it("rejects what is not an event, and unknown buses", async () => {
    await expect(ingestExternalEvent(endpoint.runtime, "nope")).rejects.toBeInstanceOf(ValidationError);
    await expect(ingestExternalEvent(endpoint.runtime, JSON.stringify({ source: "a", detail: {} }))).rejects.toThrow(/detail-type/);
    await expect(
      ingestExternalEvent(endpoint.runtime, JSON.stringify({ source: "a", "detail-type": "b", detail: {} }), "missing"),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
