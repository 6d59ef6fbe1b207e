/**
 * The plan: what applying a design would create, change (field by field) and delete in an
 * account, like `terraform plan`. Pure: it compares the design's resources (resources.ts) with
 * the account's (read-account.ts).
 *
 * - Rules are identified by bus and name; a rule moved to another bus is a delete plus a create.
 * - Patterns and constant inputs are compared as parsed JSON (key order and spacing do not
 *   matter); targets are matched by id, whatever their order; an absent retry policy is AWS's
 *   default (185 attempts, 24 hours).
 * - Only resources tagged `switchyard:design` = this design are deleted, plus untagged ones on a
 *   bus for which "also delete what is not in the design" is ticked. A rule the design mentions
 *   owns its target list: targets not in the design are removed from it (except kinds a design
 *   cannot hold, such as ECS tasks, which are kept).
 * - Archives are created and updated (pattern as JSON, retention), never deleted: they carry no tags.
 * - Schedule groups and pipes are tagged like buses and deleted on the same terms (only when
 *   tagged with this design). Schedules cannot be tagged: one is deleted only when its group was
 *   created by this design. A pipe whose source or starting point changed is replaced (AWS
 *   cannot update those). Schedules and pipes the design holds but cannot deploy are never
 *   deleted for their absence.
 * - Changes are ordered for apply: buses, archives, rules, targets, schedule groups, schedules,
 *   pipes (their targets exist by then); deletions after, in reverse.
 */
import { DEFAULT_RETRY_POLICY } from "@/lib/graph/registry";
import {
  DESIGN_TAG,
  ruleKey,
  scheduleKey,
  type AccountState,
  type ArchiveState,
  type BusState,
  type PipeState,
  type RuleState,
  type ScheduleGroupState,
  type ScheduleState,
  type Tags,
  type Target,
} from "../resources/account-state";
import type { DesignResources } from "../resources/design-resources";
import { DEFAULT_SCHEDULE_GROUP } from "../arn";
import type { SchedulerPipesResources } from "../resources/scheduler-pipes-resources";
import { recogniseTargetArn } from "../resources/target-arn";
import { SOURCE_SETTINGS, sourceKindOf } from "../emulator/pipes/source";

export type ChangeAction = "create" | "update" | "delete";
export type ResourceKind = "bus" | "archive" | "rule" | "target" | "schedule-group" | "schedule" | "pipe";

