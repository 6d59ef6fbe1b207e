/**
 * Event sets for the lab: reading pasted or uploaded text (one JSON object, a JSON array, or JSON
 * Lines) into events that keep their exact text, and preparing them once (parse + flatten) so
 * re-matching on every keystroke only matches.
 *
 * Events are read with `lib/pattern`'s own reader, so an event the lab calls invalid is one AWS's
 * TestEventPattern would refuse too. Stream records (Kafka, SQS, Kinesis, DynamoDB) are filtered by
 * Lambda without an EventBridge envelope, after decoding their payload: `streamRecordForFilter`.
 */
import { formatBytes } from "@/lib/format";
import { flattenJson, InvalidEventError, parseJson, readEvent, type FlatEvent, type JsonNode } from "@/lib/pattern";
import { streamRecordForFilter, type StreamKind } from "@/lib/streams/filter-view";

export type LabEventOrigin = "pasted" | "upload" | "catalogue" | "archive" | "schema" | "design";

export interface LabEvent {
  /** Unique within a set; results refer to events by it. */
  readonly id: string;
  readonly name: string;
  /** The event's JSON text exactly as given. */
  readonly text: string;
  readonly origin: LabEventOrigin;
}

export interface EventSetProblem {
  /** 1-based line of the text where the problem is. */
  readonly line: number;
  readonly message: string;
}

export interface ParsedEventSet {
  readonly events: LabEvent[];
  readonly problems: EventSetProblem[];
}

/** A lab holds at most this many events: past it, typing would no longer feel live. */
export const MAX_LAB_EVENTS = 10_000;
/** And at most this much text (characters) in one paste or upload. */
export const MAX_EVENT_SET_CHARS = 32 * 1024 * 1024;

export interface ParseEventSetOptions {
  /** Prefix of the generated ids (default: the origin), e.g. to keep two uploads apart. */
  readonly idPrefix?: string;
  /** Number of the first event (default 1). */
  readonly firstNumber?: number;
}

/**
 * Reads one JSON object, a JSON array of objects, or JSON Lines (one object per line; blank lines
 * skipped). Every bad entry becomes a problem with its line; good entries are kept either way.
 */
