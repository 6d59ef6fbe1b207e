/**
 * Which stored events belong to an archive: the one definition DescribeArchive / ListArchives
 * (counts and sizes) and the replay runner read. An archive holds the events its bus took in
 * since the archive was created (only `retentionDays` back when set) that match its pattern;
 * replayed events are not archived again. "Took in" is the row's ingestion time, which its id
 * begins with (lib/ids.ts), so the bound is an id range the primary index walks. Captured events
 * are stored with their event time as ingestion time (lib/capture), so they land in the archive
 * window of their own time.
 */
import type { Db } from "../../db";
import { idLowerBound } from "../../ids";
import { compilePattern, matchesEvent, readEvent } from "../../pattern";

export interface ArchiveDefinition {
  readonly busArn: string;
  readonly createdAt: Date;
  readonly retentionDays: number;
  readonly eventPattern: string | null;
}

/** Where the archive begins: its creation, or `retentionDays` back when that is later. */
export function archiveStart(archive: Pick<ArchiveDefinition, "createdAt" | "retentionDays">, now = Date.now()): Date {
  if (archive.retentionDays <= 0) return archive.createdAt;
  const kept = new Date(now - archive.retentionDays * 86_400_000);
  return kept > archive.createdAt ? kept : archive.createdAt;
}

/** The stored rows an archive covers, before its pattern is applied, as a database filter. */
export function archiveRowsWhere(archive: ArchiveDefinition, eventTime?: { readonly gte: Date; readonly lt: Date }) {
  return {
    busArn: archive.busArn,
    replayName: null,
    id: { gte: idLowerBound("busEvent", archiveStart(archive).getTime()) },
    ...(eventTime === undefined ? {} : { time: eventTime }),
  };
}

const ARCHIVED_ROW = { id: true, eventId: true, source: true, detailType: true, time: true, body: true } as const;

export interface ArchivedChunk {
  /** The rows of this chunk that match the archive's pattern. */
  readonly events: readonly { id: string; eventId: string; source: string; detailType: string; time: Date; body: string }[];
  /** Rows read for this chunk, matching or not. */
  readonly scanned: number;
  /** The event time of the chunk's last row read. */
  readonly lastTime: Date;
}

/**
 * The archive's events (those with an event time in `eventTime` when given), read `chunk` rows
 * at a time in id order so memory stays flat however large the bus's history.
 */
export async function* archivedEvents(
  db: Db,
  archive: ArchiveDefinition,
  { chunk, eventTime }: { readonly chunk: number; readonly eventTime?: { readonly gte: Date; readonly lt: Date } },
): AsyncGenerator<ArchivedChunk> {
  const pattern = archive.eventPattern === null ? undefined : compilePattern(archive.eventPattern);
  const where = archiveRowsWhere(archive, eventTime);
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.busEvent.findMany({
      where: cursor === undefined ? where : { ...where, id: { ...where.id, gt: cursor } },
      orderBy: { id: "asc" },
      take: chunk,
      select: ARCHIVED_ROW,
    });
    if (rows.length === 0) return;
    cursor = rows[rows.length - 1].id;
    const events = pattern === undefined ? rows : rows.filter((row) => matchesEvent(pattern, readEvent(row.body)));
    yield { events, scanned: rows.length, lastTime: rows[rows.length - 1].time };
    if (rows.length < chunk) return;
  }
}
