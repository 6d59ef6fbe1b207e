/**
 * Rules and their targets: PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule,
 * PutTargets, ListTargetsByRule, RemoveTargets, ListRuleNamesByTarget, TestEventPattern.
 */
import {
  InvalidEventError,
  InvalidEventPatternError,
  compilePattern,
  testEventPattern,
} from "../../../pattern";
import { DEFAULT_BUS, ruleArn } from "../../../arn";
import { scheduleExpressionProblem } from "../../../schedule";
import { AwsError, invalid, notFound } from "../../protocol/errors";
import { paginate, readPaging } from "../../protocol/pagination";
import type { Params } from "../../protocol/params";
import { readTargetSpec, type TargetSpec } from "../target-spec";
import { busScope, findBus, writeTags } from "./buses";
import { type Operation, type OperationContext, namePrefixWhere } from "./context";

export const MAX_RULES_PER_BUS = 300;
export const MAX_TARGETS_PER_RULE = 5;

const limitExceeded = () => new AwsError("LimitExceededException", "The requested resource exceeds the maximum number allowed.");

function patternError(error: unknown): never {
  if (error instanceof InvalidEventPatternError) throw new AwsError("InvalidEventPatternException", error.message);
  throw error;
}

export const putRule: Operation = async (params, context) => {
  const { db, runtime } = context;
  const name = params.string("Name");
  const schedule = params.optionalString("ScheduleExpression");
  const pattern = params.optionalString("EventPattern");
  const state = params.optionalString("State") ?? "ENABLED";
  const description = params.optionalString("Description");
  const roleArn = params.optionalString("RoleArn");
  const bus = await findBus(context, params.optionalString("EventBusName"));
  if (schedule === undefined && pattern === undefined) {
    throw invalid("Parameter(s) EventPattern or ScheduleExpression must be specified.");
  }
  if (schedule !== undefined && scheduleExpressionProblem(schedule) !== undefined) throw invalid("Parameter ScheduleExpression is not valid.");
  if (schedule !== undefined && bus.name !== DEFAULT_BUS) {
    throw invalid("ScheduleExpression is supported only on the default event bus.");
  }
  if (pattern !== undefined) {
    try {
      compilePattern(pattern);
    } catch (error) {
      patternError(error);
    }
  }
  const arn = ruleArn(busScope(bus), bus.name, name);
  const existing = await db.busRule.findUnique({ where: { arn } });
  if (existing === null && (await db.busRule.count({ where: { account: bus.account, busName: bus.name } })) >= MAX_RULES_PER_BUS) {
    throw limitExceeded();
  }
  const fields = {
    eventPattern: pattern ?? null,
    scheduleExpression: schedule ?? null,
    state,
    description: description ?? null,
    roleArn: roleArn ?? null,
  };
  await db.busRule.upsert({
    where: { arn },
    create: { arn, account: bus.account, busName: bus.name, name, ...fields },
    update: fields,
  });
  await writeTags(params, db, arn);
  await runtime.matchers.ruleChanged(bus.arn, name, state !== "DISABLED" ? (pattern ?? null) : null);
  await runtime.schedules.ruleChanged(arn);
  return { RuleArn: arn };
};

async function findRule(context: OperationContext, params: Params, nameMember: "Name" | "Rule") {
  const bus = await findBus(context, params.optionalString("EventBusName"));
  const rule = await requireRule(context, bus, params.string(nameMember));
  return { rule, bus };
}

/** A rule of a bus; not found → AWS's "Rule <name> does not exist on EventBus <bus>." */
export async function requireRule(context: OperationContext, bus: { arn: string; name: string }, name: string) {
  const rule = await context.db.busRule.findUnique({ where: { arn: ruleArn(busScope(bus), bus.name, name) } });
  if (rule === null) throw notFound(`Rule ${name} does not exist on EventBus ${bus.name}.`);
  return rule;
}

function describe(rule: { name: string; arn: string; eventPattern: string | null; scheduleExpression: string | null; state: string; description: string | null; roleArn: string | null; busName: string }) {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern ?? undefined,
    ScheduleExpression: rule.scheduleExpression ?? undefined,
    State: rule.state,
    Description: rule.description ?? undefined,
    RoleArn: rule.roleArn ?? undefined,
    EventBusName: rule.busName,
  };
}

export const describeRule: Operation = async (params, context) => {
  const { rule } = await findRule(context, params, "Name");
  return { ...describe(rule), CreatedBy: rule.account };
};

