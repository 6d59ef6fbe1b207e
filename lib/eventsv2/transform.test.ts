/**
 * Transforms as https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html
 * documents them, evaluated with the real `jsonata` library: RAW delivers Data, WITH_METADATA
 * the whole `$events`, JSONATA the expression's result (the page's own example and `$events`).
 */
import { describe, expect, it } from "vitest";
import { putEventsEnvelope, putRawEventsEnvelope, type EventsEnvelope } from "./envelope";
import { applyTransform } from "./transform";

/** The `$events` example of the page. */
const DOCUMENTED: EventsEnvelope = putRawEventsEnvelope(
  { contentType: "application/json", data: { orderId: "12345", priority: "high" }, metadata: { tenant: "acme" } },
  { eventId: "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", ingestionTime: "2026-09-23T18:00:00Z", deliveryType: "LIVE" },
);

describe("subscriber transforms", () => {
  it("evaluates the documented JSONata example", async () => {
    expect(await applyTransform({ type: "JSONATA", expression: '{% { "orderId": $events.Data.orderId, "priority": $events.Data.priority } %}' }, DOCUMENTED)).toEqual({
      ok: true,
      output: { orderId: "12345", priority: "high" },
    });
    expect(DOCUMENTED).toEqual({
      Data: { orderId: "12345", priority: "high" },
      Metadata: { tenant: "acme" },
      SystemMetadata: { ContentType: "application/json", "aws:EventId": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", "aws:IngestionTime": "2026-09-23T18:00:00Z", "aws:DeliveryType": "LIVE" },
    });
  });

  it("reads a PutEvents payload under Data.detail (eb-custom-bus-addressing.html)", async () => {
    const event = { version: "0", id: "1", "detail-type": "OrderPlaced", source: "com.shop", account: "123456789012", time: "2026-09-23T18:00:00Z", region: "us-east-1", resources: [], detail: { orderId: "12345" } };
    const envelope = putEventsEnvelope(event, { eventId: "1", ingestionTime: "2026-09-23T18:00:00Z", deliveryType: "REPLAY" });
    expect(await applyTransform({ type: "JSONATA", expression: "{% $events.Data.detail.orderId %}" }, envelope)).toEqual({ ok: true, output: "12345" });
    expect(await applyTransform({ type: "JSONATA", expression: "{% $events.SystemMetadata.`aws:DeliveryType` %}" }, envelope)).toEqual({ ok: true, output: "REPLAY" });
  });

  it("delivers the data for RAW and the whole envelope for WITH_METADATA", async () => {
    expect(await applyTransform({ type: "RAW" }, DOCUMENTED)).toEqual({ ok: true, output: { orderId: "12345", priority: "high" } });
    expect(await applyTransform({ type: "WITH_METADATA" }, DOCUMENTED)).toEqual({ ok: true, output: DOCUMENTED });
  });

  it("locates an error in the expression text, delimiters included", async () => {
    const expression = "{% $events.Data.orderId & ) %}";
    const result = await applyTransform({ type: "JSONATA", expression }, DOCUMENTED);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/\)/);
    expect(result.error.offset).toBe(expression.indexOf(")"));
  });

  it("refuses an expression without its {% %} delimiters", async () => {
    expect(await applyTransform({ type: "JSONATA", expression: "$events.Data" }, DOCUMENTED)).toEqual({ ok: false, error: { message: "A JSONata transform is one expression wrapped in {% … %}", offset: 0 } });
  });
});
