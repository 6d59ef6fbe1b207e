/**
 * The Custom Event Bus in the AWS workflow: the plan of a design's new buses and subscribers
 * against the account's (read through NewBusApi), and its apply — with Classic's rules: what is
 * created is tagged `switchyard:design` = the design's id; only what carries this design's tag
 * is deleted, plus untagged resources on a bus ticked "also delete"; changes are ordered buses,
 * subscribers, then deletions in reverse.
 *
 * Subscribers are identified by bus and name. A subscriber's starting position is where a new
 * subscriber starts reading, so it is set on create and not compared after. Defaults AWS
 * documents (Transformer RAW, Type UNORDERED, State RUNNING, RetryPolicy 300 s / 5 attempts)
 * stand in for absent fields on either side.
 */
import { DEFAULT_SUBSCRIBER_RETRY_POLICY, type Design, type FilterScope, type SubscriberNode } from "@/lib/graph";
import { indexDesign } from "@/lib/graph/graph-index";
import { DESIGN_TAG, type Tags } from "../resources/account-state";
import { placeDesign, type Placement } from "../resources/design-resources";
import type { NewBusAccountState, NewBusApi, SubscriberConfiguration, SubscriberState } from "./new-bus-api";
import type { ChangeAction, FieldChange } from "./plan";

export interface NewBusChange {
  readonly action: ChangeAction;
  readonly resource: "eventsv2-bus" | "subscriber";
  readonly bus: string;
  /** `orders`, `orders/eu-orders`, for people. */
  readonly label: string;
  readonly fields: readonly FieldChange[];
  readonly reason?: string;
  /** The existing resource (updates and deletes). */
  readonly arn?: string;
  readonly desiredBus?: { readonly Name: string; readonly Description?: string; readonly RetentionDays: number; readonly Tags: Tags };
  readonly desiredSubscriber?: SubscriberConfiguration & { readonly Tags: Tags };
}

export type NewBusPlan =
  | { readonly available: false; readonly reason: string; readonly designHasNewBus: boolean }
  | {
      readonly available: true;
      readonly changes: readonly NewBusChange[];
      /** Resources not in the design that stay, each with why. */
      readonly kept: readonly { readonly label: string; readonly reason: string }[];
      /** What the design holds that cannot be pushed. */
      readonly notes: readonly string[];
    };

export function designHasNewBus(design: Design): boolean {
  return design.nodes.some((node) => node.kind === "eventsv2-bus");
}

interface DesiredBus {
  readonly name: string;
  readonly description?: string;
  readonly retentionDays: number;
  readonly subscribers: readonly SubscriberConfiguration[];
}

/** The design's new buses in its home account and region, subscribers as CreateSubscriber takes them. */
function desiredNewBuses(design: Design, where: Placement, notes: string[]): DesiredBus[] {
  const index = indexDesign(design);
  const placed = placeDesign(design, (bus) => ({ account: bus.account ?? where.account, region: bus.region ?? where.region }));
  const home = placed.placements.find((p) => p.where.account === where.account && p.where.region === where.region);
  for (const p of placed.placements) if (p !== home) for (const bus of p.newBuses) notes.push(`Custom Event Bus ${bus.name} is in account ${p.where.account}, region ${p.where.region}: it is left out.`);
  for (const problem of [...placed.unplaced, ...(home?.problems ?? [])]) if (index.node(problem.nodeId)?.kind === "subscriber") notes.push(problem.message);
  return (home?.newBuses ?? []).map((bus) => {
    const node = index.node(bus.nodeId);
    const subscribers = bus.subscribers.flatMap((placedSubscriber) => {
      const subscriber = index.node(placedSubscriber.nodeId) as SubscriberNode;
      if (subscriber.roleArn === undefined) {
        notes.push(`Subscriber ${subscriber.name} names no role: a subscriber invokes its target through one (InvokeConfiguration.RoleArn is required), so it is not pushed; set its role, or deploy it through the IaC export, which creates the role.`);
        return [];
      }
      const target = index.outgoing(subscriber.id, "invokes").map((edge) => index.node(edge.target))[0];
      return [{ ...subscriberConfiguration(subscriber, placedSubscriber.targetArn, subscriber.roleArn, target?.kind === "sqs" ? target.messageGroupId : undefined) }];
    });
    return { name: bus.name, description: node?.kind === "eventsv2-bus" ? node.description : undefined, retentionDays: bus.retentionDays, subscribers };
  });
}

