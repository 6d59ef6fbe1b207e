import { Aws, CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as sns from "aws-cdk-lib/aws-sns";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Nightly report".
 * Note: The topic of ReportOwnersTopic exists already: its policy must allow events.amazonaws.com to sns:Publish.
 * Note: Schedule half-year-figures-reminder has ActionAfterCompletion DELETE: CloudFormation (and so CDK) cannot set it; Terraform can.
 */
export class NightlyReportStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    new CfnParameter(this, "ReportOwnersTopicName", { type: "String", description: "Name of the existing topic report-owners", default: "report-owners" });
    new CfnParameter(this, "NightlyReportStateMachineName", { type: "String", description: "Name of the existing state machine nightly-report", default: "nightly-report" });

    const reportsBus = new events.EventBus(this, "ReportsBus", { eventBusName: "reports" });

    const reportRemindersRule = new events.Rule(this, "ReportRemindersRule", {
      ruleName: "report-reminders",
      description: "Reminders from the reporting schedules go to the report's owners",
      eventBus: reportsBus,
      eventPattern: {
        detailType: ["Report reminder"],
        source: ["reports.scheduler"]
      },
    });
    const reportOwnersTopic = sns.Topic.fromTopicArn(this, "ReportOwnersTopic", Fn.sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${ReportOwnersTopicName}"));
    reportRemindersRule.addTarget(new targets.SnsTopic(reportOwnersTopic));
    const reportRemindersRuleCfn = reportRemindersRule.node.defaultChild as events.CfnRule;
    reportRemindersRuleCfn.addPropertyOverride("Targets.0.Id", "owners-topic");

    const nightlyReportSchedulerRole = new iam.CfnRole(this, "NightlyReportSchedulerRole", {
      assumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: {
              Service: "scheduler.amazonaws.com",
            },
            Action: "sts:AssumeRole",
            Condition: {
              StringEquals: {
                "aws:SourceAccount": Aws.ACCOUNT_ID,
              },
            },
          },
        ],
      },
      policies: [
        {
          policyName: "invoke-target",
          policyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["states:StartExecution"],
                Resource: Fn.sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${NightlyReportStateMachineName}"),
              },
            ],
          },
        },
      ],
    });

    const halfYearFiguresReminderSchedulerRole = new iam.CfnRole(this, "HalfYearFiguresReminderSchedulerRole", {
      assumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: {
              Service: "scheduler.amazonaws.com",
            },
            Action: "sts:AssumeRole",
            Condition: {
              StringEquals: {
                "aws:SourceAccount": Aws.ACCOUNT_ID,
              },
            },
          },
        ],
      },
      policies: [
        {
          policyName: "invoke-target",
          policyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["events:PutEvents"],
                Resource: reportsBus.eventBusArn,
              },
            ],
          },
        },
      ],
    });

    const reportsScheduleGroup = new scheduler.CfnScheduleGroup(this, "ReportsScheduleGroup", {
      name: "reports",
    });

    new scheduler.CfnSchedule(this, "NightlyReportSchedule", {
      name: "nightly-report",
      description: "Builds yesterday's sales report every night at 02:00 Berlin time",
      groupName: reportsScheduleGroup.ref,
      scheduleExpression: "cron(0 2 * * ? *)",
      scheduleExpressionTimezone: "Europe/Berlin",
      state: "ENABLED",
      flexibleTimeWindow: {
        mode: "FLEXIBLE",
        maximumWindowInMinutes: 15,
      },
      target: {
        arn: Fn.sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${NightlyReportStateMachineName}"),
        roleArn: nightlyReportSchedulerRole.attrArn,
        input: "{\n  \"report\": \"daily-sales\",\n  \"scheduledTime\": \"<aws.scheduler.scheduled-time>\",\n  \"schedule\": \"<aws.scheduler.schedule-arn>\",\n  \"execution\": \"<aws.scheduler.execution-id>\"\n}",
        retryPolicy: {
          maximumEventAgeInSeconds: 3600,
          maximumRetryAttempts: 3,
        },
      },
    });

    new scheduler.CfnSchedule(this, "HalfYearFiguresReminderSchedule", {
      name: "half-year-figures-reminder",
      description: "Reminds the report's owners once to check the half-year figures",
      groupName: reportsScheduleGroup.ref,
      scheduleExpression: "at(2027-06-30T09:00:00)",
      scheduleExpressionTimezone: "Europe/Berlin",
      state: "ENABLED",
      flexibleTimeWindow: {
        mode: "OFF",
      },
      target: {
        arn: reportsBus.eventBusArn,
        roleArn: halfYearFiguresReminderSchedulerRole.attrArn,
        input: "{\n  \"text\": \"Check the half-year figures before the board meeting\",\n  \"scheduledTime\": \"<aws.scheduler.scheduled-time>\"\n}",
        eventBridgeParameters: {
          detailType: "Report reminder",
          source: "reports.scheduler",
        },
      },
    });
  }
}
