/**
 * Archives and replays: CreateArchive, DescribeArchive, ListArchives, UpdateArchive, DeleteArchive, StartReplay,
 * DescribeReplay, ListReplays, CancelReplay. Which stored events an archive holds: archive-events.ts.
 */
import { compilePattern, InvalidEventPatternError } from "../../../pattern";
import { archiveArn, parseArn, replayArn } from "../../../arn";
import { EVENT_PATTERN_MAX_LENGTH } from "../../../limits";
import { alreadyExists, AwsError, invalid, notFound } from "../../protocol/errors";
import { paginate, readPaging } from "../../protocol/pagination";
import type { Params } from "../../protocol/params";
import { archivedEvents } from "../archive-events";
import { findBus } from "./buses";
import type { Operation, OperationContext } from "./context";

const ARCHIVE_NAME_RULE = { min: 1, max: 48, pattern: /^[.\-_A-Za-z0-9]+$/ };
const REPLAY_NAME_RULE = { min: 1, max: 64, pattern: /^[.\-_A-Za-z0-9]+$/ };
const CONTENTS_CHUNK = 5000;
const seconds = (date: Date | null) => (date === null ? undefined : date.getTime() / 1000);

type ArchiveRow = Awaited<ReturnType<OperationContext["db"]["busArchive"]["findUniqueOrThrow"]>>;

function readPattern(params: Params): string | undefined {
  const pattern = params.optionalString("EventPattern", { max: EVENT_PATTERN_MAX_LENGTH });
  if (pattern !== undefined) {
    try {
      compilePattern(pattern);
    } catch (error) {
      if (error instanceof InvalidEventPatternError) throw new AwsError("InvalidEventPatternException", error.message);
      throw error;
    }
  }
  return pattern;
}

export const createArchive: Operation = async (params, context) => {
  const name = params.string("ArchiveName", ARCHIVE_NAME_RULE);
  const source = params.string("EventSourceArn", { min: 1, max: 1600 });
  const description = params.optionalString("Description", { max: 512 });
  const retentionDays = params.optionalNumber("RetentionDays", { min: 0 }) ?? 0;
  const pattern = readPattern(params);
  const bus = await findBus(context, source);
  const arn = archiveArn(context.scope, name);
  if ((await context.db.busArchive.findUnique({ where: { arn } })) !== null) throw alreadyExists(`Archive ${name} already exists.`);
  const archive = await context.db.busArchive.create({
    data: { arn, account: context.scope.account, name, busArn: bus.arn, description, eventPattern: pattern, retentionDays, state: "ENABLED" },
  });
  return { ArchiveArn: arn, State: archive.state, CreationTime: seconds(archive.createdAt) };
};

async function findArchive(context: OperationContext, name: string): Promise<ArchiveRow> {
  const archive = await context.db.busArchive.findUnique({ where: { arn: archiveArn(context.scope, name) } });
  if (archive === null) throw notFound(`Archive ${name} does not exist.`);
  return archive;
}

/**
 * The archive's events now, counted by reading its bus's stored events in its window (in chunks,
 * so memory stays flat): the cost grows with the bus's events, as the archive is a view of them.
 */
async function archiveContents(context: OperationContext, archive: ArchiveRow): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  for await (const { events } of archivedEvents(context.db, archive, { chunk: CONTENTS_CHUNK })) {
    count += events.length;
    for (const event of events) bytes += Buffer.byteLength(event.body, "utf8");
  }
  return { count, bytes };
}

export const describeArchive: Operation = async (params, context) => {
  const archive = await findArchive(context, params.string("ArchiveName", ARCHIVE_NAME_RULE));
  const contents = await archiveContents(context, archive);
  return {
    ArchiveArn: archive.arn,
    ArchiveName: archive.name,
    EventSourceArn: archive.busArn,
    Description: archive.description ?? undefined,
    EventPattern: archive.eventPattern ?? undefined,
    State: archive.state,
    RetentionDays: archive.retentionDays,
    SizeBytes: contents.bytes,
    EventCount: contents.count,
    CreationTime: seconds(archive.createdAt),
  };
};

