/**
 * Schedule rules firing on the local bus. Every rule with a ScheduleExpression that is not
 * DISABLED puts AWS's Scheduled Event (`source` aws.events, `detail-type` "Scheduled Event",
 * `resources` [rule ARN], `detail` {}) on its account's default bus, for that rule's targets
 * only, through the same ingest as PutEvents.
 *
 * Restarts: each rule's anchor (its last fire, or when its expression was set) is stored in
 * RuleSchedule. A fire first claims its time by moving the anchor with a compare-and-set, so
 * neither a restart nor a second process fires one time twice; a rate keeps its phase from the
 * anchor. Times that passed while no process ran are not fired late, as AWS does not back-fill a
 * rule's schedule: the next fire is the first time after the restart.
 */
import { busArn, DEFAULT_BUS, parseArn } from "../../arn";
import { FireTimer, nextFireTime, parseScheduleExpression, type Clock, type Schedule } from "../../schedule";
import { describeForLog } from "../protocol/errors";
import { buildEnvelope } from "./event-envelope";
import { ingestEvents, type IngestDeps } from "./ingest";

export const SCHEDULED_EVENT = { source: "aws.events", detailType: "Scheduled Event" } as const;

interface PlannedRule {
  readonly ruleArn: string;
  readonly name: string;
  readonly expression: string;
  readonly schedule: Schedule;
  anchor: number;
  next: number | undefined;
}

export interface FiredEvent {
  readonly eventId: string;
  readonly busArn: string;
  /** The stored event's row (BusEvent.id). */
  readonly rowId: string;
}

interface RuleRow {
  readonly arn: string;
  readonly name: string;
  readonly scheduleExpression: string | null;
  readonly state: string;
}

const RULE_FIELDS = { arn: true, name: true, scheduleExpression: true, state: true } as const;

