/**
 * Custom Event Buses and their subscribers on the local endpoint. A bus keeps every event it
 * accepts for its retention (1–365 days); a subscriber has one target, filters per scope, a
 * transform and a run state. Checked as AWS checks them
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-filtering.html,
 * eb-custom-bus-transform.html): each scope's filter with its profile, a JSONata expression in
 * `{% … %}` delimiters, and only RAW for a subscriber whose target is a Classic bus.
 */
import { randomBytes } from "node:crypto";
import { eventBusV2Arn, parseArn, subscriberArn, type Scope } from "../../arn";
import { NotFoundError, ValidationError } from "../../errors";
import { DEFAULT_EVENT_AGE_SECONDS, DEFAULT_RETRY_ATTEMPTS } from "../../limits";
import { compileFilters, type CompiledFilters, type SubscriberFilters, type Transform } from "../../eventsv2";
import type { Db } from "../../db";

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 365;

export type SubscriberState = "RUNNING" | "STOPPED";

export interface SubscriberConfig {
  readonly name: string;
  readonly targetArn: string;
  readonly filters: SubscriberFilters;
  readonly transform: Transform;
  readonly ordering: "UNORDERED" | "FIFO";
  readonly state: SubscriberState;
  readonly retryPolicy?: { readonly maxRetryAttempts: number; readonly maxEventAgeInSeconds: number };
}

/** A subscriber as publishing reads it: its filters compiled once. */
export interface LiveSubscriber {
  readonly arn: string;
  readonly name: string;
  readonly targetArn: string;
  readonly filters: CompiledFilters;
  readonly transform: Transform;
  readonly state: SubscriberState;
  readonly maxAttempts: number;
  readonly maxAgeMs: number;
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** The 25 lowercase letters and digits that end a Custom Event Bus resource's ARN. */
function resourceId(): string {
  return [...randomBytes(25)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join("");
}

/** The bus named `name` in `scope`, created or given the new retention; answers its ARN. */
export async function putEventBusV2(db: Db, scope: Scope, name: string, retentionDays: number): Promise<string> {
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_RETENTION_DAYS || retentionDays > MAX_RETENTION_DAYS) {
    throw new ValidationError(`Bus ${name}: retention is ${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS} days, not ${retentionDays}.`);
  }
  const existing = await db.eventBusV2.findUnique({ where: { account_name: { account: scope.account, name } } });
  if (existing !== null) {
    await db.eventBusV2.update({ where: { arn: existing.arn }, data: { retentionDays } });
    return existing.arn;
  }
  const arn = eventBusV2Arn(scope, name, resourceId());
  await db.eventBusV2.create({ data: { arn, account: scope.account, name, retentionDays } });
  return arn;
}

export async function findEventBusV2(db: Db, arn: string) {
  const bus = await db.eventBusV2.findUnique({ where: { arn } });
  if (bus === null) throw new NotFoundError(`Custom Event Bus ${arn} does not exist.`);
  return bus;
}

/**
 * The subscriber `config.name` of the bus, created or replaced; answers its ARN. An existing
 * subscriber keeps its run state: stopping and running it go through setSubscriberState, which
 * holds and releases the backlog.
 */
export async function putSubscriber(db: Db, busArn: string, config: SubscriberConfig): Promise<string> {
  await findEventBusV2(db, busArn);
  checkSubscriber(config);
  const retry = config.retryPolicy ?? { maxRetryAttempts: DEFAULT_RETRY_ATTEMPTS, maxEventAgeInSeconds: DEFAULT_EVENT_AGE_SECONDS };
  const data = {
    targetArn: config.targetArn,
    filters: JSON.stringify(config.filters),
    transform: JSON.stringify(config.transform),
    ordering: config.ordering,
    state: config.state,
    maxAttempts: retry.maxRetryAttempts + 1,
    maxEventAgeSec: retry.maxEventAgeInSeconds,
  };
  const existing = await db.busSubscriber.findUnique({ where: { busArn_name: { busArn, name: config.name } } });
  if (existing !== null) {
    await db.busSubscriber.update({ where: { arn: existing.arn }, data: { ...data, state: existing.state } });
    return existing.arn;
  }
  const bus = parseArn(busArn);
  const arn = subscriberArn({ account: bus?.account ?? "", region: bus?.region ?? "" }, config.name, resourceId());
  await db.busSubscriber.create({ data: { arn, busArn, name: config.name, ...data } });
  return arn;
}

function checkSubscriber(config: SubscriberConfig): void {
  const filters = compileFilters(config.filters);
  if (!filters.ok) {
    const first = filters.problems[0];
    throw new ValidationError(`Subscriber ${config.name}: ${first?.scope} filter: ${first?.problems[0]?.message ?? "invalid"}`);
  }
  if (config.transform.type === "JSONATA" && !/^\s*\{%[\s\S]+%\}\s*$/.test(config.transform.expression)) {
    throw new ValidationError(`Subscriber ${config.name}: a JSONata transform is one expression wrapped in {% … %}.`);
  }
  if (config.transform.type !== "RAW" && parseArn(config.targetArn)?.resource.startsWith("event-bus/")) {
    throw new ValidationError(`Subscriber ${config.name}: a subscriber whose target is a Classic event bus takes the RAW transform only.`);
  }
}

/** The bus's subscribers, ready to judge events. */
export async function liveSubscribers(db: Db, busArn: string): Promise<LiveSubscriber[]> {
  const rows = await db.busSubscriber.findMany({ where: { busArn }, orderBy: { createdAt: "asc" } });
  return rows.map(toLive);
}

export function toLive(row: { arn: string; name: string; targetArn: string; filters: string; transform: string; state: string; maxAttempts: number; maxEventAgeSec: number }): LiveSubscriber {
  const compiled = compileFilters(JSON.parse(row.filters) as SubscriberFilters);
  // Stored filters were checked when they were put.
  if (!compiled.ok) throw new Error(`Stored filters of ${row.arn} no longer compile`);
  return {
    arn: row.arn,
    name: row.name,
    targetArn: row.targetArn,
    filters: compiled.filters,
    transform: JSON.parse(row.transform) as Transform,
    state: row.state === "STOPPED" ? "STOPPED" : "RUNNING",
    maxAttempts: row.maxAttempts,
    maxAgeMs: row.maxEventAgeSec * 1000,
  };
}