export const listArchives: Operation = async (params, context) => {
  const prefix = params.optionalString("NamePrefix", ARCHIVE_NAME_RULE);
  const source = params.optionalString("EventSourceArn", { min: 1, max: 1600 });
  const state = params.optionalString("State");
  const paging = readPaging(params);
  const archives = await context.db.busArchive.findMany({
    where: {
      account: context.scope.account,
      ...(prefix === undefined ? {} : { name: { startsWith: prefix } }),
      ...(source === undefined ? {} : { busArn: source }),
      ...(state === undefined ? {} : { state }),
    },
    orderBy: { name: "asc" },
  });
  const page = paginate(archives, paging);
  const described = [];
  for (const archive of page.items) {
    const contents = await archiveContents(context, archive);
    described.push({
      ArchiveName: archive.name,
      EventSourceArn: archive.busArn,
      State: archive.state,
      RetentionDays: archive.retentionDays,
      SizeBytes: contents.bytes,
      EventCount: contents.count,
      CreationTime: seconds(archive.createdAt),
    });
  }
  return { Archives: described, NextToken: page.nextToken };
};

/** Changes an archive's description, pattern or retention; members left out stay as they are. */
export const updateArchive: Operation = async (params, context) => {
  const archive = await findArchive(context, params.string("ArchiveName", ARCHIVE_NAME_RULE));
  const description = params.optionalString("Description", { max: 512 });
  const retentionDays = params.optionalNumber("RetentionDays", { min: 0 });
  const pattern = readPattern(params);
  const updated = await context.db.busArchive.update({
    where: { arn: archive.arn },
    data: {
      ...(description === undefined ? {} : { description }),
      ...(retentionDays === undefined ? {} : { retentionDays }),
      ...(pattern === undefined ? {} : { eventPattern: pattern }),
    },
  });
  return { ArchiveArn: updated.arn, State: updated.state, CreationTime: seconds(updated.createdAt) };
};

export const deleteArchive: Operation = async (params, context) => {
  const archive = await findArchive(context, params.string("ArchiveName", ARCHIVE_NAME_RULE));
  const running = await context.db.busReplay.count({
    where: { archiveArn: archive.arn, state: { in: ["STARTING", "RUNNING", "CANCELLING"] } },
  });
  if (running > 0) {
    throw new AwsError("ConcurrentModificationException", `Archive ${archive.name} has a replay in progress.`);
  }
  await context.db.busArchive.delete({ where: { arn: archive.arn } });
  return {};
};

export const startReplay: Operation = async (params, context) => {
  const name = params.string("ReplayName", REPLAY_NAME_RULE);
  params.optionalString("Description", { max: 512 });
  const sourceArn = params.string("EventSourceArn", { min: 1, max: 1600 });
  const start = params.optionalDate("EventStartTime");
  const end = params.optionalDate("EventEndTime");
  if (start === undefined) throw invalid("1 validation error detected: Value null at 'eventStartTime' failed to satisfy constraint: Member must not be null");
  if (end === undefined) throw invalid("1 validation error detected: Value null at 'eventEndTime' failed to satisfy constraint: Member must not be null");
  const destination = params.optionalObject("Destination");
  if (destination === undefined) throw invalid("1 validation error detected: Value null at 'destination' failed to satisfy constraint: Member must not be null");
  const destinationArn = destination.string("Arn", { min: 1, max: 1600 });
  const filterArns = destination.has("FilterArns") ? destination.stringList("FilterArns") : [];
  if (start.getTime() >= end.getTime()) {
    throw invalid("Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.");
  }
  if (end.getTime() > Date.now()) {
    throw invalid("Parameter EventEndTime is not valid. Reason: EventEndTime must be before the current time.");
  }
  const archiveName = parseArn(sourceArn)?.resource.startsWith("archive/") ? sourceArn.slice(sourceArn.indexOf("archive/") + 8) : undefined;
  if (archiveName === undefined) throw invalid(`Parameter EventSourceArn is not valid. Reason: ${sourceArn} is not an archive ARN.`);
  const archive = await findArchive(context, archiveName);
  const bus = await findBus(context, destinationArn);
  if (bus.arn !== archive.busArn) {
    throw invalid("Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.");
  }
  const arn = replayArn(context.scope, name);
  if ((await context.db.busReplay.findUnique({ where: { arn } })) !== null) throw alreadyExists(`Replay ${name} already exists.`);
  const replay = await context.db.busReplay.create({
    data: {
      arn,
      account: context.scope.account,
      name,
      archiveArn: archive.arn,
      destinationArn: bus.arn,
      filterArns: JSON.stringify(filterArns),
      eventStartTime: start,
      eventEndTime: end,
      state: "STARTING",
    },
  });
  context.runtime.replays.poll();
  return { ReplayArn: arn, State: replay.state, ReplayStartTime: seconds(replay.createdAt) };
};

