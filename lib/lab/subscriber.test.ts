/**
 * The subscriber lab on design samples, cases from AWS's user guide and API reference:
 * - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-publish.html and
 *   eb-custom-bus-addressing.html: a PutEvents event's payload is `Data.detail`, a PutRawEvents
 *   payload is `Data` itself, Metadata exists only for PutRawEvents;
 * - https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_PutRawEventsRequestEntry.html
 *   and API_PutRawEventsSystemMetadata.html: an entry is Data, SystemMetadata.ContentType
 *   (application/json, avro, protobuf or octet-stream), Metadata keys 1–128 characters without "/";
 * - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-subscribers.html: at
 *   most one filter per scope, all must match, no filter receives every event; METADATA exact values
 *   only, no wildcard anywhere;
 * - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html: RAW,
 *   WITH_METADATA and `{% … %}` JSONata over `$events`.
 */
import { describe, expect, it } from "vitest";
import { compileFilters } from "@/lib/eventsv2/filters";
import { design, node } from "@/lib/graph/test-fixtures";
import type { Design } from "@/lib/graph";
import { checkExpectations } from "./expectations";
import { evaluateSubscriberLab } from "./subscriber-preview";
import { judgeSubscriberSample, readSubscriberSample } from "./subscriber";

const order = { version: "0", id: "e-1", "detail-type": "OrderPlaced", source: "com.shop", account: "123456789012", time: "2026-09-23T18:00:00Z", region: "us-east-1", resources: [], detail: { orderId: "12345", total: 900 } };
const putEvents = { id: "put", name: "order via PutEvents", text: JSON.stringify(order), origin: "design" as const };
const rawEntry = { Data: { orderId: "12345", total: 900 }, Metadata: { tenant: "acme" }, SystemMetadata: { ContentType: "application/json", EventGroupId: "orders" } };
const putRaw = { id: "raw", name: "order via PutRawEvents", text: JSON.stringify(rawEntry), origin: "design" as const };
const bytes = { id: "bytes", name: "bytes", text: JSON.stringify({ Data: "AAEC", SystemMetadata: { ContentType: "application/octet-stream" } }), origin: "design" as const };

function judge(filters: Parameters<typeof compileFilters>[0], sample: { id: string; text: string }) {
  const compiled = compileFilters(filters);
  const read = readSubscriberSample(sample);
  if (!compiled.ok || !read.ok) throw new Error("test setup");
  return judgeSubscriberSample(compiled.filters, read.envelope);
}

