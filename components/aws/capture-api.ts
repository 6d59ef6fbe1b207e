/**
 * Browser-side calls to the capture routes (app/api/aws/capture/*): archives, the cost estimate,
 * starting a consented capture, polling and cancelling its job.
 */
import { requestJson } from "@/components/api-client";
import type { CaptureEstimate } from "@/lib/capture/estimate";
import type { ArchiveSummary, CaptureJobView } from "@/lib/capture/capture-jobs";

export type { ArchiveSummary, CaptureEstimate, CaptureJobView };

export function listArchives(): Promise<{ archives: ArchiveSummary[] }> {
  return requestJson("/api/aws/capture/archives", { method: "GET" });
}

export function estimateCapture(archiveName: string, from: string, to: string): Promise<CaptureEstimate> {
  return requestJson("/api/aws/capture/estimate", { method: "POST", body: JSON.stringify({ archiveName, from, to }) });
}

export type CaptureStart =
  | { readonly kind: "archive"; readonly archiveName: string; readonly busName?: string; readonly from: string; readonly to: string }
  | { readonly kind: "live"; readonly busName: string; readonly pattern?: string; readonly durationSeconds: number };

/** Starts a capture; `consent` must be the user's ticked box (the server refuses without it). */
export function startCapture(request: CaptureStart, consent: boolean): Promise<{ job: CaptureJobView }> {
  return requestJson("/api/aws/capture", { method: "POST", body: JSON.stringify({ ...request, consent }) });
}

export function getCaptureJob(id: string): Promise<{ job: CaptureJobView }> {
  return requestJson(`/api/aws/capture/${encodeURIComponent(id)}`, { method: "GET" });
}

export function cancelCaptureJob(id: string): Promise<{ job: CaptureJobView }> {
  return requestJson(`/api/aws/capture/${encodeURIComponent(id)}/cancel`, { method: "POST" });
}
