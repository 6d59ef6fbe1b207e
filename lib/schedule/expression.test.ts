import { describe, expect, it } from "vitest";
import { parseScheduleExpression, scheduleExpressionProblem } from "./expression";

// Valid and invalid forms from the rules' page
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html) and
// Scheduler's (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html).
describe("schedule expressions", () => {
  it.each([
    // The rules page's example table and put-rule examples.
    "cron(0 10 * * ? *)",
    "cron(15 12 * * ? *)",
    "cron(0 18 ? * MON-FRI *)",
    "cron(0 8 1 * ? *)",
    "cron(0/15 * * * ? *)",
    "cron(0/10 * ? * MON-FRI *)",
    "cron(0/5 8-17 ? * MON-FRI *)",
    "cron(0/30 20-2 ? * MON-FRI *)",
    "cron(0 12 * * ? *)",
    "cron(5,35 14 * * ? *)",
    "cron(15 10 ? * 6L 2019-2022)",
    // The wildcards as the page describes them.
    "cron(0 0 ? JAN,FEB,MAR 2 *)",
    "cron(1/10 * * * ? *)",
    "cron(0 9 3W * ? *)",
    "cron(0 9 L * ? *)",
    "cron(0 9 ? * L *)",
    "cron(0 9 ? * 3#2 *)",
    "cron(0 9 ? * tue#2 *)",
    "rate(1 minute)",
    "rate(5 minutes)",
    "rate(1 hour)",
    "rate(1 day)",
    "rate(12 hours)",
    "rate(7 days)",
  ])("accepts %s", (expression) => expect(scheduleExpressionProblem(expression)).toBeUndefined());

  it.each([
    ["", "empty"],
    // "rate(1 hours) and rate(5 hour) aren't valid" (rules page, rate expressions).
    ["rate(1 hours)", "singular"],
    ["rate(5 hour)", "plural"],
    ["rate(1 minutes)", "singular"],
    ["rate(0 minutes)", "positive"],
    // Seconds are not a unit: the finest resolution is one minute.
    ["rate(10 seconds)", "minute(s), hour(s) or day(s)"],
    ["rate(5 weeks)", "minute(s), hour(s) or day(s)"],
    ["rate(-5 minutes)", "rate(<value> <unit>)"],
    ["rate(1.5 hours)", "rate(<value> <unit>)"],
    ["cron(0 12 * * *)", "6 fields"],
    ["cron(0 12 * * ? * *)", "6 fields"],
    // "You can't use * in both the Day-of-month and Day-of-week fields."
    ["cron(0 1 * * * *)", "Exactly one of day-of-month and day-of-week"],
    ["cron(0 12 ? * ? *)", "Exactly one of day-of-month and day-of-week"],
    ["cron(0 12 1 * MON *)", "Exactly one of day-of-month and day-of-week"],
    ["cron(71 8 1 * ? *)", "minutes field \"71\" has 71, outside 0-59"],
    ["cron(0 24 * * ? *)", "hours"],
    ["cron(0 0 32 * ? *)", "day-of-month"],
    ["cron(0 0 0 * ? *)", "day-of-month"],
    ["cron(0 0 1 13 ? *)", "month"],
    ["cron(0 0 1 FOO ? *)", "not a number or name"],
    ["cron(0 0 ? * 8 *)", "day-of-week"],
    ["cron(0 0 1 * ? 1969)", "year"],
    ["cron(0 0 1 * ? 2200)", "year"],
    ["cron(0/0 * * * ? *)", "increment"],
    ["cron(? * * * ? *)", "only day-of-month or day-of-week"],
    ["cron(0 L * * ? *)", "hours"],
    ["cron(0 12 $ * ? *)", "day-of-month"],
    // "If you use a '#' character, you can define only one expression in the day-of-week field."
    ["cron(0 0 ? * 3#1,6#3 *)", "one expression only"],
    ["cron(0 0 ? * 3#6 *)", "not 1-5"],
    // W belongs to day-of-month, / is not among day-of-week's wildcards.
    ["cron(0 0 ? * 3W *)", "day-of-week"],
    ["cron(0 0 ? * 1/2 *)", "does not allow"],
    ["cron(0 0 1,L * ? *)", "stands alone"],
    ["cron(0 0 1-5W * ? *)", "one day"],
    ["every 5 minutes", "rate(...) or cron(...)"],
    ["at(2026-05-01T10:00:00)", "EventBridge Scheduler"],
  ])("refuses %j", (expression, why) => expect(scheduleExpressionProblem(expression)).toContain(why));

  it("takes one-time at(yyyy-mm-ddThh:mm:ss) schedules for Scheduler only", () => {
    expect(scheduleExpressionProblem("at(2026-05-01T10:00:00)", { allowAt: true })).toBeUndefined();
    expect(scheduleExpressionProblem("at(2026-02-30T10:00:00)", { allowAt: true })).toContain("not a date");
    expect(scheduleExpressionProblem("at(2026-05-01 10:00:00)", { allowAt: true })).toContain("at(yyyy-mm-ddThh:mm:ss)");
    expect(scheduleExpressionProblem("at(2026-05-01T24:00:00)", { allowAt: true })).toContain("not a date");
  });

  it("expands steps and wrapping ranges as Quartz does", () => {
    const cron = (expression: string) => {
      const schedule = parseScheduleExpression(expression);
      if (schedule.kind !== "cron") throw new Error("not a cron");
      return schedule.cron;
    };
    // "1/10 … the 11th, 21st, and 31st minute, and so on" (rules page).
    expect(cron("cron(1/10 * * * ? *)").minutes).toEqual([1, 11, 21, 31, 41, 51]);
    expect(cron("cron(0/30 20-2 ? * MON-FRI *)").hours).toEqual([0, 1, 2, 20, 21, 22, 23]);
    expect(cron("cron(0 0 ? JAN,FEB,MAR * *)").months).toEqual([1, 2, 3]);
    expect(cron("cron(0 0 1 * ? 2020/50)").years).toEqual([2020, 2070, 2120, 2170]);
    expect(cron("cron(*/20 * * * ? *)").minutes).toEqual([0, 20, 40]);
  });
});
