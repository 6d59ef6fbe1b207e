/**
 * What a schedule's settings mean for its fire times, per the Scheduler guide's schedule types
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html): start and end
 * dates bound recurring schedules and are ignored by one-time ones; a rate without a StartDate
 * starts at once. Plus the flexible window's fixed point.
 */
import { describe, expect, it } from "vitest";
import { flexibleOffsetMs, occurrenceAfter, scheduleOf, type ScheduleSpec } from "./schedule-spec";

const at = (iso: string) => Date.parse(iso);
const seconds = (iso: string) => at(iso) / 1000;
const spec = (overrides: Partial<ScheduleSpec>): ScheduleSpec => ({
  ScheduleExpression: "rate(1 hour)",
  FlexibleTimeWindow: { Mode: "OFF" },
  Target: { Arn: "arn:aws:sqs:us-east-1:000000000000:q", RoleArn: "arn:aws:iam::000000000000:role/r" },
  ...overrides,
});
const next = (s: ScheduleSpec, plannedAt: string, after: string) => {
  const time = occurrenceAfter(s, scheduleOf(s), at(plannedAt), at(after));
  return time === undefined ? undefined : new Date(time).toISOString();
};

describe("occurrenceAfter", () => {
  it("starts a rate without StartDate when its settings took effect, and one with a StartDate there", () => {
    expect(next(spec({}), "2026-12-07T10:00:00Z", "2026-12-07T09:59:59.999Z")).toBe("2026-12-07T10:00:00.000Z");
    expect(next(spec({}), "2026-12-07T10:00:00Z", "2026-12-07T10:00:00Z")).toBe("2026-12-07T11:00:00.000Z");
    expect(next(spec({ StartDate: seconds("2026-12-08T00:15:00Z") }), "2026-12-07T10:00:00Z", "2026-12-07T10:00:00Z")).toBe("2026-12-08T00:15:00.000Z");
  });

  it("keeps a cron within its StartDate and before its EndDate, in its time zone", () => {
    const nightly = spec({ ScheduleExpression: "cron(0 2 * * ? *)", ScheduleExpressionTimezone: "Europe/Berlin", StartDate: seconds("2027-01-10T00:00:00Z"), EndDate: seconds("2027-01-12T01:00:00Z") });
    expect(next(nightly, "2026-12-07T10:00:00Z", "2026-12-07T10:00:00Z")).toBe("2027-01-10T01:00:00.000Z");
    expect(next(nightly, "2026-12-07T10:00:00Z", "2027-01-10T01:00:00Z")).toBe("2027-01-11T01:00:00.000Z");
    // 2027-01-12T01:00Z is the EndDate itself: the schedule invokes only before it.
    expect(next(nightly, "2026-12-07T10:00:00Z", "2027-01-11T01:00:00Z")).toBeUndefined();
  });

  it("ignores the start and end dates of a one-time schedule", () => {
    const once = spec({ ScheduleExpression: "at(2027-03-01T09:00:00)", ScheduleExpressionTimezone: "America/New_York", StartDate: seconds("2027-06-01T00:00:00Z"), EndDate: seconds("2027-06-02T00:00:00Z") });
    expect(next(once, "2026-12-07T10:00:00Z", "2026-12-07T10:00:00Z")).toBe("2027-03-01T14:00:00.000Z");
    expect(next(once, "2026-12-07T10:00:00Z", "2027-03-01T14:00:00Z")).toBeUndefined();
  });
});

describe("flexibleOffsetMs", () => {
  it("is a whole second inside the window, the same for the same schedule and time, and 0 when the window is off", () => {
    const flexible = spec({ FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 1 } });
    const offsets = Array.from({ length: 50 }, (_, i) => flexibleOffsetMs(flexible, "arn:aws:scheduler:us-east-1:0:schedule/default/a", i * 60_000));
    for (const offset of offsets) {
      expect(offset % 1000).toBe(0);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(60_000);
    }
    expect(new Set(offsets).size).toBeGreaterThan(10);
    expect(flexibleOffsetMs(flexible, "arn:aws:scheduler:us-east-1:0:schedule/default/a", 0)).toBe(offsets[0]);
    expect(flexibleOffsetMs(spec({}), "arn:aws:scheduler:us-east-1:0:schedule/default/a", 0)).toBe(0);
  });
});
