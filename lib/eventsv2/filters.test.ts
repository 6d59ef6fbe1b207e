/**
 * Scope semantics of subscriber filters, cases from AWS's user guide:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-addressing.html (what
 * Data holds for each API: `{ "total": … }` for PutRawEvents, `{ "detail": { "total": … } }` for
 * PutEvents) and eb-custom-bus-filtering.html (scopes ANDed; METADATA never matches a PutEvents
 * event; octet-stream data never matches a DATA filter while SYSTEM_METADATA still can; no
 * filter receives every event).
 */
import { describe, expect, it } from "vitest";
import { putEventsEnvelope, putRawEventsEnvelope, type Ingestion } from "./envelope";
import { compileFilters, evaluateFilters, type SubscriberFilters } from "./filters";

const LIVE: Ingestion = { eventId: "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", ingestionTime: "2026-09-23T18:00:00Z", deliveryType: "LIVE" };
const REPLAY: Ingestion = { ...LIVE, deliveryType: "REPLAY" };

const order = { version: "0", id: "1", "detail-type": "OrderPlaced", source: "com.shop", account: "123456789012", time: "2026-09-23T18:00:00Z", region: "us-east-1", resources: [], detail: { orderId: "12345", total: 900 } };
const viaPutEvents = putEventsEnvelope(order, LIVE);
const viaPutRawEvents = putRawEventsEnvelope({ contentType: "application/json", data: { orderId: "12345", total: 900 }, metadata: { tenant: "acme" } }, LIVE);

function run(filters: SubscriberFilters, envelope = viaPutEvents) {
  const compiled = compileFilters(filters);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return evaluateFilters(compiled.filters, envelope);
}

describe("subscriber filter scopes", () => {
  it("reads DATA as the whole envelope for PutEvents and the payload for PutRawEvents", () => {
    const putEventsPattern = '{ "detail": { "total": [ { "numeric": [ ">", 500 ] } ] } }';
    const rawPattern = '{ "total": [ { "numeric": [ ">", 500 ] } ] }';
    expect(run({ DATA: putEventsPattern }).matched).toBe(true);
    expect(run({ DATA: rawPattern }).matched).toBe(false);
    expect(run({ DATA: rawPattern }, viaPutRawEvents).matched).toBe(true);
    expect(run({ DATA: putEventsPattern }, viaPutRawEvents).matched).toBe(false);
  });

  it("never matches a METADATA filter against a PutEvents event (it has no publisher metadata)", () => {
    expect(run({ METADATA: '{"tenant":["acme"]}' }).scopes).toEqual([{ scope: "METADATA", outcome: "nothing-to-read" }]);
    expect(run({ METADATA: '{"tenant":["acme"]}' }).matched).toBe(false);
    expect(run({ METADATA: '{"tenant":["acme"]}' }, viaPutRawEvents).matched).toBe(true);
    expect(run({ METADATA: '{"tenant":["globex"]}' }, viaPutRawEvents).matched).toBe(false);
  });

  it("reads SYSTEM_METADATA as EventBridge's fields: replays carry aws:DeliveryType REPLAY", () => {
    const replayOnly = { SYSTEM_METADATA: '{"aws:DeliveryType":["REPLAY"]}' };
    expect(run(replayOnly).matched).toBe(false);
    expect(run(replayOnly, putEventsEnvelope(order, REPLAY)).matched).toBe(true);
    expect(run({ SYSTEM_METADATA: '{"ContentType":["application/eventbridge+json"]}' }).matched).toBe(true);
    expect(run({ SYSTEM_METADATA: '{"ContentType":[{"prefix":"application/json"}]}' }, viaPutRawEvents).matched).toBe(true);
  });

  it("has no DATA to read in octet-stream events, while SYSTEM_METADATA still matches", () => {
    const bytes = putRawEventsEnvelope({ contentType: "application/octet-stream", data: "AAEC" }, LIVE);
    expect(run({ DATA: '{"total":[{"exists":true}]}' }, bytes).scopes).toEqual([{ scope: "DATA", outcome: "nothing-to-read" }]);
    expect(run({ SYSTEM_METADATA: '{"ContentType":["application/octet-stream"]}' }, bytes).matched).toBe(true);
  });

  it("ANDs the scopes, and delivers everything without a filter", () => {
    const both = { DATA: '{"total":[{"numeric":[">",500]}]}', METADATA: '{"tenant":["acme"]}' };
    expect(run(both, viaPutRawEvents)).toEqual({ matched: true, scopes: [{ scope: "DATA", outcome: "match" }, { scope: "METADATA", outcome: "match" }] });
    expect(run({ ...both, METADATA: '{"tenant":["globex"]}' }, viaPutRawEvents).matched).toBe(false);
    expect(run({})).toEqual({ matched: true, scopes: [] });
  });

  it("refuses filters that their scope does not allow, scope by scope", () => {
    const result = compileFilters({ DATA: '{"source":[{"wildcard":"com.*"}]}', METADATA: '{"tenant":[{"exists":true}]}', SYSTEM_METADATA: '{"aws:DeliveryType":["LIVE"]}' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => [p.scope, p.problems[0]?.message])).toEqual([
      ["DATA", "source: the wildcard operator is not supported in subscriber filters"],
      ["METADATA", "tenant: the exists operator is not supported in a METADATA filter, which matches exact values only"],
    ]);
  });

  it("takes at most 100 metadata keys per PutRawEvents entry", () => {
    const metadata = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
    expect(putRawEventsEnvelope({ contentType: "application/json", data: {}, metadata: metadata(100) }, LIVE).Metadata).toHaveProperty("k99");
    expect(() => putRawEventsEnvelope({ contentType: "application/json", data: {}, metadata: metadata(101) }, LIVE)).toThrow("An entry has at most 100 metadata keys, not 101");
  });
});