export interface FieldChange {
  /** `eventPattern`, `state`, `RetryPolicy.MaximumRetryAttempts`… */
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface PlannedChange {
  readonly action: ChangeAction;
  readonly resource: ResourceKind;
  readonly bus: string;
  readonly rule?: string;
  readonly targetId?: string;
  readonly archive?: string;
  /** `orders`, `orders/big-orders`, `orders/big-orders#Target0`, `orders archive everything`, for people. */
  readonly label: string;
  /** Updates: what differs. Creates: every field set. Deletes: empty. */
  readonly fields: readonly FieldChange[];
  /** Why, when it is not obvious ("moved from bus a", "not in the design; bus ticked"). */
  readonly reason?: string;
  /** What apply sends for creates and updates. */
  readonly desiredRule?: Omit<RuleState, "targets">;
  readonly desiredTarget?: Target;
  readonly desiredBus?: BusState;
  readonly desiredArchive?: ArchiveState;
  readonly desiredScheduleGroup?: ScheduleGroupState;
  /** Schedules (and their deletes) name their group and schedule here. */
  readonly scheduleGroup?: string;
  readonly schedule?: string;
  readonly desiredSchedule?: ScheduleState;
  readonly pipe?: string;
  readonly desiredPipe?: PipeState;
}

/** Something in the account the plan leaves alone although the design does not mention it. */
export interface KeptResource {
  readonly resource: ResourceKind;
  readonly bus: string;
  readonly rule?: string;
  readonly label: string;
  readonly reason: string;
}

export interface PlanBus {
  readonly name: string;
  readonly inDesign: boolean;
  readonly exists: boolean;
  /** The user ticked "also delete what is not in the design" for it. */
  readonly deleteUnmanaged: boolean;
}

export interface Plan {
  readonly account: string;
  readonly region: string;
  readonly designId: string;
  readonly changes: readonly PlannedChange[];
  readonly kept: readonly KeptResource[];
  /** Every bus of the design or the account, for the per-bus "also delete" choice. */
  readonly buses: readonly PlanBus[];
  /** What the design holds that is not deployed (lib/resources/design-resources.ts). */
  readonly notes: readonly string[];
}

export interface PlanOptions {
  readonly designId: string;
  /** Buses where resources that are not in the design are deleted even when untagged. */
  readonly deleteUnmanaged?: readonly string[];
}

export function planChanges(desired: DesignResources & Partial<SchedulerPipesResources>, actual: AccountState, options: PlanOptions): Plan {
  const ticked = new Set(options.deleteUnmanaged ?? []);
  const ownedHere = (tags: Readonly<Record<string, string>>) => tags[DESIGN_TAG] === options.designId;
  const deletable = (tags: Readonly<Record<string, string>>, bus: string): string | undefined => {
    if (ownedHere(tags)) return "created by this design and no longer in it";
    if (tags[DESIGN_TAG] === undefined && ticked.has(bus)) return `not in the design; "also delete" is ticked for bus ${bus}`;
    return undefined;
  };
  const keepReason = (tags: Readonly<Record<string, string>>, bus: string) =>
    tags[DESIGN_TAG] !== undefined
      ? `belongs to another design (${tags[DESIGN_TAG]})`
      : `not in the design and not created by Switchyard; tick "also delete" for bus ${bus} to delete it`;

  const busCreates: PlannedChange[] = [];
  const ruleWrites: PlannedChange[] = [];
  const targetRemovals: PlannedChange[] = [];
  const targetWrites: PlannedChange[] = [];
  const ruleDeletes: PlannedChange[] = [];
  const busDeletes: PlannedChange[] = [];
  const kept: KeptResource[] = [];

  const actualBuses = new Map(actual.buses.map((bus) => [bus.name, bus]));
  const desiredBuses = new Map(desired.buses.map((bus) => [bus.name, bus]));
  const actualRules = new Map(actual.rules.map((rule) => [ruleKey(rule), rule]));
  const desiredRules = new Map(desired.rules.map((rule) => [ruleKey(rule), rule]));

  for (const bus of desired.buses) {
    if (actualBuses.has(bus.name)) continue;
    busCreates.push({ action: "create", resource: "bus", bus: bus.name, label: bus.name, fields: [{ field: "tags", after: bus.tags }], desiredBus: bus });
  }

  // Archives are created and updated, never deleted: AWS cannot tag them, so nothing says whose they are.
  const archiveWrites: PlannedChange[] = [];
  for (const archive of desired.archives) {
    const existing = actual.archives.find((a) => a.name === archive.name);
    const label = `${archive.bus} archive ${archive.name}`;
    const base = { resource: "archive" as const, bus: archive.bus, archive: archive.name, label, desiredArchive: archive };
    if (existing === undefined) {
      const fields = [...(archive.eventPattern === undefined ? [] : [{ field: "eventPattern", after: archive.eventPattern }]), { field: "retentionDays", after: archive.retentionDays }];
      archiveWrites.push({ action: "create", ...base, fields });
      continue;
    }
    const fields: FieldChange[] = [];
    if (existing.bus !== archive.bus) fields.push({ field: "bus", before: existing.bus, after: archive.bus });
    if (!sameJsonText(archive.eventPattern, existing.eventPattern)) fields.push({ field: "eventPattern", before: existing.eventPattern, after: archive.eventPattern });
    if (archive.retentionDays !== existing.retentionDays) fields.push({ field: "retentionDays", before: existing.retentionDays, after: archive.retentionDays });
    if (fields.length > 0) archiveWrites.push({ action: "update", ...base, fields });
  }

  for (const rule of desired.rules) {
    const existing = actualRules.get(ruleKey(rule));
    const { targets, ...definition } = rule;
    const movedFrom = existing ? undefined : actual.rules.find((r) => r.name === rule.name && r.bus !== rule.bus && !desiredRules.has(ruleKey(r)));
    if (existing === undefined) {
      ruleWrites.push({
        action: "create",
        resource: "rule",
        bus: rule.bus,
        rule: rule.name,
        label: ruleKey(rule),
        fields: ruleFields(definition).map(([field, after]) => ({ field, after })),
        ...(movedFrom ? { reason: `moved from bus ${movedFrom.bus}` } : {}),
        desiredRule: definition,
      });
    } else {
      const fields = ruleDifferences(definition, existing);
      // An enabled rule that also matches CloudTrail management events keeps doing so.
      const state = sameState(definition.state, existing.state) ? existing.state : definition.state;
      if (fields.length > 0) ruleWrites.push({ action: "update", resource: "rule", bus: rule.bus, rule: rule.name, label: ruleKey(rule), fields, desiredRule: { ...definition, state } });
    }
    const current = new Map((existing?.targets ?? []).map((t) => [t.Id ?? "", t]));
    for (const target of targets) {
      const id = target.Id ?? "";
      const label = `${ruleKey(rule)}#${id}`;
      const before = current.get(id);
      if (before === undefined) {
        targetWrites.push({ action: "create", resource: "target", bus: rule.bus, rule: rule.name, targetId: id, label, fields: targetFields(target).map(([field, after]) => ({ field, after })), desiredTarget: target });
        continue;
      }
      const fields = targetDifferences(target, before);
      // Parameters the design has no field for (ECS, HTTP…) are kept as they are in AWS.
      if (fields.length > 0) targetWrites.push({ action: "update", resource: "target", bus: rule.bus, rule: rule.name, targetId: id, label, fields, desiredTarget: { ...unmanagedFields(before), ...target } });
    }
    const wanted = new Set(targets.map((t) => t.Id ?? ""));
    for (const [id, target] of current) {
      if (wanted.has(id)) continue;
      const label = `${ruleKey(rule)}#${id}`;
      // A design cannot hold an ECS or Batch target: its absence from the design says nothing.
      if (recogniseTargetArn(target.Arn ?? "") === undefined) kept.push({ resource: "target", bus: rule.bus, rule: rule.name, label, reason: `a kind of target a design cannot hold (${target.Arn ?? "no ARN"})` });
      else targetRemovals.push({ action: "delete", resource: "target", bus: rule.bus, rule: rule.name, targetId: id, label, fields: [], reason: "not in the design's rule" });
    }
  }

  const mentionedBuses = new Set([...desired.buses.map((b) => b.name), ...desired.rules.map((r) => r.bus), ...ticked]);
  const deletedRuleKeys = new Set<string>();
  for (const rule of actual.rules) {
    if (desiredRules.has(ruleKey(rule))) continue;
    const why = deletable(rule.tags, rule.bus);
    const movedTo = desired.rules.find((r) => r.name === rule.name && r.bus !== rule.bus && !actualRules.has(ruleKey(r)));
    if (why === undefined) {
      // Rules on buses the design does not use are none of its business: not even listed.
      if (movedTo !== undefined || mentionedBuses.has(rule.bus)) {
        kept.push({ resource: "rule", bus: rule.bus, rule: rule.name, label: ruleKey(rule), reason: movedTo ? `moved to bus ${movedTo.bus} in the design, but ${keepReason(rule.tags, rule.bus)}` : keepReason(rule.tags, rule.bus) });
      }
      continue;
    }
    deletedRuleKeys.add(ruleKey(rule));
    for (const target of rule.targets) {
      ruleDeletes.push({ action: "delete", resource: "target", bus: rule.bus, rule: rule.name, targetId: target.Id ?? "", label: `${ruleKey(rule)}#${target.Id ?? ""}`, fields: [], reason: "its rule is deleted" });
    }
    ruleDeletes.push({ action: "delete", resource: "rule", bus: rule.bus, rule: rule.name, label: ruleKey(rule), fields: [], reason: movedTo ? `moved to bus ${movedTo.bus}` : why });
  }

  for (const bus of actual.buses) {
    if (bus.name === "default" || desiredBuses.has(bus.name) || desired.rules.some((r) => r.bus === bus.name)) continue;
    const why = deletable(bus.tags, bus.name);
    if (why === undefined) continue; // a bus the design has nothing to do with: not touched
    const survivors = actual.rules.filter((r) => r.bus === bus.name && !deletedRuleKeys.has(ruleKey(r)));
    if (survivors.length > 0) {
      kept.push({ resource: "bus", bus: bus.name, label: bus.name, reason: `still has rules that are kept (${survivors.map((r) => r.name).join(", ")})` });
      continue;
    }
    busDeletes.push({ action: "delete", resource: "bus", bus: bus.name, label: bus.name, fields: [], reason: why });
  }

  const scheduled = planSchedulerPipes(desired, actual, ownedHere);

  const names = new Set([...desired.buses.map((b) => b.name), ...desired.rules.map((r) => r.bus), ...actual.buses.map((b) => b.name)]);
  const buses = [...names].sort().map((name) => ({
    name,
    inDesign: desiredBuses.has(name) || desired.rules.some((r) => r.bus === name),
    exists: actualBuses.has(name),
    deleteUnmanaged: ticked.has(name),
  }));

  return {
    account: actual.account,
    region: actual.region,
    designId: options.designId,
    changes: [...busCreates, ...archiveWrites, ...ruleWrites, ...targetRemovals, ...targetWrites, ...scheduled.writes, ...scheduled.deletes, ...ruleDeletes, ...busDeletes],
    kept,
    buses,
    notes: [...desired.problems.map((problem) => problem.message), ...(actual.unread ?? [])],
  };
}

// ---------------------------------------------------------------------------------------------
// Comparing rules

type RuleDefinition = Omit<RuleState, "targets">;

function ruleFields(rule: RuleDefinition): [string, unknown][] {
  const fields: [string, unknown][] = [];
  if (rule.eventPattern !== undefined) fields.push(["eventPattern", rule.eventPattern]);
  if (rule.scheduleExpression !== undefined) fields.push(["scheduleExpression", rule.scheduleExpression]);
  fields.push(["state", rule.state]);
  if (rule.description !== undefined) fields.push(["description", rule.description]);
  if (rule.roleArn !== undefined) fields.push(["roleArn", rule.roleArn]);
  if (Object.keys(rule.tags).length > 0) fields.push(["tags", rule.tags]);
  return fields;
}

function ruleDifferences(want: RuleDefinition, have: RuleState): FieldChange[] {
  const changes: FieldChange[] = [];
  if (!sameJsonText(want.eventPattern, have.eventPattern)) changes.push({ field: "eventPattern", before: have.eventPattern, after: want.eventPattern });
  if ((want.scheduleExpression ?? "") !== (have.scheduleExpression ?? "")) changes.push({ field: "scheduleExpression", before: have.scheduleExpression, after: want.scheduleExpression });
  if (!sameState(want.state, have.state)) changes.push({ field: "state", before: have.state, after: want.state });
  if ((want.description ?? "") !== (have.description ?? "")) changes.push({ field: "description", before: have.description, after: want.description });
  if ((want.roleArn ?? "") !== (have.roleArn ?? "")) changes.push({ field: "roleArn", before: have.roleArn, after: want.roleArn });
  return changes;
}

/** ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is an enabled rule: the design's `enabled` keeps it. */
function sameState(want: string, have: string): boolean {
  const enabled = (state: string) => state !== "DISABLED";
  return enabled(want) === enabled(have);
}

// ---------------------------------------------------------------------------------------------
// Comparing targets

/** The `Target` members the design manages; anything else (EcsParameters…) is AWS's to keep. */
const MANAGED_TARGET_FIELDS = new Set(["Id", "Arn", "RoleArn", "Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig", "SqsParameters", "KinesisParameters"]);

function unmanagedFields(target: Target): Partial<Target> {
  return Object.fromEntries(Object.entries(target).filter(([key, value]) => !MANAGED_TARGET_FIELDS.has(key) && value !== undefined)) as Partial<Target>;
}

/** The compared fields of a target, flattened (`RetryPolicy.MaximumRetryAttempts`), defaults applied. */
function flatTarget(target: Target): Map<string, unknown> {
  return new Map<string, unknown>([
    ["Arn", target.Arn],
    ["RoleArn", target.RoleArn],
    ["Input", target.Input],
    ["InputPath", target.InputPath],
    // AWS leaves an empty paths map out of what it returns.
    ["InputTransformer.InputPathsMap", emptyAsAbsent(target.InputTransformer?.InputPathsMap)],
    ["InputTransformer.InputTemplate", target.InputTransformer?.InputTemplate],
    ["RetryPolicy.MaximumRetryAttempts", target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY_POLICY.maximumRetryAttempts],
    ["RetryPolicy.MaximumEventAgeInSeconds", target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY_POLICY.maximumEventAgeInSeconds],
    ["DeadLetterConfig.Arn", target.DeadLetterConfig?.Arn],
    ["SqsParameters.MessageGroupId", target.SqsParameters?.MessageGroupId],
    ["KinesisParameters.PartitionKeyPath", target.KinesisParameters?.PartitionKeyPath],
  ]);
}

function emptyAsAbsent(map: Record<string, string> | undefined): Record<string, string> | undefined {
  return map === undefined || Object.keys(map).length === 0 ? undefined : map;
}

function targetFields(target: Target): [string, unknown][] {
  return [...flatTarget(target)].filter(([, value]) => value !== undefined);
}

function targetDifferences(want: Target, have: Target): FieldChange[] {
  const before = flatTarget(have);
  const changes: FieldChange[] = [];
  for (const [field, after] of flatTarget(want)) {
    const was = before.get(field);
    const same =
      field === "Arn" ? sameTargetArn(after as string | undefined, was as string | undefined)
      : field === "Input" ? sameJsonText(after as string | undefined, was as string | undefined)
      : deepEqual(after ?? null, was ?? null);
    if (!same) changes.push({ field, before: was, after });
  }
  return changes;
}

/** An API destination's ARN from a design lacks AWS's generated id suffix; it matches any id. */
export function sameTargetArn(want: string | undefined, have: string | undefined): boolean {
  if (want === have) return true;
  if (want === undefined || have === undefined) return false;
  return /:api-destination\/[^/]+$/.test(want) && have.startsWith(`${want}/`);
}

// ---------------------------------------------------------------------------------------------
// Scheduler and Pipes

/** Compared field by field; a field whose value differs is listed with both values. */
function differences(want: Map<string, unknown>, have: Map<string, unknown>, same: (field: string, a: unknown, b: unknown) => boolean = () => false): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of new Set([...want.keys(), ...have.keys()])) {
    const after = want.get(field);
    const before = have.get(field);
    if (!same(field, after, before) && !deepEqual(after ?? null, before ?? null)) changes.push({ field, before, after });
  }
  return changes;
}