const SCOPES: readonly FilterScope[] = ["DATA", "METADATA", "SYSTEM_METADATA"];

export function subscriberConfiguration(node: SubscriberNode, targetArn: string, roleArn: string, messageGroupId?: string): SubscriberConfiguration {
  const filters = SCOPES.flatMap((scope) => (node.filters[scope] === undefined || node.filters[scope].trim() === "" ? [] : [{ Scope: scope, Pattern: node.filters[scope] }]));
  const transform = node.transform;
  return {
    Name: node.name,
    ...(node.description === undefined ? {} : { Description: node.description }),
    ...(filters.length === 0 ? {} : { FilterConfiguration: { Filters: filters } }),
    InvokeConfiguration: { RoleArn: roleArn, TargetArn: targetArn, ...(messageGroupId === undefined ? {} : { SqsParameters: { MessageGroupId: messageGroupId } }) },
    Transformer: transform.type === "JSONATA" ? { Type: "JSONATA", JsonataConfiguration: { Expression: transform.expression } } : { Type: transform.type },
    Type: node.ordering,
    StartingPosition: node.start.type === "LATEST" ? "LATEST" : "POINT_IN_TIME",
    ...(node.start.type === "LATEST" ? {} : { PointInTimeConfiguration: node.start.type === "TIMESTAMP" ? { PointType: "TIMESTAMP", StartingPoint: node.start.startingPoint } : { PointType: "HORIZON" } }),
    State: node.state,
    RetryPolicy: { MaxEventAgeInSeconds: node.retryPolicy.maxEventAgeInSeconds, MaxRetryAttempts: node.retryPolicy.maxRetryAttempts },
    ...(node.deadLetterQueueArn === undefined ? {} : { OnFailureConfiguration: { Arn: node.deadLetterQueueArn } }),
  };
}

/** A subscriber's compared fields, AWS's defaults filled in and patterns as parsed JSON. */
function comparable(config: SubscriberConfiguration): Record<string, unknown> {
  const filters = [...(config.FilterConfiguration?.Filters ?? [])].sort((a, b) => a.Scope.localeCompare(b.Scope));
  return {
    Description: config.Description ?? "",
    FilterConfiguration: filters.map((filter) => ({ Scope: filter.Scope, Pattern: JSON.stringify(sortedKeys(JSON.parse(filter.Pattern))) })),
    "InvokeConfiguration.RoleArn": config.InvokeConfiguration.RoleArn,
    "InvokeConfiguration.TargetArn": config.InvokeConfiguration.TargetArn,
    "InvokeConfiguration.SqsParameters.MessageGroupId": config.InvokeConfiguration.SqsParameters?.MessageGroupId,
    Transformer: config.Transformer ?? { Type: "RAW" },
    Type: config.Type ?? "UNORDERED",
    State: config.State ?? "RUNNING",
    "RetryPolicy.MaxEventAgeInSeconds": config.RetryPolicy?.MaxEventAgeInSeconds ?? DEFAULT_SUBSCRIBER_RETRY_POLICY.maxEventAgeInSeconds,
    "RetryPolicy.MaxRetryAttempts": config.RetryPolicy?.MaxRetryAttempts ?? DEFAULT_SUBSCRIBER_RETRY_POLICY.maxRetryAttempts,
    "OnFailureConfiguration.Arn": config.OnFailureConfiguration?.Arn,
  };
}

