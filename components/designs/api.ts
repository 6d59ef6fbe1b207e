/** Browser-side calls to the designs API; failures become Errors carrying the server's message. */
import { requestJson } from "@/components/api-client";
import { createInputFor } from "@/lib/designs/input";
import type { DesignRecord, DesignSummary } from "@/lib/designs/types";
import type { Design } from "@/lib/graph";


export function listDesigns(): Promise<{ designs: DesignSummary[] }> {
  return requestJson("/api/designs", { method: "GET" });
}

export function createDesign(name: string): Promise<{ design: DesignSummary }> {
  return requestJson("/api/designs", { method: "POST", body: JSON.stringify({ name }) });
}

export function renameDesign(id: string, name: string, version: number): Promise<{ design: DesignSummary }> {
  return requestJson(`/api/designs/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ name, version }) });
}

export function deleteDesign(id: string): Promise<void> {
  return requestJson(`/api/designs/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function getDesign(id: string): Promise<{ design: DesignRecord }> {
  return requestJson(`/api/designs/${encodeURIComponent(id)}`, { method: "GET" });
}

/** Saves a whole design document (an imported file, a forked share link) as a new design. */
export function createDesignFrom(document: Design, fallbackName: string): Promise<{ design: DesignSummary }> {
  return requestJson("/api/designs", { method: "POST", body: JSON.stringify(createInputFor(document, fallbackName)) });
}