export const listRules: Operation = async (params, context) => {
  const prefix = params.optionalString("NamePrefix");
  const paging = readPaging(params);
  const bus = await findBus(context, params.optionalString("EventBusName"));
  const rules = await context.db.busRule.findMany({
    where: { account: bus.account, busName: bus.name, ...namePrefixWhere(prefix) },
    orderBy: { name: "asc" },
  });
  const page = paginate(rules, paging);
  return { Rules: page.items.map(describe), NextToken: page.nextToken };
};

function setState(state: "ENABLED" | "DISABLED"): Operation {
  return async (params, context) => {
    const { rule, bus } = await findRule(context, params, "Name");
    await context.db.busRule.update({ where: { arn: rule.arn }, data: { state } });
    await context.runtime.matchers.ruleChanged(bus.arn, rule.name, state === "ENABLED" ? rule.eventPattern : null);
    await context.runtime.schedules.ruleChanged(rule.arn);
    return {};
  };
}

export const enableRule = setState("ENABLED");
export const disableRule = setState("DISABLED");

export const deleteRule: Operation = async (params, context) => {
  const name = params.string("Name");
  const bus = await findBus(context, params.optionalString("EventBusName"));
  const arn = ruleArn(busScope(bus), bus.name, name);
  const targets = await context.db.busTarget.count({ where: { ruleArn: arn } });
  if (targets > 0 && params.optionalBoolean("Force") !== true) throw invalid("Rule can't be deleted since it has targets.");
  await context.db.$transaction([
    context.db.busTarget.deleteMany({ where: { ruleArn: arn } }),
    context.db.resourceTag.deleteMany({ where: { resourceArn: arn } }),
    context.db.busRule.deleteMany({ where: { arn } }),
  ]);
  context.runtime.targets.changed(arn);
  await context.runtime.matchers.ruleChanged(bus.arn, name, null);
  await context.runtime.schedules.ruleChanged(arn);
  return {};
};

export const putTargets: Operation = async (params, context) => {
  const targets = params.list("Targets").map(readTargetSpec);
  const { rule } = await findRule(context, params, "Rule");
  const existing = await context.db.busTarget.findMany({ where: { ruleArn: rule.arn }, select: { targetId: true } });
  const ids = new Set([...existing.map((t) => t.targetId), ...targets.map((t) => t.Id)]);
  if (ids.size > MAX_TARGETS_PER_RULE) throw limitExceeded();
  await context.db.$transaction(
    targets.map((target) =>
      context.db.busTarget.upsert({
        where: { ruleArn_targetId: { ruleArn: rule.arn, targetId: target.Id } },
        create: { ruleArn: rule.arn, targetId: target.Id, arn: target.Arn, spec: JSON.stringify(target) },
        update: { arn: target.Arn, spec: JSON.stringify(target) },
      }),
    ),
  );
  context.runtime.targets.changed(rule.arn);
  return { FailedEntryCount: 0, FailedEntries: [] };
};

export const listTargetsByRule: Operation = async (params, context) => {
  const paging = readPaging(params);
  const { rule } = await findRule(context, params, "Rule");
  const targets = await context.db.busTarget.findMany({ where: { ruleArn: rule.arn }, orderBy: { targetId: "asc" } });
  const page = paginate(targets, paging);
  return { Targets: page.items.map((t) => JSON.parse(t.spec) as TargetSpec), NextToken: page.nextToken };
};

export const removeTargets: Operation = async (params, context) => {
  const ids = params.stringList("Ids");
  const { rule } = await findRule(context, params, "Rule");
  await context.db.busTarget.deleteMany({ where: { ruleArn: rule.arn, targetId: { in: ids } } });
  context.runtime.targets.changed(rule.arn);
  return { FailedEntryCount: 0, FailedEntries: [] };
};

export const listRuleNamesByTarget: Operation = async (params, context) => {
  const targetArn = params.string("TargetArn");
  const paging = readPaging(params);
  const bus = await findBus(context, params.optionalString("EventBusName"));
  const targets = await context.db.busTarget.findMany({ where: { arn: targetArn }, select: { ruleArn: true } });
  const rules = await context.db.busRule.findMany({
    where: { arn: { in: targets.map((t) => t.ruleArn) }, account: bus.account, busName: bus.name },
    orderBy: { name: "asc" },
    select: { name: true },
  });
  const page = paginate(rules, paging);
  return { RuleNames: page.items.map((r) => r.name), NextToken: page.nextToken };
};

export const testPattern: Operation = async (params) => {
  const pattern = params.string("EventPattern");
  const event = params.string("Event");
  try {
    return { Result: testEventPattern(pattern, event) };
  } catch (error) {
    if (error instanceof InvalidEventError) throw invalid(error.message);
    return patternError(error);
  }
};
