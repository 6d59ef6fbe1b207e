/**
 * Which stored events an archive holds: its bus's original events taken in since the archive
 * began, matching its pattern.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive.html
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db";
import { openScratchDatabase, type ScratchDatabase } from "../../db/scratch-database";
import { newId } from "../../ids";
import { archivedEvents, archiveStart, type ArchiveDefinition } from "./archive-events";

let scratch: ScratchDatabase;
let db: Db;

const BUS = "arn:aws:events:us-east-1:000000000000:event-bus/orders";
const CREATED = new Date("2026-11-20T00:00:00Z");

async function store(eventId: string, ingestedAt: Date, options: { bus?: string; source?: string; replayName?: string; time?: Date } = {}) {
  const source = options.source ?? "shop";
  const time = options.time ?? ingestedAt;
  await db.busEvent.create({
    data: {
      id: newId("busEvent", ingestedAt.getTime()),
      eventId,
      busArn: options.bus ?? BUS,
      source,
      detailType: "OrderPaid",
      time,
      ingestedAt,
      replayName: options.replayName ?? null,
      body: JSON.stringify({ version: "0", id: eventId, "detail-type": "OrderPaid", source, account: "000000000000", time: time.toISOString(), region: "us-east-1", resources: [], detail: {} }),
    },
  });
}

async function idsOf(archive: ArchiveDefinition, options: { chunk: number; eventTime?: { gte: Date; lt: Date } }) {
  const ids: string[] = [];
  for await (const { events } of archivedEvents(db, archive, options)) ids.push(...events.map((e) => e.eventId));
  return ids;
}

beforeAll(async () => {
  scratch = await openScratchDatabase("archive-events");
  db = scratch.db;
  await store("before-creation", new Date("2026-11-19T12:00:00Z"));
  await store("first", new Date("2026-11-20T01:00:00Z"));
  await store("other-source", new Date("2026-11-20T02:00:00Z"), { source: "crm" });
  await store("a-replay", new Date("2026-11-20T03:00:00Z"), { replayName: "again" });
  await store("other-bus", new Date("2026-11-20T04:00:00Z"), { bus: `${BUS}-2` });
  await store("second", new Date("2026-11-21T01:00:00Z"), { time: new Date("2026-11-01T00:00:00Z") });
});

afterAll(() => scratch.remove());

describe("archive events", () => {
  it("are the bus's originals taken in since the archive's creation that match its pattern, in any chunk size", async () => {
    const archive = { busArn: BUS, createdAt: CREATED, retentionDays: 0, eventPattern: '{"source":["shop"]}' };
    expect(await idsOf(archive, { chunk: 1000 })).toEqual(["first", "second"]);
    expect(await idsOf(archive, { chunk: 1 })).toEqual(["first", "second"]);
    expect(await idsOf({ ...archive, eventPattern: null }, { chunk: 2 })).toEqual(["first", "other-source", "second"]);
  });

  it("are bounded by ingestion, and a replay's window picks among them by event time", async () => {
    const archive = { busArn: BUS, createdAt: CREATED, retentionDays: 0, eventPattern: null };
    // "second" was taken in after the archive began, though its event time is older.
    expect(await idsOf(archive, { chunk: 10, eventTime: { gte: new Date("2026-11-01T00:00:00Z"), lt: new Date("2026-11-02T00:00:00Z") } })).toEqual(["second"]);
  });

  it("begin at the creation, or retentionDays back when that is later", () => {
    const now = new Date("2026-11-25T00:00:00Z").getTime();
    expect(archiveStart({ createdAt: CREATED, retentionDays: 0 }, now)).toEqual(CREATED);
    expect(archiveStart({ createdAt: CREATED, retentionDays: 30 }, now)).toEqual(CREATED);
    expect(archiveStart({ createdAt: CREATED, retentionDays: 2 }, now)).toEqual(new Date("2026-11-23T00:00:00Z"));
  });
});
