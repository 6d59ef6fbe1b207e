/**
 * Schedules firing on the runtime's clock. Each enabled schedule is planned at its next scheduled
 * time (its expression in its time zone, within its start and end dates), moved to a fixed point
 * of its flexible window (schedule-spec.ts); when that comes, the time is claimed by moving the
 * schedule's `lastFireAt` with a compare-and-set (so neither a restart nor a second process fires
 * one time twice) and the target is invoked with the context attributes filled in:
 *   https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html
 *
 * Targets: an SQS queue of the local endpoint gets the message; an event bus of the local
 * endpoint gets a PutEvents entry (Source and DetailType from EventBridgeParameters, the input as
 * Detail) through the same ingest as PutEvents; anything else, universal `aws-sdk` targets
 * included, is recorded with what would have been called. Every fire is recorded as an event on
 * its schedule group (source `aws.scheduler`) with one delivery holding what the target received,
 * so it shows on the Events page.
 *
 * Missed times (the process was down, or the clock jumped): AWS keeps trying an invocation until
 * the target's RetryPolicy.MaximumEventAgeInSeconds (24 hours by default) has passed, then drops
 * it (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html). Read as a
 * late invocation, a missed time is kept that long: after a restart the newest missed time
 * younger than that age fires once, late, with its own scheduled time; older ones are not fired.
 *
 * ActionAfterCompletion DELETE: a schedule with no time left (a one-time schedule that fired, a
 * recurring one past its EndDate) is deleted after its last invocation.
 */
import { randomBytes } from "node:crypto";
import { isJsonObject } from "../../format";
import { parseArn, scheduleGroupArn, type Scope } from "../../arn";
import { newId } from "../../ids";
import { fillContextAttributes, FireTimer, scheduledTimeText, type Clock, type Schedule } from "../../schedule";
import { describeForLog } from "../protocol/errors";
import { buildEnvelope } from "../events/event-envelope";
import { ingestEvents, type IngestDeps } from "../events/ingest";
import type { LocalQueues } from "../sqs/queues";
import { flexibleOffsetMs, maximumEventAgeMs, occurrenceAfter, scheduleOf, universalTargetAction, type ScheduleSpec } from "./schedule-spec";

export const SCHEDULER_INVOCATION = { source: "aws.scheduler", detailType: "Scheduler Invocation" } as const;
/** The SQS SenderId of messages the local Scheduler sends. */
const SENDER_ID = "AIDASCHEDULERLOCAL";

export interface SchedulerRunnerDeps extends IngestDeps {
  readonly queues: LocalQueues;
  busExists(arn: string): Promise<boolean>;
}

interface ScheduleRow {
  readonly arn: string;
  readonly account: string;
  readonly groupName: string;
  readonly name: string;
  readonly state: string;
  readonly spec: string;
  readonly plannedAt: Date;
  readonly lastFireAt: Date | null;
}

interface Planned {
  readonly arn: string;
  readonly scope: Scope;
  readonly groupName: string;
  readonly spec: ScheduleSpec;
  readonly schedule: Schedule;
  readonly plannedAt: number;
  lastFireAt: number | undefined;
  /** The next scheduled time to fire, and when it fires (later within a flexible window). */
  next: number | undefined;
  fireAt: number | undefined;
}

/** delivered: into a local queue or bus; recorded: kept here only; failed: the target refused it. */
type Outcome = "delivered" | "recorded" | "failed";

/** One invocation: what the target was sent, and what became of it. */
export interface Invocation {
  readonly scheduleArn: string;
  readonly scheduledTime: string;
  readonly executionId: string;
  readonly targetArn: string;
  readonly outcome: Outcome;
  readonly note?: string;
  /** The input as the target received it, context attributes filled in. */
  readonly payload: string;
}

