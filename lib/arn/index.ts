/**
 * ARNs in AWS's format, `arn:<partition>:<service>:<region>:<account>:<resource>`: the one
 * builder and the one parser every module uses (the local emulator, the design → resources
 * mapping, the AWS import). The partition follows the region, as on AWS.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

export interface Scope {
  readonly account: string;
  readonly region: string;
}

/** The partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`, the isolated ones). */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("eu-isoe-")) return "aws-iso-e";
  if (region.startsWith("us-isof-")) return "aws-iso-f";
  return "aws";
}

/** A regional resource's ARN. */
export const arnOf = (service: string, scope: Scope, resource: string) =>
  `arn:${partitionOf(scope.region)}:${service}:${scope.region}:${scope.account}:${resource}`;

/** A global resource's ARN (IAM): no region, the partition of the region it is used from. */
export const globalArnOf = (service: string, scope: Scope, resource: string) =>
  `arn:${partitionOf(scope.region)}:${service}::${scope.account}:${resource}`;

export const DEFAULT_BUS = "default";

export const busArn = (scope: Scope, name: string) => arnOf("events", scope, `event-bus/${name}`);

/** Rules on the default bus have no bus segment, as on AWS. */
export const ruleArn = (scope: Scope, bus: string, name: string) =>
  arnOf("events", scope, bus === DEFAULT_BUS ? `rule/${name}` : `rule/${bus}/${name}`);

export const archiveArn = (scope: Scope, name: string) => arnOf("events", scope, `archive/${name}`);
export const replayArn = (scope: Scope, name: string) => arnOf("events", scope, `replay/${name}`);
export const apiDestinationArn = (scope: Scope, name: string, id: string) => arnOf("events", scope, `api-destination/${name}/${id}`);
export const connectionArn = (scope: Scope, name: string, id: string) => arnOf("events", scope, `connection/${name}/${id}`);
/** Custom Event Bus resources end in a 25-character id AWS generates (eventsv2 API reference). */
export const eventBusV2Arn = (scope: Scope, name: string, id: string) => arnOf("events", scope, `event-busv2/${name}/${id}`);
/** The name in a Custom Event Bus ARN (`…:event-busv2/<name>/<id>`); undefined for any other ARN. */
export function newBusNameOf(arn: string): string | undefined {
  const resource = parseArn(arn)?.resource;
  return resource?.startsWith("event-busv2/") ? resource.split("/")[1] : undefined;
}
export const subscriberArn = (scope: Scope, name: string, id: string) => arnOf("events", scope, `subscriber/${name}/${id}`);
export const endpointArn = (scope: Scope, name: string) => arnOf("events", scope, `endpoint/${name}`);
/** A partner event source belongs to no account: `arn:aws:events:us-east-1::event-source/aws.partner/…`. */
export const eventSourceArn = (region: string, name: string) => arnOf("events", { account: "", region }, `event-source/${name}`);
export const queueArn = (scope: Scope, name: string) => arnOf("sqs", scope, name);
/** The schedule group every account has. */
export const DEFAULT_SCHEDULE_GROUP = "default";
export const scheduleGroupArn = (scope: Scope, name: string) => arnOf("scheduler", scope, `schedule-group/${name}`);
export const scheduleArn = (scope: Scope, group: string, name: string) => arnOf("scheduler", scope, `schedule/${group}/${name}`);
export const pipeArn = (scope: Scope, name: string) => arnOf("pipes", scope, `pipe/${name}`);
export const accountRootArn = (scope: Scope) => globalArnOf("iam", scope, "root");

export interface ParsedArn extends Scope {
  readonly partition: string;
  readonly service: string;
  /** Everything after the account, colons included (`function:name:alias`, `log-group:name:*`). */
  readonly resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || !parts[1].startsWith("aws")) return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
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
