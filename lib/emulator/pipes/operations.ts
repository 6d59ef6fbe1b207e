/**
 * The Pipes API (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_Operations.html)
 * on the local endpoint, after rest-json.ts has checked the input against AWS's model (lengths,
 * patterns, enums, required members). What the model cannot say is checked here: the source is
 * one Pipes supports, its parameters are its kind's (a StartingPosition where the kind needs one),
 * the filter patterns use only the operators Pipes supports.
 *
 * States: a call answers with the transitional state AWS reports (CREATING, UPDATING, STARTING,
 * STOPPING, DELETING) and the pipe settles at once locally (RUNNING or STOPPED), so the next
 * DescribePipe shows where it ended.
 */
import { pipeArn, type Scope } from "../../arn";
import { PIPE_FILTER_PROFILE, validatePattern } from "../../pattern";
import { AwsError, conflict, invalid } from "../protocol/errors";
import { paginate, readPaging } from "../protocol/pagination";
import type { Params } from "../protocol/params";
import type { BusRuntime } from "../runtime";
import type { PipeRow } from "./service";
import { SOURCE_SETTINGS, sourceKindOf, type PipeSourceKind } from "./source";

export interface PipesContext {
  readonly scope: Scope;
  readonly runtime: BusRuntime;
}

type Json = Record<string, unknown>;
type PipesOperation = (params: Params, context: PipesContext) => Promise<Json>;

const notFound = (name: string) => new AwsError("NotFoundException", `Pipe ${name} does not exist.`);
const epochSeconds = (date: Date) => date.getTime() / 1000;
const stored = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const parsed = (text: string | null): unknown => (text === null ? undefined : (JSON.parse(text) as unknown));

/** The members of SourceParameters that configure a source of some kind (the rest are FilterCriteria). */
const KIND_MEMBERS = new Set(Object.values(SOURCE_SETTINGS).map((settings) => settings.member));

/** The kind of `source`, read with its parameters (Amazon MQ: RabbitMQBrokerParameters say RabbitMQ). */
function sourceKind(source: string, sourceParameters: Json): PipeSourceKind {
  const kind = sourceKindOf(source);
  if (kind === undefined) {
    throw invalid(`Source ${source} is not supported: a pipe reads an SQS queue, a Kinesis or DynamoDB stream, an Amazon MQ broker, an Amazon MSK cluster or a self-managed Kafka cluster (smk://…).`);
  }
  return kind === "activemq" && sourceParameters.RabbitMQBrokerParameters !== undefined ? "rabbitmq" : kind;
}

/** SourceParameters beyond the model: only the source kind's member, its StartingPosition, Pipes' filter operators. */
function checkSourceParameters(kind: PipeSourceKind, sourceParameters: Json, creating: boolean): void {
  const settings = SOURCE_SETTINGS[kind];
  for (const member of Object.keys(sourceParameters)) {
    if (KIND_MEMBERS.has(member) && member !== settings.member) {
      throw invalid(`SourceParameters.${member} does not apply to this source: a ${kind} source takes SourceParameters.${settings.member}.`);
    }
  }
  const own = (sourceParameters[settings.member] ?? {}) as Json;
  if (creating && settings.startingPositionRequired && own.StartingPosition === undefined) {
    throw invalid(`SourceParameters.${settings.member}.StartingPosition is required for this source (one of ${settings.startingPositions.join(", ")}).`);
  }
  if (typeof own.StartingPosition === "string" && !settings.startingPositions.includes(own.StartingPosition)) {
    throw invalid(`SourceParameters.${settings.member}.StartingPosition ${own.StartingPosition} is not valid for this source: use one of ${settings.startingPositions.join(", ")}.`);
  }
  if (own.StartingPosition === "AT_TIMESTAMP" && own.StartingPositionTimestamp === undefined) {
    throw invalid(`SourceParameters.${settings.member}.StartingPositionTimestamp is required with StartingPosition AT_TIMESTAMP.`);
  }
  const filters = ((sourceParameters.FilterCriteria as Json | undefined)?.Filters ?? []) as { Pattern?: string }[];
  filters.forEach((filter, index) => {
    if (filter.Pattern === undefined) return;
    const result = validatePattern(filter.Pattern, { profile: PIPE_FILTER_PROFILE });
    if (!result.valid) {
      throw invalid(`SourceParameters.FilterCriteria.Filters[${index}].Pattern is not valid: ${result.problems.map((p) => p.message).join("; ")}`);
    }
  });
}

