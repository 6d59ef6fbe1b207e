/**
 * PutEvents on a Custom Event Bus (eventsv2 API reference, API_PutEvents.html): 1–100 entries
 * for one `EventBusArn`, each with an optional `SystemMetadata` (`EventGroupId`,
 * `DeduplicationId`), or `DeduplicationConfiguration: CONTENT_BASED` for the whole request.
 * Each subscriber's filters judge the event's `$events` object and its transform renders what
 * the target receives; the event and those deliveries are committed by the one ingest path
 * (lib/emulator/events/ingest.ts), so the Events page shows them like any other.
 *
 * De-duplication happens at publish (eb-custom-bus-ordering.html): an entry whose id the bus
 * accepted in the last five minutes is answered with the first event's id and delivered to
 * nobody again. Events past the bus's retention are dropped as the bus takes new ones.
 */
import { createHash } from "node:crypto";
import { idLowerBound } from "../../ids";
import { parseArn } from "../../arn";
import { isJsonObject } from "../../format";
import { ValidationError } from "../../errors";
import { applyTransform, evaluateFilters, putEventsEnvelope, type DeliveryType, type EventsEnvelope } from "../../eventsv2";
import { buildEnvelope } from "../events/event-envelope";
import { ingestEvents, type AcceptedEvent, type SubscriberDelivery } from "../events/ingest";
import type { BusRuntime } from "../runtime";
import { findEventBusV2, liveSubscribers, type LiveSubscriber } from "./resources";

export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;
export const MAX_ENTRIES = 100;
const DAY_MS = 86_400_000;

export interface PublishEntry {
  readonly source: string;
  readonly detailType: string;
  /** JSON text of an object. */
  readonly detail: string;
  readonly resources?: readonly string[];
  readonly time?: Date;
  readonly eventGroupId?: string;
  readonly deduplicationId?: string;
}

export interface PublishRequest {
  readonly eventBusArn: string;
  readonly entries: readonly PublishEntry[];
  readonly deduplication?: "CONTENT_BASED";
}

export type PublishResultEntry = { readonly EventId: string } | { readonly ErrorCode: string; readonly ErrorMessage: string };

export interface PublishResult {
  readonly FailedEntryCount: number;
  readonly Entries: PublishResultEntry[];
  /** Row ids of the events stored by this call (duplicates add none). */
  readonly rowIds: string[];
}

export async function publishEvents(runtime: BusRuntime, request: PublishRequest, now: Date = new Date()): Promise<PublishResult> {
  if (request.entries.length < 1 || request.entries.length > MAX_ENTRIES) {
    throw new ValidationError(`PutEvents takes 1–${MAX_ENTRIES} entries, not ${request.entries.length}.`);
  }
  const bus = await findEventBusV2(runtime.db, request.eventBusArn);
  await expireEvents(runtime, bus, now);
  const subscribers = await liveSubscribers(runtime.db, bus.arn);
  const scope = parseArn(bus.arn) ?? { account: bus.account, region: runtime.config.region };
  const entries: PublishResultEntry[] = [];
  const accepted: AcceptedEvent[] = [];
  const seenInBatch = new Map<string, string>();
  for (const entry of request.entries) {
    const problem = entryProblem(entry);
    if (problem !== undefined) {
      entries.push({ ErrorCode: "InvalidArgument", ErrorMessage: problem });
      continue;
    }
    const deduplicationId = entry.deduplicationId ?? (request.deduplication === "CONTENT_BASED" ? contentHash(entry) : undefined);
    const duplicateOf = deduplicationId === undefined ? undefined : (seenInBatch.get(deduplicationId) ?? (await recentEventId(runtime, bus.arn, deduplicationId, now)));
    if (duplicateOf !== undefined) {
      entries.push({ EventId: duplicateOf });
      continue;
    }
    const eventId = crypto.randomUUID();
    if (deduplicationId !== undefined) seenInBatch.set(deduplicationId, eventId);
    const time = entry.time ?? now;
    const text = buildEnvelope({ id: eventId, detailType: entry.detailType, source: entry.source, account: scope.account, time, region: scope.region, resources: entry.resources ?? [], detail: entry.detail });
    const event = { eventId, busArn: bus.arn, source: entry.source, detailType: entry.detailType, time, ingestedAt: now, text, eventGroupId: entry.eventGroupId, deduplicationId };
    accepted.push({ ...event, subscribers: await subscriberDeliveries(subscribers, event, "LIVE") });
    entries.push({ EventId: eventId });
  }
  const ingested = accepted.length === 0 ? { rowIds: [], pending: 0 } : await ingestEvents(runtime, accepted);
  if (ingested.pending > 0) runtime.dispatcher.wake();
  return { FailedEntryCount: entries.filter((e) => "ErrorCode" in e).length, Entries: entries, rowIds: ingested.rowIds };
}

