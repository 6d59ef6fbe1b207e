/**
 * Apply: runs a plan's changes through the SDK in the plan's order (buses, rules, targets,
 * schedule groups, schedules, pipes; deletions after, in reverse), one change at a time, reporting each result. What it creates is
 * tagged `switchyard:design` = the design's id. The first failure stops the run and the result
 * says what was and was not applied; since the plan is recomputed from the account each time,
 * planning and applying again continues from there, and applying an applied design does nothing.
 */
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeApiDestinationCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  UpdateArchiveCommand,
  type EventBridgeClient,
  type Tag,
} from "@aws-sdk/client-eventbridge";
import { CreatePipeCommand, DeletePipeCommand, UpdatePipeCommand, type PipesClient, type UpdatePipeSourceParameters } from "@aws-sdk/client-pipes";
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  UpdateScheduleCommand,
  type SchedulerClient,
} from "@aws-sdk/client-scheduler";
import { SOURCE_SETTINGS, sourceKindOf } from "../emulator/pipes/source";
import type { PipeState, ScheduleState, Tags, Target } from "../resources/account-state";
import { describeAwsError, sendAws } from "./errors";
import type { Plan, PlannedChange } from "./plan";
import { busArn } from "../arn";
import { putRuleInput } from "../resources/design-resources";

export interface StepResult {
  readonly index: number;
  readonly change: PlannedChange;
  readonly ok: boolean;
  /** The user-facing message of the failure. */
  readonly error?: string;
}

export interface ApplyResult {
  readonly applied: readonly PlannedChange[];
  /** The change that failed, if one did. */
  readonly failed?: StepResult;
  /** Changes not attempted because an earlier one failed. */
  readonly notApplied: readonly PlannedChange[];
}

export interface ApplyOptions {
  readonly onStep?: (step: StepResult) => void;
  readonly abortSignal?: AbortSignal;
  /** Shown in network errors. */
  readonly endpoint?: string;
  /** Needed when the plan holds schedule groups or schedules. */
  readonly scheduler?: SchedulerClient;
  /** Needed when the plan holds pipes. */
  readonly pipes?: PipesClient;
}

export async function applyPlan(client: EventBridgeClient, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const applied: PlannedChange[] = [];
  const run = new ChangeRunner(client, plan, options);
  for (const [index, change] of plan.changes.entries()) {
    try {
      await run.apply(change);
    } catch (error) {
      const message = error instanceof StepRefused ? error.message : describeAwsError(error).message;
      const failed: StepResult = { index, change, ok: false, error: message };
      options.onStep?.(failed);
      return { applied, failed, notApplied: plan.changes.slice(index) };
    }
    applied.push(change);
    options.onStep?.({ index, change, ok: true });
  }
  return { applied, notApplied: [] };
}

/** A change apply will not make, with the reason for the user (not an AWS failure). */
class StepRefused extends Error {}

function tagList(tags: Tags | undefined): Tag[] | undefined {
  const entries = Object.entries(tags ?? {});
  return entries.length === 0 ? undefined : entries.map(([Key, Value]) => ({ Key, Value }));
}

class ChangeRunner {
  /** Every call's abort signal and, for network errors, the endpoint in use. */
  private readonly send: { abortSignal?: AbortSignal; endpoint?: string };
  private readonly apiDestinationArns = new Map<string, string>();

  constructor(
    private readonly client: EventBridgeClient,
    private readonly plan: Pick<Plan, "account" | "region">,
    private readonly options: ApplyOptions,
  ) {
    this.send = { abortSignal: options.abortSignal, endpoint: options.endpoint };
  }

