/** Browser-side calls to the designs API; failures become Errors carrying the server's message. */
import { createInputFor } from "@/lib/designs/input";
import type { DesignRecord, DesignSummary } from "@/lib/designs/types";
import type { Design } from "@/lib/graph";

async function send<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json" } });
  if (response.status === 204) return undefined as T;
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

export function createDesign(name: string): Promise<{ design: DesignSummary }> {
  return send("/api/designs", { method: "POST", body: JSON.stringify({ name }) });
}

export function renameDesign(id: string, name: string, version: number): Promise<{ design: DesignSummary }> {
  return send(`/api/designs/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ name, version }) });
}

export function deleteDesign(id: string): Promise<void> {
  return send(`/api/designs/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function getDesign(id: string): Promise<{ design: DesignRecord }> {
  return send(`/api/designs/${encodeURIComponent(id)}`, { method: "GET" });
}

/** Saves a whole design document (an imported file, a forked share link) as a new design. */
export function createDesignFrom(document: Design, fallbackName: string): Promise<{ design: DesignSummary }> {
  return send("/api/designs", { method: "POST", body: JSON.stringify(createInputFor(document, fallbackName)) });
}
