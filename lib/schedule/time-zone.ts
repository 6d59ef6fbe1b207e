/**
 * Wall-clock time in an IANA time zone, through Intl (no time-zone data of our own). A wall time
 * is a calendar date and time of day written as milliseconds as if it were UTC.
 */

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

const isUtc = (timeZone: string) => timeZone === "UTC" || timeZone === "Etc/UTC";

/** The wall time at `instant` in `timeZone`. */
export function wallTimeAt(instant: number, timeZone: string): number {
  if (isUtc(timeZone)) return instant;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  // Intl drops the milliseconds; keep them.
  return wall + (((instant % 1000) + 1000) % 1000);
}

/**
 * The instants that read as `wall` in `timeZone`, earliest first: none inside a daylight-saving
 * gap (spring forward), two inside an overlap (fall back), otherwise one.
 */
export function instantsOf(wall: number, timeZone: string): number[] {
  if (isUtc(timeZone)) return [wall];
  // The offsets in force half a day either side cover any single transition near `wall`.
  const offsets = new Set([wallTimeAt(wall - 12 * HOUR_MS, timeZone) - (wall - 12 * HOUR_MS), wallTimeAt(wall + 12 * HOUR_MS, timeZone) - (wall + 12 * HOUR_MS)]);
  return [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => wallTimeAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
}

/**
 * The one instant a wall time names, as java.time resolves a local date-time: the earlier of two
 * in an overlap; inside a gap, the wall time moved later by the gap's length.
 */
export function resolveWallTime(wall: number, timeZone: string): number {
  const instants = instantsOf(wall, timeZone);
  if (instants.length > 0) return instants[0];
  const offsetBefore = wallTimeAt(wall - 12 * HOUR_MS, timeZone) - (wall - 12 * HOUR_MS);
  return wall - offsetBefore;
}
