/**
 * Reads an account's EventBridge Scheduler schedule groups (with their tags) and schedules (each
 * through GetSchedule, for its whole definition), and its pipes (each through DescribePipe, tags
 * included), following every NextToken.
 */
import { DescribePipeCommand, ListPipesCommand, type PipesClient } from "@aws-sdk/client-pipes";
import { GetScheduleCommand, ListScheduleGroupsCommand, ListSchedulesCommand, ListTagsForResourceCommand, type SchedulerClient } from "@aws-sdk/client-scheduler";
import type { PipeState, ScheduleGroupState, ScheduleState } from "../resources/account-state";
import { sendAws } from "./errors";

interface Paging {
  readonly send: { abortSignal?: AbortSignal };
  readonly pageSize?: number;
  readonly onPage: () => void;
}

/** Every page of a NextToken-paged list. */
export async function allPages<T>(fetchPage: (token: string | undefined) => Promise<{ items: T[]; next?: string }>, onPage: () => void): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    items.push(...page.items);
    token = page.next;
    onPage();
  } while (token !== undefined && token !== "");
  return items;
}

export async function readScheduler(client: SchedulerClient, { send, pageSize, onPage }: Paging): Promise<{ scheduleGroups: ScheduleGroupState[]; schedules: ScheduleState[] }> {
  const groups = await allPages(async (NextToken) => {
    const answer = await sendAws(client, new ListScheduleGroupsCommand({ NextToken, MaxResults: pageSize }), send);
    return { items: answer.ScheduleGroups ?? [], next: answer.NextToken };
  }, onPage);
  const scheduleGroups: ScheduleGroupState[] = [];
  for (const group of groups) {
    if (group.Name === undefined) continue;
    const tags = group.Arn === undefined ? [] : ((await sendAws(client, new ListTagsForResourceCommand({ ResourceArn: group.Arn }), send)).Tags ?? []);
    scheduleGroups.push({ name: group.Name, ...(group.Arn === undefined ? {} : { arn: group.Arn }), tags: Object.fromEntries(tags.map((tag) => [tag.Key ?? "", tag.Value ?? ""])) });
  }
  const listed = await allPages(async (NextToken) => {
    const answer = await sendAws(client, new ListSchedulesCommand({ NextToken, MaxResults: pageSize }), send);
    return { items: answer.Schedules ?? [], next: answer.NextToken };
  }, onPage);
  const schedules: ScheduleState[] = [];
  for (const summary of listed) {
    if (summary.Name === undefined) continue;
    const found = await sendAws(client, new GetScheduleCommand({ Name: summary.Name, GroupName: summary.GroupName }), send);
    if (found.Target === undefined || found.ScheduleExpression === undefined) continue;
    const window = found.FlexibleTimeWindow;
    schedules.push({
      name: summary.Name,
      group: found.GroupName ?? summary.GroupName ?? "default",
      expression: found.ScheduleExpression,
      ...(found.ScheduleExpressionTimezone ? { timezone: found.ScheduleExpressionTimezone } : {}),
      ...(found.StartDate ? { startDate: found.StartDate.toISOString() } : {}),
      ...(found.EndDate ? { endDate: found.EndDate.toISOString() } : {}),
      ...(found.Description ? { description: found.Description } : {}),
      ...(window?.Mode === "FLEXIBLE" && window.MaximumWindowInMinutes !== undefined ? { flexibleWindowMinutes: window.MaximumWindowInMinutes } : {}),
      state: found.State === "DISABLED" ? "DISABLED" : "ENABLED",
      actionAfterCompletion: found.ActionAfterCompletion === "DELETE" ? "DELETE" : "NONE",
      target: found.Target,
    });
  }
  return { scheduleGroups, schedules };
}

export async function readPipes(client: PipesClient, { send, pageSize, onPage }: Paging): Promise<PipeState[]> {
  const listed = await allPages(async (NextToken) => {
    const answer = await sendAws(client, new ListPipesCommand({ NextToken, Limit: pageSize }), send);
    return { items: answer.Pipes ?? [], next: answer.NextToken };
  }, onPage);
  const pipes: PipeState[] = [];
  for (const summary of listed) {
    if (summary.Name === undefined) continue;
    const found = await sendAws(client, new DescribePipeCommand({ Name: summary.Name }), send);
    if (found.Source === undefined || found.Target === undefined) continue;
    pipes.push({
      name: summary.Name,
      ...(found.Arn ? { arn: found.Arn } : {}),
      ...(found.Description ? { description: found.Description } : {}),
      desiredState: found.DesiredState === "STOPPED" ? "STOPPED" : "RUNNING",
      source: found.Source,
      sourceParameters: found.SourceParameters ?? {},
      ...(found.Enrichment ? { enrichment: found.Enrichment } : {}),
      ...(found.EnrichmentParameters ? { enrichmentParameters: found.EnrichmentParameters } : {}),
      target: found.Target,
      ...(found.TargetParameters ? { targetParameters: found.TargetParameters } : {}),
      roleArn: found.RoleArn ?? "",
      tags: found.Tags ?? {},
    });
  }
  return pipes;
}