const setFields = (flat: Map<string, unknown>): FieldChange[] => [...flat].filter(([, value]) => value !== undefined).map(([field, after]) => ({ field, after }));

function planSchedulerPipes(desired: Partial<SchedulerPipesResources>, actual: AccountState, ownedHere: (tags: Tags) => boolean): { writes: PlannedChange[]; deletes: PlannedChange[] } {
  const writes: PlannedChange[] = [];
  const deletes: PlannedChange[] = [];
  const heldBack = { schedules: new Set(desired.heldBack?.schedules ?? []), pipes: new Set(desired.heldBack?.pipes ?? []) };
  const actualGroups = new Map((actual.scheduleGroups ?? []).map((group) => [group.name, group]));
  const desiredGroups = new Set((desired.scheduleGroups ?? []).map((group) => group.name));

  for (const group of desired.scheduleGroups ?? []) {
    if (actualGroups.has(group.name)) continue;
    writes.push({ action: "create", resource: "schedule-group", bus: "", scheduleGroup: group.name, label: group.name, fields: [{ field: "tags", after: group.tags }], desiredScheduleGroup: group });
  }

  const actualSchedules = new Map((actual.schedules ?? []).map((schedule) => [scheduleKey(schedule), schedule]));
  const desiredSchedules = new Set((desired.schedules ?? []).map(scheduleKey));
  for (const schedule of desired.schedules ?? []) {
    const existing = actualSchedules.get(scheduleKey(schedule));
    const base = { resource: "schedule" as const, bus: "", scheduleGroup: schedule.group, schedule: schedule.name, label: scheduleKey(schedule) };
    if (existing === undefined) {
      writes.push({ action: "create", ...base, fields: setFields(flatSchedule(schedule)), desiredSchedule: schedule });
      continue;
    }
    const fields = differences(flatSchedule(schedule), flatSchedule(existing), sameScheduleField);
    // UpdateSchedule replaces the whole schedule: target parameters the design has no field for are sent back as AWS holds them.
    if (fields.length > 0) writes.push({ action: "update", ...base, fields, desiredSchedule: { ...schedule, target: { ...unmanagedScheduleTarget(existing), ...schedule.target } } });
  }
  const groupDeleted = (name: string) => name !== DEFAULT_SCHEDULE_GROUP && !desiredGroups.has(name) && ownedHere(actualGroups.get(name)?.tags ?? {});
  for (const schedule of actual.schedules ?? []) {
    const key = scheduleKey(schedule);
    if (desiredSchedules.has(key) || heldBack.schedules.has(key)) continue;
    const group = actualGroups.get(schedule.group);
    // Schedules carry no tags: their group says whose they are.
    if (group === undefined || !ownedHere(group.tags)) continue;
    deletes.push({
      action: "delete",
      resource: "schedule",
      bus: "",
      scheduleGroup: schedule.group,
      schedule: schedule.name,
      label: key,
      fields: [],
      reason: groupDeleted(schedule.group) ? "its group is deleted" : `in group ${schedule.group}, created by this design, and no longer in it`,
    });
  }
  for (const group of actual.scheduleGroups ?? []) {
    if (!groupDeleted(group.name)) continue;
    deletes.push({ action: "delete", resource: "schedule-group", bus: "", scheduleGroup: group.name, label: group.name, fields: [], reason: "created by this design and no longer in it" });
  }

  const actualPipes = new Map((actual.pipes ?? []).map((pipe) => [pipe.name, pipe]));
  const desiredPipes = new Set((desired.pipes ?? []).map((pipe) => pipe.name));
  const pipeDeletes: PlannedChange[] = [];
  for (const pipe of desired.pipes ?? []) {
    const existing = actualPipes.get(pipe.name);
    const base = { resource: "pipe" as const, bus: "", pipe: pipe.name, label: pipe.name };
    const create: PlannedChange = { action: "create", ...base, fields: setFields(flatPipe(pipe)), desiredPipe: pipe };
    if (existing === undefined) {
      writes.push(create);
      continue;
    }
    const fields = differences(flatPipe(pipe), flatPipe(existing), samePipeField);
    if (fields.some((change) => FIXED_PIPE_FIELDS.some((fixed) => change.field === fixed || change.field.endsWith(`.${fixed}`)))) {
      const reason = `AWS cannot change a pipe's ${fields.map((f) => f.field).filter((f) => FIXED_PIPE_FIELDS.some((fixed) => f === fixed || f.endsWith(`.${fixed}`))).join(", ")}: it is replaced`;
      writes.push({ action: "delete", ...base, fields: [], reason }, { ...create, reason });
    } else if (fields.length > 0) {
      // Target parameters the design has no field for (a Lambda's invocation type…) are sent back as AWS holds them.
      const targetParameters = { ...unmanagedPipeTargetParameters(existing), ...pipe.targetParameters };
      writes.push({ action: "update", ...base, fields, desiredPipe: { ...pipe, source: existing.source, targetParameters } });
    }
  }
  for (const pipe of actual.pipes ?? []) {
    if (desiredPipes.has(pipe.name) || heldBack.pipes.has(pipe.name) || !ownedHere(pipe.tags)) continue;
    pipeDeletes.push({ action: "delete", resource: "pipe", bus: "", pipe: pipe.name, label: pipe.name, fields: [], reason: "created by this design and no longer in it" });
  }
  return { writes, deletes: [...pipeDeletes, ...deletes] };
}

