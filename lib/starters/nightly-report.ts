/**
 * Starter 6: EventBridge Scheduler. A nightly report at 02:00 Berlin time (a cron schedule in a
 * time zone, so it follows daylight saving) starts a Step Functions state machine; a one-time
 * reminder, deleted after it fires, puts an event on a custom bus whose rule tells the report's
 * owners through SNS.
 */
import type { Design, NodeOfKind } from "@/lib/graph";
import { DEFAULT_RETRY_POLICY } from "@/lib/graph";
import { at, design, envelope, rule, sample, verdicts } from "./build";

const ACCOUNT = "123456789012";
const REGION = "eu-central-1";
export const REMINDER_SOURCE = "reports.scheduler";

const target = { crossAccount: false, input: { type: "matched-event" }, retryPolicy: { ...DEFAULT_RETRY_POLICY } } as const;

export function nightlyReport(): Design {
  const nightly: NodeOfKind<"schedule"> = {
    id: "nightly-schedule",
    kind: "schedule",
    position: at(1, 0),
    name: "nightly-report",
    description: "Builds yesterday's sales report every night at 02:00 Berlin time",
    expression: "cron(0 2 * * ? *)",
    timezone: "Europe/Berlin",
    flexibleWindowMinutes: 15,
    source: REMINDER_SOURCE,
    detailType: "Nightly report",
    targetInput: JSON.stringify({ report: "daily-sales", scheduledTime: "<aws.scheduler.scheduled-time>", schedule: "<aws.scheduler.schedule-arn>", execution: "<aws.scheduler.execution-id>" }, null, 2),
    retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3 },
    notes: "02:00 in Europe/Berlin is 01:00 UTC in winter and 00:00 UTC in summer: the lab lists the next fires with the clock changes. The 15-minute flexible window lets Scheduler spread the start.",
  };
  const reminder: NodeOfKind<"schedule"> = {
    id: "reminder-schedule",
    kind: "schedule",
    position: at(1, 2),
    name: "half-year-figures-reminder",
    description: "Reminds the report's owners once to check the half-year figures",
    expression: "at(2027-06-30T09:00:00)",
    timezone: "Europe/Berlin",
    actionAfterCompletion: "DELETE",
    source: REMINDER_SOURCE,
    detailType: "Report reminder",
    targetInput: JSON.stringify({ text: "Check the half-year figures before the board meeting", scheduledTime: "<aws.scheduler.scheduled-time>" }, null, 2),
    notes: "A one-time schedule: it fires once, then Scheduler deletes it (ActionAfterCompletion DELETE). Its event goes on the reports bus as PutEvents, its input as the detail.",
  };
  return design({
    name: "Nightly report",
    description: "EventBridge Scheduler: a nightly cron schedule in Europe/Berlin starts the report state machine; a one-time reminder, deleted after it fires, reaches the report's owners through a custom bus and SNS.",
    nodes: [
      { id: "reports-group", kind: "schedule-group", position: at(0, 1), name: "reports", notes: "The schedule group of the reporting team's schedules." },
      nightly,
      { id: "report-machine", kind: "step-functions", position: at(2, 0), ...target, stateMachineName: "nightly-report", notes: "Queries yesterday's sales, renders the report and stores it in S3. The schedule's role needs states:StartExecution." },
      reminder,
      { id: "reports-bus", kind: "event-bus", position: at(2, 2), busType: "classic", variant: "custom", name: "reports" },
      rule("reminder-rule", at(3, 2), {
        name: "report-reminders",
        description: "Reminders from the reporting schedules go to the report's owners",
        pattern: { source: [REMINDER_SOURCE], "detail-type": ["Report reminder"] },
        expectations: [...verdicts(["reminder"], "match"), ...verdicts(["other-event"], "no-match")],
      }),
      { id: "owners-topic", kind: "sns", position: at(4, 2), ...target, topicName: "report-owners", notes: "The report's owners are subscribed by e-mail." },
    ],
    links: [
      ["reports-group", "nightly-schedule"],
      ["reports-group", "reminder-schedule"],
      ["nightly-schedule", "report-machine"],
      ["reminder-schedule", "reports-bus"],
      ["reports-bus", "reminder-rule"],
      ["reminder-rule", "owners-topic"],
    ],
    samples: [
      sample(
        "reminder",
        "The reminder as the reports bus receives it",
        "reminder-schedule",
        envelope({
          id: "d32c5kddcf5bb8c3",
          source: REMINDER_SOURCE,
          detailType: "Report reminder",
          account: ACCOUNT,
          region: REGION,
          time: "2027-06-30T07:00:00Z",
          resources: [`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/reports/half-year-figures-reminder`],
          detail: { text: "Check the half-year figures before the board meeting", scheduledTime: "2027-06-30T07:00:00Z" },
        }),
      ),
      sample(
        "other-event",
        "Another event on the reports bus (a finished report)",
        undefined,
        envelope({ id: "5b7e1c2a-9d4f-4e3a-8b6c-1f2e3d4c5b6a", source: "reports.builder", detailType: "Report finished", account: ACCOUNT, region: REGION, time: "2027-01-11T01:04:10Z", detail: { report: "daily-sales", key: "s3://reports/2027-01-10.pdf" } }),
      ),
    ],
  });
}