export class RuleSchedules {
  private readonly planned = new Map<string, PlannedRule>();
  private readonly timer: FireTimer;
  private ready: Promise<void> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly deps: IngestDeps,
    private readonly clock: Clock,
    /** Called when a fire left deliveries for the dispatcher. */
    private readonly onPending: () => void,
  ) {
    this.timer = new FireTimer(
      clock,
      () => [...this.planned.values()].map((p) => p.next),
      () => this.fireDue(),
      (error) => console.error(`[bus] schedule pass failed: ${describeForLog(error)}`),
    );
  }

  start(): void {
    this.stopped = false;
    this.ready = this.loadAll().catch((error: unknown) => console.error(`[bus] could not load schedule rules: ${describeForLog(error)}`));
    void this.ready.then(() => this.timer.start());
  }

  /** Stops firing; resolves once a fire under way has been committed. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.ready;
    await this.timer.stop();
  }

  /** The next fire time of a rule, if it is scheduled here. */
  nextFire(ruleArn: string): number | undefined {
    return this.planned.get(ruleArn)?.next;
  }

  /** A rule was created, changed, enabled, disabled or deleted: plan it again from the database. */
  async ruleChanged(ruleArn: string): Promise<void> {
    await this.ready;
    const rule = await this.deps.db.busRule.findUnique({ where: { arn: ruleArn }, select: RULE_FIELDS });
    if (rule === null) {
      this.planned.delete(ruleArn);
      await this.deps.db.ruleSchedule.deleteMany({ where: { ruleArn } });
    } else {
      await this.plan([rule]);
    }
    this.timer.arm();
  }

  /**
   * Fires a schedule rule now ("fire now" for testing): its Scheduled Event reaches its targets
   * as a scheduled fire would, and its schedule carries on unchanged.
   */
  async fireNow(ruleArn: string): Promise<FiredEvent | undefined> {
    const rule = await this.deps.db.busRule.findUnique({ where: { arn: ruleArn }, select: RULE_FIELDS });
    if (rule?.scheduleExpression == null) return undefined;
    return this.fire(rule, this.clock.now());
  }

  private async loadAll(): Promise<void> {
    const rules = await this.deps.db.busRule.findMany({ where: { scheduleExpression: { not: null } }, select: RULE_FIELDS });
    await this.plan(rules);
  }

  /** Plans the rules that should fire and forgets the others; a new or changed expression is anchored now. */
  private async plan(rules: readonly RuleRow[]): Promise<void> {
    const now = this.clock.now();
    const stored = new Map(
      (await this.deps.db.ruleSchedule.findMany({ where: { ruleArn: { in: rules.map((r) => r.arn) } } })).map((row) => [row.ruleArn, row]),
    );
    for (const rule of rules) {
      const schedule = rule.state === "DISABLED" ? undefined : readSchedule(rule);
      if (schedule === undefined || rule.scheduleExpression === null) {
        this.planned.delete(rule.arn);
        continue;
      }
      let anchor = stored.get(rule.arn);
      if (anchor?.expression !== rule.scheduleExpression) {
        anchor = { ruleArn: rule.arn, expression: rule.scheduleExpression, anchor: new Date(now) };
        await this.deps.db.ruleSchedule.upsert({ where: { ruleArn: rule.arn }, create: anchor, update: anchor });
      }
      const planned: PlannedRule = { ruleArn: rule.arn, name: rule.name, expression: rule.scheduleExpression, schedule, anchor: anchor.anchor.getTime(), next: undefined };
      planned.next = nextAfter(planned, now);
      this.planned.set(rule.arn, planned);
    }
  }

  /** Fires every rule whose time has come, once each (a clock that jumped does not catch up). */
  private async fireDue(): Promise<void> {
    const now = this.clock.now();
    for (const planned of [...this.planned.values()]) {
      const due = planned.next;
      if (due === undefined || due > now || this.stopped) continue;
      const claimed = await this.deps.db.ruleSchedule.updateMany({
        where: { ruleArn: planned.ruleArn, expression: planned.expression, anchor: new Date(planned.anchor) },
        data: { anchor: new Date(due) },
      });
      if (claimed.count === 1) {
        planned.anchor = due;
        await this.fire({ arn: planned.ruleArn, name: planned.name }, due);
      } else {
        // Another process fired it (or the rule changed): take the stored anchor.
        const row = await this.deps.db.ruleSchedule.findUnique({ where: { ruleArn: planned.ruleArn } });
        if (row === null || row.expression !== planned.expression) continue;
        planned.anchor = row.anchor.getTime();
      }
      planned.next = nextAfter(planned, now);
    }
  }

  private async fire(rule: { arn: string; name: string }, time: number): Promise<FiredEvent> {
    const arn = parseArn(rule.arn);
    const scope = { account: arn?.account ?? "", region: arn?.region ?? "" };
    const bus = busArn(scope, DEFAULT_BUS);
    const eventId = crypto.randomUUID();
    const text = buildEnvelope({ id: eventId, ...SCHEDULED_EVENT, account: scope.account, time: new Date(time), region: scope.region, resources: [rule.arn], detail: "{}" });
    const { rowIds, pending } = await ingestEvents(this.deps, [
      { eventId, busArn: bus, ...SCHEDULED_EVENT, time: new Date(time), ingestedAt: new Date(this.clock.now()), text, matched: [rule.name] },
    ]);
    if (pending > 0) this.onPending();
    return { eventId, busArn: bus, rowId: rowIds[0] };
  }
}

function readSchedule(rule: RuleRow): Schedule | undefined {
  if (rule.scheduleExpression === null) return undefined;
  try {
    return parseScheduleExpression(rule.scheduleExpression);
  } catch {
    // Stored before PutRule checked the grammar: it never fires, as AWS would have refused it.
    return undefined;
  }
}

/** The rule's first time after both `now` and its anchor; a rate counts its periods from the anchor. */
function nextAfter(planned: PlannedRule, now: number): number | undefined {
  const after = Math.max(now, planned.anchor);
  return nextFireTime(planned.schedule, after, planned.schedule.kind === "rate" ? { rateStart: planned.anchor + planned.schedule.everyMs } : {});
}
