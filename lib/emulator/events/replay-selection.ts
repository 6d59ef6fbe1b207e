/**
 * Replays events chosen in the explorer: each goes back onto the bus it was stored for, through
 * that bus's current rules, marked with `replay-name` as an archive replay would mark it.
 */
import { withReplayName } from "./event-envelope";
import { ingestEvents } from "./ingest";
import type { BusRuntime } from "../runtime";

export async function replaySelection(runtime: BusRuntime, ids: readonly string[], replayName: string): Promise<number> {
  const rows = await runtime.db.busEvent.findMany({ where: { id: { in: [...ids] } }, orderBy: { id: "asc" } });
  if (rows.length === 0) return 0;
  const now = new Date();
  await ingestEvents(
    runtime,
    rows.map((row) => ({
      eventId: row.eventId,
      busArn: row.busArn,
      source: row.source,
      detailType: row.detailType,
      time: row.time,
      ingestedAt: now,
      // A replayed event keeps the original's text; a replay of a replay names the newest one.
      text: withReplayName(stripReplayName(row.body), replayName),
      replayName,
    })),
  );
  runtime.dispatcher.wake();
  return rows.length;
}

function stripReplayName(text: string): string {
  const prefix = /^\{"replay-name":"(?:[^"\\]|\\.)*",/;
  return prefix.test(text) ? `{${text.replace(prefix, "")}` : text;
}
