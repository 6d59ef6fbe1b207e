import { describe, expect, it } from "vitest";
import type { CaptureJobView } from "@/lib/capture/capture-jobs";
import { defaultWindow, fromLocalInput, jobSummary, progressFraction, toLocalInput } from "./capture-format";

const running = (progress?: Partial<NonNullable<CaptureJobView["progress"]>>): CaptureJobView => ({
  id: "j",
  kind: "archive",
  status: "running",
  startedAt: "2026-11-23T10:00:00.000Z",
  title: "archive a",
  ...(progress ? { progress: { phase: "replaying", received: 0, stored: 0, duplicates: 0, unreadable: 0, message: "Replay running", ...progress } } : {}),
});

describe("capture-format", () => {
  it("round-trips datetime-local values through ISO times", () => {
    const date = new Date(2026, 10, 23, 9, 5);
    expect(toLocalInput(date)).toBe("2026-11-23T09:05");
    expect(fromLocalInput("2026-11-23T09:05")).toBe(date.toISOString());
    expect(fromLocalInput("")).toBeUndefined();
    expect(fromLocalInput("tomorrow")).toBeUndefined();
  });

  it("defaults to the 24 hours ending 10 minutes ago", () => {
    const now = new Date(2026, 10, 23, 12, 0);
    expect(defaultWindow(now)).toEqual({ from: "2026-11-22T11:50", to: "2026-11-23T11:50" });
  });

  it("measures progress against the archive's count, and is indeterminate without one", () => {
    expect(progressFraction(running({ stored: 3, duplicates: 1, expectedMax: 8 }))).toBe(0.5);
    expect(progressFraction(running({ stored: 12, expectedMax: 8 }))).toBe(1);
    expect(progressFraction(running({ stored: 3 }))).toBeUndefined();
    expect(progressFraction(running())).toBeUndefined();
    expect(progressFraction({ ...running(), status: "completed" })).toBe(1);
  });

  it("summarises a running, finished, cancelled and failed job", () => {
    expect(jobSummary(running())).toBe("Starting…");
    expect(jobSummary(running({ stored: 2, expectedMax: 1000 }))).toBe("Replay running — 2 events stored of at most 1,000");
    const result = { status: "completed" as const, busArn: "b", captureName: "c", received: 5, stored: 4, duplicates: 1, unreadable: 0, storedEventCount: 4, cleanup: { removed: [], failed: [] } };
    expect(jobSummary({ ...running(), status: "completed", result })).toBe("Stored 4 events in Switchyard's archive (1 event was already stored).");
    expect(jobSummary({ ...running(), status: "cancelled", result: { ...result, status: "cancelled" as const, stored: 1, duplicates: 0 } })).toBe("Cancelled after storing 1 event in Switchyard's archive.");
    expect(jobSummary({ ...running(), status: "failed", error: { code: "aws_access_denied", message: "AWS denied access." } })).toBe("Capture failed: AWS denied access.");
  });
});
