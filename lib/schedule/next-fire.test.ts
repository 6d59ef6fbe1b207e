import { describe, expect, it } from "vitest";
import { nextFireTime, parseScheduleExpression } from "./expression";

const utc = (text: string) => Date.parse(`${text}Z`);
const iso = (time: number | undefined) => (time === undefined ? undefined : new Date(time).toISOString().replace(".000Z", "Z"));

/** The next `count` times of `expression` after `from`, in `timeZone`. */
function times(expression: string, from: string, count: number, timeZone?: string): (string | undefined)[] {
  const schedule = parseScheduleExpression(expression, { allowAt: true });
  const out = [];
  let after = utc(from);
  for (let i = 0; i < count; i++) {
    const next = nextFireTime(schedule, after, { timeZone });
    out.push(iso(next));
    if (next === undefined) break;
    after = next;
  }
  return out;
}

describe("next fire times in UTC (rules)", () => {
  it("runs the rules page's examples when the page says", () => {
    // "Run every 15 minutes"
    expect(times("cron(0/15 * * * ? *)", "2026-11-23T10:07:30", 2)).toEqual(["2026-11-23T10:15:00Z", "2026-11-23T10:30:00Z"]);
    // "Run at 6:00 pm (UTC+0) every Monday through Friday": from Friday's run to Monday's.
    expect(times("cron(0 18 ? * MON-FRI *)", "2026-11-27T18:00:00", 1)).toEqual(["2026-11-30T18:00:00Z"]);
    // "Run at 8:00 am (UTC+0) every 1st day of the month"
    expect(times("cron(0 8 1 * ? *)", "2026-11-23T00:00:00", 2)).toEqual(["2026-12-01T08:00:00Z", "2027-01-01T08:00:00Z"]);
    // "between 10:00 pm on the starting day to 2:00 am on the following day": a range that wraps.
    expect(times("cron(0/30 20-2 ? * MON-FRI *)", "2026-11-23T23:45:00", 7)).toEqual([
      "2026-11-24T00:00:00Z",
      "2026-11-24T00:30:00Z",
      "2026-11-24T01:00:00Z",
      "2026-11-24T01:30:00Z",
      "2026-11-24T02:00:00Z",
      "2026-11-24T02:30:00Z",
      "2026-11-24T20:00:00Z",
    ]);
    // "runs at 10:15am UTC+0 on the last Friday of each month during the years 2019 to 2022"
    expect(times("cron(15 10 ? * 6L 2019-2022)", "2021-01-01T00:00:00", 2)).toEqual(["2021-01-29T10:15:00Z", "2021-02-26T10:15:00Z"]);
    expect(times("cron(15 10 ? * 6L 2019-2022)", "2022-12-30T10:15:00", 1)).toEqual([undefined]);
  });

  it("honours L, W, LW and # in the day fields", () => {
    // L: the last day of the month (2028 is a leap year).
    expect(times("cron(0 0 L * ? *)", "2028-02-01T00:00:00", 1)).toEqual(["2028-02-29T00:00:00Z"]);
    // 3W: the weekday nearest the 3rd; 3 October 2026 is a Saturday, so Friday the 2nd.
    expect(times("cron(0 9 3W * ? *)", "2026-10-01T00:00:00", 1)).toEqual(["2026-10-02T09:00:00Z"]);
    // 1W never leaves the month: 1 August 2026 is a Saturday, so Monday the 3rd.
    expect(times("cron(0 9 1W * ? *)", "2026-07-31T00:00:00", 1)).toEqual(["2026-08-03T09:00:00Z"]);
    // LW: the last weekday; 31 October 2026 is a Saturday.
    expect(times("cron(0 9 LW * ? *)", "2026-10-01T00:00:00", 1)).toEqual(["2026-10-30T09:00:00Z"]);
    // 3#2: "the second Tuesday of the month".
    expect(times("cron(0 9 ? * 3#2 *)", "2026-11-01T00:00:00", 2)).toEqual(["2026-11-10T09:00:00Z", "2026-12-08T09:00:00Z"]);
    // L alone in day-of-week: the last day of the week, Saturday.
    expect(times("cron(0 9 ? * L *)", "2026-11-23T00:00:00", 1)).toEqual(["2026-11-28T09:00:00Z"]);
  });

  it("finds nothing, quickly, for a date that never comes", () => {
    const began = performance.now();
    expect(times("cron(0 0 30 FEB ? *)", "2026-01-01T00:00:00", 1)).toEqual([undefined]);
    expect(performance.now() - began).toBeLessThan(1000);
  });

  it("counts a rate from its start, keeping its phase", () => {
    const schedule = parseScheduleExpression("rate(5 minutes)");
    const start = utc("2026-11-23T10:00:10");
    expect(iso(nextFireTime(schedule, utc("2026-11-23T09:00:00"), { rateStart: start }))).toBe("2026-11-23T10:00:10Z");
    expect(iso(nextFireTime(schedule, start, { rateStart: start }))).toBe("2026-11-23T10:05:10Z");
    expect(iso(nextFireTime(schedule, utc("2026-11-23T11:02:00"), { rateStart: start }))).toBe("2026-11-23T11:05:10Z");
  });
});

