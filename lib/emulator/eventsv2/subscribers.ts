/**
 * A subscriber's run state and replays (eventsv2 API reference, UpdateSubscriber): a STOPPED
 * subscriber's events wait as its backlog; RUNNING again resumes at `LAST_PROCESSED` (the
 * default: the backlog is delivered, oldest first) or at `LATEST` (the backlog is skipped). A
 * replay delivers the bus's retained events from a point in time to one subscriber again, each
 * with `aws:DeliveryType` `REPLAY` in its SystemMetadata (eb-custom-bus-filtering.html).
 */
import { idLowerBound } from "../../ids";
import { NotFoundError, ValidationError } from "../../errors";
import { parseArn } from "../../arn";
import { ingestEvents } from "../events/ingest";
import type { BusRuntime } from "../runtime";
import { findEventBusV2, toLive, type SubscriberState } from "./resources";
import { subscriberDeliveries } from "./publish";

export type ResumePosition = "LAST_PROCESSED" | "LATEST";

const DAY_MS = 86_400_000;

async function findSubscriber(runtime: BusRuntime, arn: string) {
  const row = await runtime.db.busSubscriber.findUnique({ where: { arn } });
  if (row === null) throw new NotFoundError(`Subscriber ${arn} does not exist.`);
  return row;
}

/** Stops or runs the subscriber; answers how many waiting deliveries were released (or skipped). */
export async function setSubscriberState(runtime: BusRuntime, arn: string, state: SubscriberState, resumePosition: ResumePosition = "LAST_PROCESSED"): Promise<number> {
  const row = await findSubscriber(runtime, arn);
  await runtime.db.busSubscriber.update({ where: { arn }, data: { state } });
  if (state === "STOPPED" || row.state === "RUNNING") return 0;
  const backlog = await runtime.db.delivery.findMany({ where: { ruleArn: arn, status: "paused" }, orderBy: { id: "asc" } });
  if (resumePosition === "LATEST") {
    await runtime.db.delivery.updateMany({
      where: { ruleArn: arn, status: "paused" },
      data: { status: "skipped", lastError: "Resumed at LATEST: events published while the subscriber was stopped are not delivered." },
    });
    return backlog.length;
  }
  // Oldest first, so a FIFO subscriber's groups keep their order.
  const now = new Date();
  for (const delivery of backlog) {
    const status = delivery.kind === "inbox" ? "inbox" : "pending";
    await runtime.db.delivery.update({
      where: { id: delivery.id },
      data: { status, attempts: status === "inbox" ? 1 : 0, nextAttemptAt: now, expiresAt: new Date(now.getTime() + row.maxEventAgeSec * 1000) },
    });
    if (status === "inbox" && parseArn(delivery.targetArn)?.service === "sqs") runtime.queues.deliver(delivery.targetArn, delivery.payload, "AIDAEVENTBRIDGELOCAL");
  }
  if (backlog.some((d) => d.kind !== "inbox")) runtime.dispatcher.wake();
  return backlog.length;
}

/**
 * Delivers the bus's events accepted since `from` to the subscriber again, marked REPLAY and
 * stored under `replayName`; answers how many it received. `from` must lie within the bus's
 * retention: older events are gone.
 */
export async function replaySubscriber(runtime: BusRuntime, arn: string, from: Date, now: Date = new Date()): Promise<number> {
  const row = await findSubscriber(runtime, arn);
  const bus = await findEventBusV2(runtime.db, row.busArn);
  const oldest = new Date(now.getTime() - bus.retentionDays * DAY_MS);
  if (from < oldest) {
    throw new ValidationError(`Bus ${bus.name} keeps events for ${bus.retentionDays} days: a replay starts at ${oldest.toISOString()} at the earliest, not ${from.toISOString()}.`);
  }
  const subscriber = toLive(row);
  const originals = await runtime.db.busEvent.findMany({
    where: { busArn: bus.arn, replayName: null, id: { gte: idLowerBound("busEvent", from.getTime()) } },
    orderBy: { id: "asc" },
  });
  const replayName = `${row.name} from ${from.toISOString()}`;
  const events = [];
  for (const original of originals) {
    const stored = { ...original, text: original.body, eventGroupId: original.eventGroupId ?? undefined, deduplicationId: original.deduplicationId ?? undefined };
    const deliveries = await subscriberDeliveries([subscriber], stored, "REPLAY");
    if (deliveries.length === 0) continue;
    events.push({ ...stored, ingestedAt: now, replayName, subscribers: deliveries });
  }
  if (events.length === 0) return 0;
  const { pending } = await ingestEvents(runtime, events);
  if (pending > 0) runtime.dispatcher.wake();
  return events.length;
}
