/** TagResource, UntagResource, ListTagsForResource on buses, rules and archives, by ARN. */
import { notFound } from "../../protocol/errors";
import type { Operation, OperationContext } from "./context";
import { writeTags } from "./buses";

async function requireResource({ db }: OperationContext, arn: string): Promise<void> {
  const [bus, rule, archive] = await Promise.all([
    db.eventBus.count({ where: { arn } }),
    db.busRule.count({ where: { arn } }),
    db.busArchive.count({ where: { arn } }),
  ]);
  if (bus + rule + archive === 0) throw notFound(`Resource ${arn} does not exist.`);
}

export const tagResource: Operation = async (params, context) => {
  const arn = params.string("ResourceARN", { min: 1, max: 1600 });
  params.list("Tags", { min: 0, max: 50 });
  await requireResource(context, arn);
  await writeTags(params, context.db, arn);
  return {};
};

export const untagResource: Operation = async (params, context) => {
  const arn = params.string("ResourceARN", { min: 1, max: 1600 });
  const keys = params.stringList("TagKeys", { min: 0 });
  await requireResource(context, arn);
  await context.db.resourceTag.deleteMany({ where: { resourceArn: arn, key: { in: keys } } });
  return {};
};

export const listTagsForResource: Operation = async (params, context) => {
  const arn = params.string("ResourceARN", { min: 1, max: 1600 });
  await requireResource(context, arn);
  const tags = await context.db.resourceTag.findMany({ where: { resourceArn: arn }, orderBy: { key: "asc" } });
  return { Tags: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) };
};
