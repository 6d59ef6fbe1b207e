/** Browser-side calls to the events explorer API; failures become Errors with the server's message. */
import { requestJson } from "@/components/api-client";
import type { EventDetail, EventPage } from "@/lib/explorer/index";

export interface EventFilters {
  from: string;
  to: string;
  bus: string;
  source: string;
  detailType: string;
  text: string;
  pattern: string;
}

export type EventListAnswer = EventPage & { buses: string[] };


/** datetime-local values are local times; the API wants ISO 8601 with an offset. */
function isoOrEmpty(local: string): string {
  return local === "" ? "" : new Date(local).toISOString();
}

export function listEvents(filters: EventFilters, cursor?: string): Promise<EventListAnswer> {
  const params = new URLSearchParams({
    from: isoOrEmpty(filters.from),
    to: isoOrEmpty(filters.to),
    bus: filters.bus,
    source: filters.source,
    detailType: filters.detailType,
    text: filters.text,
    pattern: filters.pattern,
  });
  if (cursor !== undefined) params.set("cursor", cursor);
  return requestJson(`/api/events?${params.toString()}`);
}

export function getEvent(id: string): Promise<EventDetail> {
  return requestJson(`/api/events/${encodeURIComponent(id)}`);
}

export function replayEvents(ids: string[], replayName: string): Promise<{ replayed: number }> {
  return requestJson("/api/events/replay", { method: "POST", body: JSON.stringify({ ids, replayName }) });
}

export async function exportEvents(ids: string[]): Promise<Blob> {
  const response = await fetch("/api/events/export", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ids }),
  });
  if (!response.ok) throw new Error(`Export failed with status ${response.status}`);
  return response.blob();
}
