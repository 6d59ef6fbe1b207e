/**
 * The occurrences the lab lists and the runner fires, and the context attributes a target's input
 * gets. Time zones and daylight saving: the Scheduler guide's schedule types
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, "Daylight saving
 * time"); context attributes: https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html
 */
import { describe, expect, it } from "vitest";
import { parseScheduleExpression } from "./expression";
import { fillContextAttributes, upcomingFires } from "./occurrences";

const at = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();
const parse = (expression: string) => parseScheduleExpression(expression, { allowAt: true });

describe("upcomingFires", () => {
  it("lists a Berlin cron across the autumn change: 02:00 local is 00:00Z in summer (the first 02:00 on the day the hour repeats), 01:00Z in winter", () => {
    const fires = upcomingFires(parse("cron(0 2 * * ? *)"), { timeZone: "Europe/Berlin" }, at("2026-10-22T12:00:00Z"), 10);
    expect(fires.map((f) => iso(f.scheduled))).toEqual([
      "2026-10-23T00:00:00.000Z",
      "2026-10-24T00:00:00.000Z",
      "2026-10-25T00:00:00.000Z",
      "2026-10-26T01:00:00.000Z",
      "2026-10-27T01:00:00.000Z",
      "2026-10-28T01:00:00.000Z",
      "2026-10-29T01:00:00.000Z",
      "2026-10-30T01:00:00.000Z",
      "2026-10-31T01:00:00.000Z",
      "2026-11-01T01:00:00.000Z",
    ]);
    expect(fires.map((f) => f.utcOffsetMinutes)).toEqual([120, 120, 120, 60, 60, 60, 60, 60, 60, 60]);
    expect(fires.map((f) => f.offsetChanged)).toEqual([false, false, false, true, false, false, false, false, false, false]);
  });

  it("skips a time the spring change removes: 02:30 Berlin does not exist on 29 March 2026", () => {
    const fires = upcomingFires(parse("cron(30 2 * * ? *)"), { timeZone: "Europe/Berlin" }, at("2026-03-27T12:00:00Z"), 3);
    expect(fires.map((f) => iso(f.scheduled))).toEqual(["2026-03-28T01:30:00.000Z", "2026-03-30T00:30:00.000Z", "2026-03-31T00:30:00.000Z"]);
    expect(fires[1].offsetChanged).toBe(true);
  });

  it("keeps within the start and end dates, and stops when they end", () => {
    const bounds = { start: at("2026-12-10T00:00:00Z"), end: at("2026-12-12T00:00:00Z") };
    const fires = upcomingFires(parse("cron(0 9 * * ? *)"), bounds, at("2026-12-07T00:00:00Z"), 10);
    expect(fires.map((f) => iso(f.scheduled))).toEqual(["2026-12-10T09:00:00.000Z", "2026-12-11T09:00:00.000Z"]);
  });

  it("gives a one-time schedule one fire in its zone, and none once past", () => {
    const reminder = parse("at(2026-12-24T09:00:00)");
    expect(upcomingFires(reminder, { timeZone: "Europe/Berlin" }, at("2026-12-07T00:00:00Z"), 10).map((f) => iso(f.scheduled))).toEqual(["2026-12-24T08:00:00.000Z"]);
    expect(upcomingFires(reminder, { timeZone: "Europe/Berlin" }, at("2026-12-25T00:00:00Z"), 10)).toEqual([]);
  });

  it("counts a rate from its start date", () => {
    const fires = upcomingFires(parse("rate(6 hours)"), { start: at("2026-12-08T03:00:00Z") }, at("2026-12-08T10:00:00Z"), 2);
    expect(fires.map((f) => iso(f.scheduled))).toEqual(["2026-12-08T15:00:00.000Z", "2026-12-08T21:00:00.000Z"]);
  });
});

describe("fillContextAttributes", () => {
  it("replaces every keyword, with the scheduled time in seconds", () => {
    const filled = fillContextAttributes("<aws.scheduler.schedule-arn> <aws.scheduler.scheduled-time> <aws.scheduler.execution-id> <aws.scheduler.attempt-number> <aws.scheduler.scheduled-time>", {
      scheduleArn: "arn:aws:scheduler:us-east-1:0:schedule/default/a",
      scheduledTime: at("2022-03-22T18:59:43.250Z"),
      executionId: "d32c5kddcf5bb8c3",
      attemptNumber: 1,
    });
    expect(filled).toBe("arn:aws:scheduler:us-east-1:0:schedule/default/a 2022-03-22T18:59:43Z d32c5kddcf5bb8c3 1 2022-03-22T18:59:43Z");
  });
});