interface StoredPipe extends PipeRow {
  readonly description: string | null;
  readonly roleArn: string;
  readonly desiredState: string;
  readonly stateReason: string | null;
  readonly logConfiguration: string | null;
  readonly kmsKeyIdentifier: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

async function findPipe(context: PipesContext, name: string): Promise<StoredPipe> {
  const row = await context.runtime.db.pipe.findUnique({ where: { account_name: { account: context.scope.account, name } } });
  if (row === null) throw notFound(name);
  return row;
}

/** The answer of Create, Update, Start, Stop and Delete: the pipe with the state it is in now. */
function stateAnswer(row: StoredPipe, currentState: string): Json {
  return {
    Arn: row.arn,
    Name: row.name,
    DesiredState: row.desiredState,
    CurrentState: currentState,
    CreationTime: epochSeconds(row.createdAt),
    LastModifiedTime: epochSeconds(row.updatedAt),
  };
}

/** Settles a pipe in its desired state: it polls when RUNNING. */
async function settle(context: PipesContext, row: StoredPipe): Promise<StoredPipe> {
  const currentState = row.desiredState === "RUNNING" ? "RUNNING" : "STOPPED";
  await context.runtime.pipes.halt(row.arn);
  const settled = await context.runtime.db.pipe.update({ where: { arn: row.arn }, data: { currentState } });
  if (currentState === "RUNNING") context.runtime.pipes.run(settled);
  return settled;
}

const createPipe: PipesOperation = async (params, context) => {
  const name = params.string("Name");
  const source = params.string("Source");
  const sourceParameters = (params.optionalObject("SourceParameters")?.verbatim() ?? {}) as Json;
  checkSourceParameters(sourceKind(source, sourceParameters), sourceParameters, true);
  const arn = pipeArn(context.scope, name);
  const db = context.runtime.db;
  if ((await db.pipe.findUnique({ where: { arn }, select: { arn: true } })) !== null) throw conflict(`Pipe ${name} already exists.`);
  const desiredState = params.optionalString("DesiredState") ?? "RUNNING";
  const tags = Object.entries(params.optionalStringMap("Tags") ?? {});
  const row = await db.$transaction(async (tx) => {
    const created = await tx.pipe.create({
      data: {
        arn,
        account: context.scope.account,
        name,
        description: params.optionalString("Description") ?? null,
        source,
        sourceParameters: JSON.stringify(sourceParameters),
        enrichment: params.optionalString("Enrichment") || null,
        enrichmentParameters: stored(params.optionalObject("EnrichmentParameters")?.verbatim()),
        target: params.string("Target"),
        targetParameters: stored(params.optionalObject("TargetParameters")?.verbatim()),
        roleArn: params.string("RoleArn"),
        desiredState,
        currentState: "CREATING",
        logConfiguration: stored(params.optionalObject("LogConfiguration")?.verbatim()),
        kmsKeyIdentifier: params.optionalString("KmsKeyIdentifier") ?? null,
      },
    });
    if (tags.length > 0) await tx.resourceTag.createMany({ data: tags.map(([key, value]) => ({ resourceArn: arn, key, value })) });
    return created;
  });
  await settle(context, row);
  return stateAnswer(row, "CREATING");
};

const describePipe: PipesOperation = async (params, context) => {
  const row = await findPipe(context, params.string("Name"));
  const tags = await context.runtime.db.resourceTag.findMany({ where: { resourceArn: row.arn }, orderBy: { key: "asc" } });
  const answer: Json = {
    Arn: row.arn,
    Name: row.name,
    Description: row.description ?? undefined,
    DesiredState: row.desiredState,
    CurrentState: row.currentState,
    StateReason: row.stateReason ?? undefined,
    Source: row.source,
    SourceParameters: parsed(row.sourceParameters),
    Enrichment: row.enrichment ?? undefined,
    EnrichmentParameters: parsed(row.enrichmentParameters),
    Target: row.target,
    TargetParameters: parsed(row.targetParameters),
    RoleArn: row.roleArn,
    Tags: Object.fromEntries(tags.map((tag) => [tag.key, tag.value])),
    CreationTime: epochSeconds(row.createdAt),
    LastModifiedTime: epochSeconds(row.updatedAt),
    LogConfiguration: parsed(row.logConfiguration),
    KmsKeyIdentifier: row.kmsKeyIdentifier ?? undefined,
  };
  return answer;
};

/** UpdatePipe: the members given replace the stored ones; SourceParameters merge per member (the source itself cannot change). */
const updatePipe: PipesOperation = async (params, context) => {
  const row = await findPipe(context, params.string("Name"));
  const update = (params.optionalObject("SourceParameters")?.verbatim() ?? {}) as Json;
  const sourceParameters = { ...(parsed(row.sourceParameters) as Json) };
  for (const [member, value] of Object.entries(update)) {
    sourceParameters[member] = typeof value === "object" && value !== null && !Array.isArray(value) && member !== "FilterCriteria" ? { ...((sourceParameters[member] as Json | undefined) ?? {}), ...(value as Json) } : value;
  }
  checkSourceParameters(sourceKind(row.source, sourceParameters), sourceParameters, false);
  const keep = <T>(given: T | undefined, current: T) => (given === undefined ? current : given);
  const enrichment = params.optionalString("Enrichment");
  const updated = await context.runtime.db.pipe.update({
    where: { arn: row.arn },
    data: {
      description: keep(params.optionalString("Description"), row.description),
      desiredState: keep(params.optionalString("DesiredState"), row.desiredState),
      sourceParameters: JSON.stringify(sourceParameters),
      // An empty Enrichment removes the enrichment.
      enrichment: enrichment === undefined ? row.enrichment : enrichment || null,
      enrichmentParameters: keep(stored(params.optionalObject("EnrichmentParameters")?.verbatim()) ?? undefined, row.enrichmentParameters),
      target: keep(params.optionalString("Target"), row.target),
      targetParameters: keep(stored(params.optionalObject("TargetParameters")?.verbatim()) ?? undefined, row.targetParameters),
      roleArn: params.string("RoleArn"),
      logConfiguration: keep(stored(params.optionalObject("LogConfiguration")?.verbatim()) ?? undefined, row.logConfiguration),
      kmsKeyIdentifier: keep(params.optionalString("KmsKeyIdentifier"), row.kmsKeyIdentifier),
      currentState: "UPDATING",
    },
  });
  await settle(context, updated);
  return stateAnswer(updated, "UPDATING");
};

const deletePipe: PipesOperation = async (params, context) => {
  const row = await findPipe(context, params.string("Name"));
  await context.runtime.pipes.halt(row.arn);
  await context.runtime.db.$transaction([context.runtime.db.pipe.delete({ where: { arn: row.arn } }), context.runtime.db.resourceTag.deleteMany({ where: { resourceArn: row.arn } })]);
  return stateAnswer(row, "DELETING");
};

function startOrStop(desiredState: "RUNNING" | "STOPPED", transition: string): PipesOperation {
  return async (params, context) => {
    const row = await findPipe(context, params.string("Name"));
    const changed = await context.runtime.db.pipe.update({ where: { arn: row.arn }, data: { desiredState } });
    await settle(context, changed);
    return stateAnswer(changed, transition);
  };
}

/** ListPipes: newest names first is not AWS's order; pipes come sorted by name, filtered by every given member. */
const listPipes: PipesOperation = async (params, context) => {
  const prefix = (member: string, column: "name" | "source" | "target") => {
    const value = params.optionalString(member);
    return value === undefined ? {} : { [column]: { startsWith: value } };
  };
  const desiredState = params.optionalString("DesiredState");
  const currentState = params.optionalString("CurrentState");
  const rows = await context.runtime.db.pipe.findMany({
    where: {
      account: context.scope.account,
      ...prefix("NamePrefix", "name"),
      ...prefix("SourcePrefix", "source"),
      ...prefix("TargetPrefix", "target"),
      ...(desiredState === undefined ? {} : { desiredState }),
      ...(currentState === undefined ? {} : { currentState }),
    },
    orderBy: { name: "asc" },
  });
  const page = paginate(rows, readPaging(params));
  return {
    Pipes: page.items.map((row) => ({
      Name: row.name,
      Arn: row.arn,
      DesiredState: row.desiredState,
      CurrentState: row.currentState,
      StateReason: row.stateReason ?? undefined,
      CreationTime: epochSeconds(row.createdAt),
      LastModifiedTime: epochSeconds(row.updatedAt),
      Source: row.source,
      Target: row.target,
      Enrichment: row.enrichment ?? undefined,
    })),
    NextToken: page.nextToken,
  };
};

/** Tags belong to pipes: the ARN must name one of the caller's. */
async function requirePipeArn(context: PipesContext, arn: string): Promise<void> {
  const found = await context.runtime.db.pipe.findUnique({ where: { arn }, select: { account: true } });
  if (found === null || found.account !== context.scope.account) throw new AwsError("NotFoundException", `Resource ${arn} does not exist.`);
}

const tagResource: PipesOperation = async (params, context) => {
  const arn = params.string("resourceArn");
  await requirePipeArn(context, arn);
  const db = context.runtime.db;
  const tags = Object.entries(params.optionalStringMap("tags") ?? {});
  await db.$transaction(tags.map(([key, value]) => db.resourceTag.upsert({ where: { resourceArn_key: { resourceArn: arn, key } }, create: { resourceArn: arn, key, value }, update: { value } })));
  return {};
};

const untagResource: PipesOperation = async (params, context) => {
  const arn = params.string("resourceArn");
  await requirePipeArn(context, arn);
  await context.runtime.db.resourceTag.deleteMany({ where: { resourceArn: arn, key: { in: params.stringList("tagKeys") } } });
  return {};
};

const listTagsForResource: PipesOperation = async (params, context) => {
  const arn = params.string("resourceArn");
  await requirePipeArn(context, arn);
  const tags = await context.runtime.db.resourceTag.findMany({ where: { resourceArn: arn }, orderBy: { key: "asc" } });
  return { tags: Object.fromEntries(tags.map((tag) => [tag.key, tag.value])) };
};

export const PIPES_OPERATIONS: Readonly<Record<string, PipesOperation>> = {
  CreatePipe: createPipe,
  DescribePipe: describePipe,
  UpdatePipe: updatePipe,
  DeletePipe: deletePipe,
  ListPipes: listPipes,
  StartPipe: startOrStop("RUNNING", "STARTING"),
  StopPipe: startOrStop("STOPPED", "STOPPING"),
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