  async apply(change: PlannedChange): Promise<void> {
    const { client, send } = this;
    switch (change.resource) {
      case "bus":
        if (change.action === "create") {
          await sendAws(client, new CreateEventBusCommand({ Name: change.bus, Tags: tagList(change.desiredBus?.tags) }), send);
        } else if (change.action === "delete") {
          await sendAws(client, new DeleteEventBusCommand({ Name: change.bus }), send);
        }
        return;
      case "archive":
        await this.archive(change);
        return;
      case "rule": {
        if (change.action === "delete") {
          await sendAws(client, new DeleteRuleCommand({ Name: change.rule, EventBusName: change.bus }), send);
          return;
        }
        const rule = change.desiredRule;
        if (rule === undefined) throw new StepRefused(`Plan change ${change.label} has no rule to write`);
        // Tags go on what is created; an existing rule keeps its own.
        const input = { ...putRuleInput(rule), Tags: change.action === "create" ? tagList(rule.tags) : undefined };
        await sendAws(client, new PutRuleCommand(input), send);
        return;
      }
      case "schedule-group":
      case "schedule":
        await this.scheduler(change);
        return;
      case "pipe":
        await this.pipe(change);
        return;
      case "target": {
        const target = { Rule: change.rule, EventBusName: change.bus };
        if (change.action === "delete") {
          const answer = await sendAws(client, new RemoveTargetsCommand({ ...target, Ids: [change.targetId ?? ""] }), send);
          failedEntries("RemoveTargets", answer.FailedEntries);
          return;
        }
        if (change.desiredTarget === undefined) throw new StepRefused(`Plan change ${change.label} has no target to write`);
        const spec = await this.withApiDestinationArn(change.desiredTarget);
        const answer = await sendAws(client, new PutTargetsCommand({ ...target, Targets: [spec] }), send);
        failedEntries("PutTargets", answer.FailedEntries);
        return;
      }
    }
  }

  private async archive(change: PlannedChange): Promise<void> {
    const archive = change.desiredArchive;
    if (archive === undefined || change.action === "delete") throw new StepRefused(`Plan change ${change.label} is not an archive Switchyard writes`);
    if (change.action === "create") {
      const source = busArn(this.plan, archive.bus);
      await sendAws(this.client, new CreateArchiveCommand({ ArchiveName: archive.name, EventSourceArn: source, EventPattern: archive.eventPattern, RetentionDays: archive.retentionDays }), this.send);
      return;
    }
    if (change.fields.some((f) => f.field === "bus")) throw new StepRefused(`Archive ${archive.name} archives another bus in AWS; an archive cannot move: delete it there (its events go with it) or rename it in the design`);
    if (archive.eventPattern === undefined && change.fields.some((f) => f.field === "eventPattern")) {
      throw new StepRefused(`AWS cannot remove the pattern of archive ${archive.name}; give the design's archive a pattern, or recreate the archive in AWS`);
    }
    await sendAws(this.client, new UpdateArchiveCommand({ ArchiveName: archive.name, EventPattern: archive.eventPattern, RetentionDays: archive.retentionDays }), this.send);
  }

  private async scheduler(change: PlannedChange): Promise<void> {
    const client = this.options.scheduler;
    if (client === undefined) throw new StepRefused(`Plan change ${change.label} needs a Scheduler client`);
    const names = { Name: change.resource === "schedule" ? change.schedule : change.scheduleGroup, ...(change.resource === "schedule" ? { GroupName: change.scheduleGroup } : {}) };
    if (change.action === "delete") {
      await (change.resource === "schedule" ? sendAws(client, new DeleteScheduleCommand(names), this.send) : sendAws(client, new DeleteScheduleGroupCommand({ Name: change.scheduleGroup }), this.send));
      return;
    }
    if (change.resource === "schedule-group") {
      if (change.action === "create") await sendAws(client, new CreateScheduleGroupCommand({ Name: change.scheduleGroup, Tags: tagList(change.desiredScheduleGroup?.tags) }), this.send);
      return;
    }
    const schedule = change.desiredSchedule;
    if (schedule === undefined) throw new StepRefused(`Plan change ${change.label} has no schedule to write`);
    const input = await this.scheduleInput(schedule);
    if (change.action === "create") await sendAws(client, new CreateScheduleCommand(input), this.send);
    else await sendAws(client, new UpdateScheduleCommand(input), this.send);
  }

  /** CreateSchedule's and UpdateSchedule's input (UpdateSchedule replaces every setting, so all are sent). */
  private async scheduleInput(schedule: ScheduleState) {
    const { target } = schedule;
    if (target.Arn === undefined || target.RoleArn === undefined) throw new StepRefused(`Schedule ${schedule.name} has no target ARN or role`);
    return {
      Name: schedule.name,
      GroupName: schedule.group,
      ScheduleExpression: schedule.expression,
      ScheduleExpressionTimezone: schedule.timezone,
      StartDate: schedule.startDate === undefined ? undefined : new Date(schedule.startDate),
      EndDate: schedule.endDate === undefined ? undefined : new Date(schedule.endDate),
      Description: schedule.description,
      State: schedule.state,
      ActionAfterCompletion: schedule.actionAfterCompletion,
      FlexibleTimeWindow: schedule.flexibleWindowMinutes === undefined ? { Mode: "OFF" as const } : { Mode: "FLEXIBLE" as const, MaximumWindowInMinutes: schedule.flexibleWindowMinutes },
      Target: { ...target, Arn: await this.apiDestinationArn(target.Arn), RoleArn: target.RoleArn },
    };
  }

