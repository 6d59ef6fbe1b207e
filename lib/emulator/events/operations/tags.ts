/**
 * TagResource, UntagResource, ListTagsForResource, by ARN. "In EventBridge, rules and event buses
 * can be tagged" (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TagResource.html);
 * a missing one is AWS's ResourceNotFoundException ("Rule r does not exist on EventBus b.").
 */
import { busArn, DEFAULT_BUS, parseArn } from "../../../arn";
import { invalidParameter } from "../../protocol/errors";
import { findBus, writeTags } from "./buses";
import type { Operation, OperationContext } from "./context";
import { requireRule } from "./rules";

async function requireResource(context: OperationContext, arn: string): Promise<void> {
  const parsed = parseArn(arn);
  const resource = parsed?.service === "events" ? parsed.resource : "";
  if (parsed !== undefined && resource.startsWith("event-bus/")) {
    await findBus(context, arn);
    return;
  }
  if (parsed !== undefined && resource.startsWith("rule/")) {
    const path = resource.slice("rule/".length).split("/");
    const [busName, name] = path.length === 1 ? [DEFAULT_BUS, path[0]] : [path.slice(0, -1).join("/"), path[path.length - 1]];
    await requireRule(context, { arn: busArn(parsed, busName), name: busName }, name);
    return;
  }
  throw invalidParameter("ResourceARN", `${arn} is not the ARN of an event bus or a rule.`);
}

export const tagResource: Operation = async (params, context) => {
  const arn = params.string("ResourceARN");
  await requireResource(context, arn);
  await writeTags(params, context.db, arn);
  return {};
};

export const untagResource: Operation = async (params, context) => {
  const arn = params.string("ResourceARN");
  const keys = params.stringList("TagKeys");
  await requireResource(context, arn);
  await context.db.resourceTag.deleteMany({ where: { resourceArn: arn, key: { in: keys } } });
  return {};
};

export const listTagsForResource: Operation = async (params, context) => {
  const arn = params.string("ResourceARN");
  await requireResource(context, arn);
  const tags = await context.db.resourceTag.findMany({ where: { resourceArn: arn }, orderBy: { key: "asc" } });
  return { Tags: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) };
};