describe("readSubscriberSample", () => {
  it("reads an EventBridge event as PutEvents: Data is the whole event, no Metadata, the event's id and time as EventBridge's", () => {
    const read = readSubscriberSample(putEvents);
    expect(read).toEqual({
      ok: true,
      api: "PutEvents",
      envelope: {
        Data: order,
        Metadata: {},
        SystemMetadata: { ContentType: "application/eventbridge+json", "aws:EventId": "e-1", "aws:IngestionTime": "2026-09-23T18:00:00Z", "aws:DeliveryType": "LIVE" },
      },
    });
  });

  it("reads a PutRawEvents entry: Data as sent, the publisher's Metadata, ContentType and EventGroupId in SystemMetadata", () => {
    const read = readSubscriberSample(putRaw, { deliveryType: "REPLAY", ingestionTime: "2026-09-24T00:00:00Z" });
    expect(read).toEqual({
      ok: true,
      api: "PutRawEvents",
      envelope: {
        Data: { orderId: "12345", total: 900 },
        Metadata: { tenant: "acme" },
        SystemMetadata: { ContentType: "application/json", "aws:EventId": "raw", "aws:IngestionTime": "2026-09-24T00:00:00Z", "aws:DeliveryType": "REPLAY", EventGroupId: "orders" },
      },
    });
  });

  it("says what keeps a sample off the bus", () => {
    const entry = (changes: object) => ({ id: "x", text: JSON.stringify({ ...rawEntry, ...changes }) });
    expect(readSubscriberSample({ id: "x", text: "{nope" })).toMatchObject({ ok: false, error: expect.stringMatching(/^The sample is not valid JSON/) });
    expect(readSubscriberSample({ id: "x", text: "[1]" })).toEqual({ ok: false, error: "The sample must be a JSON object: an EventBridge event (PutEvents) or a PutRawEvents entry" });
    expect(readSubscriberSample({ id: "x", text: '{"source":"a"}' })).toMatchObject({ ok: false, error: expect.stringContaining("The event lacks required fields") });
    expect(readSubscriberSample(entry({ SystemMetadata: { ContentType: "text/plain" } }))).toEqual({
      ok: false,
      error: 'SystemMetadata.ContentType must be one of application/json, application/avro, application/protobuf, application/octet-stream, not "text/plain"',
    });
    expect(readSubscriberSample(entry({ Metadata: { "a/b": "v" } }))).toEqual({ ok: false, error: 'Metadata key "a/b" must be 1–128 characters without "/"' });
    expect(readSubscriberSample(entry({ Metadata: { tier: 1 } }))).toEqual({ ok: false, error: "Metadata value of tier must be a non-empty string" });
    const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, "v"]));
    expect(readSubscriberSample(entry({ Metadata: tooMany }))).toEqual({ ok: false, error: "An entry has at most 100 metadata keys, not 101" });
    expect(readSubscriberSample({ id: "x", text: JSON.stringify({ Data: { a: 1 }, SystemMetadata: { ContentType: "application/octet-stream" } }) })).toEqual({
      ok: false,
      error: "Data of an application/octet-stream entry is its bytes as base64 text",
    });
  });
});

describe("judgeSubscriberSample", () => {
  it("says which scope failed and why, from the engine's explanation", () => {
    const verdict = judge({ DATA: '{"detail":{"total":[{"numeric":[">",1000]}]}}' }, putEvents);
    expect(verdict).toEqual({
      matched: false,
      scopes: [{ scope: "DATA", outcome: "no-match", reason: "detail.total is 900; the DATA filter needs > 1000" }],
      reason: "DATA: detail.total is 900; the DATA filter needs > 1000",
    });
  });

  it("explains why METADATA never matches a PutEvents event, and DATA never matches bytes", () => {
    expect(judge({ METADATA: '{"tenant":["acme"]}' }, putEvents).reason).toBe("METADATA: the event has no metadata (PutEvents never carries any; PutRawEvents carries the publisher's keys)");
    expect(judge({ METADATA: '{"tenant":["acme"]}' }, putRaw).matched).toBe(true);
    expect(judge({ DATA: '{"total":[{"exists":true}]}' }, bytes).reason).toBe("DATA: the data is application/octet-stream bytes, which have no fields to match");
    expect(judge({ SYSTEM_METADATA: '{"ContentType":["application/octet-stream"]}' }, bytes).matched).toBe(true);
  });

  it("ANDs the scopes and receives everything without a filter", () => {
    const both = { DATA: '{"total":[{"numeric":[">",500]}]}', METADATA: '{"tenant":["acme"]}' };
    expect(judge(both, putRaw).matched).toBe(true);
    expect(judge({ ...both, METADATA: '{"tenant":["globex"]}' }, putRaw)).toMatchObject({ matched: false, reason: 'METADATA: tenant is "acme"; the METADATA filter needs "globex"' });
    expect(judge({}, putEvents)).toEqual({ matched: true, scopes: [] });
  });
});

