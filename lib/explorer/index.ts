/**
 * The events explorer's queries over the stored events: newest first, keyset-paged by row id
 * (ids sort by ingestion time), filtered by time range, bus, source, detail-type, free text and
 * an event pattern (the shared matcher, applied while scanning so a page fills even when few
 * events match), plus one event's detail with its matched rules and deliveries.
 */
import { z } from "zod";
import type { Db } from "../db";
import { fromZodError, NotFoundError, ValidationError } from "../errors";
import { idLowerBound } from "../ids";
import { EVENT_PATTERN_MAX_LENGTH } from "../limits";
import { compilePattern, InvalidEventPatternError, matchesEvent, readEvent, type CompiledPattern } from "../pattern";
import type { PipeRunStatus, PipeStep } from "../emulator/pipes/engine";

export const PAGE_SIZE = 100;
/** A pattern filter reads at most this many events per request, then hands back a cursor. */
const PATTERN_SCAN_LIMIT = 20_000;
const SCAN_CHUNK = 1000;

const filterSchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  bus: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  detailType: z.string().min(1).optional(),
  text: z.string().min(1).max(500).optional(),
  pattern: z.string().min(1).max(EVENT_PATTERN_MAX_LENGTH).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE).optional(),
});

export type EventFilter = z.infer<typeof filterSchema>;

export interface EventSummary {
  readonly id: string;
  readonly eventId: string;
  readonly busArn: string;
  readonly source: string;
  readonly detailType: string;
  readonly time: string;
  readonly ingestedAt: string;
  readonly replayName: string | null;
  readonly matchedRules: number;
}

export interface EventPage {
  readonly events: EventSummary[];
  /** Where the next page starts; absent at the end. */
  readonly nextCursor: string | undefined;
  readonly scanned: number;
}

/** Reads filters from query parameters (empty values ignored); bad values → ValidationError. */
export function parseEventFilter(params: URLSearchParams): EventFilter {
  const raw = Object.fromEntries([...params.entries()].filter(([, value]) => value.trim() !== ""));
  const parsed = filterSchema.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error, "event filter");
  return parsed.data;
}

function compileFilterPattern(text: string | undefined): CompiledPattern | undefined {
  if (text === undefined) return undefined;
  try {
    return compilePattern(text);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) {
      throw new ValidationError(error.message, [{ path: "pattern", message: error.reason }]);
    }
    throw error;
  }
}

export async function queryEvents(db: Db, filter: EventFilter): Promise<EventPage> {
  const pattern = compileFilterPattern(filter.pattern);
  const limit = filter.limit ?? PAGE_SIZE;
  const where = {
    ...(filter.bus === undefined ? {} : { busArn: filter.bus }),
    ...(filter.source === undefined ? {} : { source: filter.source }),
    ...(filter.detailType === undefined ? {} : { detailType: filter.detailType }),
    ...(filter.text === undefined ? {} : { body: { contains: filter.text } }),
  };
  // Row ids begin with their ingestion time: the time range is an id range the indexes can walk.
  const lowest = filter.from === undefined ? undefined : idLowerBound("busEvent", new Date(filter.from).getTime());
  const highest = filter.to === undefined ? undefined : idLowerBound("busEvent", new Date(filter.to).getTime() + 1);
  const select = {
    id: true,
    eventId: true,
    busArn: true,
    source: true,
    detailType: true,
    time: true,
    ingestedAt: true,
    replayName: true,
    matchedRules: true,
    body: pattern !== undefined,
  };
  const found: EventSummary[] = [];
  let cursor = filter.cursor;
  let scanned = 0;
  for (;;) {
    const take = pattern === undefined ? limit + 1 : SCAN_CHUNK;
    const rows = await db.busEvent.findMany({
      where: { ...where, id: idRange(lowest, cursor !== undefined && (highest === undefined || cursor < highest) ? cursor : highest) },
      orderBy: { id: "desc" },
      take,
      select,
    });
    for (const row of rows) {
      scanned++;
      if (pattern !== undefined && !matchesEvent(pattern, readEvent(row.body))) {
        cursor = row.id;
        continue;
      }
      if (found.length === limit) return { events: found, nextCursor: cursor, scanned };
      found.push(summary(row));
      cursor = row.id;
    }
    if (rows.length < take) return { events: found, nextCursor: undefined, scanned };
    if (pattern === undefined || scanned >= PATTERN_SCAN_LIMIT) return { events: found, nextCursor: cursor, scanned };
  }
}

