/**
 * Archives: CreateArchive, DescribeArchive, ListArchives, UpdateArchive, DeleteArchive. Which
 * stored events an archive holds: archive-events.ts.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateArchive.html
 */
import { compilePattern, InvalidEventPatternError } from "../../../pattern";
import { archiveArn } from "../../../arn";
import { alreadyExists, AwsError, invalid, notFound } from "../../protocol/errors";
import { paginate, readPaging } from "../../protocol/pagination";
import type { Params } from "../../protocol/params";
import { archivedEvents } from "../archive-events";
import { findBus } from "./buses";
import { epochSeconds, type Operation, type OperationContext, namePrefixWhere } from "./context";

const CONTENTS_CHUNK = 5000;

type ArchiveRow = Awaited<ReturnType<OperationContext["db"]["busArchive"]["findUniqueOrThrow"]>>;

function readPattern(params: Params): string | undefined {
  const pattern = params.optionalString("EventPattern");
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
  const name = params.string("ArchiveName");
  const source = params.string("EventSourceArn");
  const description = params.optionalString("Description");
  const retentionDays = params.optionalNumber("RetentionDays") ?? 0;
  const kmsKeyIdentifier = params.optionalString("KmsKeyIdentifier");
  const pattern = readPattern(params);
  const bus = await findBus(context, source);
  const arn = archiveArn(context.scope, name);
  if ((await context.db.busArchive.findUnique({ where: { arn } })) !== null) throw alreadyExists(`Archive ${name} already exists.`);
  const archive = await context.db.busArchive.create({
    data: { arn, account: context.scope.account, name, busArn: bus.arn, description, eventPattern: pattern, retentionDays, kmsKeyIdentifier, state: "ENABLED" },
  });
  return { ArchiveArn: arn, State: archive.state, CreationTime: epochSeconds(archive.createdAt) };
};

export async function findArchive(context: OperationContext, name: string): Promise<ArchiveRow> {
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
  const archive = await findArchive(context, params.string("ArchiveName"));
  const contents = await archiveContents(context, archive);
  return {
    ArchiveArn: archive.arn,
    ArchiveName: archive.name,
    EventSourceArn: archive.busArn,
    Description: archive.description ?? undefined,
    EventPattern: archive.eventPattern ?? undefined,
    State: archive.state,
    KmsKeyIdentifier: archive.kmsKeyIdentifier ?? undefined,
    RetentionDays: archive.retentionDays,
    SizeBytes: contents.bytes,
    EventCount: contents.count,
    CreationTime: epochSeconds(archive.createdAt),
  };
};

export const listArchives: Operation = async (params, context) => {
  const prefix = params.optionalString("NamePrefix");
  const source = params.optionalString("EventSourceArn");
  const state = params.optionalString("State");
  const paging = readPaging(params);
  // A source that is not a bus is AWS's ResourceNotFoundException, not an empty list.
  if (source !== undefined) await findBus(context, source);
  const archives = await context.db.busArchive.findMany({
    where: {
      account: context.scope.account,
      ...namePrefixWhere(prefix),
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
      CreationTime: epochSeconds(archive.createdAt),
    });
  }
  return { Archives: described, NextToken: page.nextToken };
};

/** Changes an archive's description, pattern, retention or key; members left out stay as they are. */
export const updateArchive: Operation = async (params, context) => {
  const name = params.string("ArchiveName");
  const description = params.optionalString("Description");
  const retentionDays = params.optionalNumber("RetentionDays");
  const kmsKeyIdentifier = params.optionalString("KmsKeyIdentifier");
  const pattern = readPattern(params);
  if (description === undefined && retentionDays === undefined && pattern === undefined && kmsKeyIdentifier === undefined) {
    throw invalid("At least one of EventPattern, RetentionDays or Description must be provided.");
  }
  const archive = await findArchive(context, name);
  const updated = await context.db.busArchive.update({
    where: { arn: archive.arn },
    data: {
      ...(description === undefined ? {} : { description }),
      ...(retentionDays === undefined ? {} : { retentionDays }),
      ...(pattern === undefined ? {} : { eventPattern: pattern }),
      ...(kmsKeyIdentifier === undefined ? {} : { kmsKeyIdentifier }),
    },
  });
  return { ArchiveArn: updated.arn, State: updated.state, CreationTime: epochSeconds(updated.createdAt) };
};

export const deleteArchive: Operation = async (params, context) => {
  const archive = await findArchive(context, params.string("ArchiveName"));
  const running = await context.db.busReplay.count({
    where: { archiveArn: archive.arn, state: { in: ["STARTING", "RUNNING", "CANCELLING"] } },
  });
  if (running > 0) {
    throw new AwsError("ConcurrentModificationException", `Archive ${archive.name} has a replay in progress.`);
  }
  await context.db.busArchive.delete({ where: { arn: archive.arn } });
  return {};
};

