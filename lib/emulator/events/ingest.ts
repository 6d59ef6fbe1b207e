/**
 * Accepting events onto a bus: match them against the bus's rules, work out what each target
 * receives, and write the events and their pending deliveries in one transaction. Whoever called
 * (PutEvents, a bus-to-bus delivery, a replay) may report success once this resolves.
 */
import type { Db } from "../../db";
import { newId, newIdSequence } from "../../ids";
import { renderTargetInput } from "../../transform";
import { parseArn, ruleArn, type Scope } from "../../arn";
import type { EventWriter } from "./event-writer";
import type { BusMatchers } from "./matchers";
import type { RuleTarget, RuleTargets } from "./rule-targets";
import type { LocalQueues } from "../sqs/queues";
import { deliveryKind } from "./target-spec";

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
  const buses = new Map<string, BusRules>();
  const subscriberRows = [];
  for (const [index, event] of events.entries()) {
    if (event.subscribers !== undefined) {
      eventRows.push(eventRow(rowIds[index], event, event.subscribers.map((s) => s.subscriberArn)));
      subscriberRows.push(...event.subscribers.map((subscriber) => subscriberDelivery(rowIds[index], event, subscriber)));
      continue;
    }
    const names = event.matched ?? (await matchers.machineFor(event.busArn)).matchingRules(event.text);
    let bus = buses.get(event.busArn);
    if (bus === undefined) {
      bus = new BusRules(event.busArn);
      buses.set(event.busArn, bus);
    }
    const rules: string[] = [];
    for (const name of names) {
      const arn = bus.ruleArn(name);
      if (event.onlyRules === undefined || event.onlyRules.has(arn)) rules.push(arn);
    }
    const row = rowIds[index];
    eventRows.push(eventRow(row, event, rules));
    if (rules.length > 0) matchedByEvent.push({ row, event, rules });
  }

  const ruleArns = [...new Set(matchedByEvent.flatMap((m) => m.rules))];
  const targets = ruleArns.length === 0 ? [] : await ruleTargets.of(ruleArns);
  const deliveryRows = [];
  const queued: { targetArn: string; payload: string }[] = [];
  for (const { row, event, rules } of matchedByEvent) {
    for (const target of targets) {
      if (!rules.includes(target.ruleArn)) continue;
      const delivery = plannedDelivery(row, event, target);
      deliveryRows.push(delivery);
      if (delivery.status === "inbox" && target.isQueue) queued.push({ targetArn: target.spec.Arn, payload: delivery.payload });
    }
  }
  // A subscriber's deliveries keep the events' order in their ids: a FIFO backlog is released by id.
  const subscriberIds = newIdSequence("delivery", subscriberRows.length, events[0]?.ingestedAt.getTime());
  for (const [i, delivery] of subscriberRows.entries()) {
    deliveryRows.push({ id: subscriberIds[i], ...delivery });
    if (delivery.status === "inbox" && parseArn(delivery.targetArn)?.service === "sqs") queued.push(delivery);
  }
  await writer.write({ events: eventRows, deliveries: deliveryRows });
  // After the commit (only accepted events are delivered); the inbox record is kept as well.
  for (const { targetArn, payload } of queued) queues?.deliver(targetArn, payload, "AIDAEVENTBRIDGELOCAL");
  return { rowIds, pending: deliveryRows.filter((d) => d.status === "pending").length };
}

function eventRow(id: string, event: AcceptedEvent, matched: readonly string[]) {
  return {
    id,
    eventId: event.eventId,
    busArn: event.busArn,
    source: event.source,
    detailType: event.detailType,
    time: event.time,
    ingestedAt: event.ingestedAt,
    replayName: event.replayName ?? null,
    body: event.text,
    matchedRules: matched.length === 0 ? "[]" : JSON.stringify(matched),
    eventGroupId: event.eventGroupId ?? null,
    deduplicationId: event.deduplicationId ?? null,
  };
}

/** What a delivery row starts as, whoever decided it (a rule's target or a subscriber). */
function newDelivery(eventRowId: string, event: AcceptedEvent, to: { ruleArn: string; targetId: string; targetArn: string; kind: string; maxAttempts: number; maxAgeMs: number }) {
  return {
    eventRowId,
    ruleArn: to.ruleArn,
    targetId: to.targetId,
    targetArn: to.targetArn,
    kind: to.kind,
    maxAttempts: to.maxAttempts,
    expiresAt: new Date(event.ingestedAt.getTime() + to.maxAgeMs),
    nextAttemptAt: event.ingestedAt,
    status: "pending",
    payload: "",
    attempts: 0,
    lastError: null as string | null,
  };
}

/** A subscriber's delivery row (without its id): kept locally at once, left to the dispatcher, or waiting while it is stopped. */
function subscriberDelivery(eventRowId: string, event: AcceptedEvent, subscriber: SubscriberDelivery) {
  const kind = deliveryKind(subscriber.targetArn);
  const delivery = newDelivery(eventRowId, event, { ...subscriber, ruleArn: subscriber.subscriberArn, targetId: subscriber.subscriberName, kind });
  if (!subscriber.payload.ok) return { ...delivery, status: "dead-letter", lastError: `Transform failed: ${subscriber.payload.error}` };
  if (subscriber.paused) return { ...delivery, status: "paused", payload: subscriber.payload.text };
  return kind === "inbox" ? { ...delivery, status: "inbox", payload: subscriber.payload.text, attempts: 1 } : { ...delivery, payload: subscriber.payload.text };
}

/** The ARNs of one bus's rules, built once per name. */
class BusRules {
  private readonly scope: Scope;
  private readonly busName: string;
  private readonly arns = new Map<string, string>();

  constructor(busArn: string) {
    const arn = parseArn(busArn);
    this.scope = { account: arn?.account ?? "", region: arn?.region ?? "" };
    this.busName = busArn.slice(busArn.indexOf(":event-bus/") + ":event-bus/".length);
  }

  ruleArn(name: string): string {
    let arn = this.arns.get(name);
    if (arn === undefined) {
      arn = ruleArn(this.scope, this.busName, name);
      this.arns.set(name, arn);
    }
    return arn;
  }
}

/** The event's ingestion time as `<aws.events.event.ingestion-time>` gives it, written once per time. */
let lastIngestion = { ms: NaN, text: "" };
function ingestionTime(at: Date): string {
  if (at.getTime() !== lastIngestion.ms) lastIngestion = { ms: at.getTime(), text: at.toISOString() };
  return lastIngestion.text;
}

function plannedDelivery(eventRowId: string, event: AcceptedEvent, target: RuleTarget) {
  const delivery = {
    id: newId("delivery", event.ingestedAt.getTime()),
    ...newDelivery(eventRowId, event, { ...target, targetId: target.spec.Id, targetArn: target.spec.Arn }),
  };
  try {
    const payload = renderTargetInput(target.input, event.text, { ruleArn: target.ruleArn, ruleName: target.ruleName, ingestionTime: ingestionTime(event.ingestedAt) });
    if (payload === undefined) {
      delivery.status = "skipped";
      delivery.lastError = "InputPath selected nothing in this event; AWS sends nothing.";
    } else {
      delivery.payload = payload;
      if (target.kind === "inbox") {
        delivery.status = "inbox";
        delivery.attempts = 1;
      }
    }
  } catch (error) {
    delivery.status = "dead-letter";
    delivery.lastError = `Input transformation failed: ${(error as Error).message}`;
  }
  return delivery;
}
