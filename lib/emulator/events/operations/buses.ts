/**
 * CreateEventBus, DescribeEventBus, ListEventBuses, UpdateEventBus, DeleteEventBus.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html
 */
import { busArn, DEFAULT_BUS, parseArn, resolveBusName, type Scope } from "../../../arn";
import { alreadyExists, invalid, invalidParameter, notFound } from "../../protocol/errors";
import { paginate, readPaging } from "../../protocol/pagination";
import type { Params } from "../../protocol/params";
import { epochSeconds, parseStored, type Operation, type OperationContext, namePrefixWhere } from "./context";

type BusRow = Awaited<ReturnType<OperationContext["db"]["eventBus"]["findUniqueOrThrow"]>>;

/** The settings CreateEventBus and UpdateEventBus share, as columns (absent members: undefined). */
function readSettings(params: Params) {
  const deadLetter = params.optionalObject("DeadLetterConfig");
  const logConfig = params.optionalObject("LogConfig");
  return {
    description: params.optionalString("Description"),
    kmsKeyIdentifier: params.optionalString("KmsKeyIdentifier"),
    deadLetterArn: deadLetter?.optionalString("Arn"),
    logConfig: logConfig === undefined ? undefined : JSON.stringify(logConfig.verbatim()),
  };
}

function settingsOf(bus: BusRow) {
  return {
    KmsKeyIdentifier: bus.kmsKeyIdentifier ?? undefined,
    DeadLetterConfig: bus.deadLetterArn === null ? undefined : { Arn: bus.deadLetterArn },
    LogConfig: parseStored<Record<string, unknown>>(bus.logConfig),
  };
}

export const createEventBus: Operation = async (params, context) => {
  const { db, scope } = context;
  const name = params.string("Name");
  const eventSourceName = params.optionalString("EventSourceName");
  const settings = readSettings(params);
  if (name === DEFAULT_BUS || (name.startsWith("aws.") && eventSourceName === undefined)) {
    throw invalid(`Event bus name ${name} is reserved.`);
  }
  if (eventSourceName !== undefined) {
    if (eventSourceName !== name) throw invalidParameter("Name", "A partner event bus has the name of its partner event source.");
  } else if (name.includes("/")) {
    throw invalidParameter("Name", "Only a partner event bus (created with EventSourceName) has '/' in its name.");
  }
  const arn = busArn(scope, name);
  if ((await db.eventBus.findUnique({ where: { arn } })) !== null) throw alreadyExists(`Event bus ${name} already exists.`);
  if (eventSourceName !== undefined) {
    const source = await db.partnerEventSource.findUnique({ where: { name_account: { name: eventSourceName, account: scope.account } } });
    if (source === null || source.state === "DELETED") throw notFound(`Event source ${eventSourceName} does not exist.`);
    await db.partnerEventSource.update({ where: { name_account: { name: eventSourceName, account: scope.account } }, data: { state: "ACTIVE" } });
  }
  const bus = await db.eventBus.create({ data: { arn, account: scope.account, name, eventSourceName, ...settings } });
  await writeTags(params, db, arn);
  return { EventBusArn: arn, Description: bus.description ?? undefined, ...settingsOf(bus) };
};

export const describeEventBus: Operation = async (params, context) => {
  const bus = await findBus(context, params.optionalString("Name"));
  const { KmsKeyIdentifier, DeadLetterConfig, LogConfig } = settingsOf(bus);
  return {
    Name: bus.name,
    Arn: bus.arn,
    Description: bus.description ?? undefined,
    KmsKeyIdentifier,
    DeadLetterConfig,
    Policy: bus.policy ?? undefined,
    LogConfig,
    CreationTime: epochSeconds(bus.createdAt),
    LastModifiedTime: epochSeconds(bus.updatedAt),
  };
};

export const listEventBuses: Operation = async (params, { db, scope }) => {
  const prefix = params.optionalString("NamePrefix");
  const paging = readPaging(params);
  const buses = await db.eventBus.findMany({
    where: { account: scope.account, ...namePrefixWhere(prefix) },
    orderBy: { name: "asc" },
  });
  const page = paginate(buses, paging);
  return {
    EventBuses: page.items.map((bus) => ({
      Name: bus.name,
      Arn: bus.arn,
      Description: bus.description ?? undefined,
      Policy: bus.policy ?? undefined,
      CreationTime: epochSeconds(bus.createdAt),
      LastModifiedTime: epochSeconds(bus.updatedAt),
    })),
    NextToken: page.nextToken,
  };
};

/** Changes the settings given; the others stay as they are. */
export const updateEventBus: Operation = async (params, context) => {
  const bus = await findBus(context, params.optionalString("Name"));
  const settings = Object.fromEntries(Object.entries(readSettings(params)).filter(([, value]) => value !== undefined));
  const updated = await context.db.eventBus.update({ where: { arn: bus.arn }, data: settings });
  return { Arn: updated.arn, Name: updated.name, Description: updated.description ?? undefined, ...settingsOf(updated) };
};

export const deleteEventBus: Operation = async (params, { db, scope, runtime }) => {
  const name = params.string("Name");
  if (name === DEFAULT_BUS) throw invalid("Cannot delete event bus default.");
  const arn = busArn(scope, name);
  // Deleting a bus that is not there succeeds, as on AWS; its rules and their targets go with it.
  // A partner event bus's source waits (PENDING) for a new bus.
  const rules = await db.busRule.findMany({ where: { account: scope.account, busName: name }, select: { arn: true } });
  await db.$transaction([
    db.busTarget.deleteMany({ where: { ruleArn: { in: rules.map((r) => r.arn) } } }),
    db.busRule.deleteMany({ where: { account: scope.account, busName: name } }),
    db.resourceTag.deleteMany({ where: { resourceArn: { in: [arn, ...rules.map((r) => r.arn)] } } }),
    db.eventBus.deleteMany({ where: { arn } }),
    db.partnerEventSource.updateMany({ where: { name, account: scope.account, state: "ACTIVE" }, data: { state: "PENDING" } }),
  ]);
  for (const rule of rules) runtime.targets.changed(rule.arn);
  runtime.busDeleted(arn);
  return {};
};

/** The bus an `EventBusName`/`Name` parameter names, by name or ARN (default bus when absent); not found → AWS's error. */
export async function findBus({ db, scope }: OperationContext, nameOrArn: string | undefined): Promise<BusRow> {
  const resolved = resolveBusName(scope, nameOrArn);
  const bus = await db.eventBus.findUnique({ where: { arn: busArn(resolved.scope, resolved.name) } });
  if (bus === null) throw notFound(`Event bus ${resolved.name} does not exist.`);
  return bus;
}

/** The account and region a bus lives in, from its ARN (its rules' ARNs carry them). */
export function busScope(bus: { arn: string }): Scope {
  const parsed = parseArn(bus.arn);
  if (parsed === undefined) throw new Error(`A stored bus has an invalid ARN: ${bus.arn}`);
  return { account: parsed.account, region: parsed.region };
}

/** Tags given at creation or by TagResource (`Tags: [{Key, Value}]`). */
export async function writeTags(params: Params, db: OperationContext["db"], resourceArn: string): Promise<void> {
  const tags = params.list("Tags").map((tag) => ({ resourceArn, key: tag.string("Key"), value: tag.string("Value") }));
  for (const tag of tags) {
    await db.resourceTag.upsert({
      where: { resourceArn_key: { resourceArn, key: tag.key } },
      create: tag,
      update: { value: tag.value },
    });
  }
}
