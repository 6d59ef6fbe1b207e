/**
 * Global endpoints: CreateEndpoint, DescribeEndpoint, ListEndpoints, UpdateEndpoint,
 * DeleteEndpoint. The local bus keeps an endpoint's configuration; it does not fail over.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEndpoint.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html
 */
import { endpointArn, parseArn, type Scope } from "../../../arn";
import { alreadyExists, invalidParameter, notFound } from "../../protocol/errors";
import { paginate, readPaging } from "../../protocol/pagination";
import type { Params } from "../../protocol/params";
import type { JsonObject } from "../../protocol/shapes";
import { epochSeconds, parseStored, type Operation, type OperationContext, namePrefixWhere } from "./context";

type EndpointRow = Awaited<ReturnType<OperationContext["db"]["busEndpoint"]["findUniqueOrThrow"]>>;

interface EndpointConfig {
  readonly routingConfig: { FailoverConfig: { Primary: { HealthCheck: string }; Secondary: { Route: string } } };
  readonly replicationConfig: { State?: string } | undefined;
  readonly eventBuses: { EventBusArn: string }[];
  readonly roleArn: string | undefined;
}

/**
 * The rules AWS documents beyond the model: the two buses have one name, live in the caller's
 * account, one in the endpoint's (the caller's) Region and one in the secondary Region the routing
 * names; replication, ENABLED unless turned off, needs a role.
 */
function checkConfig(config: EndpointConfig, scope: Scope): void {
  const buses = config.eventBuses.map((bus) => {
    const arn = parseArn(bus.EventBusArn);
    return { account: arn?.account, region: arn?.region, name: arn?.resource.slice("event-bus/".length) };
  });
  if (buses[0].name !== buses[1].name) throw invalidParameter("EventBuses", "The names of the event buses must be identical in each Region.");
  if (buses.some((bus) => bus.account !== scope.account)) throw invalidParameter("EventBuses", "The event buses must be in the account of the endpoint.");
  const secondary = config.routingConfig.FailoverConfig.Secondary.Route;
  if (secondary === scope.region) {
    throw invalidParameter("RoutingConfig.FailoverConfig.Secondary.Route", `The secondary Region must differ from the endpoint's Region ${scope.region}.`);
  }
  const regions = buses.map((bus) => bus.region).sort();
  if (regions.join() !== [scope.region, secondary].sort().join()) {
    throw invalidParameter("EventBuses", `One event bus must be in the endpoint's Region ${scope.region} and one in the secondary Region ${secondary}.`);
  }
  if ((config.replicationConfig?.State ?? "ENABLED") === "ENABLED" && config.roleArn === undefined) {
    throw invalidParameter("RoleArn", "A role is required while event replication is ENABLED.");
  }
}

type Routing = EndpointConfig["routingConfig"];

function readRouting(routing: Params): Routing {
  const failover = routing.object("FailoverConfig");
  return {
    FailoverConfig: {
      Primary: { HealthCheck: failover.object("Primary").string("HealthCheck") },
      Secondary: { Route: failover.object("Secondary").string("Route") },
    },
  };
}

/** The request's settings over the stored ones (UpdateEndpoint), or the request's alone (CreateEndpoint). */
function readConfig(params: Params, stored: EndpointRow | undefined): EndpointConfig {
  const routing = params.optionalObject("RoutingConfig");
  const replication = params.optionalObject("ReplicationConfig");
  const routingConfig = routing === undefined ? parseStored<Routing>(stored?.routingConfig ?? null) : readRouting(routing);
  const eventBuses = params.has("EventBuses")
    ? params.list("EventBuses").map((bus) => ({ EventBusArn: bus.string("EventBusArn") }))
    : parseStored<EndpointConfig["eventBuses"]>(stored?.eventBuses ?? null);
  // The model requires both on CreateEndpoint, and a stored endpoint has both.
  if (routingConfig === undefined || eventBuses === undefined) throw new Error("An endpoint without RoutingConfig or EventBuses.");
  return {
    routingConfig,
    replicationConfig: replication === undefined ? parseStored(stored?.replicationConfig ?? null) : { State: replication.optionalString("State") },
    eventBuses,
    roleArn: params.optionalString("RoleArn") ?? stored?.roleArn ?? undefined,
  };
}

/** `abcde.xyz`, the form PutEvents' EndpointId takes. */
function newEndpointId(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz0123456789";
  const pick = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (byte) => letters[byte % letters.length]).join("");
  return `${pick(10)}.${pick(3)}`;
}