export class ScheduleRunner {
  private readonly planned = new Map<string, Planned>();
  private readonly timer: FireTimer;
  private ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: SchedulerRunnerDeps,
    private readonly clock: Clock,
    /** Called when a fire left deliveries for the dispatcher (a bus target's rules). */
    private readonly onPending: () => void,
  ) {
    const fireTimes = () => Array.from(this.planned.values(), (planned) => planned.fireAt);
    this.timer = new FireTimer(clock, fireTimes, () => this.fireDue(), (error) => console.error(`[scheduler] a pass over due schedules failed: ${describeForLog(error)}`));
  }

  start(): void {
    this.ready = this.loadAll().catch((error: unknown) => console.error(`[scheduler] could not load schedules: ${describeForLog(error)}`));
    void this.ready.then(() => this.timer.start());
  }

  /** Stops firing; resolves once a fire under way has been recorded. */
  async stop(): Promise<void> {
    await this.ready;
    await this.timer.stop();
  }

  /** When the schedule fires next (its flexible window applied), if it is planned. */
  nextFire(arn: string): { scheduledTime: number; fireAt: number } | undefined {
    const planned = this.planned.get(arn);
    return planned?.next === undefined || planned.fireAt === undefined ? undefined : { scheduledTime: planned.next, fireAt: planned.fireAt };
  }

  /**
   * Invokes the schedule's target once now, with the current second as its scheduled time (the
   * designer's "Fire now"); the plan and the next fire stay as they were. Undefined when there
   * is no such schedule.
   */
  async fireNow(arn: string): Promise<Invocation | undefined> {
    await this.ready;
    const row = await this.deps.db.schedule.findUnique({ where: { arn } });
    if (row === null) return undefined;
    return this.fire(planOf(row), Math.floor(this.clock.now() / 1000) * 1000);
  }

  /** A schedule was created, changed or deleted: plan it again from the database. */
  async scheduleChanged(arn: string): Promise<void> {
    await this.ready;
    const row = await this.deps.db.schedule.findUnique({ where: { arn } });
    if (row === null) this.planned.delete(arn);
    else await this.plan(row);
    this.timer.arm();
  }

  private async loadAll(): Promise<void> {
    for (const row of await this.deps.db.schedule.findMany({ where: { state: "ENABLED" } })) await this.plan(row);
  }

  private async plan(row: ScheduleRow): Promise<void> {
    if (row.state !== "ENABLED") {
      this.planned.delete(row.arn);
      return;
    }
    const planned = planOf(row);
    this.planNext(planned, this.clock.now());
    if (planned.next === undefined) {
      this.planned.delete(row.arn);
      // Fired its last time before a restart, and deleted after completion: finish that.
      if (planned.lastFireAt !== undefined) await this.deleteIfComplete(planned);
      return;
    }
    this.planned.set(row.arn, planned);
  }

  /** The newest time due within the maximum event age, else the first one ahead (see the header). */
  private planNext(planned: Planned, now: number): void {
    const from = planned.lastFireAt ?? planned.plannedAt - 1;
    const floor = Math.max(from, now - maximumEventAgeMs(planned.spec));
    let due: number | undefined;
    let time = occurrenceAfter(planned.spec, planned.schedule, planned.plannedAt, floor);
    while (time !== undefined && time <= now) {
      due = time;
      time = occurrenceAfter(planned.spec, planned.schedule, planned.plannedAt, time);
    }
    planned.next = due ?? time;
    planned.fireAt = planned.next === undefined ? undefined : planned.next + flexibleOffsetMs(planned.spec, planned.arn, planned.next);
  }

  private async fireDue(): Promise<void> {
    const now = this.clock.now();
    for (const planned of [...this.planned.values()]) {
      if (planned.fireAt === undefined || planned.fireAt > now) continue;
      // The clock may have jumped past several times since this was planned: take the newest.
      this.planNext(planned, now);
      const scheduled = planned.next;
      if (scheduled === undefined || planned.fireAt === undefined || planned.fireAt > now) continue;
      const claimed = await this.deps.db.schedule.updateMany({
        where: { arn: planned.arn, plannedAt: new Date(planned.plannedAt), lastFireAt: planned.lastFireAt === undefined ? null : new Date(planned.lastFireAt) },
        data: { lastFireAt: new Date(scheduled) },
      });
      if (claimed.count !== 1) {
        // Changed, deleted or fired by another process meanwhile: plan from what is stored.
        await this.scheduleChanged(planned.arn);
        continue;
      }
      planned.lastFireAt = scheduled;
      await this.fire(planned, scheduled);
      this.planNext(planned, now);
      if (planned.next === undefined) {
        this.planned.delete(planned.arn);
        await this.deleteIfComplete(planned);
      }
    }
  }

  private async deleteIfComplete(planned: Planned): Promise<void> {
    if (planned.spec.ActionAfterCompletion === "DELETE") await this.deps.db.schedule.deleteMany({ where: { arn: planned.arn, plannedAt: new Date(planned.plannedAt) } });
  }

  /** Invokes the target and records the fire on the Events page. */
  private async fire(planned: Planned, scheduledTime: number): Promise<Invocation> {
    const now = this.clock.now();
    const executionId = randomBytes(8).toString("hex");
    const target = planned.spec.Target;
    // Without an Input the target gets an empty JSON object.
    const payload = fillContextAttributes(target.Input ?? "{}", { scheduleArn: planned.arn, scheduledTime, executionId, attemptNumber: 1 });
    const { outcome, note } = await this.invoke(planned, payload, scheduledTime, now, executionId);
    const rowId = newId("busEvent", now);
    const detail = JSON.stringify({ scheduleArn: planned.arn, scheduledTime: scheduledTimeText(scheduledTime), executionId, attemptNumber: 1, targetArn: target.Arn, outcome, ...(note === undefined ? {} : { note }), input: payload });
    const text = buildEnvelope({ id: executionId, ...SCHEDULER_INVOCATION, account: planned.scope.account, time: new Date(scheduledTime), region: planned.scope.region, resources: [planned.arn], detail });
    const retries = target.RetryPolicy?.MaximumRetryAttempts ?? 185;
    await this.deps.writer.write({
      events: [{ id: rowId, eventId: executionId, busArn: scheduleGroupArn(planned.scope, planned.groupName), ...SCHEDULER_INVOCATION, time: new Date(scheduledTime), ingestedAt: new Date(now), body: text, matchedRules: JSON.stringify([planned.arn]) }],
      deliveries: [
        {
          id: newId("delivery", now),
          eventRowId: rowId,
          ruleArn: planned.arn,
          targetId: "Target",
          targetArn: target.Arn,
          kind: "inbox",
          status: outcome === "delivered" ? "delivered" : outcome === "failed" ? "dead-letter" : "inbox",
          payload,
          attempts: 1,
          maxAttempts: retries + 1,
          expiresAt: new Date(scheduledTime + maximumEventAgeMs(planned.spec)),
          nextAttemptAt: new Date(now),
          lastError: note ?? null,
        },
      ],
    });
    return { scheduleArn: planned.arn, scheduledTime: scheduledTimeText(scheduledTime), executionId, targetArn: target.Arn, outcome, ...(note === undefined ? {} : { note }), payload };
  }

  private async invoke(planned: Planned, payload: string, scheduledTime: number, now: number, executionId: string): Promise<{ outcome: Outcome; note?: string }> {
    const target = planned.spec.Target;
    const universal = universalTargetAction(target.Arn);
    if (universal !== undefined) return { outcome: "recorded", note: `Universal target: would call ${universal.service}:${universal.action} with this input; the local endpoint does not call it.` };
    const arn = parseArn(target.Arn);
    if (arn?.service === "sqs") {
      return this.deps.queues.deliver(target.Arn, payload, SENDER_ID)
        ? { outcome: "delivered" }
        : { outcome: "recorded", note: `No queue ${target.Arn} on the local endpoint (or SQS would refuse this body): the message is recorded here only.` };
    }
    if (arn?.service === "events" && arn.resource.startsWith("event-bus/")) return this.putEvent(planned, payload, scheduledTime, now, executionId);
    return { outcome: "recorded", note: `The local endpoint does not run ${arn?.service ?? "this"} targets: the input is recorded here.` };
  }

  /** The PutEvents templated target: one entry on the bus, its Detail the input. */
  private async putEvent(planned: Planned, payload: string, scheduledTime: number, now: number, executionId: string): Promise<{ outcome: Outcome; note?: string }> {
    const target = planned.spec.Target;
    const parameters = target.EventBridgeParameters;
    if (parameters === undefined) return { outcome: "failed", note: "An event bus target needs EventBridgeParameters (Source and DetailType) for its PutEvents entry." };
    if (!isJsonObject(payload)) return { outcome: "failed", note: "PutEvents takes only a JSON object as Detail; the input is not one." };
    if (!(await this.deps.busExists(target.Arn))) return { outcome: "recorded", note: `No event bus ${target.Arn} on the local endpoint: the entry is recorded here only.` };
    const text = buildEnvelope({ id: executionId, source: parameters.Source, detailType: parameters.DetailType, account: planned.scope.account, time: new Date(scheduledTime), region: planned.scope.region, resources: [planned.arn], detail: payload });
    const { pending } = await ingestEvents(this.deps, [
      { eventId: executionId, busArn: target.Arn, source: parameters.Source, detailType: parameters.DetailType, time: new Date(scheduledTime), ingestedAt: new Date(now), text },
    ]);
    if (pending > 0) this.onPending();
    return { outcome: "delivered" };
  }
}

function planOf(row: ScheduleRow): Planned {
  const spec = JSON.parse(row.spec) as ScheduleSpec;
  const arn = parseArn(row.arn);
  return {
    arn: row.arn,
    scope: { account: row.account, region: arn?.region ?? "" },
    groupName: row.groupName,
    spec,
    schedule: scheduleOf(spec),
    plannedAt: row.plannedAt.getTime(),
    lastFireAt: row.lastFireAt?.getTime(),
    next: undefined,
    fireAt: undefined,
  };
}
