/**
 * The Custom Event Bus's import, plan and apply against an in-memory account: a fake of the AWS
 * side of NewBusApi (what CreateEventBus, CreateSubscriber… keep and refuse, per the eventsv2 API
 * reference: ARNs `…:event-busv2/<name>/<id>` and `…:subscriber/<name>/<id>`, names unique per
 * bus, RoleArn required and an IAM role ARN, OnFailureConfiguration an SQS queue), not of our
 * code. The SDK adapter itself waits for `@aws-sdk/client-eventbridgev2` to be installable.
 */
import { describe, expect, it } from "vitest";
import { eventBusV2Arn, subscriberArn } from "@/lib/arn";
import { validateDesign, type Design, type SubscriberNode } from "@/lib/graph";
import { planMigration } from "@/lib/migration";
import { STARTERS } from "@/lib/starters";
import { DESIGN_TAG, type AccountState, type Tags } from "../resources/account-state";
import { designFromAccount } from "./import";
import { applyNewBusChanges, planNewBusChanges, type NewBusPlan } from "./new-bus";
import {
  NEW_BUS_CLIENT_PACKAGE,
  readNewBusAccount,
  type EventSourceState,
  type NewBusApi,
  type NewBusState,
  type SubscriberConfiguration,
  type SubscriberState,
  type SubscriberUpdate,
} from "./new-bus-api";
import { newBusClientMissing } from "./new-bus-client";

