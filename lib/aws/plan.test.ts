import { describe, expect, it } from "vitest";
import { DESIGN_TAG, type AccountState, type ArchiveState, type BusState, type PipeState, type RuleState, type ScheduleState, type Target } from "../resources/account-state";
import type { SchedulerPipesResources } from "../resources/scheduler-pipes-resources";
import { deepEqual, planChanges, sameJsonText, sameTargetArn, type Plan } from "./plan";
import type { DesignResources } from "../resources/design-resources";

const ME = "dsn_me";
const MINE = { [DESIGN_TAG]: ME };
const OTHERS = { [DESIGN_TAG]: "dsn_other" };
const lambda = (name: string) => `arn:aws:lambda:us-east-1:111122223333:function:${name}`;

function rule(name: string, fields: Partial<RuleState> = {}): RuleState {
  return { name, bus: "orders", eventPattern: '{"source":["com.shop"]}', state: "ENABLED", tags: {}, targets: [], ...fields };
}

function target(id: string, fields: Partial<Target> = {}): Target {
  return { Id: id, Arn: lambda(id), ...fields };
}

function bus(name: string, tags: BusState["tags"] = {}): BusState {
  return { name, tags };
}

function desired(rules: RuleState[], buses: BusState[] = [], archives: ArchiveState[] = []): DesignResources {
  return { buses, rules: rules.map((r) => ({ ...r, tags: MINE })), archives, problems: [] };
}

function account(rules: RuleState[], buses: BusState[] = [bus("default"), bus("orders")], archives: ArchiveState[] = []): AccountState {
  return { account: "111122223333", region: "us-east-1", buses, rules, archives };
}

function plan(want: DesignResources, have: AccountState, deleteUnmanaged: string[] = []): Plan {
  return planChanges(want, have, { designId: ME, deleteUnmanaged });
}

const summary = (p: Plan) => p.changes.map((c) => `${c.action} ${c.resource} ${c.label}`);