function idRange(lowest: string | undefined, below: string | undefined) {
  return { ...(lowest === undefined ? {} : { gte: lowest }), ...(below === undefined ? {} : { lt: below }) };
}

export function summary(row: {
  id: string;
  eventId: string;
  busArn: string;
  source: string;
  detailType: string;
  time: Date | string;
  ingestedAt: Date | string;
  replayName?: string | null;
  matchedRules?: string;
}): EventSummary {
  return {
    id: row.id,
    eventId: row.eventId,
    busArn: row.busArn,
    source: row.source,
    detailType: row.detailType,
    time: new Date(row.time).toISOString(),
    ingestedAt: new Date(row.ingestedAt).toISOString(),
    replayName: row.replayName ?? null,
    matchedRules: (JSON.parse(row.matchedRules ?? "[]") as string[]).length,
  };
}

export interface DeliveryView {
  readonly id: string;
  readonly ruleArn: string;
  readonly targetId: string;
  readonly targetArn: string;
  readonly kind: string;
  readonly status: string;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastResponse: string | null;
  readonly lastError: string | null;
  readonly durationMs: number | null;
  readonly payload: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface EventDetail extends EventSummary {
  readonly body: string;
  readonly rules: string[];
  readonly deliveries: DeliveryView[];
}

export async function eventDetail(db: Db, id: string): Promise<EventDetail> {
  const row = await db.busEvent.findUnique({ where: { id } });
  if (row === null) throw new NotFoundError(`Event ${id} is not stored.`);
  const deliveries = await db.delivery.findMany({ where: { eventRowId: id }, orderBy: { createdAt: "asc" } });
  return {
    ...summary(row),
    body: row.body,
    rules: JSON.parse(row.matchedRules) as string[],
    deliveries: deliveries.map((d) => ({
      id: d.id,
      ruleArn: d.ruleArn,
      targetId: d.targetId,
      targetArn: d.targetArn,
      kind: d.kind,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastResponse: d.lastResponse,
      lastError: d.lastError,
      durationMs: d.durationMs,
      payload: d.payload,
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    })),
  };
}

/** The stored bodies of the chosen events, one JSON document per line, newest first. */
export async function exportJsonLines(db: Db, ids: readonly string[]): Promise<string> {
  const rows = await db.busEvent.findMany({ where: { id: { in: [...ids] } }, orderBy: { id: "desc" }, select: { body: true } });
  return rows.map((row) => JSON.stringify(JSON.parse(row.body)) + "\n").join("");
}

export const selectionSchema = z.object({ ids: z.array(z.string().min(1)).min(1).max(1000) });

/** One batch through a pipe with its steps: what entered, what the filter dropped, the enrichment's answer, what the target received. */
export interface PipeRunView {
  readonly id: string;
  readonly pipeArn: string;
  readonly status: PipeRunStatus;
  readonly steps: readonly PipeStep[];
  readonly createdAt: string;
}

/** A pipe's runs (every pipe's when `pipeArn` is absent), newest first, paged by run id. */
export async function queryPipeRuns(db: Db, filter: { pipeArn?: string; cursor?: string; limit?: number }): Promise<{ runs: PipeRunView[]; nextCursor: string | undefined }> {
  const limit = Math.min(filter.limit ?? PAGE_SIZE, PAGE_SIZE);
  const rows = await db.pipeRun.findMany({
    where: { ...(filter.pipeArn === undefined ? {} : { pipeArn: filter.pipeArn }), ...(filter.cursor === undefined ? {} : { id: { lt: filter.cursor } }) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const runs = rows.slice(0, limit).map((row) => ({
    id: row.id,
    pipeArn: row.pipeArn,
    status: row.status as PipeRunStatus,
    steps: JSON.parse(row.steps) as PipeStep[],
    createdAt: row.createdAt.toISOString(),
  }));
  return { runs, nextCursor: rows.length > limit ? runs[runs.length - 1].id : undefined };
}
