/**
 * CreateConnection and CreateApiDestination (and their Describe), so a rule can target an HTTP
 * endpoint the way it does on AWS. Only a connection's name and authorization type are kept: its
 * credentials stay with the caller and are never stored or logged.
 */
import { apiDestinationArn, connectionArn, parseArn } from "../../../arn";
import { alreadyExists, constraintViolation, invalid, notFound } from "../../protocol/errors";
import { NAME_RULE } from "../../protocol/params";
import type { Operation } from "./context";

const AUTHORIZATION_TYPES = ["BASIC", "OAUTH_CLIENT_CREDENTIALS", "API_KEY"];
const HTTP_METHODS = ["POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"];

export const createConnection: Operation = async (params, { db, scope }) => {
  const name = params.string("Name", NAME_RULE);
  const authorizationType = params.string("AuthorizationType");
  if (!AUTHORIZATION_TYPES.includes(authorizationType)) {
    throw constraintViolation(authorizationType, "authorizationType", `Member must satisfy enum value set: [${AUTHORIZATION_TYPES.join(", ")}]`);
  }
  if (params.optionalObject("AuthParameters") === undefined) {
    throw constraintViolation(null, "authParameters", "Member must not be null");
  }
  if ((await db.apiConnection.findUnique({ where: { account_name: { account: scope.account, name } } })) !== null) {
    throw alreadyExists(`Connection ${name} already exists.`);
  }
  const arn = connectionArn(scope, name, crypto.randomUUID());
  const connection = await db.apiConnection.create({ data: { arn, account: scope.account, name, authorizationType } });
  return { ConnectionArn: arn, ConnectionState: "AUTHORIZED", CreationTime: connection.createdAt.getTime() / 1000, LastModifiedTime: connection.createdAt.getTime() / 1000 };
};

export const createApiDestination: Operation = async (params, { db, scope }) => {
  const name = params.string("Name", NAME_RULE);
  const connection = params.string("ConnectionArn", { min: 1, max: 1600 });
  const endpoint = params.string("InvocationEndpoint", { min: 1, max: 2048 });
  const httpMethod = params.string("HttpMethod");
  const rateLimit = params.optionalNumber("InvocationRateLimitPerSecond", { min: 1 });
  if (!HTTP_METHODS.includes(httpMethod)) {
    throw constraintViolation(httpMethod, "httpMethod", `Member must satisfy enum value set: [${HTTP_METHODS.join(", ")}]`);
  }
  if (!/^https?:\/\//.test(endpoint)) {
    throw invalid(`Parameter InvocationEndpoint is not valid. Reason: ${endpoint} is not an http(s) URL.`);
  }
  if (parseArn(connection) === undefined || (await db.apiConnection.findUnique({ where: { arn: connection } })) === null) {
    throw notFound(`Connection ${connection} does not exist.`);
  }
  if ((await db.apiDestination.findUnique({ where: { account_name: { account: scope.account, name } } })) !== null) {
    throw alreadyExists(`An api-destination '${name}' already exists.`);
  }
  const arn = apiDestinationArn(scope, name, crypto.randomUUID());
  const created = await db.apiDestination.create({
    data: { arn, account: scope.account, name, connectionArn: connection, endpoint, httpMethod, rateLimit },
  });
  return { ApiDestinationArn: arn, ApiDestinationState: "ACTIVE", CreationTime: created.createdAt.getTime() / 1000, LastModifiedTime: created.createdAt.getTime() / 1000 };
};

export const describeApiDestination: Operation = async (params, { db, scope }) => {
  const name = params.string("Name", NAME_RULE);
  const destination = await db.apiDestination.findUnique({ where: { account_name: { account: scope.account, name } } });
  if (destination === null) throw notFound(`Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`);
  return {
    ApiDestinationArn: destination.arn,
    Name: destination.name,
    ApiDestinationState: "ACTIVE",
    ConnectionArn: destination.connectionArn,
    InvocationEndpoint: destination.endpoint,
    HttpMethod: destination.httpMethod,
    InvocationRateLimitPerSecond: destination.rateLimit ?? undefined,
    CreationTime: destination.createdAt.getTime() / 1000,
  };
};
