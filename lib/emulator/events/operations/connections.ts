/**
 * Connections for API destinations: CreateConnection, DescribeConnection, ListConnections,
 * UpdateConnection, DeauthorizeConnection, DeleteConnection.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateConnection.html
 *
 * Secrets never reach the database: passwords, API key values, client secrets and parameter values
 * marked IsValueSecret are dropped on arrival; the rest of AuthParameters is kept, as
 * DescribeConnection shows it. States follow AWS
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-target-connection-states.html):
 * Basic and API-key connections are AUTHORIZED at once; an OAuth connection is AUTHORIZING until
 * its token exchange completes. Locally no token is fetched (the client secret is not kept), so
 * the exchange completes after the configured time (SWITCHYARD_BUS_OAUTH_AUTHORIZATION_MS).
 */
import { connectionArn } from "../../../arn";
import { alreadyExists, notFound } from "../../protocol/errors";
import { paginate, readPaging } from "../../protocol/pagination";
import type { Params } from "../../protocol/params";
import type { JsonObject } from "../../protocol/shapes";
import { epochSeconds, parseStored, type Operation, type OperationContext, namePrefixWhere } from "./context";

type ConnectionRow = Awaited<ReturnType<OperationContext["db"]["apiConnection"]["findUniqueOrThrow"]>>;

/** The connection's state now: AUTHORIZING turns AUTHORIZED when its authorization time has come. */
export function connectionState(connection: { state: string; authorizedAt: Date | null }, now = Date.now()): string {
  if (connection.state === "AUTHORIZING" && connection.authorizedAt !== null && connection.authorizedAt.getTime() <= now) return "AUTHORIZED";
  return connection.state;
}

/** When a connection of this type is (or will be) authorized. */
function authorization(context: OperationContext, authorizationType: string, now = Date.now()): { state: string; authorizedAt: Date } {
  return authorizationType === "OAUTH_CLIENT_CREDENTIALS"
    ? { state: "AUTHORIZING", authorizedAt: new Date(now + context.runtime.config.oauthAuthorizationMs) }
    : { state: "AUTHORIZED", authorizedAt: new Date(now) };
}

/** An HTTP parameter list (headers, query string, body) without its secret values. */
function publicHttpParameters(http: Params | undefined): JsonObject | undefined {
  if (http === undefined) return undefined;
  const list = (member: string) =>
    http.has(member)
      ? http.list(member).map((parameter) => {
          const secret = parameter.optionalBoolean("IsValueSecret") === true;
          return { Key: parameter.optionalString("Key"), ...(secret ? {} : { Value: parameter.optionalString("Value") }), IsValueSecret: secret };
        })
      : undefined;
  return { HeaderParameters: list("HeaderParameters"), QueryStringParameters: list("QueryStringParameters"), BodyParameters: list("BodyParameters") };
}

/** AuthParameters as DescribeConnection shows them: every secret left out. */
function publicAuthParameters(auth: Params): JsonObject {
  const basic = auth.optionalObject("BasicAuthParameters");
  const apiKey = auth.optionalObject("ApiKeyAuthParameters");
  const oauth = auth.optionalObject("OAuthParameters");
  const client = oauth?.optionalObject("ClientParameters");
  const connectivity = auth.optionalObject("ConnectivityParameters");
  const sections: JsonObject = {
    BasicAuthParameters: basic && { Username: basic.optionalString("Username") },
    OAuthParameters: oauth && {
      ClientParameters: client && { ClientID: client.optionalString("ClientID") },
      AuthorizationEndpoint: oauth.optionalString("AuthorizationEndpoint"),
      HttpMethod: oauth.optionalString("HttpMethod"),
      OAuthHttpParameters: publicHttpParameters(oauth.optionalObject("OAuthHttpParameters")),
    },
    ApiKeyAuthParameters: apiKey && { ApiKeyName: apiKey.optionalString("ApiKeyName") },
    InvocationHttpParameters: publicHttpParameters(auth.optionalObject("InvocationHttpParameters")),
    ConnectivityParameters: connectivity?.verbatim(),
  };
  return JSON.parse(JSON.stringify(sections)) as JsonObject;
}

