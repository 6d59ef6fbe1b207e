/**
 * Accepting events onto a bus: match them against the bus's rules, work out what each target
 * receives, and write the events and their pending deliveries in one transaction. Whoever called
 * (PutEvents, a bus-to-bus delivery, a replay) may report success once this resolves.
 */
import type { Db } from "../../db";
import { newIdSequence } from "../../ids";
import { renderTargetInput } from "../../transform";
import { parseArn, ruleArn, type Scope } from "../../arn";
import type { EventWriter } from "./event-writer";
import type { BusMatchers } from "./matchers";
import type { RuleTargets } from "./rule-targets";
import type { LocalQueues } from "../sqs/queues";
import { deliveryKind, inputSpec, retryLimits, type TargetSpec } from "./target-spec";

export interface AcceptedEvent {
  readonly eventId: string;
  readonly busArn: string;
  readonly source: string;
  readonly detailType: string;
  readonly time: Date;
  readonly ingestedAt: Date;
  /** The event JSON text as targets receive it. */
  readonly text: string;
  readonly replayName?: string;
  /** When set (a replay's FilterArns), only these rule ARNs receive the event. */
  readonly onlyRules?: ReadonlySet<string>;
  /** Names of the bus's rules the event matches, when the caller already matched it. */
  readonly matched?: readonly string[];
  /** Custom Event Bus: SystemMetadata.EventGroupId and DeduplicationId. */
  readonly eventGroupId?: string;
  readonly deduplicationId?: string;
  /** Custom Event Bus: what each subscriber that takes the event receives (no rules run). */
  readonly subscribers?: readonly SubscriberDelivery[];
}

/** One subscriber's share of an event, decided by its filters and transform (lib/emulator/eventsv2). */
export interface SubscriberDelivery {
  readonly subscriberArn: string;
  readonly subscriberName: string;
  readonly targetArn: string;
  /** The transform's output as JSON text, or why there is none. */
  readonly payload: { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };
  /** A stopped subscriber's delivery waits until it runs again. */
  readonly paused: boolean;
  readonly maxAttempts: number;
  readonly maxAgeMs: number;
}

export interface IngestResult {
  readonly rowIds: string[];
  /** Deliveries waiting for the dispatcher (HTTP and bus targets). */
  readonly pending: number;
}

/** What ingesting needs: the rule machines, the rules' targets and the event writer. */
export interface IngestDeps {
  readonly db: Db;
  readonly matchers: BusMatchers;
  readonly targets: RuleTargets;
  readonly writer: EventWriter;
  /** The local SQS queues: SQS targets whose queue exists here also receive the event. */
  readonly queues?: LocalQueues;
}

export async function ingestEvents({ matchers, targets: ruleTargets, writer, queues }: IngestDeps, events: readonly AcceptedEvent[]): Promise<IngestResult> {
  const eventRows = [];
  const matchedByEvent: { row: string; event: AcceptedEvent; rules: string[] }[] = [];
  // One batch shares its ingestion time; its row ids keep the batch's order.
  const rowIds = newIdSequence("busEvent", events.length, events[0]?.ingestedAt.getTime());
  for (const [index, event] of events.entries()) {
    const rules = event.subscribers?.map((s) => s.subscriberArn) ?? (await matchedRuleArns(matchers, event));
    const row = rowIds[index];
    eventRows.push({
      id: row,
      eventId: event.eventId,
      busArn: event.busArn,
      source: event.source,
      detailType: event.detailType,
      time: event.time,
      ingestedAt: event.ingestedAt,
      replayName: event.replayName ?? null,
      body: event.text,
      matchedRules: JSON.stringify(rules),
      eventGroupId: event.eventGroupId ?? null,
      deduplicationId: event.deduplicationId ?? null,
    });
    matchedByEvent.push({ row, event, rules });
  }

  const ruleArns = [...new Set(matchedByEvent.flatMap((m) => m.rules))];
  const targets = await ruleTargets.of(ruleArns);
  const deliveryRows = [];
  for (const { row, event, rules } of matchedByEvent) {
    for (const subscriber of event.subscribers ?? []) deliveryRows.push(subscriberDelivery(row, event, subscriber));
    for (const target of targets) {
      if (!rules.includes(target.ruleArn)) continue;
      deliveryRows.push(plannedDelivery(row, event, target.ruleArn, JSON.parse(target.spec) as TargetSpec));
    }
  }
  // Delivery ids keep the events' order too (a FIFO subscriber's backlog is released by id).
  const deliveryIds = newIdSequence("delivery", deliveryRows.length, events[0]?.ingestedAt.getTime());
  await writer.write({ events: eventRows, deliveries: deliveryRows.map((row, i) => ({ id: deliveryIds[i], ...row })) });
  // After the commit (only accepted events are delivered); the inbox record is kept as well.
  if (queues !== undefined) {
    for (const delivery of deliveryRows) {
      if (delivery.status === "inbox" && parseArn(delivery.targetArn)?.service === "sqs") queues.deliver(delivery.targetArn, delivery.payload, "AIDAEVENTBRIDGELOCAL");
    }
  }
  return { rowIds: eventRows.map((r) => r.id), pending: deliveryRows.filter((d) => d.status === "pending").length };
}

