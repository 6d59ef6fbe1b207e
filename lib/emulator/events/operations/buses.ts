/** CreateEventBus, DescribeEventBus, ListEventBuses, DeleteEventBus. */
import { busArn, DEFAULT_BUS, resolveBusName } from "../../../arn";
import { alreadyExists, invalid, notFound } from "../../protocol/errors";
import { paginate, readPaging } from "../../protocol/pagination";
import { BUS_NAME_OR_ARN_RULE, type Params } from "../../protocol/params";
import type { Operation, OperationContext } from "./context";

const BUS_NAME_RULE = { min: 1, max: 256, pattern: /^[/.\-_A-Za-z0-9]+$/ };

export const createEventBus: Operation = async (params, { db, scope }) => {
  const name = params.string("Name", BUS_NAME_RULE);
  const description = params.optionalString("Description", { max: 512 });
  if (name === DEFAULT_BUS || name.startsWith("aws.")) {
    throw invalid(`Event bus name ${name} is reserved.`);
  }
  const arn = busArn(scope, name);
  if ((await db.eventBus.findUnique({ where: { arn } })) !== null) throw alreadyExists(`Event bus ${name} already exists.`);
  await db.eventBus.create({ data: { arn, account: scope.account, name, description } });
  await writeTags(params, db, arn);
  return { EventBusArn: arn, Description: description };
};

export const describeEventBus: Operation = async (params, context) => {
  const bus = await findBus(context, params.optionalString("Name", BUS_NAME_OR_ARN_RULE));
  return {
    Name: bus.name,
    Arn: bus.arn,
    Description: bus.description ?? undefined,
    CreationTime: bus.createdAt.getTime() / 1000,
    LastModifiedTime: bus.updatedAt.getTime() / 1000,
  };
};

export const listEventBuses: Operation = async (params, { db, scope }) => {
  const prefix = params.optionalString("NamePrefix", { min: 1, max: 256 });
  const paging = readPaging(params);
  const buses = await db.eventBus.findMany({
    where: { account: scope.account, ...(prefix === undefined ? {} : { name: { startsWith: prefix } }) },
    orderBy: { name: "asc" },
  });
  const page = paginate(buses, paging);
  return {
    EventBuses: page.items.map((bus) => ({
      Name: bus.name,
      Arn: bus.arn,
      Description: bus.description ?? undefined,
      CreationTime: bus.createdAt.getTime() / 1000,
      LastModifiedTime: bus.updatedAt.getTime() / 1000,
    })),
    NextToken: page.nextToken,
  };
};

export const deleteEventBus: Operation = async (params, { db, scope, runtime }) => {
  const name = params.string("Name", BUS_NAME_RULE);
  if (name === DEFAULT_BUS) throw invalid("Cannot delete event bus default.");
  const arn = busArn(scope, name);
  // Deleting a bus that is not there succeeds, as on AWS; its rules and their targets go with it.
  const rules = await db.busRule.findMany({ where: { account: scope.account, busName: name }, select: { arn: true } });
  await db.$transaction([
    db.busTarget.deleteMany({ where: { ruleArn: { in: rules.map((r) => r.arn) } } }),
    db.busRule.deleteMany({ where: { account: scope.account, busName: name } }),
    db.resourceTag.deleteMany({ where: { resourceArn: { in: [arn, ...rules.map((r) => r.arn)] } } }),
    db.eventBus.deleteMany({ where: { arn } }),
  ]);
  for (const rule of rules) runtime.targets.changed(rule.arn);
  runtime.busDeleted(arn);
  return {};
};

/** The bus an `EventBusName`/`Name` parameter names (default bus when absent); not found → AWS's error. */
export async function findBus({ db, scope }: OperationContext, nameOrArn: string | undefined) {
  const resolved = resolveBusName(scope, nameOrArn);
  const bus = await db.eventBus.findUnique({ where: { arn: busArn(resolved.scope, resolved.name) } });
  if (bus === null) throw notFound(`Event bus ${resolved.name} does not exist.`);
  return bus;
}

/** Tags given at creation (`Tags: [{Key, Value}]`). */
export async function writeTags(params: Params, db: OperationContext["db"], resourceArn: string): Promise<void> {
  const tags = params.list("Tags", { max: 50 }).map((tag) => ({
    resourceArn,
    key: tag.string("Key", { min: 1, max: 128 }),
    value: tag.string("Value", { max: 256 }),
  }));
  for (const tag of tags) {
    await db.resourceTag.upsert({
      where: { resourceArn_key: { resourceArn, key: tag.key } },
      create: tag,
      update: { value: tag.value },
    });
  }
}