const WHERE = { account: "111122223333", region: "eu-west-1" };
const DESIGN_ID = "design-1";
const ROLE = /^arn:aws(-[a-z0-9]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const SQS_QUEUE = /^arn:aws(-[a-z0-9]+)*:sqs:[a-z][a-z0-9]*(-[a-z0-9]+)*:[0-9]{12}:([A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/;

class AwsError extends Error {
  constructor(
    readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** One account and Region of the Custom Event Bus, as AWS keeps it. */
class FakeNewBusAccount implements NewBusApi {
  readonly buses = new Map<string, NewBusState>();
  readonly subscribers = new Map<string, SubscriberState>();
  readonly sources: EventSourceState[] = [];
  readonly calls: string[] = [];
  private ids = 0;

  private id(): string {
    return String(++this.ids).padStart(25, "0");
  }

  private bus(arn: string): NewBusState {
    const bus = this.buses.get(arn);
    if (!bus) throw new AwsError("ResourceNotFoundException", `Event bus ${arn} does not exist`);
    return bus;
  }

  private check(config: Partial<SubscriberConfiguration>): void {
    if (config.InvokeConfiguration && !ROLE.test(config.InvokeConfiguration.RoleArn)) throw new AwsError("ValidationException", "InvokeConfiguration.RoleArn must be an IAM role ARN");
    if (config.OnFailureConfiguration?.Arn !== undefined && !SQS_QUEUE.test(config.OnFailureConfiguration.Arn)) throw new AwsError("ValidationException", "OnFailureConfiguration.Arn must be an SQS queue ARN");
    const filters = config.FilterConfiguration?.Filters;
    if (filters !== undefined && (filters.length < 1 || filters.length > 50)) throw new AwsError("ValidationException", "Filters holds 1 to 50 filters");
  }

  async listEventBuses() {
    return [...this.buses.values()];
  }

  async listEventSources(eventBusArn: string) {
    this.bus(eventBusArn);
    return this.sources.filter((s) => s.EventBusArn === eventBusArn);
  }

  async listSubscribers(eventBusArn: string) {
    this.bus(eventBusArn);
    return [...this.subscribers.values()].filter((s) => s.EventBusArn === eventBusArn);
  }

  async createEventBus(input: { Name: string; Description?: string; StorageConfiguration: { RetentionPeriodInDays: number }; Tags: Tags }) {
    this.calls.push(`CreateEventBus ${input.Name}`);
    if ([...this.buses.values()].some((b) => b.Name === input.Name)) throw new AwsError("ConflictException", `Event bus ${input.Name} already exists`);
    const EventBusArn = eventBusV2Arn(WHERE, input.Name, this.id());
    this.buses.set(EventBusArn, { Name: input.Name, EventBusArn, Description: input.Description, StorageConfiguration: input.StorageConfiguration, Tags: { ...input.Tags } });
    return { EventBusArn };
  }

  async updateEventBus(input: { EventBusArn: string; Description?: string; StorageConfiguration: { RetentionPeriodInDays: number } }) {
    this.calls.push(`UpdateEventBus ${this.bus(input.EventBusArn).Name}`);
    this.buses.set(input.EventBusArn, { ...this.bus(input.EventBusArn), Description: input.Description, StorageConfiguration: input.StorageConfiguration });
  }

  async deleteEventBus(eventBusArn: string) {
    this.calls.push(`DeleteEventBus ${this.bus(eventBusArn).Name}`);
    this.buses.delete(eventBusArn);
  }

  async createSubscriber(input: SubscriberConfiguration & { EventBusArn: string; Tags: Tags }) {
    this.calls.push(`CreateSubscriber ${input.Name}`);
    this.bus(input.EventBusArn);
    this.check(input);
    if ([...this.subscribers.values()].some((s) => s.EventBusArn === input.EventBusArn && s.Name === input.Name)) throw new AwsError("ConflictException", `Subscriber ${input.Name} already exists`);
    const SubscriberArn = subscriberArn(WHERE, input.Name, this.id());
    this.subscribers.set(SubscriberArn, { ...structuredClone(input), SubscriberArn });
    return { SubscriberArn };
  }

  async updateSubscriber(input: SubscriberUpdate) {
    const existing = this.subscribers.get(input.SubscriberArn);
    if (!existing) throw new AwsError("ResourceNotFoundException", `Subscriber ${input.SubscriberArn} does not exist`);
    this.calls.push(`UpdateSubscriber ${existing.Name}`);
    const { SubscriberArn, FilterConfiguration, ...update } = input;
    const filters = FilterConfiguration === undefined ? existing.FilterConfiguration : FilterConfiguration.Filters === undefined ? undefined : { Filters: FilterConfiguration.Filters };
    this.check({ ...update, FilterConfiguration: filters });
    // Omitted members keep their value.
    const given = Object.fromEntries(Object.entries(structuredClone(update)).filter(([, value]) => value !== undefined));
    this.subscribers.set(SubscriberArn, { ...existing, ...given, FilterConfiguration: filters });
  }

  async deleteSubscriber(subscriberArn: string) {
    const existing = this.subscribers.get(subscriberArn);
    if (!existing) throw new AwsError("ResourceNotFoundException", `Subscriber ${subscriberArn} does not exist`);
    this.calls.push(`DeleteSubscriber ${existing.Name}`);
    this.subscribers.delete(subscriberArn);
  }
}

/** "Reward big payments" migrated to the Custom Event Bus, each subscriber with a role of its own. */
function migratedRewards(): Design {
  const design = planMigration(STARTERS.find((s) => s.id === "reward-big-payments")!.design()).design;
  return { ...design, nodes: design.nodes.map((n) => (n.kind === "subscriber" ? { ...n, roleArn: `arn:aws:iam::111122223333:role/${n.name}-invoker` } : n)) };
}

function available(plan: NewBusPlan) {
  if (!plan.available) throw new Error(`the plan is unavailable: ${plan.reason}`);
  return plan;
}

async function plan(api: FakeNewBusAccount, design: Design, deleteUnmanaged: readonly string[] = []) {
  return available(planNewBusChanges(design, DESIGN_ID, await readNewBusAccount(api), WHERE, deleteUnmanaged));
}

async function apply(api: FakeNewBusAccount, design: Design, deleteUnmanaged: readonly string[] = []) {
  const planned = await plan(api, design, deleteUnmanaged);
  return applyNewBusChanges(api, planned.changes, await readNewBusAccount(api), (error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
}

const subscriberNamed = (design: Design, name: string) => design.nodes.find((n): n is SubscriberNode => n.kind === "subscriber" && n.name === name)!;

describe("plan and apply of a design's Custom Event Buses", () => {
  it("creates the bus, then its subscribers, tagged with the design; applying again changes nothing", async () => {
    const api = new FakeNewBusAccount();
    const design = migratedRewards();
    const first = await plan(api, design);
    expect(first.changes.map((c) => `${c.action} ${c.resource} ${c.label}`)).toEqual([
      "create eventsv2-bus eda_bus",
      "create subscriber eda_bus/payment-processed",
      "create subscriber eda_bus/warehouse-payment-processed",
      "create subscriber eda_bus/shipping-payment-processed",
    ]);
    expect(first.notes).toEqual([]);

    const result = await apply(api, design);
    expect(result.failed).toBeUndefined();
    expect(api.calls).toEqual(["CreateEventBus eda_bus", "CreateSubscriber payment-processed", "CreateSubscriber warehouse-payment-processed", "CreateSubscriber shipping-payment-processed"]);
    const [bus] = [...api.buses.values()];
    expect(bus).toMatchObject({ Name: "eda_bus", StorageConfiguration: { RetentionPeriodInDays: 7 }, Tags: { [DESIGN_TAG]: DESIGN_ID } });
    const rewards = [...api.subscribers.values()].find((s) => s.Name === "payment-processed")!;
    expect(rewards).toMatchObject({
      EventBusArn: bus!.EventBusArn,
      InvokeConfiguration: { RoleArn: "arn:aws:iam::111122223333:role/payment-processed-invoker", TargetArn: "arn:aws:lambda:eu-west-1:111122223333:function:rewards" },
      Transformer: { Type: "RAW" },
      Type: "UNORDERED",
      StartingPosition: "LATEST",
      State: "RUNNING",
      RetryPolicy: { MaxEventAgeInSeconds: 86_400, MaxRetryAttempts: 185 },
      Tags: { [DESIGN_TAG]: DESIGN_ID },
    });
    expect(JSON.parse(rewards.FilterConfiguration!.Filters[0]!.Pattern)).toEqual(JSON.parse(subscriberNamed(design, "payment-processed").filters.DATA!));

    expect((await plan(api, design)).changes).toEqual([]);
  });

  it("updates what changed field by field, ignoring a pattern's key order, and deletes only what this design created", async () => {
    const api = new FakeNewBusAccount();
    const design = migratedRewards();
    await apply(api, design);
    // Someone else's subscriber on the same bus, untagged.
    const busArn = [...api.buses.keys()][0]!;
    await api.createSubscriber({ Name: "audit", EventBusArn: busArn, InvokeConfiguration: { RoleArn: "arn:aws:iam::111122223333:role/audit", TargetArn: "arn:aws:sqs:eu-west-1:111122223333:audit" }, Tags: {} });

    const rewards = subscriberNamed(design, "payment-processed");
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(rewards.filters.DATA!) as Record<string, unknown>).reverse()));
    const changed: Design = {
      ...design,
      nodes: design.nodes
        .filter((n) => !(n.kind === "subscriber" && n.name === "shipping-payment-processed"))
        .map((n) => (n.id === rewards.id && n.kind === "subscriber" ? { ...n, filters: { DATA: reordered }, retryPolicy: { ...n.retryPolicy, maxRetryAttempts: 3 }, state: "STOPPED" as const } : n)),
    };
    const next = await plan(api, changed);
    expect(next.changes.map((c) => ({ action: c.action, label: c.label, fields: c.fields.map((f) => f.field), reason: c.reason }))).toEqual([
      { action: "update", label: "eda_bus/payment-processed", fields: ["State", "RetryPolicy.MaxRetryAttempts"], reason: undefined },
      { action: "delete", label: "eda_bus/shipping-payment-processed", fields: [], reason: "created by this design and no longer in it" },
    ]);
    expect(next.changes[0]!.fields).toContainEqual({ field: "RetryPolicy.MaxRetryAttempts", before: 185, after: 3 });
    expect(next.kept).toEqual([{ label: "eda_bus/audit", reason: 'not in the design and not created by Switchyard; tick "also delete" for bus eda_bus to delete it' }]);

    // Ticking the bus deletes the untagged subscriber too.
    const ticked = await plan(api, changed, ["eda_bus"]);
    expect(ticked.changes.filter((c) => c.action === "delete").map((c) => c.label)).toEqual(["eda_bus/shipping-payment-processed", "eda_bus/audit"]);

    const result = await apply(api, changed);
    expect(result.failed).toBeUndefined();
    expect([...api.subscribers.values()].map((s) => s.Name).sort()).toEqual(["audit", "payment-processed", "warehouse-payment-processed"]);
    expect([...api.subscribers.values()].find((s) => s.Name === "payment-processed")).toMatchObject({ State: "STOPPED", RetryPolicy: { MaxRetryAttempts: 3 } });
    expect((await plan(api, changed)).changes).toEqual([]);
  });

  it("clears a subscriber's filters when the design drops them (an omitted FilterConfiguration would keep them)", async () => {
    const api = new FakeNewBusAccount();
    const design = migratedRewards();
    await apply(api, design);
    const unfiltered: Design = { ...design, nodes: design.nodes.map((n) => (n.kind === "subscriber" && n.name === "warehouse-payment-processed" ? { ...n, filters: {} } : n)) };
    const planned = await plan(api, unfiltered);
    expect(planned.changes.map((c) => `${c.action} ${c.label} ${c.fields.map((f) => f.field).join(",")}`)).toEqual(["update eda_bus/warehouse-payment-processed FilterConfiguration"]);
    await apply(api, unfiltered);
    expect([...api.subscribers.values()].find((s) => s.Name === "warehouse-payment-processed")!.FilterConfiguration).toBeUndefined();
    expect((await plan(api, unfiltered)).changes).toEqual([]);
  });

  it("leaves out a subscriber with no role, saying why (InvokeConfiguration.RoleArn is required)", async () => {
    const api = new FakeNewBusAccount();
    const design = planMigration(STARTERS.find((s) => s.id === "reward-big-payments")!.design()).design;
    const planned = await plan(api, design);
    expect(planned.changes.map((c) => c.label)).toEqual(["eda_bus"]);
    expect(planned.notes).toHaveLength(3);
    expect(planned.notes[0]).toMatch(/^Subscriber payment-processed names no role: .*InvokeConfiguration\.RoleArn is required.*IaC export/);
  });

  it("stops at the first change AWS refuses and reports what was not applied", async () => {
    const api = new FakeNewBusAccount();
    const design = migratedRewards();
    const broken: Design = { ...design, nodes: design.nodes.map((n) => (n.kind === "subscriber" && n.name === "warehouse-payment-processed" ? { ...n, roleArn: "not-a-role" } : n)) };
    const result = await apply(api, broken);
    expect(result.applied.map((c) => c.label)).toEqual(["eda_bus", "eda_bus/payment-processed"]);
    expect(result.failed).toMatchObject({ index: 2, ok: false, error: "ValidationException: InvokeConfiguration.RoleArn must be an IAM role ARN" });
    expect(result.notApplied.map((c) => c.label)).toEqual(["eda_bus/warehouse-payment-processed", "eda_bus/shipping-payment-processed"]);
    // Planning again continues from there.
    expect((await plan(api, design)).changes.map((c) => `${c.action} ${c.label}`)).toEqual(["create eda_bus/warehouse-payment-processed", "create eda_bus/shipping-payment-processed"]);
  });

  it("deletes a bus this design created and no longer holds, after its subscribers", async () => {
    const api = new FakeNewBusAccount();
    const design = migratedRewards();
    await apply(api, design);
    const without: Design = { ...design, nodes: design.nodes.filter((n) => n.kind !== "eventsv2-bus" && n.kind !== "subscriber"), edges: [] };
    const planned = await plan(api, without);
    expect(planned.changes.map((c) => `${c.action} ${c.label}`)).toEqual([
      "delete eda_bus/payment-processed",
      "delete eda_bus/warehouse-payment-processed",
      "delete eda_bus/shipping-payment-processed",
      "delete eda_bus",
    ]);
  });
});

describe("import of an account's Custom Event Buses", () => {
  const CLASSIC: AccountState = { account: WHERE.account, region: WHERE.region, buses: [{ name: "default", tags: {} }], rules: [], archives: [] };

  it("reads buses, event sources and subscribers into a valid design that plans to no change", async () => {
    const api = new FakeNewBusAccount();
    await apply(api, migratedRewards());
    const busArn = [...api.buses.keys()][0]!;
    api.sources.push({
      Name: "uploads",
      EventSourceArn: `${busArn}/source/uploads`,
      EventBusArn: busArn,
      Configuration: { AwsServiceEventsConfiguration: { AwsService: "aws.s3", Pattern: '{"detail-type":["Object Created"]}', OnFailureConfiguration: { Arn: "arn:aws:sqs:eu-west-1:111122223333:uploads-dlq" } } },
    });
    await api.createSubscriber({
      Name: "eu-orders",
      EventBusArn: busArn,
      FilterConfiguration: { Filters: [{ Scope: "DATA", Pattern: '{"source":["com.shop"]}' }, { Scope: "METADATA", Pattern: '{"tenant":["acme"]}' }] },
      InvokeConfiguration: { RoleArn: "arn:aws:iam::111122223333:role/ledger", TargetArn: "arn:aws:sqs:eu-west-1:111122223333:ledger.fifo", SqsParameters: { MessageGroupId: "orders" } },
      Transformer: { Type: "JSONATA", JsonataConfiguration: { Expression: "{% $events.Data.detail %}" } },
      Type: "FIFO",
      StartingPosition: "POINT_IN_TIME",
      PointInTimeConfiguration: { PointType: "TIMESTAMP", StartingPoint: 1_780_000_000 },
      RetryPolicy: { MaxEventAgeInSeconds: 3600, MaxRetryAttempts: 10 },
      OnFailureConfiguration: { Arn: "arn:aws:sqs:eu-west-1:111122223333:eu-orders-dlq" },
      Tags: {},
    });

    const { design, warnings } = designFromAccount(CLASSIC, "Imported", "", await readNewBusAccount(api));
    expect(warnings).toEqual([]);
    expect(validateDesign(design).filter((p) => p.severity === "error")).toEqual([]);
    const kinds = design.nodes.map((n) => n.kind).filter((k) => k !== "event-bus");
    expect(kinds.sort()).toEqual(["eventsv2-bus", "eventsv2-source", "lambda", "lambda", "lambda", "sqs", "subscriber", "subscriber", "subscriber", "subscriber"].sort());
    expect(design.nodes.find((n) => n.kind === "eventsv2-source")).toMatchObject({ name: "uploads", config: { type: "aws-service", awsService: "aws.s3" }, deadLetterQueueArn: "arn:aws:sqs:eu-west-1:111122223333:uploads-dlq" });
    expect(subscriberNamed(design, "eu-orders")).toMatchObject({
      filters: { DATA: '{"source":["com.shop"]}', METADATA: '{"tenant":["acme"]}' },
      transform: { type: "JSONATA", expression: "{% $events.Data.detail %}" },
      ordering: "FIFO",
      start: { type: "TIMESTAMP", startingPoint: 1_780_000_000 },
      retryPolicy: { maxEventAgeInSeconds: 3600, maxRetryAttempts: 10 },
      deadLetterQueueArn: "arn:aws:sqs:eu-west-1:111122223333:eu-orders-dlq",
      roleArn: "arn:aws:iam::111122223333:role/ledger",
    });
    expect(design.nodes.find((n) => n.kind === "sqs")).toMatchObject({ queueName: "ledger.fifo", messageGroupId: "orders" });

    // The imported design is the account: planning it changes nothing.
    expect((await plan(api, design)).changes).toEqual([]);
  });

  it("warns about a subscriber whose target a design cannot hold, and leaves it out", async () => {
    const api = new FakeNewBusAccount();
    const { EventBusArn } = await api.createEventBus({ Name: "orders", StorageConfiguration: { RetentionPeriodInDays: 1 }, Tags: {} });
    await api.createSubscriber({ Name: "sdk-call", EventBusArn, InvokeConfiguration: { RoleArn: "arn:aws:iam::111122223333:role/x", TargetArn: "arn:aws:events:::aws-sdk:ecs:runTask" }, Tags: {} });
    const { design, warnings } = designFromAccount(CLASSIC, "Imported", "", await readNewBusAccount(api));
    expect(warnings).toEqual(["The subscriber sdk-call (Custom Event Bus orders) calls arn:aws:events:::aws-sdk:ecs:runTask, a kind of target a design cannot hold yet; it was left out."]);
    expect(design.nodes.filter((n) => n.kind === "subscriber")).toEqual([]);
  });
});

const MISSING = newBusClientMissing();

describe.skipIf(MISSING !== undefined)(`the SDK adapter (${MISSING === undefined ? NEW_BUS_CLIENT_PACKAGE : `skipped: ${NEW_BUS_CLIENT_PACKAGE} not installable`})`, () => {
  it("finds every command the adapter sends in the installed client", async () => {
    const sdk = (await import(/* @vite-ignore */ NEW_BUS_CLIENT_PACKAGE)) as Record<string, unknown>;
    const operations = ["ListEventBuses", "DescribeEventBus", "ListEventSources", "DescribeEventSource", "ListSubscribers", "DescribeSubscriber", "ListTagsForResource", "CreateEventBus", "UpdateEventBus", "DeleteEventBus", "CreateSubscriber", "UpdateSubscriber", "DeleteSubscriber"];
    expect(typeof sdk.EventBridgeV2Client).toBe("function");
    expect(operations.filter((op) => typeof sdk[`${op}Command`] !== "function")).toEqual([]);
  });
});
