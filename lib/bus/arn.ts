/** ARNs of the local EventBridge's resources, in AWS's format. */

export interface Scope {
  readonly account: string;
  readonly region: string;
}

const prefix = (scope: Scope) => `arn:aws:events:${scope.region}:${scope.account}`;

export const DEFAULT_BUS = "default";

export const busArn = (scope: Scope, name: string) => `${prefix(scope)}:event-bus/${name}`;

/** Rules on the default bus have no bus segment, as on AWS. */
export const ruleArn = (scope: Scope, bus: string, name: string) =>
  bus === DEFAULT_BUS ? `${prefix(scope)}:rule/${name}` : `${prefix(scope)}:rule/${bus}/${name}`;

export const archiveArn = (scope: Scope, name: string) => `${prefix(scope)}:archive/${name}`;
export const replayArn = (scope: Scope, name: string) => `${prefix(scope)}:replay/${name}`;
export const apiDestinationArn = (scope: Scope, name: string, id: string) => `${prefix(scope)}:api-destination/${name}/${id}`;
export const connectionArn = (scope: Scope, name: string, id: string) => `${prefix(scope)}:connection/${name}/${id}`;

export interface ParsedArn extends Scope {
  readonly service: string;
  readonly resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return { service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/** The bus an `EventBusName` parameter names: a name in the caller's scope, or an ARN. */
export function resolveBusName(scope: Scope, nameOrArn: string | undefined): { scope: Scope; name: string } {
  if (nameOrArn === undefined || nameOrArn === "") return { scope, name: DEFAULT_BUS };
  const parsed = parseArn(nameOrArn);
  if (parsed?.service === "events" && parsed.resource.startsWith("event-bus/")) {
    return { scope: { account: parsed.account, region: parsed.region }, name: parsed.resource.slice("event-bus/".length) };
  }
  return { scope, name: nameOrArn };
}
