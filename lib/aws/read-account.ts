/**
 * Reads an account's EventBridge buses, rules (with tags) and targets through the SDK,
 * following every NextToken, and reports progress as it goes. Can be limited to one bus and/or
 * a rule-name prefix. Given their clients, also Scheduler's groups and schedules and the pipes
 * (read-scheduler-pipes.ts), unless the read is limited to one bus or a rule-name prefix.
 */
import {
  DescribeApiDestinationCommand,
  DescribeArchiveCommand,
  ListArchivesCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  type EventBridgeClient,
  type Archive,
  type EventBus,
  type Rule,
} from "@aws-sdk/client-eventbridge";
import { NotFoundError } from "@/lib/errors";
import type { AccountState, ApiDestinationState, ArchiveState, BusState, RuleState, Tags, Target } from "../resources/account-state";
import type { PipesClient } from "@aws-sdk/client-pipes";
import type { SchedulerClient } from "@aws-sdk/client-scheduler";
import { AwsCallError, sendAws } from "./errors";
import { allPages, readPipes, readScheduler } from "./read-scheduler-pipes";

export interface ReadScope {
  /** Only this bus (by name). */
  readonly bus?: string;
  /** Only rules whose name starts with this. */
  readonly rulePrefix?: string;
}

export interface ReadProgress {
  readonly phase: "buses" | "rules" | "targets" | "schedules" | "pipes" | "done";
  readonly buses: number;
  readonly rules: number;
  readonly targets: number;
  readonly schedules: number;
  readonly pipes: number;
  /** List pages read so far (every NextToken followed counts one). */
  readonly pages: number;
}

export interface ReadOptions {
  readonly scope?: ReadScope;
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly abortSignal?: AbortSignal;
  /** Items per list page (AWS's `Limit`; absent = AWS's default). */
  readonly pageSize?: number;
  /** Also describe the API destinations targets call (import needs their endpoint and method). */
  readonly apiDestinations?: boolean;
  /** Read Scheduler's groups and schedules with this client. */
  readonly scheduler?: SchedulerClient;
  /** Read the pipes with this client. */
  readonly pipes?: PipesClient;
}


export async function readAccount(client: EventBridgeClient, region: string, options: ReadOptions = {}): Promise<AccountState> {
  const scope = options.scope ?? {};
  const send = { abortSignal: options.abortSignal };
  const counts = { buses: 0, rules: 0, targets: 0, schedules: 0, pipes: 0, pages: 0 };
  const report = (phase: ReadProgress["phase"]) => options.onProgress?.({ phase, ...counts });
  const page = (phase: ReadProgress["phase"]) => () => {
    counts.pages++;
    report(phase);
  };

  const tagsOf = async (arn: string | undefined): Promise<Tags> => {
    if (arn === undefined) return {};
    const answer = await sendAws(client, new ListTagsForResourceCommand({ ResourceARN: arn }), send);
    return Object.fromEntries((answer.Tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
  };

  const allBuses = await allPages<EventBus>(async (NextToken) => {
    const answer = await sendAws(client, new ListEventBusesCommand({ NextToken, Limit: options.pageSize }), send);
    return { items: answer.EventBuses ?? [], next: answer.NextToken };
  }, page("buses"));
  // The default bus always exists; its ARN names the account.
  const account = accountOf(allBuses.find((bus) => bus.Name === "default")?.Arn ?? allBuses[0]?.Arn);
  const wanted = allBuses.filter((bus) => bus.Name !== undefined && (scope.bus === undefined || bus.Name === scope.bus));
  if (scope.bus !== undefined && wanted.length === 0) throw new NotFoundError(`Event bus ${scope.bus} does not exist in account ${account} (${region})`);
  const buses: BusState[] = [];
  for (const bus of wanted) {
    buses.push({ name: bus.Name!, arn: bus.Arn, tags: bus.Name === "default" ? {} : await tagsOf(bus.Arn) });
    counts.buses++;
  }
  report("buses");

  const rules: RuleState[] = [];
  for (const bus of buses) {
    const listed = await allPages<Rule>(async (NextToken) => {
      const answer = await sendAws(client, new ListRulesCommand({ EventBusName: bus.name, NamePrefix: scope.rulePrefix || undefined, NextToken, Limit: options.pageSize }), send);
      return { items: answer.Rules ?? [], next: answer.NextToken };
    }, page("rules"));
    for (const rule of listed) {
      if (rule.Name === undefined || rule.ManagedBy !== undefined) continue; // rules AWS services manage are theirs, not the user's
      const targets = await allPages<Target>(async (NextToken) => {
        const answer = await sendAws(client, new ListTargetsByRuleCommand({ Rule: rule.Name, EventBusName: bus.name, NextToken, Limit: options.pageSize }), send);
        return { items: answer.Targets ?? [], next: answer.NextToken };
      }, page("targets"));
      counts.rules++;
      counts.targets += targets.length;
      rules.push({
        name: rule.Name,
        bus: bus.name,
        arn: rule.Arn,
        ...(rule.EventPattern ? { eventPattern: rule.EventPattern } : {}),
        ...(rule.ScheduleExpression ? { scheduleExpression: rule.ScheduleExpression } : {}),
        state: rule.State ?? "ENABLED",
        ...(rule.Description ? { description: rule.Description } : {}),
        ...(rule.RoleArn ? { roleArn: rule.RoleArn } : {}),
        tags: await tagsOf(rule.Arn),
        targets,
      });
      report("targets");
    }
  }
  const archives = await readArchives(client, buses, page("buses"), options.pageSize, send);
  const apiDestinations = options.apiDestinations ? await describeApiDestinations(client, rules, send) : undefined;
  // Limited to a bus or to some rules, the read leaves Scheduler and Pipes out.
  const whole = scope.bus === undefined && !scope.rulePrefix;
  const paging = (phase: ReadProgress["phase"]) => ({ send, pageSize: options.pageSize, onPage: page(phase) });
  const unread: string[] = [];
  // An account whose credentials may not read Scheduler or Pipes still has its rules read: what was not read is said, not compared.
  const permitted = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof AwsCallError) || error.code !== "aws_access_denied") throw error;
      unread.push(`${what} were not read: ${error.message}`);
      return undefined;
    }
  };
  const schedulerClient = whole ? options.scheduler : undefined;
  const pipesClient = whole ? options.pipes : undefined;
  const scheduler = schedulerClient === undefined ? undefined : await permitted("Schedule groups and schedules", () => readScheduler(schedulerClient, paging("schedules")));
  counts.schedules = scheduler?.schedules.length ?? 0;
  const pipes = pipesClient === undefined ? undefined : await permitted("Pipes", () => readPipes(pipesClient, paging("pipes")));
  counts.pipes = pipes?.length ?? 0;
  report("done");
  return {
    account,
    region,
    buses,
    rules,
    archives,
    ...(apiDestinations ? { apiDestinations } : {}),
    ...scheduler,
    ...(pipes === undefined ? {} : { pipes }),
    ...(unread.length === 0 ? {} : { unread }),
  };
}

