/**
 * Runs replays: the archive's events (archive-events.ts) in the replay's time window (by event
 * time) are put again on the destination bus with `replay-name` added, only to the
 * rules in FilterArns when given. Progress is written after each batch; a CANCELLING replay stops
 * at the next batch. A replay interrupted by a stop or a crash starts over on the next start
 * (at-least-once).
 */
import type { Db } from "../../db";
import { describeForLog } from "../protocol/errors";
import { archivedEvents, archiveRowsWhere } from "./archive-events";
import { withReplayName } from "./event-envelope";
import { ingestEvents, type IngestDeps } from "./ingest";

const BATCH = 100;
const POLL_MS = 500;

export class ReplayRunner {
  private timer: NodeJS.Timeout | undefined;
  /** Replays running in this process, by ARN. */
  private readonly active = new Map<string, Promise<void>>();
  private stopped = true;

  private readonly db: Db;

  constructor(
    private readonly deps: IngestDeps,
    private readonly onDelivered: () => void,
  ) {
    this.db = deps.db;
  }

  start(): void {
    this.stopped = false;
    this.poll();
  }

  /** Stops polling; resolves when the replays under way have stopped at their next batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all(this.active.values());
  }

  poll(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    void this.db.busReplay
      .findMany({ where: { state: { in: ["STARTING", "RUNNING", "CANCELLING"] } } })
      .then((replays) => {
        for (const replay of replays) {
          if (this.active.has(replay.arn)) continue;
          const running = this.run(replay.arn)
            .catch((error: unknown) => this.fail(replay.arn, `Replay stopped by an internal error (${describeForLog(error)}).`))
            .finally(() => this.active.delete(replay.arn));
          this.active.set(replay.arn, running);
        }
      })
      .catch((error: unknown) => console.error(`[bus] replay poll failed: ${describeForLog(error)}`))
      .finally(() => {
        if (this.stopped) return;
        this.timer = setTimeout(() => this.poll(), POLL_MS);
        this.timer.unref();
      });
  }

  private async run(arn: string): Promise<void> {
    const replay = await this.db.busReplay.findUniqueOrThrow({ where: { arn } });
    if (replay.state === "CANCELLING") {
      await this.finish(arn, "CANCELLED");
      return;
    }
    const archive = await this.db.busArchive.findUnique({ where: { arn: replay.archiveArn } });
    if (archive === null) return this.fail(arn, `Archive ${replay.archiveArn} does not exist.`);
    const eventTime = { gte: replay.eventStartTime, lt: replay.eventEndTime };
    const total = await this.db.busEvent.count({ where: archiveRowsWhere(archive, eventTime) });
    await this.db.busReplay.update({
      where: { arn },
      data: { state: "RUNNING", startedAt: new Date(), totalCount: total, replayedCount: 0 },
    });
    const filter: string[] = JSON.parse(replay.filterArns) as string[];
    const onlyRules = filter.length > 0 ? new Set(filter) : undefined;
    let processed = 0;
    const stopping = async () => {
      // Stopping the process leaves the replay RUNNING: the next start runs it again.
      if (this.stopped) return true;
      const current = await this.db.busReplay.findUniqueOrThrow({ where: { arn }, select: { state: true } });
      if (current.state === "CANCELLING") await this.finish(arn, "CANCELLED");
      return current.state === "CANCELLING";
    };
    if (await stopping()) return;
    for await (const { events, scanned, lastTime } of archivedEvents(this.db, archive, { chunk: BATCH, eventTime })) {
      if (events.length > 0) {
        await ingestEvents(
          this.deps,
          events.map((event) => ({
            eventId: event.eventId,
            busArn: replay.destinationArn,
            source: event.source,
            detailType: event.detailType,
            time: event.time,
            ingestedAt: new Date(),
            text: withReplayName(event.body, replay.name),
            replayName: replay.name,
            onlyRules,
          })),
        );
        this.onDelivered();
      }
      processed += scanned;
      await this.db.busReplay.update({ where: { arn }, data: { replayedCount: processed, lastReplayedTime: lastTime } });
      if (await stopping()) return;
    }
    await this.finish(arn, "COMPLETED");
  }

  private async finish(arn: string, state: "COMPLETED" | "CANCELLED"): Promise<void> {
    await this.db.busReplay.update({ where: { arn }, data: { state, endedAt: new Date() } });
  }

  private async fail(arn: string, reason: string): Promise<void> {
    await this.db.busReplay.update({ where: { arn }, data: { state: "FAILED", stateReason: reason, endedAt: new Date() } });
  }
}