function describe(endpoint: EndpointRow, state: string) {
  return {
    Name: endpoint.name,
    Description: endpoint.description ?? undefined,
    Arn: endpoint.arn,
    RoutingConfig: parseStored<JsonObject>(endpoint.routingConfig),
    ReplicationConfig: parseStored<JsonObject>(endpoint.replicationConfig) ?? { State: "ENABLED" },
    EventBuses: parseStored<JsonObject[]>(endpoint.eventBuses),
    RoleArn: endpoint.roleArn ?? undefined,
    EndpointId: endpoint.endpointId,
    EndpointUrl: `https://${endpoint.endpointId}.endpoint.events.amazonaws.com`,
    State: state,
    CreationTime: epochSeconds(endpoint.createdAt),
    LastModifiedTime: epochSeconds(endpoint.updatedAt),
  };
}

async function findEndpoint(context: OperationContext, name: string): Promise<EndpointRow> {
  const endpoint = await context.db.busEndpoint.findUnique({ where: { arn: endpointArn(context.scope, name) } });
  if (endpoint === null) throw notFound(`Endpoint ${name} does not exist.`);
  return endpoint;
}

export const createEndpoint: Operation = async (params, context) => {
  const name = params.string("Name");
  const config = readConfig(params, undefined);
  checkConfig(config, context.scope);
  const arn = endpointArn(context.scope, name);
  if ((await context.db.busEndpoint.findUnique({ where: { arn } })) !== null) throw alreadyExists(`Endpoint ${name} already exists.`);
  const created = await context.db.busEndpoint.create({
    data: {
      arn,
      account: context.scope.account,
      name,
      endpointId: newEndpointId(),
      description: params.optionalString("Description"),
      routingConfig: JSON.stringify(config.routingConfig),
      replicationConfig: config.replicationConfig === undefined ? null : JSON.stringify(config.replicationConfig),
      eventBuses: JSON.stringify(config.eventBuses),
      roleArn: config.roleArn,
    },
  });
  const { Name, Arn, RoutingConfig, ReplicationConfig, EventBuses, RoleArn, State } = describe(created, "CREATING");
  return { Name, Arn, RoutingConfig, ReplicationConfig, EventBuses, RoleArn, State };
};

/** An endpoint lives in the caller's Region; another HomeRegion holds none of them. */
function inHomeRegion(params: Params, context: OperationContext): boolean {
  const home = params.optionalString("HomeRegion");
  return home === undefined || home === context.scope.region;
}

export const describeEndpoint: Operation = async (params, context) => {
  const name = params.string("Name");
  if (!inHomeRegion(params, context)) throw notFound(`Endpoint ${name} does not exist.`);
  return describe(await findEndpoint(context, name), "ACTIVE");
};

export const listEndpoints: Operation = async (params, context) => {
  const prefix = params.optionalString("NamePrefix");
  const paging = readPaging(params, "MaxResults");
  const rows = inHomeRegion(params, context)
    ? await context.db.busEndpoint.findMany({
        where: { account: context.scope.account, ...namePrefixWhere(prefix) },
        orderBy: { name: "asc" },
      })
    : [];
  const page = paginate(rows, paging);
  return { Endpoints: page.items.map((endpoint) => describe(endpoint, "ACTIVE")), NextToken: page.nextToken };
};

/** Replaces the settings given, checked together with the ones kept. */
export const updateEndpoint: Operation = async (params, context) => {
  const endpoint = await findEndpoint(context, params.string("Name"));
  const config = readConfig(params, endpoint);
  checkConfig(config, context.scope);
  const description = params.optionalString("Description");
  const updated = await context.db.busEndpoint.update({
    where: { arn: endpoint.arn },
    data: {
      ...(description === undefined ? {} : { description }),
      routingConfig: JSON.stringify(config.routingConfig),
      replicationConfig: config.replicationConfig === undefined ? null : JSON.stringify(config.replicationConfig),
      eventBuses: JSON.stringify(config.eventBuses),
      roleArn: config.roleArn ?? null,
    },
  });
  const { Name, Arn, RoutingConfig, ReplicationConfig, EventBuses, RoleArn, EndpointId, EndpointUrl, State } = describe(updated, "UPDATING");
  return { Name, Arn, RoutingConfig, ReplicationConfig, EventBuses, RoleArn, EndpointId, EndpointUrl, State };
};

export const deleteEndpoint: Operation = async (params, context) => {
  const endpoint = await findEndpoint(context, params.string("Name"));
  await context.db.busEndpoint.delete({ where: { arn: endpoint.arn } });
  return {};
};