describe("evaluateSubscriberLab", () => {
  const events = [putEvents, putRaw, bytes, { id: "bad", name: "bad", text: "[]", origin: "design" as const }];

  it("gives each sample its API, scoped views, verdict and what the target receives", async () => {
    const run = await evaluateSubscriberLab({ DATA: '{"total":[{"numeric":[">",500]}]}' }, { type: "JSONATA", expression: "{% $events.Data.orderId %}" }, events);
    expect(run.problems).toEqual({});
    expect(run.counts).toEqual({ matched: 1, unmatched: 2, invalidEvents: 1 });
    const [viaPutEvents, viaRaw, viaBytes, bad] = run.results;
    expect(viaPutEvents).toMatchObject({ api: "PutEvents", verdict: { matched: false, reason: "DATA: total is missing; the DATA filter needs > 500" }, delivery: { ok: true, output: undefined } });
    expect(viaPutEvents?.views).toEqual({ DATA: order, METADATA: null, SYSTEM_METADATA: expect.objectContaining({ ContentType: "application/eventbridge+json" }) });
    expect(viaRaw).toMatchObject({ api: "PutRawEvents", verdict: { matched: true }, delivery: { ok: true, output: "12345" } });
    expect(viaRaw?.views).toMatchObject({ DATA: { orderId: "12345", total: 900 }, METADATA: { tenant: "acme" } });
    expect(viaBytes?.views?.DATA).toBeNull();
    expect(bad).toEqual({ eventId: "bad", error: "The sample must be a JSON object: an EventBridge event (PutEvents) or a PutRawEvents entry" });
  });

  it("refuses each scope's forbidden operators with their place, and gives no verdicts then", async () => {
    const data = '{"source":[{"wildcard":"com.*"}]}';
    const metadata = '{"tenant":[{"prefix":"ac"}]}';
    const run = await evaluateSubscriberLab({ DATA: data, METADATA: metadata }, { type: "RAW" }, [putRaw]);
    // The offset is the field's condition list, where the editor underlines.
    expect(run.problems.DATA?.[0]).toMatchObject({ message: "source: the wildcard operator is not supported in subscriber filters", offset: data.indexOf("[") });
    expect(run.problems.METADATA?.[0]).toMatchObject({ message: "tenant: the prefix operator is not supported in a METADATA filter, which matches exact values only", offset: metadata.indexOf("[") });
    expect(run.results[0]).toMatchObject({ verdict: null, delivery: { ok: true, output: { orderId: "12345", total: 900 } } });
    expect(run.counts).toEqual({ matched: 0, unmatched: 0, invalidEvents: 0 });
  });

  it("locates a JSONata error in the transform's text, {% included", async () => {
    const expression = "{% $events.Data.orderId & ) %}";
    const run = await evaluateSubscriberLab({}, { type: "JSONATA", expression }, [putRaw]);
    expect(run.results[0]?.delivery).toMatchObject({ ok: false, error: { offset: expression.indexOf(")") } });
  });
});

describe("checkExpectations on subscribers", () => {
  const withSubscriber = (filters: object, expectations: { sample: string; expect: "match" | "no-match" }[]): Design => {
    const base = design([node("subscriber", "big-orders", { name: "big-orders", filters, expectations })]);
    return { ...base, samples: [{ id: "put", name: "order via PutEvents", event: putEvents.text }, { id: "raw", name: "order via PutRawEvents", event: putRaw.text }] };
  };

  it("checks each expectation as the subscriber's filters judge the sample", () => {
    const report = checkExpectations(withSubscriber({ METADATA: '{"tenant":["acme"]}' }, [{ sample: "raw", expect: "match" }, { sample: "put", expect: "match" }]));
    expect(report.checked).toBe(2);
    expect(report.failed).toBe(1);
    expect(report.nodes[0]).toMatchObject({ label: "subscriber big-orders", kind: "subscriber" });
    expect(report.nodes[0]?.outcomes.map((o) => [o.sampleId, o.actual, o.ok, o.reasons[0]])).toEqual([
      ["raw", "match", true, "METADATA: matches"],
      ["put", "no-match", false, "METADATA: the event has no metadata (PutEvents never carries any; PutRawEvents carries the publisher's keys)"],
    ]);
  });

  it("reports a filter its scope refuses instead of a verdict", () => {
    const report = checkExpectations(withSubscriber({ METADATA: '{"tenant":[{"prefix":"ac"}]}' }, [{ sample: "raw", expect: "match" }]));
    expect(report.ok).toBe(false);
    expect(report.nodes[0]?.problems).toEqual(["METADATA filter is not valid. Reason: tenant: the prefix operator is not supported in a METADATA filter, which matches exact values only"]);
  });
});
