/**
 * API destinations: CreateApiDestination, DescribeApiDestination, ListApiDestinations,
 * UpdateApiDestination, DeleteApiDestination; rules target them and the dispatcher calls them for
 * real. A destination is ACTIVE while its connection is authorized, INACTIVE otherwise.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateApiDestination.html
 */
import { apiDestinationArn } from "../../../arn";
import { alreadyExists, invalidParameter, notFound } from "../../protocol/errors";
import { paginate, readPaging } from "../../protocol/pagination";
import { connectionState } from "./connections";
import { epochSeconds, type Operation, type OperationContext, namePrefixWhere } from "./context";

/** InvocationRateLimitPerSecond when none is given (AWS's default). */
export const DEFAULT_RATE_LIMIT = 300;

type DestinationRow = Awaited<ReturnType<OperationContext["db"]["apiDestination"]["findUniqueOrThrow"]>>;

/**
 * The endpoint must be an absolute http(s) URL. AWS accepts HTTPS only; the local bus also calls
 * plain-HTTP endpoints, since local receivers rarely have certificates.
 */
function checkEndpoint(endpoint: string): void {
  if (!/^https?:\/\//.test(endpoint)) throw invalidParameter("InvocationEndpoint", `${endpoint} is not an http(s) URL.`);
}

async function requireConnection(context: OperationContext, arn: string) {
  const connection = await context.db.apiConnection.findUnique({ where: { arn } });
  if (connection === null || connection.account !== context.scope.account) throw notFound(`Connection ${arn} does not exist.`);
  return connection;
}

/** ACTIVE while the destination's connection is authorized. */
async function destinationState(context: OperationContext, connectionArn: string): Promise<string> {
  const connection = await context.db.apiConnection.findUnique({ where: { arn: connectionArn } });
  return connection !== null && connectionState(connection) === "AUTHORIZED" ? "ACTIVE" : "INACTIVE";
}

async function findDestination(context: OperationContext, name: string, missing: string): Promise<DestinationRow> {
  const destination = await context.db.apiDestination.findUnique({ where: { account_name: { account: context.scope.account, name } } });
  if (destination === null) throw notFound(missing);
  return destination;
}

const missingDestination = (name: string) => `An api-destination '${name}' does not exist.`;

async function stateOutput(context: OperationContext, destination: DestinationRow) {
  return {
    ApiDestinationArn: destination.arn,
    ApiDestinationState: await destinationState(context, destination.connectionArn),
    CreationTime: epochSeconds(destination.createdAt),
    LastModifiedTime: epochSeconds(destination.updatedAt),
  };
}

export const createApiDestination: Operation = async (params, context) => {
  const { db, scope } = context;
  const name = params.string("Name");
  const connectionArn = params.string("ConnectionArn");
  const endpoint = params.string("InvocationEndpoint");
  checkEndpoint(endpoint);
  await requireConnection(context, connectionArn);
  if ((await db.apiDestination.findUnique({ where: { account_name: { account: scope.account, name } } })) !== null) {
    throw alreadyExists(`An api-destination '${name}' already exists.`);
  }
  const created = await db.apiDestination.create({
    data: {
      arn: apiDestinationArn(scope, name, crypto.randomUUID()),
      account: scope.account,
      name,
      description: params.optionalString("Description"),
      connectionArn,
      endpoint,
      httpMethod: params.string("HttpMethod"),
      rateLimit: params.optionalNumber("InvocationRateLimitPerSecond") ?? DEFAULT_RATE_LIMIT,
    },
  });
  return stateOutput(context, created);
};

/** The ApiDestination structure of ListApiDestinations (DescribeApiDestination adds Description). */
function summary(destination: DestinationRow, state: string) {
  return {
    ApiDestinationArn: destination.arn,
    Name: destination.name,
    ApiDestinationState: state,
    ConnectionArn: destination.connectionArn,
    InvocationEndpoint: destination.endpoint,
    HttpMethod: destination.httpMethod,
    InvocationRateLimitPerSecond: destination.rateLimit,
    CreationTime: epochSeconds(destination.createdAt),
    LastModifiedTime: epochSeconds(destination.updatedAt),
  };
}

export const describeApiDestination: Operation = async (params, context) => {
  const name = params.string("Name");
  const destination = await findDestination(context, name, `Failed to describe the api-destination(s). ${missingDestination(name)}`);
  return { ...summary(destination, await destinationState(context, destination.connectionArn)), Description: destination.description ?? undefined };
};

export const listApiDestinations: Operation = async (params, context) => {
  const prefix = params.optionalString("NamePrefix");
  const connectionArn = params.optionalString("ConnectionArn");
  const paging = readPaging(params);
  const rows = await context.db.apiDestination.findMany({
    where: {
      account: context.scope.account,
      ...namePrefixWhere(prefix),
      ...(connectionArn === undefined ? {} : { connectionArn }),
    },
    orderBy: { name: "asc" },
  });
  const page = paginate(rows, paging);
  const items = [];
  for (const destination of page.items) items.push(summary(destination, await destinationState(context, destination.connectionArn)));
  return { ApiDestinations: items, NextToken: page.nextToken };
};

/** Changes the members given; the others stay as they are. */
export const updateApiDestination: Operation = async (params, context) => {
  const name = params.string("Name");
  const destination = await findDestination(context, name, missingDestination(name));
  const endpoint = params.optionalString("InvocationEndpoint");
  if (endpoint !== undefined) checkEndpoint(endpoint);
  const connectionArn = params.optionalString("ConnectionArn");
  if (connectionArn !== undefined) await requireConnection(context, connectionArn);
  const changes = {
    description: params.optionalString("Description"),
    connectionArn,
    endpoint,
    httpMethod: params.optionalString("HttpMethod"),
    rateLimit: params.optionalNumber("InvocationRateLimitPerSecond"),
  };
  const updated = await context.db.apiDestination.update({
    where: { arn: destination.arn },
    data: Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
  });
  return stateOutput(context, updated);
};

export const deleteApiDestination: Operation = async (params, context) => {
  const name = params.string("Name");
  const destination = await findDestination(context, name, missingDestination(name));
  await context.db.apiDestination.delete({ where: { arn: destination.arn } });
  return {};
};