/** JSON values with sorted keys, so key order and spacing do not count. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]));
}

function differences(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  return Object.keys(after).flatMap((field) => (JSON.stringify(before[field]) === JSON.stringify(after[field]) ? [] : [{ field, before: before[field], after: after[field] }]));
}

export function planNewBusChanges(design: Design, designId: string, actual: NewBusAccountState, where: Placement, deleteUnmanaged: readonly string[] = []): NewBusPlan {
  const notes: string[] = [];
  const desired = desiredNewBuses(design, where, notes);
  const tags: Tags = { [DESIGN_TAG]: designId };
  const ticked = new Set(deleteUnmanaged);
  const busWrites: NewBusChange[] = [];
  const subscriberWrites: NewBusChange[] = [];
  const subscriberDeletes: NewBusChange[] = [];
  const busDeletes: NewBusChange[] = [];
  const kept: { label: string; reason: string }[] = [];
  const deletable = (resourceTags: Tags, bus: string): string | undefined => {
    if (resourceTags[DESIGN_TAG] === designId) return "created by this design and no longer in it";
    if (resourceTags[DESIGN_TAG] === undefined && ticked.has(bus)) return `not in the design; "also delete" is ticked for bus ${bus}`;
    return undefined;
  };
  const keepReason = (resourceTags: Tags, bus: string) =>
    resourceTags[DESIGN_TAG] !== undefined ? `belongs to another design (${resourceTags[DESIGN_TAG]})` : `not in the design and not created by Switchyard; tick "also delete" for bus ${bus} to delete it`;

  const actualBuses = new Map(actual.buses.map((bus) => [bus.Name, bus]));
  for (const bus of desired) {
    const existing = actualBuses.get(bus.name);
    const want = { Description: bus.description ?? "", RetentionPeriodInDays: bus.retentionDays };
    if (existing === undefined) {
      busWrites.push({
        action: "create",
        resource: "eventsv2-bus",
        bus: bus.name,
        label: bus.name,
        fields: [...differences({}, want), { field: "tags", after: tags }],
        desiredBus: { Name: bus.name, Description: bus.description, RetentionDays: bus.retentionDays, Tags: tags },
      });
    } else {
      const fields = differences({ Description: existing.Description ?? "", RetentionPeriodInDays: existing.StorageConfiguration?.RetentionPeriodInDays }, want);
      if (fields.length > 0) {
        busWrites.push({ action: "update", resource: "eventsv2-bus", bus: bus.name, label: bus.name, fields, arn: existing.EventBusArn, desiredBus: { Name: bus.name, Description: bus.description, RetentionDays: bus.retentionDays, Tags: tags } });
      }
    }
    const actualSubscribers = new Map((existing?.subscribers ?? []).map((s) => [s.Name, s]));
    for (const config of bus.subscribers) {
      const label = `${bus.name}/${config.Name}`;
      const found = actualSubscribers.get(config.Name);
      if (found === undefined) {
        subscriberWrites.push({ action: "create", resource: "subscriber", bus: bus.name, label, fields: differences({}, comparable(config)), desiredSubscriber: { ...config, Tags: tags } });
        continue;
      }
      const fields = differences(comparable(found), comparable(config));
      if (fields.length > 0) subscriberWrites.push({ action: "update", resource: "subscriber", bus: bus.name, label, fields, arn: found.SubscriberArn, desiredSubscriber: { ...config, Tags: tags } });
    }
    for (const found of existing?.subscribers ?? []) {
      if (bus.subscribers.some((s) => s.Name === found.Name)) continue;
      deleteOrKeep(found, bus.name);
    }
  }
  function deleteOrKeep(found: SubscriberState, bus: string): void {
    const label = `${bus}/${found.Name}`;
    const reason = deletable(found.Tags, bus);
    if (reason === undefined) kept.push({ label, reason: keepReason(found.Tags, bus) });
    else subscriberDeletes.push({ action: "delete", resource: "subscriber", bus, label, fields: [], reason, arn: found.SubscriberArn });
  }

  const desiredNames = new Set(desired.map((bus) => bus.name));
  for (const bus of actual.buses) {
    if (desiredNames.has(bus.Name)) continue;
    const reason = deletable(bus.Tags, bus.Name);
    if (reason === undefined) {
      // A bus the design does not hold: only subscribers this design created go.
      for (const found of bus.subscribers) if (found.Tags[DESIGN_TAG] === designId) deleteOrKeep(found, bus.Name);
      continue;
    }
    for (const found of bus.subscribers) deleteOrKeep(found, bus.Name);
    const remaining = bus.subscribers.filter((s) => !subscriberDeletes.some((d) => d.arn === s.SubscriberArn));
    if (remaining.length > 0) kept.push({ label: bus.Name, reason: `${reason}, but it still has subscribers that are kept` });
    else busDeletes.push({ action: "delete", resource: "eventsv2-bus", bus: bus.Name, label: bus.Name, fields: [], reason, arn: bus.EventBusArn });
  }
  return { available: true, changes: [...busWrites, ...subscriberWrites, ...subscriberDeletes, ...busDeletes], kept, notes };
}

export interface NewBusStepResult {
  readonly index: number;
  readonly change: NewBusChange;
  readonly ok: boolean;
  readonly error?: string;
}

/** Runs the changes in order; the first failure stops the run (planning again continues from there). */
export async function applyNewBusChanges(
  api: NewBusApi,
  changes: readonly NewBusChange[],
  actual: NewBusAccountState,
  describeError: (error: unknown) => string,
  onStep?: (step: NewBusStepResult) => void,
): Promise<{ readonly applied: readonly NewBusChange[]; readonly failed?: NewBusStepResult; readonly notApplied: readonly NewBusChange[] }> {
  const busArns = new Map(actual.buses.map((bus) => [bus.Name, bus.EventBusArn]));
  const applied: NewBusChange[] = [];
  for (const [index, change] of changes.entries()) {
    try {
      await applyOne(api, change, busArns);
    } catch (error) {
      const failed = { index, change, ok: false, error: describeError(error) };
      onStep?.(failed);
      return { applied, failed, notApplied: changes.slice(index) };
    }
    applied.push(change);
    onStep?.({ index, change, ok: true });
  }
  return { applied, notApplied: [] };
}

