/**
 * A Custom Event Bus subscriber's filters (one pattern per scope, ANDed) judged on a design's
 * sample events with the code the local bus delivers with: `evaluateFilters` from lib/eventsv2
 * (lib/pattern with each scope's validation profile), and `explain` for the reason. Nothing here
 * matches on its own. The transform preview is in subscriber-preview.ts (it loads `jsonata`).
 *
 * A sample is read as the publish API that would carry it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-publish.html): a
 * PutRawEvents request entry — an object with `Data` and `SystemMetadata.ContentType`, `Data`
 * given decoded (JSON; base64 text for application/octet-stream) — or else an EventBridge event
 * as PutEvents builds it, whose payload is `detail`.
 */
import { putEventsEnvelope, putRawEventsEnvelope, RAW_CONTENT_TYPES, type DeliveryType, type EventsEnvelope, type Ingestion, type RawContentType } from "@/lib/eventsv2/envelope";
import { evaluateFilters, scopeEvent, type CompiledFilters } from "@/lib/eventsv2/filters";
import { explain, InvalidEventError, readEvent, type FilterScope } from "@/lib/pattern";
import { firstFailure } from "./evaluate";
import type { LabEvent } from "./events";

export type PublishApi = "PutEvents" | "PutRawEvents";

export type SubscriberSample = { readonly ok: true; readonly api: PublishApi; readonly envelope: EventsEnvelope } | { readonly ok: false; readonly error: string };

export interface SampleOptions {
  /** `aws:DeliveryType`: LIVE (default), or REPLAY as a replay delivers it again. */
  readonly deliveryType?: DeliveryType;
  /** `aws:IngestionTime` (ISO 8601); default the event's `time` for PutEvents, else 2026-01-01T00:00:00Z. */
  readonly ingestionTime?: string;
}

const DEFAULT_INGESTION_TIME = "2026-01-01T00:00:00Z";
/** PutRawEventsRequestEntry.Metadata keys: 1–128 characters without "/" (API reference). */
const METADATA_KEY = /^[^/]{1,128}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The sample as the bus holds it (`$events`), or what keeps it off the bus. `aws:EventId` is a
 * PutEvents event's `id` (the bus writes its id there), a raw entry's sample id.
 */
export function readSubscriberSample(sample: Pick<LabEvent, "id" | "text">, options: SampleOptions = {}): SubscriberSample {
  const text = sample.text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The sample is not valid JSON: ${(e as Error).message}` };
  }
  if (!isObject(parsed)) return { ok: false, error: "The sample must be a JSON object: an EventBridge event (PutEvents) or a PutRawEvents entry" };
  const deliveryType = options.deliveryType ?? "LIVE";
  if ("Data" in parsed && isObject(parsed.SystemMetadata)) return readRawEntry(parsed, parsed.SystemMetadata, { eventId: sample.id, ingestionTime: options.ingestionTime ?? DEFAULT_INGESTION_TIME, deliveryType });
  try {
    readEvent(text);
  } catch (e) {
    if (e instanceof InvalidEventError) return { ok: false, error: e.detail };
    throw e;
  }
  const ingestion: Ingestion = { eventId: String(parsed.id), ingestionTime: options.ingestionTime ?? String(parsed.time), deliveryType };
  return { ok: true, api: "PutEvents", envelope: putEventsEnvelope(parsed, ingestion) };
}

function readRawEntry(entry: Record<string, unknown>, system: Record<string, unknown>, assigned: Ingestion): SubscriberSample {
  const contentType = system.ContentType;
  if (!RAW_CONTENT_TYPES.includes(contentType as RawContentType)) {
    return { ok: false, error: `SystemMetadata.ContentType must be one of ${RAW_CONTENT_TYPES.join(", ")}, not ${JSON.stringify(contentType)}` };
  }
  if (contentType === "application/octet-stream" && typeof entry.Data !== "string") return { ok: false, error: "Data of an application/octet-stream entry is its bytes as base64 text" };
  const metadata = entry.Metadata ?? {};
  if (!isObject(metadata)) return { ok: false, error: "Metadata must be an object of string values" };
  for (const [key, value] of Object.entries(metadata)) {
    if (!METADATA_KEY.test(key)) return { ok: false, error: `Metadata key ${JSON.stringify(key)} must be 1–128 characters without "/"` };
    if (typeof value !== "string" || value === "") return { ok: false, error: `Metadata value of ${key} must be a non-empty string` };
  }
  const ingestion: Ingestion = {
    ...assigned,
    ...(typeof system.EventGroupId === "string" && { eventGroupId: system.EventGroupId }),
    ...(typeof system.DeduplicationId === "string" && { deduplicationId: system.DeduplicationId }),
  };
  try {
    const envelope = putRawEventsEnvelope({ contentType: contentType as RawContentType, data: entry.Data, metadata: metadata as Record<string, string> }, ingestion);
    return { ok: true, api: "PutRawEvents", envelope };
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, error: e.message };
    throw e;
  }
}

export interface ScopeVerdict {
  readonly scope: FilterScope;
  readonly outcome: "match" | "no-match" | "nothing-to-read";
  /** Why it failed: the first failing field from `explain`, or why the scope has nothing to read. */
  readonly reason?: string;
}

export interface SubscriberVerdict {
  /** Whether the subscriber receives the sample: every filter matched (no filter: every sample). */
  readonly matched: boolean;
  readonly scopes: readonly ScopeVerdict[];
  /** The first failing scope's reason, prefixed with its scope. */
  readonly reason?: string;
}

/** Why a scope has nothing to read, by scope (envelope.ts's `scopeView`). */
const NOTHING_TO_READ: Partial<Record<FilterScope, string>> = {
  DATA: "the data is application/octet-stream bytes, which have no fields to match",
  METADATA: "the event has no metadata (PutEvents never carries any; PutRawEvents carries the publisher's keys)",
};

/** The verdict of compiled filters on one sample, with `explain`'s reason for each failing scope. */
export function judgeSubscriberSample(filters: CompiledFilters, envelope: EventsEnvelope): SubscriberVerdict {
  const result = evaluateFilters(filters, envelope);
  const scopes = result.scopes.map((verdict, i): ScopeVerdict => {
    const { scope, outcome } = verdict;
    if (outcome === "match") return verdict;
    if (outcome === "nothing-to-read") return { scope, outcome, ...(NOTHING_TO_READ[scope] === undefined ? {} : { reason: NOTHING_TO_READ[scope] }) };
    const explanation = explain(filters[i]!.pattern, scopeEvent(envelope, scope)!);
    return { scope, outcome, reason: firstFailure(explanation, { subject: `the ${scope} filter` }) };
  });
  const failed = scopes.find((s) => s.outcome !== "match");
  return { matched: result.matched, scopes, ...(failed?.reason === undefined ? {} : { reason: `${failed.scope}: ${failed.reason}` }) };
}