  private async pipe(change: PlannedChange): Promise<void> {
    const client = this.options.pipes;
    if (client === undefined) throw new StepRefused(`Plan change ${change.label} needs a Pipes client`);
    if (change.action === "delete") {
      await sendAws(client, new DeletePipeCommand({ Name: change.pipe }), this.send);
      return;
    }
    const pipe = change.desiredPipe;
    if (pipe === undefined) throw new StepRefused(`Plan change ${change.label} has no pipe to write`);
    const common = {
      Name: pipe.name,
      Description: pipe.description ?? "",
      DesiredState: pipe.desiredState,
      // An empty Enrichment removes one the pipe had.
      Enrichment: pipe.enrichment === undefined ? "" : await this.apiDestinationArn(pipe.enrichment),
      EnrichmentParameters: pipe.enrichmentParameters ?? {},
      Target: await this.apiDestinationArn(pipe.target),
      TargetParameters: pipe.targetParameters ?? {},
      RoleArn: pipe.roleArn,
    };
    if (change.action === "update") {
      await sendAws(client, new UpdatePipeCommand({ ...common, SourceParameters: updatableSourceParameters(pipe) }), this.send);
      return;
    }
    if (pipe.source.endsWith("/")) {
      throw new StepRefused(`Pipe ${pipe.name} reads ${pipe.source}…: the rest of that ARN is assigned by AWS; create the pipe in AWS once and import it, then Switchyard updates it`);
    }
    const created = {
      ...common,
      Enrichment: pipe.enrichment === undefined ? undefined : common.Enrichment,
      EnrichmentParameters: pipe.enrichmentParameters,
      TargetParameters: pipe.targetParameters,
      Source: pipe.source,
      SourceParameters: pipe.sourceParameters,
      Tags: { ...pipe.tags },
    };
    await sendAws(client, new CreatePipeCommand(created), this.send);
  }

  /** A design names an API destination; AWS wants its ARN with the generated id. */
  private async withApiDestinationArn(target: Target): Promise<Target> {
    return target.Arn === undefined ? target : { ...target, Arn: await this.apiDestinationArn(target.Arn) };
  }

  /** The ARN itself, or for an API destination named without its id, the ARN AWS gave it. */
  private async apiDestinationArn(given: string): Promise<string> {
    const match = /^.*:api-destination\/([^/]+)$/.exec(given);
    if (!match) return given;
    const name = match[1]!;
    let arn = this.apiDestinationArns.get(name);
    if (arn === undefined) {
      const answer = await sendAws(this.client, new DescribeApiDestinationCommand({ Name: name }), this.send);
      arn = answer.ApiDestinationArn ?? given;
      this.apiDestinationArns.set(name, arn);
    }
    return arn;
  }
}

/** PutTargets and RemoveTargets answer 200 with per-entry failures: those are failures too. */
function failedEntries(operation: string, entries: readonly { TargetId?: string; ErrorCode?: string; ErrorMessage?: string }[] | undefined): void {
  const first = entries?.[0];
  if (first === undefined) return;
  throw new StepRefused(`${operation} failed for target ${first.TargetId ?? "?"}: ${first.ErrorCode ?? "error"} ${first.ErrorMessage ?? ""}`.trim());
}

/**
 * What UpdatePipe may change of the source: batch size, batching window and the filter criteria
 * (none clears them); the starting position, topic and consumer group are fixed at creation.
 */
function updatableSourceParameters(pipe: PipeState): UpdatePipeSourceParameters {
  const kind = sourceKindOf(pipe.source);
  const member = kind === undefined ? undefined : SOURCE_SETTINGS[kind].member;
  const own = (member === undefined ? undefined : (pipe.sourceParameters as Readonly<Record<string, { BatchSize?: number; MaximumBatchingWindowInSeconds?: number } | undefined>>)[member]) ?? {};
  return {
    FilterCriteria: pipe.sourceParameters.FilterCriteria ?? { Filters: [] },
    ...(member === undefined ? {} : { [member]: { BatchSize: own.BatchSize, MaximumBatchingWindowInSeconds: own.MaximumBatchingWindowInSeconds ?? 0 } }),
  };
}
