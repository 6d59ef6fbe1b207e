/**
 * EventBridge's six-field cron (minutes hours day-of-month month day-of-week year), parsed and
 * searched for its next time. The grammar is the documented one
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html),
 * Quartz-style where the page is silent: names are case-insensitive, a range may wrap
 * (`20-2` in hours, as the page's own example does), and `L`, `W` and `#` stand alone in their
 * field. Day-of-week counts from 1 = Sunday.
 */
import { instantsOf, wallTimeAt } from "./time-zone";

export class CronSyntaxError extends Error {}

interface FieldRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MINUTES: FieldRule = { name: "minutes", min: 0, max: 59 };
const HOURS: FieldRule = { name: "hours", min: 0, max: 23 };
const DAY_OF_MONTH: FieldRule = { name: "day-of-month", min: 1, max: 31 };
const MONTH: FieldRule = { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] };
const DAY_OF_WEEK: FieldRule = { name: "day-of-week", min: 1, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] };
const YEAR: FieldRule = { name: "year", min: 1970, max: 2199 };

/** How day-of-month or day-of-week picks days; `any` is `?`. */
type DaySpec =
  | { readonly kind: "any" }
  | { readonly kind: "values"; readonly values: ReadonlySet<number> }
  | { readonly kind: "last-day" }
  | { readonly kind: "last-weekday" }
  | { readonly kind: "nearest-weekday"; readonly day: number }
  | { readonly kind: "last-of-week-day"; readonly weekday: number }
  | { readonly kind: "nth-week-day"; readonly weekday: number; readonly nth: number };

export interface Cron {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly dayOfMonth: DaySpec;
  readonly months: readonly number[];
  readonly dayOfWeek: DaySpec;
  readonly years: readonly number[];
}

function fail(rule: FieldRule, field: string, why: string): never {
  throw new CronSyntaxError(`The ${rule.name} field "${field}" ${why}`);
}

function value(rule: FieldRule, field: string, token: string): number {
  const named = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  if (named >= 0) return rule.min + named;
  if (!/^\d+$/.test(token)) fail(rule, field, `has "${token}", not a number${rule.names ? " or name" : ""}`);
  const number = Number(token);
  if (number < rule.min || number > rule.max) fail(rule, field, `has ${number}, outside ${rule.min}-${rule.max}`);
  return number;
}

/** A list of `*`, `a`, `a-b`, `a/n`, `*\/n` or `a-b/n` items; a range past `max` wraps to `min`. */
function values(rule: FieldRule, field: string): number[] {
  const size = rule.max - rule.min + 1;
  const found = new Set<number>();
  for (const item of field.split(",")) {
    const [range, stepText, extra] = item.split("/");
    if (extra !== undefined || range === "") fail(rule, field, "is not a valid list of values, ranges and increments");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (stepText !== undefined && (!/^\d+$/.test(stepText) || step < 1 || step > size)) fail(rule, field, `has the increment "${stepText}", not 1-${size}`);
    let start: number;
    let end: number;
    if (range === "*") {
      start = rule.min;
      end = rule.max;
    } else if (range.includes("-")) {
      const [from, to, more] = range.split("-");
      if (more !== undefined) fail(rule, field, `has the range "${range}" with more than two ends`);
      start = value(rule, field, from);
      end = value(rule, field, to);
      if (end < start) end += size;
    } else {
      start = value(rule, field, range);
      end = stepText === undefined ? start : rule.max;
    }
    for (let i = start; i <= end; i += step) found.add(((i - rule.min) % size) + rule.min);
  }
  return [...found].sort((a, b) => a - b);
}

function dayOfMonth(field: string): DaySpec {
  if (field === "?") return { kind: "any" };
  const upper = field.toUpperCase();
  if (upper === "L") return { kind: "last-day" };
  if (upper === "LW") return { kind: "last-weekday" };
  if (upper.includes("L")) fail(DAY_OF_MONTH, field, "uses L, which stands alone (L or LW)");
  if (upper.endsWith("W")) {
    if (!/^\d+W$/.test(upper)) fail(DAY_OF_MONTH, field, "uses W after something other than one day (e.g. 3W)");
    return { kind: "nearest-weekday", day: value(DAY_OF_MONTH, field, upper.slice(0, -1)) };
  }
  if (upper.includes("W")) fail(DAY_OF_MONTH, field, "uses W, which follows one day (e.g. 3W)");
  return { kind: "values", values: new Set(values(DAY_OF_MONTH, field)) };
}