async function applyOne(api: NewBusApi, change: NewBusChange, busArns: Map<string, string>): Promise<void> {
  if (change.action === "delete") {
    if (change.resource === "subscriber") await api.deleteSubscriber(change.arn!);
    else await api.deleteEventBus(change.arn!);
    return;
  }
  if (change.resource === "eventsv2-bus") {
    const bus = change.desiredBus!;
    const storage = { RetentionPeriodInDays: bus.RetentionDays };
    if (change.action === "create") {
      const { EventBusArn } = await api.createEventBus({ Name: bus.Name, ...(bus.Description === undefined ? {} : { Description: bus.Description }), StorageConfiguration: storage, Tags: bus.Tags });
      busArns.set(bus.Name, EventBusArn);
    } else {
      await api.updateEventBus({ EventBusArn: change.arn!, ...(bus.Description === undefined ? {} : { Description: bus.Description }), StorageConfiguration: storage });
    }
    return;
  }
  const subscriber = change.desiredSubscriber!;
  if (change.action === "create") {
    const EventBusArn = busArns.get(change.bus);
    if (EventBusArn === undefined) throw new Error(`Custom Event Bus ${change.bus} does not exist: its subscriber ${subscriber.Name} cannot be created`);
    await api.createSubscriber({ ...subscriber, EventBusArn });
    return;
  }
  // The starting position is a new subscriber's; an omitted FilterConfiguration would keep the old filters, `{}` clears them.
  await api.updateSubscriber({
    SubscriberArn: change.arn!,
    Description: subscriber.Description,
    FilterConfiguration: subscriber.FilterConfiguration ?? {},
    InvokeConfiguration: subscriber.InvokeConfiguration,
    Transformer: subscriber.Transformer,
    Type: subscriber.Type,
    State: subscriber.State,
    RetryPolicy: subscriber.RetryPolicy,
    OnFailureConfiguration: subscriber.OnFailureConfiguration,
  });
}
