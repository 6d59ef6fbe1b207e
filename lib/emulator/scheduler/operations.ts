/**
 * EventBridge Scheduler's operations on the local endpoint: schedule groups (every account has
 * its `default` group), schedules in them, and the groups' tags, stored through Prisma so they
 * survive a restart. Errors as the API reference lists them per operation:
 *   https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Operations.html
 */
import { DEFAULT_SCHEDULE_GROUP, parseArn, scheduleArn, scheduleGroupArn, type Scope } from "../../arn";
import type { Db } from "../../db";
import { conflict, invalid, notFound } from "../protocol/errors";
import { paginate, readPaging } from "../protocol/pagination";
import type { Params } from "../protocol/params";
import { readScheduleSpec, type ScheduleSpec } from "./schedule-spec";



export interface SchedulerContext {
  readonly scope: Scope;
  readonly db: Db;
  readonly clock: { now(): number };
  /** A schedule was created, changed or deleted: plan it again. */
  scheduleChanged(arn: string): Promise<void>;
}

type Output = Record<string, unknown>;
type Operation = (params: Params, context: SchedulerContext) => Promise<Output>;

const seconds = (date: Date) => date.getTime() / 1000;

async function groupOrFail(context: SchedulerContext, name: string) {
  const group = await context.db.scheduleGroup.findUnique({ where: { arn: scheduleGroupArn(context.scope, name) } });
  if (group === null) throw notFound(`Schedule group ${name} does not exist.`);
  return group;
}

async function scheduleOrFail(context: SchedulerContext, group: string, name: string) {
  const schedule = await context.db.schedule.findUnique({ where: { arn: scheduleArn(context.scope, group, name) } });
  if (schedule === null) throw notFound(`Schedule ${name} does not exist.`);
  return schedule;
}

/** Only schedule groups carry tags (schedules do not); an ARN of anything else is not found. */
async function taggableGroup(params: Params, context: SchedulerContext): Promise<string> {
  const arn = params.string("ResourceArn");
  const parsed = parseArn(arn);
  const name = parsed?.resource.startsWith("schedule-group/") ? parsed.resource.slice("schedule-group/".length) : undefined;
  if (parsed?.service !== "scheduler" || parsed.account !== context.scope.account || name === undefined) {
    throw notFound(`The resource ${arn} is not a schedule group of this account: only schedule groups have tags.`);
  }
  return (await groupOrFail(context, name)).arn;
}

function readTags(params: Params): { key: string; value: string }[] {
  return params.list("Tags").map((tag) => ({ key: tag.string("Key"), value: tag.string("Value") }));
}

async function writeTags(db: Db, resourceArn: string, tags: readonly { key: string; value: string }[]): Promise<void> {
  for (const tag of tags) {
    await db.resourceTag.upsert({ where: { resourceArn_key: { resourceArn, key: tag.key } }, create: { resourceArn, ...tag }, update: { value: tag.value } });
  }
}

function groupDescription(group: { arn: string; name: string; createdAt: Date; updatedAt: Date }): Output {
  return { Arn: group.arn, Name: group.name, State: "ACTIVE", CreationDate: seconds(group.createdAt), LastModificationDate: seconds(group.updatedAt) };
}

/** What GetSchedule and ListSchedules both tell of a schedule besides its settings. */
function scheduleSummary(schedule: { arn: string; name: string; groupName: string; state: string; createdAt: Date; updatedAt: Date }): Output {
  return {
    Arn: schedule.arn,
    Name: schedule.name,
    GroupName: schedule.groupName,
    State: schedule.state,
    CreationDate: seconds(schedule.createdAt),
    LastModificationDate: seconds(schedule.updatedAt),
  };
}

