/**
 * What a Custom Event Bus event *is* to filters and transforms: three parts, `Data`, `Metadata`
 * and `SystemMetadata`, whose contents depend on the publish API
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-addressing.html):
 *
 * | part | PutRawEvents | PutEvents |
 * | --- | --- | --- |
 * | Data | the payload exactly as sent | the EventBridge envelope; the payload is `detail` |
 * | Metadata | the publisher's keys | empty |
 * | SystemMetadata | set by EventBridge | set by EventBridge |
 *
 * A JSONata transform sees this object as `$events`; a filter on a scope reads one part.
 */

import type { FilterScope } from "@/lib/pattern";

export type DeliveryType = "LIVE" | "REPLAY";

/** The content types PutRawEvents accepts; PutEvents events are always `application/eventbridge+json`. */
export const RAW_CONTENT_TYPES = ["application/json", "application/avro", "application/protobuf", "application/octet-stream"] as const;
export type RawContentType = (typeof RAW_CONTENT_TYPES)[number];
export const PUT_EVENTS_CONTENT_TYPE = "application/eventbridge+json";
/** PutRawEvents takes at most 100 metadata keys per entry. */
export const MAX_METADATA_KEYS = 100;

export interface EventsEnvelope {
  /** The published data, keeping its JSON type; a base64 string for `application/octet-stream`. */
  readonly Data: unknown;
  readonly Metadata: Readonly<Record<string, string>>;
  /** Every value a string; optional fields are absent rather than empty. */
  readonly SystemMetadata: Readonly<Record<string, string>>;
}

/** What EventBridge assigns when it accepts an event (and when it delivers it again). */
export interface Ingestion {
  readonly eventId: string;
  /** ISO 8601. */
  readonly ingestionTime: string;
  readonly deliveryType: DeliveryType;
  readonly eventGroupId?: string;
  readonly deduplicationId?: string;
}

function systemMetadata(contentType: string, ingestion: Ingestion): Record<string, string> {
  return {
    ContentType: contentType,
    "aws:EventId": ingestion.eventId,
    "aws:IngestionTime": ingestion.ingestionTime,
    "aws:DeliveryType": ingestion.deliveryType,
    ...(ingestion.eventGroupId !== undefined && { EventGroupId: ingestion.eventGroupId }),
    ...(ingestion.deduplicationId !== undefined && { DeduplicationId: ingestion.deduplicationId }),
  };
}

/** A PutEvents entry as the bus holds it: `event` is the whole EventBridge event (envelope and `detail`). */
export function putEventsEnvelope(event: Readonly<Record<string, unknown>>, ingestion: Ingestion): EventsEnvelope {
  return { Data: event, Metadata: {}, SystemMetadata: systemMetadata(PUT_EVENTS_CONTENT_TYPE, ingestion) };
}

export interface RawEntry {
  readonly contentType: RawContentType;
  /** Decoded JSON for json (and avro/protobuf once deserialized); the base64 text for octet-stream. */
  readonly data: unknown;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A PutRawEvents entry as the bus holds it; throws a RangeError past 100 metadata keys. */
export function putRawEventsEnvelope(entry: RawEntry, ingestion: Ingestion): EventsEnvelope {
  const metadata = entry.metadata ?? {};
  const keys = Object.keys(metadata).length;
  if (keys > MAX_METADATA_KEYS) throw new RangeError(`An entry has at most ${MAX_METADATA_KEYS} metadata keys, not ${keys}`);
  return { Data: entry.data, Metadata: metadata, SystemMetadata: systemMetadata(entry.contentType, ingestion) };
}

/**
 * The part of the event a filter on `scope` reads, or `undefined` when there is nothing it
 * could match: `application/octet-stream` data has no fields, and a PutEvents event has no
 * publisher metadata, so DATA (resp. METADATA) filters never match those.
 */
export function scopeView(envelope: EventsEnvelope, scope: FilterScope): unknown {
  switch (scope) {
    case "DATA":
      return envelope.SystemMetadata.ContentType === "application/octet-stream" ? undefined : envelope.Data;
    case "METADATA":
      return Object.keys(envelope.Metadata).length === 0 ? undefined : envelope.Metadata;
    case "SYSTEM_METADATA":
      return envelope.SystemMetadata;
  }
}