// "When the time shifts forward in Spring, your schedule invocation gets skipped if the cron
// expression falls on a non-existent date and time. When the time shifts back in the Fall, your
// schedule runs only once" (Scheduler, schedule types: daylight saving time).
describe("next fire times in a time zone (Scheduler)", () => {
  it("reads cron fields as local time", () => {
    // 9:00 in New York is 13:00 UTC in summer time and 14:00 UTC in winter.
    expect(times("cron(0 9 ? * MON-FRI *)", "2026-10-30T00:00:00", 2, "America/New_York")).toEqual(["2026-10-30T13:00:00Z", "2026-11-02T14:00:00Z"]);
  });

  it("skips a time that daylight saving time skips", () => {
    // Berlin springs from 02:00 to 03:00 on 28 March 2027: there is no 02:30 that day.
    expect(times("cron(30 2 * * ? *)", "2027-03-27T00:00:00", 2, "Europe/Berlin")).toEqual(["2027-03-27T01:30:00Z", "2027-03-29T00:30:00Z"]);
  });

  it("runs a repeated time once", () => {
    // Berlin falls back from 03:00 to 02:00 on 31 October 2027: 02:30 happens twice.
    expect(times("cron(30 2 * * ? *)", "2027-10-30T12:00:00", 2, "Europe/Berlin")).toEqual(["2027-10-31T00:30:00Z", "2027-11-01T01:30:00Z"]);
    // Every quarter hour: the repeated hour is not run again.
    expect(times("cron(0/15 * * * ? *)", "2027-10-31T00:40:00", 2, "Europe/Berlin")).toEqual(["2027-10-31T00:45:00Z", "2027-10-31T02:00:00Z"]);
  });

  it("keeps a rate's days 24 hours long across the change", () => {
    const schedule = parseScheduleExpression("rate(1 day)");
    const start = utc("2027-03-27T08:00:00");
    expect(iso(nextFireTime(schedule, start, { rateStart: start, timeZone: "Europe/Berlin" }))).toBe("2027-03-28T08:00:00Z");
  });

  it("places a one-time at() in its zone", () => {
    expect(times("at(2027-06-01T09:30:00)", "2027-01-01T00:00:00", 2, "Asia/Kolkata")).toEqual(["2027-06-01T04:00:00Z", undefined]);
    expect(times("at(2027-06-01T09:30:00)", "2027-01-01T00:00:00", 1)).toEqual(["2027-06-01T09:30:00Z"]);
    // A local time inside the spring-forward gap runs an hour later by the clock, as java.time reads it.
    expect(times("at(2027-03-28T02:30:00)", "2027-01-01T00:00:00", 1, "Europe/Berlin")).toEqual(["2027-03-28T01:30:00Z"]);
    expect(times("at(2026-06-01T09:30:00)", "2027-01-01T00:00:00", 1)).toEqual([undefined]);
  });
});