/** The compared settings of a schedule, flattened, AWS's defaults applied. */
function flatSchedule(schedule: ScheduleState): Map<string, unknown> {
  const { target } = schedule;
  return new Map<string, unknown>([
    ["ScheduleExpression", schedule.expression],
    ["ScheduleExpressionTimezone", schedule.timezone === "UTC" ? undefined : schedule.timezone],
    ["StartDate", isoOrText(schedule.startDate)],
    ["EndDate", isoOrText(schedule.endDate)],
    ["Description", schedule.description || undefined],
    ["FlexibleTimeWindow.MaximumWindowInMinutes", schedule.flexibleWindowMinutes],
    ["State", schedule.state],
    ["ActionAfterCompletion", schedule.actionAfterCompletion],
    ["Target.Arn", target.Arn],
    ["Target.RoleArn", target.RoleArn],
    ["Target.Input", target.Input],
    ["Target.RetryPolicy.MaximumRetryAttempts", target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY_POLICY.maximumRetryAttempts],
    ["Target.RetryPolicy.MaximumEventAgeInSeconds", target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY_POLICY.maximumEventAgeInSeconds],
    ["Target.DeadLetterConfig.Arn", target.DeadLetterConfig?.Arn],
    ["Target.EventBridgeParameters.Source", target.EventBridgeParameters?.Source],
    ["Target.EventBridgeParameters.DetailType", target.EventBridgeParameters?.DetailType],
    ["Target.SqsParameters.MessageGroupId", target.SqsParameters?.MessageGroupId],
  ]);
}

