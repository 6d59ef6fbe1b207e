/**
 * Partner event sources, both sides, so a SaaS integration can be tried locally: the partner
 * (any caller) creates a source for an account (CreatePartnerEventSource), lists and describes
 * its sources, puts events (PutPartnerEvents) and deletes them; the account sees the sources shared
 * with it (ListEventSources, DescribeEventSource), receives their events on a partner event bus of
 * the same name (CreateEventBus with EventSourceName), and deactivates or activates them.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreatePartnerEventSource.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-saas.html
 */
import { busArn, eventSourceArn } from "../../../arn";
import { alreadyExists, AwsError, notFound } from "../../protocol/errors";
import { paginate, readPaging } from "../../protocol/pagination";
import { epochSeconds, type Operation, type OperationContext, namePrefixWhere } from "./context";
import { EntryFailure, putEntries } from "./put-events";

/** "If it remains in PENDING state for more than two weeks, it is deleted." (DeactivateEventSource) */
const PENDING_EXPIRY_MS = 14 * 86_400_000;

type SourceRow = Awaited<ReturnType<OperationContext["db"]["partnerEventSource"]["findUniqueOrThrow"]>>;

const missingSource = (name: string) => notFound(`Event source ${name} does not exist.`);
const invalidState = (message: string) => new AwsError("InvalidStateException", message);

/** The source as the account it was created for sees it (EventSource). */
function shared(source: SourceRow, region: string) {
  return {
    Arn: eventSourceArn(region, source.name),
    // "The name of the partner that created the event source": aws.partner/<partner>/…
    CreatedBy: source.name.split("/")[1],
    CreationTime: epochSeconds(source.createdAt),
    ExpirationTime: source.state === "PENDING" ? epochSeconds(new Date(source.updatedAt.getTime() + PENDING_EXPIRY_MS)) : undefined,
    Name: source.name,
    State: source.state,
  };
}

export const createPartnerEventSource: Operation = async (params, { db, scope }) => {
  const name = params.string("Name");
  const account = params.string("Account");
  const existing = await db.partnerEventSource.findFirst({ where: { name, state: { not: "DELETED" } } });
  if (existing !== null) throw alreadyExists(`Event source ${name} already exists.`);
  await db.partnerEventSource.upsert({
    where: { name_account: { name, account } },
    create: { name, account, partnerAccount: scope.account, state: "PENDING" },
    update: { partnerAccount: scope.account, state: "PENDING", createdAt: new Date() },
  });
  return { EventSourceArn: eventSourceArn(scope.region, name) };
};

/** The partner's own sources of a name (one per account it was created for). */
async function partnerSources(context: OperationContext, name: string): Promise<SourceRow[]> {
  return context.db.partnerEventSource.findMany({ where: { name, partnerAccount: context.scope.account, state: { not: "DELETED" } }, orderBy: { account: "asc" } });
}

export const describePartnerEventSource: Operation = async (params, context) => {
  const name = params.string("Name");
  if ((await partnerSources(context, name)).length === 0) throw missingSource(name);
  return { Arn: eventSourceArn(context.scope.region, name), Name: name };
};

export const listPartnerEventSources: Operation = async (params, context) => {
  const prefix = params.string("NamePrefix");
  const paging = readPaging(params);
  const rows = await context.db.partnerEventSource.findMany({
    where: { partnerAccount: context.scope.account, name: { startsWith: prefix }, state: { not: "DELETED" } },
    orderBy: { name: "asc" },
  });
  const names = [...new Set(rows.map((row) => row.name))];
  const page = paginate(names, paging);
  return { PartnerEventSources: page.items.map((name) => ({ Arn: eventSourceArn(context.scope.region, name), Name: name })), NextToken: page.nextToken };
};

export const listPartnerEventSourceAccounts: Operation = async (params, context) => {
  const name = params.string("EventSourceName");
  const paging = readPaging(params);
  const sources = await partnerSources(context, name);
  if (sources.length === 0) throw missingSource(name);
  const page = paginate(sources, paging);
  return {
    PartnerEventSourceAccounts: page.items.map((source) => {
      const { CreationTime, ExpirationTime, State } = shared(source, context.scope.region);
      return { Account: source.account, CreationTime, ExpirationTime, State };
    }),
    NextToken: page.nextToken,
  };
};

/** Deleting a source that is not there succeeds; the account's partner bus stays, its source DELETED. */
export const deletePartnerEventSource: Operation = async (params, context) => {
  const name = params.string("Name");
  const account = params.string("Account");
  await context.db.partnerEventSource.updateMany({ where: { name, account, partnerAccount: context.scope.account }, data: { state: "DELETED" } });
  return {};
};

async function sharedSource(context: OperationContext, name: string): Promise<SourceRow> {
  const source = await context.db.partnerEventSource.findUnique({ where: { name_account: { name, account: context.scope.account } } });
  if (source === null) throw missingSource(name);
  return source;
}

export const listEventSources: Operation = async (params, context) => {
  const prefix = params.optionalString("NamePrefix");
  const paging = readPaging(params);
  const rows = await context.db.partnerEventSource.findMany({
    where: { account: context.scope.account, ...namePrefixWhere(prefix) },
    orderBy: { name: "asc" },
  });
  const page = paginate(rows, paging);
  return { EventSources: page.items.map((source) => shared(source, context.scope.region)), NextToken: page.nextToken };
};

export const describeEventSource: Operation = async (params, context) =>
  shared(await sharedSource(context, params.string("Name")), context.scope.region);

/** Deactivated (PENDING) → ACTIVE: the partner event bus receives the source's events again. */
export const activateEventSource: Operation = async (params, context) => {
  const source = await sharedSource(context, params.string("Name"));
  if (source.state !== "PENDING") throw invalidState(`Event source ${source.name} is ${source.state}; only a PENDING source can be activated.`);
  if (!(await context.runtime.busExists(busArn(context.scope, source.name)))) {
    throw invalidState(`Event source ${source.name} has no matching event bus; create one with EventSourceName.`);
  }
  await context.db.partnerEventSource.update({ where: { name_account: { name: source.name, account: source.account } }, data: { state: "ACTIVE" } });
  return {};
};

/** ACTIVE → PENDING: the bus stays and receives nothing until the source is activated again. */
export const deactivateEventSource: Operation = async (params, context) => {
  const source = await sharedSource(context, params.string("Name"));
  if (source.state !== "ACTIVE") throw invalidState(`Event source ${source.name} is ${source.state}; only an ACTIVE source can be deactivated.`);
  await context.db.partnerEventSource.update({ where: { name_account: { name: source.name, account: source.account } }, data: { state: "PENDING" } });
  return {};
};

/**
 * The partner's events, to the partner event bus of the account each source was created for;
 * while the source is not ACTIVE (no bus yet, deactivated) they go nowhere.
 */
export const putPartnerEvents: Operation = (params, context) =>
  putEntries(params.list("Entries"), context, async (_entry, source) => {
    const row = await context.db.partnerEventSource.findFirst({ where: { name: source, partnerAccount: context.scope.account, state: { not: "DELETED" } } });
    if (row === null) throw new EntryFailure("InvalidArgument", `Event source ${source} does not exist.`);
    const arn = busArn({ account: row.account, region: context.scope.region }, source);
    const delivered = row.state === "ACTIVE" && (await context.runtime.busExists(arn));
    return { busArn: delivered ? arn : undefined, account: row.account };
  });
