/**
 * A design's API destination (a target node or a pipe's enrichment) made on the local EventBridge
 * through its own operations, with its connection: the ARN it has there (it ends in a local id).
 */
import type { NodeOfKind } from "../graph";
import type { OperationContext } from "../emulator/events/operations/context";
import { invokeOperation } from "../emulator/events/protocol";
import { withoutUndefined } from "../format";

type ApiDestinationSpec = Pick<NodeOfKind<"api-destination">, "name" | "endpoint" | "method" | "connection"> &
  Partial<Pick<NodeOfKind<"api-destination">, "invocationRateLimitPerSecond">>;

/** The local API destination (and connection) for the node (or a pipe's enrichment), created or brought up to date. */
export async function apiDestinationArn(node: ApiDestinationSpec, context: OperationContext): Promise<string> {
  const { db, scope } = context;
  let connection = await db.apiConnection.findUnique({ where: { account_name: { account: scope.account, name: node.connection.name } } });
  if (connection === null) {
    await invokeOperation("CreateConnection", { Name: node.connection.name, AuthorizationType: node.connection.authorization, AuthParameters: {} }, context);
    connection = await db.apiConnection.findUniqueOrThrow({ where: { account_name: { account: scope.account, name: node.connection.name } } });
  }
  const destination = withoutUndefined({
    Name: node.name,
    ConnectionArn: connection.arn,
    InvocationEndpoint: node.endpoint,
    HttpMethod: node.method,
    InvocationRateLimitPerSecond: node.invocationRateLimitPerSecond,
  });
  const exists = (await db.apiDestination.count({ where: { account: scope.account, name: node.name } })) > 0;
  const answer = await invokeOperation(exists ? "UpdateApiDestination" : "CreateApiDestination", destination, context);
  return String(answer.ApiDestinationArn);
}

