/**
 * Apply: runs a plan's changes through the SDK in the plan's order (buses, rules, targets;
 * deletions after, in reverse), one change at a time, reporting each result. What it creates is
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
import type { Tags, Target } from "../resources/account-state";
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
    options: ApplyOptions,
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

  /** A design names an API destination; AWS wants its ARN with the generated id. */
  private async withApiDestinationArn(target: Target): Promise<Target> {
    const match = /^(.*:api-destination\/([^/]+))$/.exec(target.Arn ?? "");
    if (!match) return target;
    const name = match[2]!;
    let arn = this.apiDestinationArns.get(name);
    if (arn === undefined) {
      const answer = await sendAws(this.client, new DescribeApiDestinationCommand({ Name: name }), this.send);
      arn = answer.ApiDestinationArn ?? match[1]!;
      this.apiDestinationArns.set(name, arn);
    }
    return { ...target, Arn: arn };
  }
}

/** PutTargets and RemoveTargets answer 200 with per-entry failures: those are failures too. */
function failedEntries(operation: string, entries: readonly { TargetId?: string; ErrorCode?: string; ErrorMessage?: string }[] | undefined): void {
  const first = entries?.[0];
  if (first === undefined) return;
  throw new StepRefused(`${operation} failed for target ${first.TargetId ?? "?"}: ${first.ErrorCode ?? "error"} ${first.ErrorMessage ?? ""}`.trim());
}