async function matchedRuleArns(matchers: BusMatchers, event: AcceptedEvent): Promise<string[]> {
  const names = event.matched ?? (await matchers.machineFor(event.busArn)).matchingRules(event.text);
  const scope = scopeOf(event.busArn);
  const busName = event.busArn.slice(event.busArn.indexOf(":event-bus/") + ":event-bus/".length);
  return names.map((name) => ruleArn(scope, busName, name)).filter((arn) => event.onlyRules === undefined || event.onlyRules.has(arn));
}

/** What every delivery row holds, whoever decided it (a rule's target or a subscriber). */
function deliveryBase(eventRowId: string, event: AcceptedEvent, owner: { arn: string; targetId: string; targetArn: string; maxAttempts: number; maxAgeMs: number }) {
  return {
    eventRowId,
    ruleArn: owner.arn,
    targetId: owner.targetId,
    targetArn: owner.targetArn,
    kind: deliveryKind(owner.targetArn),
    maxAttempts: owner.maxAttempts,
    expiresAt: new Date(event.ingestedAt.getTime() + owner.maxAgeMs),
    nextAttemptAt: event.ingestedAt,
  };
}

/** A delivery row ready to send: kept locally at once (`inbox`) or left to the dispatcher. */
function ready<T extends { kind: string }>(base: T, payload: string) {
  return base.kind === "inbox" ? { ...base, status: "inbox", payload, attempts: 1 } : { ...base, status: "pending", payload };
}

function subscriberDelivery(eventRowId: string, event: AcceptedEvent, subscriber: SubscriberDelivery) {
  const base = deliveryBase(eventRowId, event, { ...subscriber, arn: subscriber.subscriberArn, targetId: subscriber.subscriberName });
  if (!subscriber.payload.ok) return { ...base, status: "dead-letter", payload: "", lastError: `Transform failed: ${subscriber.payload.error}` };
  if (subscriber.paused) return { ...base, status: "paused", payload: subscriber.payload.text };
  return ready(base, subscriber.payload.text);
}

function plannedDelivery(eventRowId: string, event: AcceptedEvent, rule: string, spec: TargetSpec) {
  const base = deliveryBase(eventRowId, event, { arn: rule, targetId: spec.Id, targetArn: spec.Arn, ...retryLimits(spec) });
  const ruleName = rule.slice(rule.lastIndexOf("/") + 1);
  let payload: string | undefined;
  try {
    payload = renderTargetInput(inputSpec(spec), event.text, {
      ruleArn: rule,
      ruleName,
      ingestionTime: event.ingestedAt.toISOString(),
    });
  } catch (error) {
    return { ...base, status: "dead-letter", payload: "", lastError: `Input transformation failed: ${(error as Error).message}` };
  }
  if (payload === undefined) {
    return { ...base, status: "skipped", payload: "", lastError: "InputPath selected nothing in this event; AWS sends nothing." };
  }
  return ready(base, payload);
}

function scopeOf(busArn: string): Scope {
  const arn = parseArn(busArn);
  return { account: arn?.account ?? "", region: arn?.region ?? "" };
}
