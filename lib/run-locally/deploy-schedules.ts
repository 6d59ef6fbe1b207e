/**
 * "Run locally" for a design's EventBridge Scheduler share: its schedule groups and schedules
 * created (or brought up to date) on the local Scheduler through its own operations, so AWS's
 * checks apply as they do to `aws scheduler create-schedule`; and "Fire now" for one schedule.
 * Targets are the ARNs a rule target would have (lib/resources): a local queue or bus receives
 * the invocation, any other target's input is recorded on the Events page (runner.ts).
 */
import type { Scope } from "../arn";
import { AwsError } from "../emulator/protocol/errors";
import { invokeSchedulerIn } from "../emulator/scheduler/protocol";
import type { Invocation } from "../emulator/scheduler/runner";
import type { BusRuntime } from "../emulator/runtime";
import { NotFoundError } from "../errors";
import type { Design } from "../graph";
import type { DesignProblem } from "../resources/design-resources";
import { placeSchedules } from "../resources/schedule-resources";

export interface ScheduleDeployReport {
  readonly scheduleGroups: string[];
  readonly schedules: string[];
  readonly problems: DesignProblem[];
}

/** Where the design's schedules live locally: the local endpoint's default account and region. */
const localScope = (runtime: BusRuntime): Scope => ({ account: runtime.config.defaultAccount, region: runtime.config.region });

export async function deploySchedules(runtime: BusRuntime, design: Design): Promise<ScheduleDeployReport> {
  const scope = localScope(runtime);
  const { groups, schedules } = placeSchedules(design, scope);
  const report: ScheduleDeployReport = { scheduleGroups: [], schedules: [], problems: [] };
  const call = (operation: string, input: Record<string, unknown>) => invokeSchedulerIn(runtime, scope, operation, input);
  const attempt = async (nodeId: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      report.problems.push({ nodeId, message: `${error.type}: ${error.message}` });
    }
  };
  for (const group of groups) {
    await attempt(group.nodeId, async () => {
      const arn = await call("GetScheduleGroup", { Name: group.name }).then(
        (found) => String(found.Arn),
        async (error: unknown) => {
          if (!(error instanceof AwsError && error.type === "ResourceNotFoundException")) throw error;
          return String((await call("CreateScheduleGroup", { Name: group.name })).ScheduleGroupArn);
        },
      );
      report.scheduleGroups.push(arn);
    });
  }
  for (const schedule of schedules) {
    await attempt(schedule.nodeId, async () => {
      const exists = (await runtime.db.schedule.count({ where: { arn: schedule.arn } })) > 0;
      const answer = await call(exists ? "UpdateSchedule" : "CreateSchedule", schedule.input);
      report.schedules.push(String(answer.ScheduleArn));
    });
  }
  return report;
}

/** "Fire now": the design's schedule (deployed by "Run locally") invokes its target at once. */
export async function fireSchedulerSchedule(runtime: BusRuntime, design: Design, nodeId: string): Promise<Invocation> {
  const placed = placeSchedules(design, localScope(runtime)).schedules.find((schedule) => schedule.nodeId === nodeId);
  if (placed === undefined) throw new NotFoundError(`The design has no schedule ${nodeId} with a target`);
  const invocation = await runtime.scheduler.fireNow(placed.arn);
  if (invocation === undefined) throw new NotFoundError(`Schedule ${placed.groupName}/${placed.name} is not on the local endpoint: choose Run locally first`);
  return invocation;
}