/** A date as one spelling (`2027-01-01T00:00:00Z` and `…00.000Z` are the same time). */
function isoOrText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}

function sameScheduleField(field: string, want: unknown, have: unknown): boolean {
  if (field === "Target.Arn") return sameTargetArn(want as string | undefined, have as string | undefined);
  if (field === "Target.Input") return sameJsonText(want as string | undefined, have as string | undefined);
  return false;
}

const MANAGED_SCHEDULE_TARGET_FIELDS = new Set(["Arn", "RoleArn", "Input", "RetryPolicy", "DeadLetterConfig", "EventBridgeParameters", "SqsParameters"]);

function unmanagedScheduleTarget(schedule: ScheduleState): Partial<ScheduleState["target"]> {
  return Object.fromEntries(Object.entries(schedule.target).filter(([key, value]) => !MANAGED_SCHEDULE_TARGET_FIELDS.has(key) && value !== undefined));
}

const MANAGED_PIPE_TARGET_PARAMETERS = new Set(["InputTemplate", "EventBridgeEventBusParameters", "SqsQueueParameters"]);

function unmanagedPipeTargetParameters(pipe: PipeState): PipeState["targetParameters"] {
  return Object.fromEntries(Object.entries(pipe.targetParameters ?? {}).filter(([key, value]) => !MANAGED_PIPE_TARGET_PARAMETERS.has(key) && value !== undefined));
}