export const SCHEDULER_OPERATIONS: Readonly<Record<string, Operation>> = {
  async CreateScheduleGroup(params, context) {
    const name = params.string("Name");
    const arn = scheduleGroupArn(context.scope, name);
    if ((await context.db.scheduleGroup.findUnique({ where: { arn } })) !== null) throw conflict(`Schedule group ${name} already exists.`);
    await context.db.scheduleGroup.create({ data: { arn, account: context.scope.account, name } });
    await writeTags(context.db, arn, readTags(params));
    return { ScheduleGroupArn: arn };
  },

  async GetScheduleGroup(params, context) {
    return groupDescription(await groupOrFail(context, params.string("Name")));
  },

  async ListScheduleGroups(params, context) {
    const prefix = params.optionalString("NamePrefix") ?? "";
    const groups = await context.db.scheduleGroup.findMany({ where: { account: context.scope.account, name: { startsWith: prefix } }, orderBy: { name: "asc" } });
    const page = paginate(groups, readPaging(params, "MaxResults"));
    return { ScheduleGroups: page.items.map(groupDescription), ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }) };
  },

  /** Deleting a group deletes its schedules (API_DeleteScheduleGroup.html); `default` cannot be deleted. */
  async DeleteScheduleGroup(params, context) {
    const name = params.string("Name");
    if (name === DEFAULT_SCHEDULE_GROUP) throw invalid("The default schedule group cannot be deleted.");
    const group = await groupOrFail(context, name);
    const schedules = await context.db.schedule.findMany({ where: { account: context.scope.account, groupName: name }, select: { arn: true } });
    await context.db.$transaction([
      context.db.schedule.deleteMany({ where: { account: context.scope.account, groupName: name } }),
      context.db.resourceTag.deleteMany({ where: { resourceArn: group.arn } }),
      context.db.scheduleGroup.delete({ where: { arn: group.arn } }),
    ]);
    for (const schedule of schedules) await context.scheduleChanged(schedule.arn);
    return {};
  },

  async CreateSchedule(params, context) {
    const name = params.string("Name");
    const group = params.optionalString("GroupName") ?? DEFAULT_SCHEDULE_GROUP;
    await groupOrFail(context, group);
    const spec = readScheduleSpec(params);
    const arn = scheduleArn(context.scope, group, name);
    if ((await context.db.schedule.findUnique({ where: { arn } })) !== null) throw conflict(`Schedule ${name} already exists.`);
    await context.db.schedule.create({
      data: { arn, account: context.scope.account, groupName: group, name, state: params.optionalString("State") ?? "ENABLED", spec: JSON.stringify(spec), plannedAt: new Date(context.clock.now()) },
    });
    await context.scheduleChanged(arn);
    return { ScheduleArn: arn };
  },

  async GetSchedule(params, context) {
    const group = params.optionalString("GroupName") ?? DEFAULT_SCHEDULE_GROUP;
    const schedule = await scheduleOrFail(context, group, params.string("Name"));
    return { ...scheduleSummary(schedule), ...(JSON.parse(schedule.spec) as ScheduleSpec) };
  },

  /** UpdateSchedule replaces every setting; what it leaves out goes back to its default (API_UpdateSchedule.html). */
  async UpdateSchedule(params, context) {
    const name = params.string("Name");
    const group = params.optionalString("GroupName") ?? DEFAULT_SCHEDULE_GROUP;
    const existing = await scheduleOrFail(context, group, name);
    const spec = readScheduleSpec(params);
    await context.db.schedule.update({
      where: { arn: existing.arn },
      data: { state: params.optionalString("State") ?? "ENABLED", spec: JSON.stringify(spec), plannedAt: new Date(context.clock.now()), lastFireAt: null },
    });
    await context.scheduleChanged(existing.arn);
    return { ScheduleArn: existing.arn };
  },

  async DeleteSchedule(params, context) {
    const group = params.optionalString("GroupName") ?? DEFAULT_SCHEDULE_GROUP;
    const schedule = await scheduleOrFail(context, group, params.string("Name"));
    await context.db.schedule.delete({ where: { arn: schedule.arn } });
    await context.scheduleChanged(schedule.arn);
    return {};
  },

  async ListSchedules(params, context) {
    const group = params.optionalString("GroupName");
    if (group !== undefined) await groupOrFail(context, group);
    const state = params.optionalString("State");
    const schedules = await context.db.schedule.findMany({
      where: {
        account: context.scope.account,
        name: { startsWith: params.optionalString("NamePrefix") ?? "" },
        ...(group === undefined ? {} : { groupName: group }),
        ...(state === undefined ? {} : { state }),
      },
      orderBy: [{ groupName: "asc" }, { name: "asc" }],
    });
    const page = paginate(schedules, readPaging(params, "MaxResults"));
    return {
      Schedules: page.items.map((schedule) => ({ ...scheduleSummary(schedule), Target: { Arn: (JSON.parse(schedule.spec) as ScheduleSpec).Target.Arn } })),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },

  async TagResource(params, context) {
    await writeTags(context.db, await taggableGroup(params, context), readTags(params));
    return {};
  },

  async UntagResource(params, context) {
    const arn = await taggableGroup(params, context);
    await context.db.resourceTag.deleteMany({ where: { resourceArn: arn, key: { in: params.stringList("TagKeys") } } });
    return {};
  },

  async ListTagsForResource(params, context) {
    const arn = await taggableGroup(params, context);
    const tags = await context.db.resourceTag.findMany({ where: { resourceArn: arn }, orderBy: { key: "asc" } });
    return { Tags: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) };
  },
};