describe("planChanges: rules", () => {
  it("plans nothing when the account matches the design", () => {
    const r = rule("a", { description: "Orders", targets: [target("t1")] });
    expect(plan(desired([r]), account([r])).changes).toEqual([]);
  });

  it("compares patterns as JSON: key order, spacing and number spelling do not matter", () => {
    const want = rule("a", { eventPattern: '{"source": ["com.shop"], "detail": {"total": [{"numeric": [">", 100.0]}]}}' });
    const have = rule("a", { eventPattern: '{"detail":{"total":[{"numeric":[">",100]}]},"source":["com.shop"]}' });
    expect(plan(desired([want]), account([have])).changes).toEqual([]);
  });

  it("lists a changed pattern field by field with both texts", () => {
    const want = rule("a", { eventPattern: '{"source":["com.shop"],"detail-type":["OrderPlaced"]}', description: "new" });
    const have = rule("a", { description: "old" });
    const [change] = plan(desired([want]), account([have])).changes;
    expect(change).toMatchObject({ action: "update", resource: "rule", label: "orders/a" });
    expect(change!.fields).toEqual([
      { field: "eventPattern", before: '{"source":["com.shop"]}', after: '{"source":["com.shop"],"detail-type":["OrderPlaced"]}' },
      { field: "description", before: "old", after: "new" },
    ]);
  });

  it("sees array order inside a pattern as a change (value lists are kept as written, $or order matters to people)", () => {
    const want = rule("a", { eventPattern: '{"source":["b","a"]}' });
    const have = rule("a", { eventPattern: '{"source":["a","b"]}' });
    expect(summary(plan(desired([want]), account([have])))).toEqual(["update rule orders/a"]);
  });

  it("falls back to text when a pattern is not JSON", () => {
    expect(sameJsonText("{not json", "{not json")).toBe(true);
    expect(sameJsonText("{not json", "{not  json")).toBe(false);
  });

  it("plans a disabled rule as a state change, and keeps ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS as enabled", () => {
    const disabled = plan(desired([rule("a", { state: "DISABLED" })]), account([rule("a")]));
    expect(disabled.changes[0]!.fields).toEqual([{ field: "state", before: "ENABLED", after: "DISABLED" }]);
    const cloudtrail = plan(desired([rule("a")]), account([rule("a", { state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" })]));
    expect(cloudtrail.changes).toEqual([]);
    // Changing something else keeps the CloudTrail state.
    const described = plan(desired([rule("a", { description: "new" })]), account([rule("a", { state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" })]));
    expect(described.changes[0]!.desiredRule?.state).toBe("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
  });

  it("treats an empty description as none", () => {
    expect(plan(desired([rule("a")]), account([rule("a", { description: "" })])).changes).toEqual([]);
  });

  it("plans a pattern rule turned into a schedule rule as one update of both fields", () => {
    const want = rule("a", { bus: "default", eventPattern: undefined, scheduleExpression: "rate(5 minutes)" });
    const have = rule("a", { bus: "default" });
    expect(plan(desired([want]), account([have])).changes[0]!.fields).toEqual([
      { field: "eventPattern", before: '{"source":["com.shop"]}', after: undefined },
      { field: "scheduleExpression", before: undefined, after: "rate(5 minutes)" },
    ]);
  });

  it("creates a missing rule with every field it sets, tagged with the design", () => {
    const p = plan(desired([rule("a", { roleArn: "arn:aws:iam::111122223333:role/r" })]), account([]));
    expect(summary(p)).toEqual(["create rule orders/a"]);
    expect(p.changes[0]!.fields).toEqual([
      { field: "eventPattern", after: '{"source":["com.shop"]}' },
      { field: "state", after: "ENABLED" },
      { field: "roleArn", after: "arn:aws:iam::111122223333:role/r" },
      { field: "tags", after: MINE },
    ]);
    expect(p.changes[0]!.desiredRule).toMatchObject({ name: "a", bus: "orders", tags: MINE });
  });
});

describe("planChanges: targets", () => {
  it("matches targets by id whatever their order", () => {
    const want = rule("a", { targets: [target("t1"), target("t2"), target("t3")] });
    const have = rule("a", { targets: [target("t3"), target("t1"), target("t2")] });
    expect(plan(desired([want]), account([have])).changes).toEqual([]);
  });

  it("applies AWS's retry defaults (185 attempts, 24 hours) when a policy is absent", () => {
    const want = rule("a", { targets: [target("t1", { RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 } })] });
    const have = rule("a", { targets: [target("t1")] });
    expect(plan(desired([want]), account([have])).changes).toEqual([]);
    const stricter = rule("a", { targets: [target("t1", { RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 86_400 } })] });
    expect(plan(desired([stricter]), account([have])).changes[0]!.fields).toEqual([{ field: "RetryPolicy.MaximumRetryAttempts", before: 185, after: 3 }]);
  });

  it("lists input transformer changes: the template as text, the paths map as an object", () => {
    const transformer = (paths: Record<string, string>, template: string) => target("t1", { InputTransformer: { InputPathsMap: paths, InputTemplate: template } });
    const have = rule("a", { targets: [transformer({ id: "$.detail.id", at: "$.time" }, '{"id": <id>}')] });
    const reordered = rule("a", { targets: [transformer({ at: "$.time", id: "$.detail.id" }, '{"id": <id>}')] });
    expect(plan(desired([reordered]), account([have])).changes).toEqual([]);
    const changed = rule("a", { targets: [transformer({ id: "$.detail.orderId", at: "$.time" }, '{"order": <id>}')] });
    expect(plan(desired([changed]), account([have])).changes[0]!.fields).toEqual([
      { field: "InputTransformer.InputPathsMap", before: { id: "$.detail.id", at: "$.time" }, after: { id: "$.detail.orderId", at: "$.time" } },
      { field: "InputTransformer.InputTemplate", before: '{"id": <id>}', after: '{"order": <id>}' },
    ]);
  });

  it("treats an empty input paths map as none (AWS leaves it out)", () => {
    const want = rule("a", { targets: [target("t1", { InputTransformer: { InputPathsMap: {}, InputTemplate: '"fixed"' } })] });
    const have = rule("a", { targets: [target("t1", { InputTransformer: { InputTemplate: '"fixed"' } })] });
    expect(plan(desired([want]), account([have])).changes).toEqual([]);
  });

  it("switching input modes shows the old field cleared and the new one set", () => {
    const want = rule("a", { targets: [target("t1", { InputPath: "$.detail" })] });
    const have = rule("a", { targets: [target("t1", { Input: '{"a":1}' })] });
    expect(plan(desired([want]), account([have])).changes[0]!.fields).toEqual([
      { field: "Input", before: '{"a":1}', after: undefined },
      { field: "InputPath", before: undefined, after: "$.detail" },
    ]);
  });

  it("compares constant input as JSON", () => {
    const want = rule("a", { targets: [target("t1", { Input: '{ "b": 2, "a": 1 }' })] });
    const have = rule("a", { targets: [target("t1", { Input: '{"a":1,"b":2}' })] });
    expect(plan(desired([want]), account([have])).changes).toEqual([]);
  });

  it("creates, updates and removes targets of a rule the design mentions, removals first", () => {
    const want = rule("a", { targets: [target("keep"), target("new"), target("changed", { Arn: lambda("v2") })] });
    const have = rule("a", { targets: [target("keep"), target("gone"), target("changed")] });
    const p = plan(desired([want]), account([have]));
    expect(summary(p)).toEqual(["delete target orders/a#gone", "create target orders/a#new", "update target orders/a#changed"]);
    expect(p.changes[2]!.fields).toEqual([{ field: "Arn", before: lambda("changed"), after: lambda("v2") }]);
  });

  it("keeps targets of kinds a design cannot hold", () => {
    const ecs = target("task", { Arn: "arn:aws:ecs:us-east-1:111122223333:cluster/jobs", EcsParameters: { TaskDefinitionArn: "arn:aws:ecs:us-east-1:111122223333:task-definition/t:1" } });
    const p = plan(desired([rule("a")]), account([rule("a", { targets: [ecs] })]));
    expect(p.changes).toEqual([]);
    expect(p.kept.map((k) => k.label)).toEqual(["orders/a#task"]);
  });

  it("keeps parameters the design has no field for when it updates a target", () => {
    const http = { HeaderParameters: { "x-team": "orders" } };
    const have = rule("a", { targets: [target("t1", { HttpParameters: http })] });
    const want = rule("a", { targets: [target("t1", { RoleArn: "arn:aws:iam::111122223333:role/r" })] });
    const [change] = plan(desired([want]), account([have])).changes;
    expect(change!.desiredTarget).toEqual({ Id: "t1", Arn: lambda("t1"), RoleArn: "arn:aws:iam::111122223333:role/r", HttpParameters: http });
  });

  it("matches an API destination named by the design with AWS's ARN that ends in a generated id", () => {
    const named = "arn:aws:events:us-east-1:111122223333:api-destination/crm";
    expect(sameTargetArn(named, `${named}/0f1e2d3c-aaaa-bbbb-cccc-111122223333`)).toBe(true);
    expect(sameTargetArn(named, "arn:aws:events:us-east-1:111122223333:api-destination/crm2/0f1e")).toBe(false);
    const p = plan(desired([rule("a", { targets: [target("t1", { Arn: named })] })]), account([rule("a", { targets: [target("t1", { Arn: `${named}/0f1e` })] })]));
    expect(p.changes).toEqual([]);
  });
});

describe("planChanges: deletions and tags", () => {
  it("deletes a rule this design created once the design drops it, its targets first", () => {
    const p = plan(desired([]), account([rule("old", { tags: MINE, targets: [target("t1")] })]));
    expect(summary(p)).toEqual(["delete target orders/old#t1", "delete rule orders/old"]);
    expect(p.changes[1]!.reason).toBe("created by this design and no longer in it");
  });

  it("never deletes an untagged rule unless its bus is ticked, and never another design's", () => {
    const have = account([rule("mine"), rule("untagged"), rule("theirs", { tags: OTHERS })]);
    const left = plan(desired([rule("mine")]), have);
    expect(left.changes).toEqual([]);
    expect(left.kept.map((k) => [k.label, k.reason])).toEqual([
      ["orders/untagged", 'not in the design and not created by Switchyard; tick "also delete" for bus orders to delete it'],
      ["orders/theirs", "belongs to another design (dsn_other)"],
    ]);
    const ticked = plan(desired([rule("mine")]), have, ["orders"]);
    expect(summary(ticked)).toEqual(["delete rule orders/untagged"]);
    expect(ticked.kept.map((k) => k.label)).toEqual(["orders/theirs"]);
    expect(ticked.buses.find((b) => b.name === "orders")).toEqual({ name: "orders", inDesign: true, exists: true, deleteUnmanaged: true });
  });

  it("ticking a bus the design does not use deletes its untagged rules, and the bus unless another design's rule stays", () => {
    const have = account([rule("untagged"), rule("theirs", { tags: OTHERS })]);
    expect(plan(desired([]), have).kept).toEqual([]); // not the design's business: not even listed
    const ticked = plan(desired([]), have, ["orders"]);
    expect(summary(ticked)).toEqual(["delete rule orders/untagged"]);
    expect(ticked.kept.map((k) => `${k.label}: ${k.reason}`)).toEqual(["orders/theirs: belongs to another design (dsn_other)", "orders: still has rules that are kept (theirs)"]);
    expect(summary(plan(desired([]), account([rule("untagged")]), ["orders"]))).toEqual(["delete rule orders/untagged", "delete bus orders"]);
  });

  it("ticking one bus deletes nothing on another", () => {
    const have = account([rule("a"), rule("b", { bus: "default" })]);
    expect(summary(plan(desired([]), have, ["default"]))).toEqual(["delete rule default/b"]);
  });

  it("plans a rule moved to another bus as a create there and a delete of the old one", () => {
    const p = plan(desired([rule("r", { bus: "payments" })], [bus("payments", MINE)]), account([rule("r", { tags: MINE, targets: [target("t1")] })]));
    expect(summary(p)).toEqual(["create bus payments", "create rule payments/r", "delete target orders/r#t1", "delete rule orders/r"]);
    expect(p.changes[1]!.reason).toBe("moved from bus orders");
    expect(p.changes[3]!.reason).toBe("moved to bus payments");
  });

  it("keeps the old copy of a moved rule it did not create, and says why", () => {
    const p = plan(desired([rule("r", { bus: "payments" })], [bus("payments", MINE)]), account([rule("r")]));
    expect(summary(p)).toEqual(["create bus payments", "create rule payments/r"]);
    expect(p.kept[0]!.reason).toMatch(/^moved to bus payments in the design, but not in the design and not created by Switchyard/);
  });

  it("creates buses tagged with the design and deletes its own buses once empty", () => {
    const created = plan(desired([], [bus("new", MINE)]), account([]));
    expect(created.changes).toEqual([expect.objectContaining({ action: "create", resource: "bus", label: "new", fields: [{ field: "tags", after: MINE }] })]);
    const have = account([rule("r", { bus: "mine", tags: MINE })], [bus("default"), bus("mine", MINE)]);
    expect(summary(plan(desired([]), have))).toEqual(["delete rule mine/r", "delete bus mine"]);
  });

  it("keeps its own bus while a rule it must keep is on it, and never touches unrelated buses", () => {
    const have = account([rule("r", { bus: "mine" })], [bus("default"), bus("mine", MINE), bus("unrelated")]);
    const p = plan(desired([], [bus("other", MINE)]), have);
    expect(summary(p)).toEqual(["create bus other"]);
    expect(p.kept.map((k) => `${k.resource} ${k.label}: ${k.reason}`)).toEqual(["bus mine: still has rules that are kept (r)"]);
  });

  it("orders changes for apply: buses, rules, target removals, target writes, then deletions in reverse", () => {
    const want = desired([rule("kept", { targets: [target("n")] }), rule("fresh", { bus: "new", targets: [target("f")] })], [bus("new", MINE)]);
    const have = account([rule("kept", { targets: [target("x")] }), rule("old", { tags: MINE, targets: [target("o")] })]);
    expect(summary(plan(want, have))).toEqual([
      "create bus new",
      "create rule new/fresh",
      "delete target orders/kept#x",
      "create target orders/kept#n",
      "create target new/fresh#f",
      "delete target orders/old#o",
      "delete rule orders/old",
    ]);
  });
});

describe("planChanges: archives", () => {
  const archive = (fields: Partial<ArchiveState> = {}): ArchiveState => ({ name: "all", bus: "orders", retentionDays: 7, ...fields });

  it("creates a missing archive after the buses and before the rules", () => {
    const p = plan(desired([rule("r")], [bus("orders", MINE)], [archive({ eventPattern: '{"source":["shop"]}' })]), account([], [bus("default")]));
    expect(summary(p)).toEqual(["create bus orders", "create archive orders archive all", "create rule orders/r"]);
    expect(p.changes[1]!.fields).toEqual([{ field: "eventPattern", after: '{"source":["shop"]}' }, { field: "retentionDays", after: 7 }]);
  });

  it("updates pattern (compared as JSON) and retention, and never deletes an archive", () => {
    const have = account([], undefined, [archive({ eventPattern: '{"source":["shop"]}' }), archive({ name: "unrelated" })]);
    expect(plan(desired([], [], [archive({ eventPattern: '{ "source": [ "shop" ] }' })]), have).changes).toEqual([]);
    const p = plan(desired([], [], [archive({ retentionDays: 0 })]), have);
    expect(p.changes.map((c) => [c.label, c.fields])).toEqual([
      ["orders archive all", [{ field: "eventPattern", before: '{"source":["shop"]}', after: undefined }, { field: "retentionDays", before: 7, after: 0 }]],
    ]);
  });
});

describe("deepEqual", () => {
  it("ignores key order and undefined members, not array order", () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1, d: undefined })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: null }, { a: 0 })).toBe(false);
  });
});

describe("planChanges: schedule groups, schedules and pipes", () => {
  const ROLE = "arn:aws:iam::111122223333:role/r";
  const queue = "arn:aws:sqs:us-east-1:111122223333:q";
  const schedule = (name: string, fields: Partial<ScheduleState> = {}): ScheduleState => ({
    name,
    group: "nightly",
    expression: "rate(1 hour)",
    state: "ENABLED",
    actionAfterCompletion: "NONE",
    target: { Arn: queue, RoleArn: ROLE },
    ...fields,
  });
  const pipe = (name: string, fields: Partial<PipeState> = {}): PipeState => ({
    name,
    desiredState: "RUNNING",
    source: queue,
    sourceParameters: { SqsQueueParameters: { BatchSize: 10 } },
    target: lambda("t"),
    roleArn: ROLE,
    tags: MINE,
    ...fields,
  });
  const none = { schedules: [], pipes: [] };
  const want = (extra: Partial<SchedulerPipesResources>) => ({ ...desired([]), scheduleGroups: [], schedules: [], pipes: [], heldBack: none, ...extra });
  const have = (extra: Partial<AccountState>) => ({ ...account([]), scheduleGroups: [{ name: "default", tags: {} }, { name: "nightly", tags: MINE }], schedules: [], pipes: [], ...extra });

  it("applies Scheduler's defaults and reads dates by the time they name", () => {
    const drawn = schedule("a", { timezone: "UTC", startDate: "2027-01-01T00:00:00Z" });
    const read = schedule("a", { startDate: "2027-01-01T00:00:00.000Z", target: { Arn: queue, RoleArn: ROLE, RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 } } });
    expect(plan(want({ scheduleGroups: [{ name: "nightly", tags: MINE }], schedules: [drawn] }), have({ schedules: [read] })).changes).toEqual([]);
  });

  it("sends back the target parameters the design has no field for when it updates a schedule", () => {
    const read = schedule("a", { target: { Arn: queue, RoleArn: ROLE, SageMakerPipelineParameters: { PipelineParameterList: [] } } });
    const [change] = plan(want({ scheduleGroups: [{ name: "nightly", tags: MINE }], schedules: [schedule("a", { description: "now described" })] }), have({ schedules: [read] })).changes;
    expect(change).toMatchObject({ action: "update", resource: "schedule", label: "nightly/a", fields: [{ field: "Description", after: "now described" }] });
    expect(change!.desiredSchedule?.target).toEqual({ Arn: queue, RoleArn: ROLE, SageMakerPipelineParameters: { PipelineParameterList: [] } });
  });

  it("deletes a schedule only in a group this design created, and never one it holds back", () => {
    const account = have({
      scheduleGroups: [{ name: "default", tags: {} }, { name: "nightly", tags: MINE }, { name: "theirs", tags: OTHERS }],
      schedules: [schedule("gone"), schedule("held"), schedule("by-hand", { group: "default" }), schedule("other", { group: "theirs" })],
    });
    const result = plan(want({ scheduleGroups: [{ name: "nightly", tags: MINE }], heldBack: { schedules: ["nightly/held"], pipes: [] } }), account);
    expect(summary(result)).toEqual(["delete schedule nightly/gone"]);
    expect(result.changes[0]!.reason).toBe("in group nightly, created by this design, and no longer in it");
  });

  it("deletes only pipes tagged with this design", () => {
    const result = plan(want({}), have({ pipes: [pipe("mine"), pipe("theirs", { tags: OTHERS }), pipe("untagged", { tags: {} })] }));
    expect(summary(result)).toEqual(["delete pipe mine", "delete schedule-group nightly"]);
  });

  it("replaces a pipe whose starting position changed, and updates one whose batch size changed", () => {
    const kinesis = "arn:aws:kinesis:us-east-1:111122223333:stream/s";
    const read = pipe("p", { source: kinesis, sourceParameters: { KinesisStreamParameters: { BatchSize: 10, StartingPosition: "LATEST", MaximumRetryAttempts: -1 } } });
    const replaced = plan(want({ pipes: [pipe("p", { source: kinesis, sourceParameters: { KinesisStreamParameters: { BatchSize: 10, StartingPosition: "TRIM_HORIZON" } } })] }), have({ pipes: [read] }));
    expect(summary(replaced).slice(0, 2)).toEqual(["delete pipe p", "create pipe p"]);
    expect(replaced.changes[0]!.reason).toBe("AWS cannot change a pipe's SourceParameters.KinesisStreamParameters.StartingPosition: it is replaced");
    const updated = plan(want({ pipes: [pipe("p", { source: kinesis, sourceParameters: { KinesisStreamParameters: { BatchSize: 20, StartingPosition: "LATEST" } } })] }), have({ pipes: [read] }));
    expect(updated.changes[0]).toMatchObject({ action: "update", resource: "pipe", fields: [{ field: "SourceParameters.KinesisStreamParameters.BatchSize", before: 10, after: 20 }] });
  });

  it("sends back the pipe's target parameters the design has no field for, and drops a removed input template", () => {
    const read = pipe("p", { targetParameters: { InputTemplate: "<$.body>", LambdaFunctionParameters: { InvocationType: "FIRE_AND_FORGET" } } });
    const [change] = plan(want({ pipes: [pipe("p")] }), have({ pipes: [read] })).changes;
    expect(change).toMatchObject({ action: "update", fields: [{ field: "TargetParameters.InputTemplate", before: "<$.body>", after: undefined }] });
    expect(change!.desiredPipe?.targetParameters).toEqual({ LambdaFunctionParameters: { InvocationType: "FIRE_AND_FORGET" } });
  });

  it("orders groups before schedules, pipes after rule targets, and their deletions before rule deletions", () => {
    const result = plan(
      { ...want({ scheduleGroups: [{ name: "new", tags: MINE }], schedules: [schedule("s", { group: "new" })], pipes: [pipe("p")] }), rules: [{ ...rule("r", { targets: [target("t1")] }), tags: MINE }] },
      have({ scheduleGroups: [{ name: "default", tags: {} }], rules: [rule("old", { tags: MINE })] }),
    );
    expect(summary(result)).toEqual(["create rule orders/r", "create target orders/r#t1", "create schedule-group new", "create schedule new/s", "create pipe p", "delete rule orders/old"]);
  });
});
