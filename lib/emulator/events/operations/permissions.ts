/**
 * PutPermission and RemovePermission: an event bus's resource-based policy, which
 * DescribeEventBus and ListEventBuses return as `Policy` (IAM policy JSON text).
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPermission.html
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RemovePermission.html
 * The local bus stores the policy; bus-to-bus delivery does not evaluate it.
 */
import { accountRootArn, type Scope } from "../../../arn";
import { AwsError, invalid, notFound } from "../../protocol/errors";
import type { Params } from "../../protocol/params";
import { findBus } from "./buses";
import type { Operation } from "./context";

/** "The permission policy on the event bus cannot exceed 10 KB in size." */
export const MAX_POLICY_BYTES = 10 * 1024;

interface Statement {
  readonly Sid?: string;
  readonly [key: string]: unknown;
}

interface Policy {
  readonly Version: string;
  readonly Statement: Statement[];
}

function required(params: Params, member: string): string {
  const value = params.optionalString(member);
  if (value === undefined) throw invalid(`Parameter ${member} is required.`);
  return value;
}

function readPolicy(text: string | null): Policy {
  if (text === null) return { Version: "2012-10-17", Statement: [] };
  return JSON.parse(text) as Policy;
}

/** The policy given whole (`Policy`), or the bus's policy with the statement of `StatementId` added or replaced. */
function nextPolicy(params: Params, bus: { arn: string; account: string; policy: string | null }, scope: Scope): string {
  const whole = params.optionalString("Policy");
  if (whole !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(whole);
    } catch {
      throw invalid("Parameter Policy is not valid. Reason: It is not valid JSON.");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid("Parameter Policy is not valid. Reason: It is not a JSON object.");
    return JSON.stringify(parsed);
  }
  const sid = required(params, "StatementId");
  const action = required(params, "Action");
  const principal = required(params, "Principal");
  const condition = params.optionalObject("Condition");
  const statement: Statement = {
    Sid: sid,
    Effect: "Allow",
    Principal: principal === "*" ? "*" : { AWS: accountRootArn({ account: principal, region: scope.region }) },
    Action: action,
    Resource: bus.arn,
    ...(condition === undefined ? {} : { Condition: { [condition.string("Type")]: { [condition.string("Key")]: condition.string("Value") } } }),
  };
  const policy = readPolicy(bus.policy);
  const others = policy.Statement.filter((s) => s.Sid !== sid);
  const index = policy.Statement.findIndex((s) => s.Sid === sid);
  const statements = index < 0 ? [...others, statement] : policy.Statement.map((s, i) => (i === index ? statement : s));
  return JSON.stringify({ Version: policy.Version, Statement: statements });
}

export const putPermission: Operation = async (params, context) => {
  const bus = await findBus(context, params.optionalString("EventBusName"));
  const policy = nextPolicy(params, bus, context.scope);
  if (Buffer.byteLength(policy, "utf8") > MAX_POLICY_BYTES) {
    throw new AwsError("PolicyLengthExceededException", `The policy of event bus ${bus.name} would exceed ${MAX_POLICY_BYTES} bytes.`);
  }
  await context.db.eventBus.update({ where: { arn: bus.arn }, data: { policy } });
  return {};
};

export const removePermission: Operation = async (params, context) => {
  const bus = await findBus(context, params.optionalString("EventBusName"));
  if (params.optionalBoolean("RemoveAllPermissions") === true) {
    if (bus.policy === null) throw notFound("EventBus does not have a policy.");
    await context.db.eventBus.update({ where: { arn: bus.arn }, data: { policy: null } });
    return {};
  }
  const sid = required(params, "StatementId");
  const policy = readPolicy(bus.policy);
  const kept = policy.Statement.filter((s) => s.Sid !== sid);
  if (kept.length === policy.Statement.length) throw notFound("Statement with the provided id does not exist.");
  await context.db.eventBus.update({
    where: { arn: bus.arn },
    data: { policy: kept.length === 0 ? null : JSON.stringify({ Version: policy.Version, Statement: kept }) },
  });
  return {};
};
