import { describe, expect, it } from "vitest";
import { scheduleExpressionProblem } from "./schedule-expression";

describe("scheduleExpressionProblem", () => {
  it.each(["rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(7 days)", "cron(0 12 * * ? *)", "cron(0/15 8-17 ? * MON-FRI *)", "cron(0 10 L * ? 2026)"])(
    "accepts %s",
    (expression) => expect(scheduleExpressionProblem(expression)).toBeUndefined(),
  );

  it.each([
    ["", "empty"],
    ["rate(0 minutes)", "positive"],
    ["rate(1 minutes)", "singular"],
    ["rate(5 minute)", "plural"],
    ["rate(5 weeks)", "rate(<value> <unit>)"],
    ["cron(0 12 * * *)", "6 fields"],
    ["cron(0 12 * * * *)", "Exactly one of day-of-month and day-of-week"],
    ["cron(0 12 ? * ? *)", "Exactly one of day-of-month and day-of-week"],
    ["cron(0 12 $ * ? *)", "day-of-month"],
    ["every 5 minutes", "rate(...) or cron(...)"],
    ["at(2026-05-01T10:00:00)", "EventBridge Scheduler"],
  ])("rejects %j", (expression, text) => {
    expect(scheduleExpressionProblem(expression)).toContain(text);
  });

  it("accepts one-time at(...) schedules only for Scheduler", () => {
    expect(scheduleExpressionProblem("at(2026-05-01T10:00:00)", { allowAt: true })).toBeUndefined();
  });
});