async function findReplay(context: OperationContext, name: string) {
  const replay = await context.db.busReplay.findUnique({ where: { arn: replayArn(context.scope, name) } });
  if (replay === null) throw notFound(`Replay ${name} does not exist.`);
  return replay;
}

type ReplayRow = Awaited<ReturnType<typeof findReplay>>;

function describeReplayRow(replay: ReplayRow) {
  return {
    ReplayName: replay.name,
    ReplayArn: replay.arn,
    EventSourceArn: replay.archiveArn,
    State: replay.state,
    StateReason: replay.state === "FAILED" ? (replay.stateReason ?? undefined) : undefined,
    Destination: { Arn: replay.destinationArn, FilterArns: JSON.parse(replay.filterArns) as string[] },
    EventStartTime: seconds(replay.eventStartTime),
    EventEndTime: seconds(replay.eventEndTime),
    EventLastReplayedTime: seconds(replay.lastReplayedTime),
    ReplayStartTime: seconds(replay.startedAt ?? replay.createdAt),
    ReplayEndTime: seconds(replay.endedAt),
  };
}

export const describeReplay: Operation = async (params, context) =>
  describeReplayRow(await findReplay(context, params.string("ReplayName", REPLAY_NAME_RULE)));

export const listReplays: Operation = async (params, context) => {
  const prefix = params.optionalString("NamePrefix", REPLAY_NAME_RULE);
  const state = params.optionalString("State");
  const source = params.optionalString("EventSourceArn", { min: 1, max: 1600 });
  const paging = readPaging(params);
  const replays = await context.db.busReplay.findMany({
    where: {
      account: context.scope.account,
      ...(prefix === undefined ? {} : { name: { startsWith: prefix } }),
      ...(state === undefined ? {} : { state }),
      ...(source === undefined ? {} : { archiveArn: source }),
    },
    orderBy: { name: "asc" },
  });
  const page = paginate(replays, paging);
  return {
    Replays: page.items.map((replay) => {
      const described = describeReplayRow(replay);
      return { ...described, Destination: undefined, ReplayArn: undefined };
    }),
    NextToken: page.nextToken,
  };
};

export const cancelReplay: Operation = async (params, context) => {
  const replay = await findReplay(context, params.string("ReplayName", REPLAY_NAME_RULE));
  if (replay.state !== "STARTING" && replay.state !== "RUNNING") {
    throw new AwsError("IllegalStatusException", `Replay ${replay.name} is not in a valid state for this operation.`);
  }
  const updated = await context.db.busReplay.updateMany({
    where: { arn: replay.arn, state: replay.state },
    data: { state: "CANCELLING" },
  });
  if (updated.count === 0) {
    throw new AwsError("ConcurrentModificationException", `Replay ${replay.name} changed state while it was being cancelled.`);
  }
  return { ReplayArn: replay.arn, State: "CANCELLING" };
};