/** UpdateConnection's AuthParameters over the stored ones: each section given replaces its fields. */
function mergeAuthParameters(stored: JsonObject, update: JsonObject): JsonObject {
  const merged: JsonObject = { ...stored };
  for (const [section, value] of Object.entries(update)) {
    const before = stored[section];
    merged[section] = isObject(before) && isObject(value) ? mergeAuthParameters(before, value) : value;
  }
  return merged;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function findConnection(context: OperationContext, name: string, missing: string): Promise<ConnectionRow> {
  const connection = await context.db.apiConnection.findUnique({ where: { account_name: { account: context.scope.account, name } } });
  if (connection === null) throw notFound(missing);
  return connection;
}

const missingConnection = (name: string) => `Connection '${name}' does not exist.`;

/** What Create/Update/Deauthorize/DeleteConnection answer. */
function stateOutput(connection: ConnectionRow, state = connectionState(connection)) {
  return {
    ConnectionArn: connection.arn,
    ConnectionState: state,
    CreationTime: epochSeconds(connection.createdAt),
    LastModifiedTime: epochSeconds(connection.updatedAt),
    LastAuthorizedTime: lastAuthorized(connection),
  };
}

/** When the connection was last authorized (not yet, while its first authorization is under way). */
function lastAuthorized(connection: ConnectionRow): number | undefined {
  if (connection.authorizedAt === null || connection.authorizedAt.getTime() > Date.now()) return undefined;
  return epochSeconds(connection.authorizedAt);
}

export const createConnection: Operation = async (params, context) => {
  const { db, scope } = context;
  const name = params.string("Name");
  const authorizationType = params.string("AuthorizationType");
  if ((await db.apiConnection.findUnique({ where: { account_name: { account: scope.account, name } } })) !== null) {
    throw alreadyExists(`Connection ${name} already exists.`);
  }
  const connectivity = params.optionalObject("InvocationConnectivityParameters");
  const connection = await db.apiConnection.create({
    data: {
      arn: connectionArn(scope, name, crypto.randomUUID()),
      account: scope.account,
      name,
      description: params.optionalString("Description"),
      authorizationType,
      authParameters: JSON.stringify(publicAuthParameters(params.object("AuthParameters"))),
      invocationConnectivity: connectivity === undefined ? null : JSON.stringify(connectivity.verbatim()),
      kmsKeyIdentifier: params.optionalString("KmsKeyIdentifier"),
      ...authorization(context, authorizationType),
    },
  });
  const { ConnectionArn, ConnectionState, CreationTime, LastModifiedTime } = stateOutput(connection);
  return { ConnectionArn, ConnectionState, CreationTime, LastModifiedTime };
};

export const describeConnection: Operation = async (params, context) => {
  const name = params.string("Name");
  const connection = await findConnection(context, name, `Failed to describe the connection(s). ${missingConnection(name)}`);
  return {
    ConnectionArn: connection.arn,
    Name: connection.name,
    Description: connection.description ?? undefined,
    InvocationConnectivityParameters: parseStored<JsonObject>(connection.invocationConnectivity),
    ConnectionState: connectionState(connection),
    StateReason: connection.stateReason ?? undefined,
    AuthorizationType: connection.authorizationType,
    KmsKeyIdentifier: connection.kmsKeyIdentifier ?? undefined,
    AuthParameters: parseStored<JsonObject>(connection.authParameters),
    CreationTime: epochSeconds(connection.createdAt),
    LastModifiedTime: epochSeconds(connection.updatedAt),
    LastAuthorizedTime: lastAuthorized(connection),
  };
};

export const listConnections: Operation = async (params, context) => {
  const prefix = params.optionalString("NamePrefix");
  const state = params.optionalString("ConnectionState");
  const paging = readPaging(params);
  const rows = await context.db.apiConnection.findMany({
    where: { account: context.scope.account, ...namePrefixWhere(prefix) },
    orderBy: { name: "asc" },
  });
  const page = paginate(
    rows.filter((row) => state === undefined || connectionState(row) === state),
    paging,
  );
  return {
    Connections: page.items.map((connection) => ({
      ConnectionArn: connection.arn,
      Name: connection.name,
      ConnectionState: connectionState(connection),
      StateReason: connection.stateReason ?? undefined,
      AuthorizationType: connection.authorizationType,
      CreationTime: epochSeconds(connection.createdAt),
      LastModifiedTime: epochSeconds(connection.updatedAt),
      LastAuthorizedTime: lastAuthorized(connection),
    })),
    NextToken: page.nextToken,
  };
};

/** Changes what is given and authorizes the connection again (a de-authorized one too). */
export const updateConnection: Operation = async (params, context) => {
  const name = params.string("Name");
  const connection = await findConnection(context, name, missingConnection(name));
  const authorizationType = params.optionalString("AuthorizationType") ?? connection.authorizationType;
  const auth = params.optionalObject("AuthParameters");
  const connectivity = params.optionalObject("InvocationConnectivityParameters");
  const description = params.optionalString("Description");
  const kmsKeyIdentifier = params.optionalString("KmsKeyIdentifier");
  const updated = await context.db.apiConnection.update({
    where: { arn: connection.arn },
    data: {
      authorizationType,
      ...(auth === undefined ? {} : { authParameters: JSON.stringify(mergeAuthParameters(parseStored<JsonObject>(connection.authParameters) ?? {}, publicAuthParameters(auth))) }),
      ...(connectivity === undefined ? {} : { invocationConnectivity: JSON.stringify(connectivity.verbatim()) }),
      ...(description === undefined ? {} : { description }),
      ...(kmsKeyIdentifier === undefined ? {} : { kmsKeyIdentifier }),
      ...authorization(context, authorizationType),
      stateReason: null,
    },
  });
  return stateOutput(updated);
};

/**
 * Removes the authorization parameters; AWS answers DEAUTHORIZING and the connection is then
 * DEAUTHORIZED (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-target-connection-deauthorize.html).
 */
export const deauthorizeConnection: Operation = async (params, context) => {
  const name = params.string("Name");
  const connection = await findConnection(context, name, missingConnection(name));
  const { InvocationHttpParameters, ConnectivityParameters } = parseStored<JsonObject>(connection.authParameters) ?? {};
  const updated = await context.db.apiConnection.update({
    where: { arn: connection.arn },
    data: { state: "DEAUTHORIZED", authParameters: JSON.stringify({ InvocationHttpParameters, ConnectivityParameters }) },
  });
  return stateOutput(updated, "DEAUTHORIZING");
};

export const deleteConnection: Operation = async (params, context) => {
  const name = params.string("Name");
  const connection = await findConnection(context, name, missingConnection(name));
  await context.db.apiConnection.delete({ where: { arn: connection.arn } });
  return stateOutput(connection, "DELETING");
};