export function parseEventSet(text: string, origin: LabEventOrigin, options: ParseEventSetOptions = {}): ParsedEventSet {
  const prefix = options.idPrefix ?? origin;
  let number = options.firstNumber ?? 1;
  const events: LabEvent[] = [];
  const problems: EventSetProblem[] = [];
  if (text.length > MAX_EVENT_SET_CHARS) {
    return {
      events,
      problems: [{ line: 1, message: `The text is ${formatBytes(text.length)}; the lab reads at most ${formatBytes(MAX_EVENT_SET_CHARS)} at once. Split it into smaller files.` }],
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark from an uploaded file
  if (text.trim() === "") return { events, problems: [{ line: 1, message: "There are no events: the text is empty." }] };

  const lines = lineStarts(text);
  const add = (node: JsonNode, source: string, offset: number): void => {
    if (node.kind !== "object") {
      problems.push({ line: lineOf(lines, offset + node.start), message: `An event must be a JSON object, not ${describeKind(node)}.` });
      return;
    }
    if (events.length >= MAX_LAB_EVENTS) {
      if (events.length === MAX_LAB_EVENTS && !problems.some((p) => p.message.startsWith("Too many events"))) {
        problems.push({ line: lineOf(lines, offset + node.start), message: `Too many events: the lab keeps the first ${MAX_LAB_EVENTS}; the rest from this line on were left out.` });
      }
      return;
    }
    const eventText = source.slice(node.start, node.end);
    events.push({ id: `${prefix}-${number}`, name: eventName(node, number), text: eventText, origin });
    number++;
  };

  let whole: JsonNode | undefined;
  let wholeError: { message: string; offset: number } | undefined;
  try {
    whole = parseJson(text);
  } catch (error) {
    wholeError = syntaxError(error);
  }
  if (whole !== undefined) {
    if (whole.kind === "array") {
      if (whole.items.length === 0) problems.push({ line: 1, message: "The array holds no events." });
      for (const item of whole.items) add(item, text, 0);
    } else add(whole, text, 0);
    return { events, problems };
  }

  // Not one JSON document: JSON Lines when it is no array and two lines are objects on their own
  // (a broken pretty-printed object has none).
  const rows = text.split("\n");
  if (text.trimStart().startsWith("[") || !looksLikeJsonLines(rows)) {
    const error = wholeError ?? { message: "not valid JSON", offset: 0 };
    return { events, problems: [{ line: lineOf(lines, error.offset), message: `Not valid JSON: ${error.message} (line ${lineOf(lines, error.offset)}, column ${columnOf(lines, error.offset)}).` }] };
  }
  rows.forEach((row, index) => {
    const line = index + 1;
    const rowText = row.endsWith("\r") ? row.slice(0, -1) : row;
    if (rowText.trim() === "") return;
    try {
      add(parseJson(rowText), rowText, (lines[index] ?? 0));
    } catch (error) {
      const { message, offset } = syntaxError(error);
      problems.push({ line, message: `Not valid JSON: ${message} (column ${offset + 1}).` });
    }
  });
  return { events, problems };
}

function looksLikeJsonLines(rows: readonly string[]): boolean {
  let objects = 0;
  for (const row of rows) {
    const trimmed = row.trim();
    if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) continue;
    try {
      if (parseJson(trimmed).kind === "object" && ++objects >= 2) return true;
    } catch {
      // not a document on its own
    }
  }
  return false;
}

function syntaxError(error: unknown): { message: string; offset: number } {
  if (error instanceof Error && "offset" in error && typeof error.offset === "number") return { message: error.message, offset: error.offset };
  throw error;
}

function describeKind(node: JsonNode): string {
  switch (node.kind) {
    case "array":
      return "an array";
    case "string":
      return "a string";
    case "number":
      return "a number";
    default:
      return node.kind;
  }
}

/** A readable name: `EC2 Instance State-change Notification (aws.ec2)`, else `Event 3`. */
function eventName(node: JsonNode & { kind: "object" }, number: number): string {
  let detailType: string | undefined;
  let source: string | undefined;
  let topic: string | undefined;
  for (const entry of node.entries) {
    if (entry.value.kind !== "string") continue;
    if (entry.key === "detail-type") detailType = entry.value.value;
    else if (entry.key === "source") source = entry.value.value;
    else if (entry.key === "topic") topic = entry.value.value;
  }
  if (detailType !== undefined && source !== undefined) return `${detailType} (${source})`;
  if (topic !== undefined) return `Record from ${topic}`;
  return `Event ${number}`;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

function columnOf(starts: readonly number[], offset: number): number {
  return offset - (starts[lineOf(starts, offset) - 1] ?? 0) + 1;
}

// ---------------------------------------------------------------------------------------------
// Preparing events for matching

/** What the lab matches: EventBridge events (envelope required) or one kind of stream record. */
export type EventKind = "eventbridge" | StreamKind;

export type PreparedEvent =
  | { readonly event: LabEvent; readonly ok: true; readonly flat: FlatEvent }
  | { readonly event: LabEvent; readonly ok: false; readonly error: string };

const preparedCache = new Map<EventKind, WeakMap<LabEvent, PreparedEvent>>();

/**
 * Parses and flattens each event once; cached per event object, so calling this on every keystroke
 * with the same `LabEvent` objects costs a lookup each.
 */
export function prepareEvents(events: readonly LabEvent[], kind: EventKind = "eventbridge"): PreparedEvent[] {
  let cache = preparedCache.get(kind);
  if (cache === undefined) {
    cache = new WeakMap();
    preparedCache.set(kind, cache);
  }
  const out: PreparedEvent[] = new Array<PreparedEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    let prepared = cache.get(event);
    if (prepared === undefined) {
      prepared = prepareOne(event, kind);
      cache.set(event, prepared);
    }
    out[i] = prepared;
  }
  return out;
}

function prepareOne(event: LabEvent, kind: EventKind): PreparedEvent {
  try {
    const flat = kind === "eventbridge" ? readEvent(event.text) : flattenJson(parseJson(streamRecordForFilter(event.text, kind)));
    return { event, ok: true, flat };
  } catch (error) {
    if (error instanceof InvalidEventError) return { event, ok: false, error: error.detail };
    if (error instanceof Error) return { event, ok: false, error: error.message };
    throw error;
  }
}
