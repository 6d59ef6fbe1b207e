/**
 * Replays: StartReplay, DescribeReplay, ListReplays, CancelReplay (replay-runner.ts runs them).
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_StartReplay.html
 */
import { parseArn, replayArn } from "../../../arn";
import { alreadyExists, AwsError, invalidParameter, notFound } from "../../protocol/errors";
import { paginate, readPaging } from "../../protocol/pagination";
import { findArchive } from "./archives";
import { findBus } from "./buses";
import { epochSeconds, type Operation, type OperationContext, namePrefixWhere } from "./context";

const seconds = (date: Date | null) => (date === null ? undefined : epochSeconds(date));

/**
 * An EventEndTime ahead of the clock is accepted, as AWS accepts one (AWS documents no bound): the
 * replay takes the events in the window that the archive holds when it runs.
 */
export const startReplay: Operation = async (params, context) => {
  const name = params.string("ReplayName");
  const description = params.optionalString("Description");
  const sourceArn = params.string("EventSourceArn");
  const start = params.date("EventStartTime");
  const end = params.date("EventEndTime");
  const destination = params.object("Destination");
  const destinationArn = destination.string("Arn");
  const filterArns = destination.stringList("FilterArns");
  if (start.getTime() >= end.getTime()) throw invalidParameter("EventEndTime", "EventStartTime must be before EventEndTime.");
  const archiveName = archiveNameOf(sourceArn);
  if (archiveName === undefined) throw invalidParameter("EventSourceArn", `${sourceArn} is not an archive ARN.`);
  const archive = await findArchive(context, archiveName).catch((error: unknown) => {
    if (error instanceof AwsError && error.type === "ResourceNotFoundException") throw invalidParameter("EventSourceArn", `Archive ${archiveName} does not exist.`);
    throw error;
  });
  const bus = await findBus(context, destinationArn);
  if (bus.arn !== archive.busArn) throw invalidParameter("Destination.Arn", "Cross event bus replay is not permitted.");
  const arn = replayArn(context.scope, name);
  if ((await context.db.busReplay.findUnique({ where: { arn } })) !== null) throw alreadyExists(`Replay ${name} already exists.`);
  const replay = await context.db.busReplay.create({
    data: {
      arn,
      account: context.scope.account,
      name,
      description,
      archiveArn: archive.arn,
      destinationArn: bus.arn,
      filterArns: JSON.stringify(filterArns),
      eventStartTime: start,
      eventEndTime: end,
      state: "STARTING",
    },
  });
  context.runtime.replays.poll();
  return { ReplayArn: arn, State: replay.state, ReplayStartTime: epochSeconds(replay.createdAt) };
};

function archiveNameOf(arn: string): string | undefined {
  const resource = parseArn(arn)?.resource;
  return resource?.startsWith("archive/") ? resource.slice("archive/".length) : undefined;
}

async function findReplay(context: OperationContext, name: string) {
  const replay = await context.db.busReplay.findUnique({ where: { arn: replayArn(context.scope, name) } });
  if (replay === null) throw notFound(`Replay ${name} does not exist.`);
  return replay;
}

type ReplayRow = Awaited<ReturnType<typeof findReplay>>;

/** The Replay structure of ListReplays (DescribeReplay adds ReplayArn, Description and Destination). */
function summary(replay: ReplayRow) {
  return {
    ReplayName: replay.name,
    EventSourceArn: replay.archiveArn,
    State: replay.state,
    StateReason: replay.state === "FAILED" ? (replay.stateReason ?? undefined) : undefined,
    EventStartTime: epochSeconds(replay.eventStartTime),
    EventEndTime: epochSeconds(replay.eventEndTime),
    EventLastReplayedTime: seconds(replay.lastReplayedTime),
    ReplayStartTime: epochSeconds(replay.startedAt ?? replay.createdAt),
    ReplayEndTime: seconds(replay.endedAt),
  };
}

export const describeReplay: Operation = async (params, context) => {
  const replay = await findReplay(context, params.string("ReplayName"));
  return {
    ...summary(replay),
    ReplayArn: replay.arn,
    Description: replay.description ?? undefined,
    Destination: { Arn: replay.destinationArn, FilterArns: JSON.parse(replay.filterArns) as string[] },
  };
};

export const listReplays: Operation = async (params, context) => {
  const prefix = params.optionalString("NamePrefix");
  const state = params.optionalString("State");
  const source = params.optionalString("EventSourceArn");
  const paging = readPaging(params);
  const replays = await context.db.busReplay.findMany({
    where: {
      account: context.scope.account,
      ...namePrefixWhere(prefix),
      ...(state === undefined ? {} : { state }),
      ...(source === undefined ? {} : { archiveArn: source }),
    },
    orderBy: { name: "asc" },
  });
  const page = paginate(replays, paging);
  return { Replays: page.items.map(summary), NextToken: page.nextToken };
};

export const cancelReplay: Operation = async (params, context) => {
  const replay = await findReplay(context, params.string("ReplayName"));
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