/** Settings UpdatePipe cannot change: a difference in one replaces the pipe. */
const FIXED_PIPE_FIELDS = ["Source", "StartingPosition", "TopicName", "ConsumerGroupID"];

/** The compared settings of a pipe, flattened; a batching window of 0 is none. */
function flatPipe(pipe: PipeState): Map<string, unknown> {
  const kind = sourceKindOf(pipe.source);
  const member = kind === undefined ? undefined : SOURCE_SETTINGS[kind].member;
  const own = (member === undefined ? {} : ((pipe.sourceParameters as Readonly<Record<string, unknown>>)[member] ?? {})) as Readonly<Record<string, unknown>>;
  const filters = (pipe.sourceParameters.FilterCriteria?.Filters ?? []).map((filter) => filter.Pattern);
  const targetParameters = pipe.targetParameters ?? {};
  return new Map<string, unknown>([
    ["Description", pipe.description || undefined],
    ["DesiredState", pipe.desiredState],
    ["Source", pipe.source],
    ...["BatchSize", "MaximumBatchingWindowInSeconds", "StartingPosition", "TopicName", "ConsumerGroupID"].map((name): [string, unknown] => [`SourceParameters.${member}.${name}`, own[name] || undefined]),
    ["SourceParameters.FilterCriteria", filters.length === 0 ? undefined : filters],
    ["Enrichment", pipe.enrichment || undefined],
    ["EnrichmentParameters.InputTemplate", pipe.enrichmentParameters?.InputTemplate],
    ["Target", pipe.target],
    ["TargetParameters.InputTemplate", targetParameters.InputTemplate],
    ["TargetParameters.EventBridgeEventBusParameters.Source", targetParameters.EventBridgeEventBusParameters?.Source],
    ["TargetParameters.EventBridgeEventBusParameters.DetailType", targetParameters.EventBridgeEventBusParameters?.DetailType],
    ["TargetParameters.SqsQueueParameters.MessageGroupId", targetParameters.SqsQueueParameters?.MessageGroupId],
    ["RoleArn", pipe.roleArn],
  ]);
}

function samePipeField(field: string, want: unknown, have: unknown): boolean {
  // The design names a DynamoDB stream or MSK cluster up to the part AWS assigns.
  if (field === "Source") return typeof want === "string" && typeof have === "string" && (want === have || (want.endsWith("/") && have.startsWith(want)));
  if (field === "Target" || field === "Enrichment") return sameTargetArn(want as string | undefined, have as string | undefined);
  if (field === "SourceParameters.FilterCriteria" && Array.isArray(want) && Array.isArray(have)) {
    return want.length === have.length && want.every((pattern, i) => sameJsonText(pattern as string | undefined, have[i] as string | undefined));
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// JSON comparison

/** Equal as JSON values (key order, spacing and number spelling ignored); as text when either is not JSON. */
export function sameJsonText(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const parsedA = tryParse(a);
  const parsedB = tryParse(b);
  if (parsedA === NOT_JSON || parsedB === NOT_JSON) return a === b;
  return deepEqual(parsedA, parsedB);
}

const NOT_JSON = Symbol("not JSON");

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  const keysA = Object.keys(recordA).filter((k) => recordA[k] !== undefined);
  const keysB = Object.keys(recordB).filter((k) => recordB[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((key) => deepEqual(recordA[key], recordB[key]));
}
