/**
 * A basic check of schedule expressions: the shapes EventBridge accepts and the mistakes people
 * make (plural units, six cron fields, `?` in day-of-month or day-of-week). It does not check
 * every cron field's range; AWS still has the last word on deploy.
 */

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.*)\)$/;
const AT = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/;
const CRON_FIELD = /^[0-9A-Za-z*,\-/?#]+$/;
const CRON_FIELD_NAMES = ["minutes", "hours", "day-of-month", "month", "day-of-week", "year"];

export interface ScheduleOptions {
  /** EventBridge Scheduler also accepts one-time `at(...)` schedules; rules do not. */
  readonly allowAt?: boolean;
}

/** Why `expression` is not a valid schedule expression, or `undefined` when it is. */
export function scheduleExpressionProblem(expression: string, options: ScheduleOptions = {}): string | undefined {
  const text = expression.trim();
  if (text === "") return "Schedule expression is empty";
  const rate = RATE.exec(text);
  if (rate) return rateProblem(Number(rate[1]), rate[2]!);
  if (text.startsWith("rate(")) return "Use rate(<value> <unit>) with a whole number and minute(s), hour(s) or day(s)";
  const cron = CRON.exec(text);
  if (cron) return cronProblem(cron[1]!);
  if (AT.test(text)) return options.allowAt ? undefined : "One-time at(...) schedules are for EventBridge Scheduler, not rules";
  return options.allowAt
    ? "Schedule expression must be rate(...), cron(...) or at(...)"
    : "Schedule expression must be rate(...) or cron(...)";
}

function rateProblem(value: number, unit: string): string | undefined {
  if (value < 1) return "The rate value must be a positive whole number";
  const plural = unit.endsWith("s");
  if (value === 1 && plural) return `Use the singular unit for a value of 1: rate(1 ${unit.slice(0, -1)})`;
  if (value > 1 && !plural) return `Use the plural unit for a value above 1: rate(${value} ${unit}s)`;
  return undefined;
}

function cronProblem(body: string): string | undefined {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    return `cron(...) needs 6 fields (minutes hours day-of-month month day-of-week year), found ${fields.length}`;
  }
  const bad = fields.findIndex((field) => !CRON_FIELD.test(field));
  if (bad !== -1) return `Invalid characters in the cron ${CRON_FIELD_NAMES[bad]} field: ${fields[bad]}`;
  const dayOfMonth = fields[2]!;
  const dayOfWeek = fields[4]!;
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return "Exactly one of day-of-month and day-of-week must be ?";
  }
  return undefined;
}