function dayOfWeek(field: string): DaySpec {
  if (field === "?") return { kind: "any" };
  const upper = field.toUpperCase();
  if (upper === "L") return { kind: "values", values: new Set([DAY_OF_WEEK.max]) };
  if (upper.includes("#")) {
    const match = /^([^#,/-]+)#(\d+)$/.exec(upper);
    if (match === null) fail(DAY_OF_WEEK, field, "uses #, which allows one expression only (e.g. 3#2)");
    const nth = Number(match[2]);
    if (nth < 1 || nth > 5) fail(DAY_OF_WEEK, field, `asks for week-day number ${nth} of the month, not 1-5`);
    return { kind: "nth-week-day", weekday: value(DAY_OF_WEEK, field, match[1]), nth };
  }
  if (upper.endsWith("L")) {
    if (!/^[^,/-]+L$/.test(upper)) fail(DAY_OF_WEEK, field, "uses L after something other than one day (e.g. 6L)");
    return { kind: "last-of-week-day", weekday: value(DAY_OF_WEEK, field, upper.slice(0, -1)) };
  }
  if (upper.includes("L")) fail(DAY_OF_WEEK, field, "uses L, which stands alone or follows one day (e.g. 6L)");
  if (field.includes("/")) fail(DAY_OF_WEEK, field, "uses /, which the day-of-week field does not allow");
  return { kind: "values", values: new Set(values(DAY_OF_WEEK, field)) };
}

function plain(rule: FieldRule, field: string): number[] {
  if (field === "?") fail(rule, field, "is ?, which only day-of-month or day-of-week may be");
  return values(rule, field);
}

/** Parses the six fields between `cron(` and `)`; throws CronSyntaxError saying what is wrong. */
export function parseCron(body: string): Cron {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6 || fields[0] === "") {
    throw new CronSyntaxError(`cron(...) needs 6 fields (minutes hours day-of-month month day-of-week year), found ${fields[0] === "" ? 0 : fields.length}`);
  }
  const [minutes, hours, dom, month, dow, year] = fields;
  if ((dom === "?") === (dow === "?")) throw new CronSyntaxError("Exactly one of day-of-month and day-of-week must be ?");
  return {
    minutes: plain(MINUTES, minutes),
    hours: plain(HOURS, hours),
    dayOfMonth: dayOfMonth(dom),
    months: plain(MONTH, month),
    dayOfWeek: dayOfWeek(dow),
    years: plain(YEAR, year),
  };
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1 = Sunday … 7 = Saturday. */
const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
const isWorkday = (weekday: number) => weekday >= 2 && weekday <= 6;

/** The weekday (Monday–Friday) nearest `day` without leaving the month. */
function nearestWorkday(year: number, month: number, day: number): number {
  const last = daysIn(year, month);
  const weekday = weekdayOf(year, month, day);
  if (isWorkday(weekday)) return day;
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  return day === last ? day - 2 : day + 1;
}

function dayMatches(spec: DaySpec, year: number, month: number, day: number): boolean {
  switch (spec.kind) {
    case "any":
      return true;
    case "values":
      return spec.values.has(day);
    case "last-day":
      return day === daysIn(year, month);
    case "last-weekday":
      return day === nearestWorkday(year, month, daysIn(year, month));
    case "nearest-weekday":
      return spec.day <= daysIn(year, month) && day === nearestWorkday(year, month, spec.day);
    case "last-of-week-day":
      return weekdayOf(year, month, day) === spec.weekday && day + 7 > daysIn(year, month);
    case "nth-week-day":
      return weekdayOf(year, month, day) === spec.weekday && Math.ceil(day / 7) === spec.nth;
  }
}

function weekdayMatches(spec: DaySpec, year: number, month: number, day: number): boolean {
  if (spec.kind === "values") return spec.values.has(weekdayOf(year, month, day));
  return dayMatches(spec, year, month, day);
}

/**
 * The first time of `cron` strictly after `after`, read in `timeZone`; undefined when there is
 * none before the end of 2199. Each wall-clock time fires once: a time skipped by a
 * daylight-saving gap does not fire, and a time repeated by an overlap fires at its first
 * occurrence only (as EventBridge Scheduler documents).
 */
export function nextCronTime(cron: Cron, after: number, timeZone: string): number | undefined {
  const start = new Date(wallTimeAt(after, timeZone));
  const [sy, sm, sd, sh, smin] = [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate(), start.getUTCHours(), start.getUTCMinutes()];
  for (const year of cron.years) {
    if (year < sy) continue;
    for (const month of cron.months) {
      if (year === sy && month < sm) continue;
      const startMonth = year === sy && month === sm;
      for (let day = startMonth ? sd : 1; day <= daysIn(year, month); day++) {
        if (!dayMatches(cron.dayOfMonth, year, month, day) || !weekdayMatches(cron.dayOfWeek, year, month, day)) continue;
        const startDay = startMonth && day === sd;
        for (const hour of cron.hours) {
          if (startDay && hour < sh) continue;
          for (const minute of cron.minutes) {
            if (startDay && hour === sh && minute < smin) continue;
            const instant = instantsOf(Date.UTC(year, month - 1, day, hour, minute), timeZone)[0];
            if (instant !== undefined && instant > after) return instant;
          }
        }
      }
    }
  }
  return undefined;
}