function entryProblem(entry: PublishEntry): string | undefined {
  if (entry.source === "") return "Source is a required argument.";
  if (entry.source.startsWith("aws.")) return "The aws. prefix of Source is reserved for AWS services.";
  if (entry.detailType === "") return "DetailType is a required argument.";
  if (!isJsonObject(entry.detail)) return "Detail is not a JSON object.";
  return undefined;
}

/** CONTENT_BASED: a hash of what the entry publishes. */
function contentHash(entry: PublishEntry): string {
  return createHash("sha256").update(JSON.stringify([entry.source, entry.detailType, entry.detail, entry.resources ?? []])).digest("hex");
}

async function recentEventId(runtime: BusRuntime, busArn: string, deduplicationId: string, now: Date): Promise<string | undefined> {
  const found = await runtime.db.busEvent.findFirst({
    // Row ids are minted at ingestion, so the window is an id range of the (busArn, id) index.
    where: { busArn, id: { gte: idLowerBound("busEvent", now.getTime() - DEDUPLICATION_WINDOW_MS) }, deduplicationId, replayName: null, ingestedAt: { gt: new Date(now.getTime() - DEDUPLICATION_WINDOW_MS) } },
    select: { eventId: true },
  });
  return found?.eventId;
}

/** The event as filters and transforms read it. */
export function envelopeOf(event: Pick<AcceptedEvent, "eventId" | "text" | "ingestedAt" | "eventGroupId" | "deduplicationId">, deliveryType: DeliveryType): EventsEnvelope {
  return putEventsEnvelope(JSON.parse(event.text) as Record<string, unknown>, {
    eventId: event.eventId,
    ingestionTime: event.ingestedAt.toISOString(),
    deliveryType,
    ...(event.eventGroupId === undefined ? {} : { eventGroupId: event.eventGroupId }),
    ...(event.deduplicationId === undefined ? {} : { deduplicationId: event.deduplicationId }),
  });
}

/** What each subscriber whose filters pass receives: the transform's output, or why there is none. */
export async function subscriberDeliveries(
  subscribers: readonly LiveSubscriber[],
  event: Pick<AcceptedEvent, "eventId" | "text" | "ingestedAt" | "eventGroupId" | "deduplicationId">,
  deliveryType: DeliveryType,
): Promise<SubscriberDelivery[]> {
  const envelope = envelopeOf(event, deliveryType);
  const deliveries: SubscriberDelivery[] = [];
  for (const subscriber of subscribers) {
    if (!evaluateFilters(subscriber.filters, envelope).matched) continue;
    const result = await applyTransform(subscriber.transform, envelope);
    deliveries.push({
      subscriberArn: subscriber.arn,
      subscriberName: subscriber.name,
      targetArn: subscriber.targetArn,
      payload: result.ok ? { ok: true, text: JSON.stringify(result.output ?? null) } : { ok: false, error: result.error.message },
      paused: subscriber.state === "STOPPED",
      maxAttempts: subscriber.maxAttempts,
      maxAgeMs: subscriber.maxAgeMs,
    });
  }
  return deliveries;
}

/** Drops the bus's events older than its retention, with their deliveries (a waiting backlog too). */
export async function expireEvents(runtime: BusRuntime, bus: { arn: string; retentionDays: number }, now: Date): Promise<number> {
  const cutoff = idLowerBound("busEvent", now.getTime() - bus.retentionDays * DAY_MS);
  const expired = await runtime.db.busEvent.findMany({ where: { busArn: bus.arn, id: { lt: cutoff } }, select: { id: true } });
  if (expired.length === 0) return 0;
  const ids = expired.map((e) => e.id);
  await runtime.db.$transaction([runtime.db.delivery.deleteMany({ where: { eventRowId: { in: ids } } }), runtime.db.busEvent.deleteMany({ where: { id: { in: ids } } })]);
  return ids.length;
}
