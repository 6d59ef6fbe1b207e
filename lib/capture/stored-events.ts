/**
 * Captured events as Switchyard stores them: under their original bus ARN, with their original
 * event ids and times, as originals (the `replay-name` the capture's own replay added is taken
 * out again). Their ingestion time is their event time, since the Events page orders and ranges by
 * ingestion time and AWS never tells the original one; a local archive of the bus therefore holds
 * them by that time (lib/emulator/events/archive-events.ts). They are stored without running the
 * local rules (capturing history must not call local targets), and an event id already stored for
 * that bus is skipped, so capturing a window twice stores it once.
 */
import { ingestEvents, type IngestDeps } from "@/lib/emulator/events/ingest";

export interface CapturedEvent {
  readonly id: string;
  readonly source: string;
  readonly detailType: string;
  readonly time: Date;
  readonly text: string;
  readonly replayName?: string;
}

/**
 * The EventBridge event an SQS message carries, or undefined when it is not one. With
 * `ownReplay`, the `replay-name` our replay added is taken out again (the text is otherwise kept
 * byte for byte, so large numbers in the detail survive).
 */
export function readCapturedEvent(body: string, ownReplay?: string): CapturedEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  const event = json as Record<string, unknown>;
  const { id, source } = event;
  const detailType = event["detail-type"];
  const time = typeof event.time === "string" ? new Date(event.time) : undefined;
  if (typeof id !== "string" || id === "" || typeof source !== "string" || typeof detailType !== "string" || time === undefined || Number.isNaN(time.getTime())) {
    return undefined;
  }
  const replayName = typeof event["replay-name"] === "string" ? event["replay-name"] : undefined;
  if (ownReplay !== undefined && replayName === ownReplay) {
    return { id, source, detailType, time, text: withoutReplayName(body.trim(), ownReplay) };
  }
  return { id, source, detailType, time, text: body.trim(), ...(replayName === undefined ? {} : { replayName }) };
}

/** Removes the top-level `"replay-name": "<name>"` member from an event's JSON text. */
export function withoutReplayName(text: string, replayName: string): string {
  const member = `"replay-name"\\s*:\\s*${JSON.stringify(replayName).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
  for (const candidate of [text.replace(new RegExp(`${member}\\s*,\\s*`), ""), text.replace(new RegExp(`\\s*,\\s*${member}`), "")]) {
    if (candidate === text) continue;
    try {
      const parsed = JSON.parse(candidate) as Record<string, unknown>;
      if (!("replay-name" in parsed)) return candidate;
    } catch {
      // That cut was not the top-level member; try the other, then fall back.
    }
  }
  // Last resort (no textual cut worked): re-serialised, so digits beyond double precision are lost.
  const parsed = JSON.parse(text) as Record<string, unknown>;
  delete parsed["replay-name"];
  return JSON.stringify(parsed);
}

/** Stores one captured event under `busArn`; false when that bus already holds its id. */
export async function storeCapturedEvent(store: IngestDeps, busArn: string, event: CapturedEvent): Promise<boolean> {
  const known = await store.db.busEvent.findFirst({
    // Through the (busArn, time) index: event ids alone are not indexed. An event's `time` names
    // whole seconds while the stored row may keep the milliseconds PutEvents was given.
    where: { busArn, time: { gte: event.time, lt: new Date(event.time.getTime() + 1000) }, eventId: event.id, replayName: event.replayName ?? null },
    select: { id: true },
  });
  if (known !== null) return false;
  await ingestEvents(store, [
    {
      eventId: event.id,
      busArn,
      source: event.source,
      detailType: event.detailType,
      time: event.time,
      ingestedAt: event.time,
      text: event.text,
      ...(event.replayName === undefined ? {} : { replayName: event.replayName }),
      matched: [],
    },
  ]);
  return true;
}
