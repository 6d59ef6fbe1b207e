/** Browser-side calls to the events explorer API; failures become Errors with the server's message. */
import type { EventDetail, EventPage } from "@/lib/bus/explorer";

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

async function send<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      typeof body === "object" && body !== null && "error" in body
        ? String((body as { error: { message?: unknown } }).error.message)
        : `Request failed with status ${response.status}`;
    throw new Error(message);
  }
  return body as T;
}

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
  return send(`/api/events?${params.toString()}`);
}

export function getEvent(id: string): Promise<EventDetail> {
  return send(`/api/events/${encodeURIComponent(id)}`);
}

export function replayEvents(ids: string[], replayName: string): Promise<{ replayed: number }> {
  return send("/api/events/replay", { method: "POST", body: JSON.stringify({ ids, replayName }) });
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