/** The archives of the buses read; ListArchives has no pattern, so each is described. */
async function readArchives(client: EventBridgeClient, buses: readonly BusState[], onPage: () => void, pageSize: number | undefined, send: { abortSignal?: AbortSignal }): Promise<ArchiveState[]> {
  const busByArn = new Map(buses.flatMap((bus) => (bus.arn === undefined ? [] : [[bus.arn, bus.name] as const])));
  const listed = await allPages<Archive>(async (NextToken) => {
    const answer = await sendAws(client, new ListArchivesCommand({ NextToken, Limit: pageSize }), send);
    return { items: answer.Archives ?? [], next: answer.NextToken };
  }, onPage);
  const archives: ArchiveState[] = [];
  for (const archive of listed) {
    const bus = busByArn.get(archive.EventSourceArn ?? "");
    if (bus === undefined || archive.ArchiveName === undefined) continue;
    const described = await sendAws(client, new DescribeArchiveCommand({ ArchiveName: archive.ArchiveName }), send);
    archives.push({
      name: archive.ArchiveName,
      bus,
      ...(described.EventPattern ? { eventPattern: described.EventPattern } : {}),
      retentionDays: described.RetentionDays ?? archive.RetentionDays ?? 0,
    });
  }
  return archives;
}

async function describeApiDestinations(client: EventBridgeClient, rules: readonly RuleState[], send: { abortSignal?: AbortSignal }): Promise<ApiDestinationState[]> {
  const names = new Set<string>();
  for (const rule of rules) {
    for (const target of rule.targets) {
      const match = /:api-destination\/([^/]+)/.exec(target.Arn ?? "");
      if (match) names.add(match[1]!);
    }
  }
  const found: ApiDestinationState[] = [];
  for (const name of names) {
    const answer = await sendAws(client, new DescribeApiDestinationCommand({ Name: name }), send);
    found.push({
      name,
      arn: answer.ApiDestinationArn ?? "",
      endpoint: answer.InvocationEndpoint ?? "",
      method: answer.HttpMethod ?? "POST",
      ...(answer.ConnectionArn ? { connectionArn: answer.ConnectionArn } : {}),
      ...(answer.InvocationRateLimitPerSecond === undefined ? {} : { rateLimitPerSecond: answer.InvocationRateLimitPerSecond }),
    });
  }
  return found;
}

function accountOf(arn: string | undefined): string {
  return arn?.split(":")[4] ?? "";
}
