import { Aws, CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as sqs from "aws-cdk-lib/aws-sqs";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Cross-account".
 * Note: Bus central is in account 222233334444: it is referred to by ARN, not created here.
 * Note: Bus branch is in account 999900001111: it is referred to by ARN, not created here.
 * Note: The dead-letter queue of CentralBusTarget exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
 * Note: Rule branch-forward is on bus branch in account 999900001111 and is not created here.
 * Note: The queue of UrgentTicketsQueue exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
 * Note: The function of OpsPagerFunction is in another account: its owner grants rule instance-state lambda:InvokeFunction.
 * Note: Bus central must allow events:PutEvents from account 111122223333 in its own account's policy.
 */
export class CrossAccountStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    new CfnParameter(this, "NightlyReportFunctionName", { type: "String", description: "Name of the existing function nightly-report", default: "nightly-report" });
    const instanceStateRuleRoleArn = new CfnParameter(this, "InstanceStateRuleRoleArn", { type: "String", description: "Role the rule instance-state uses", default: "arn:aws:iam::111122223333:role/instance-state-rule" });
    const centralBusTargetDeadLetterQueueArn = new CfnParameter(this, "CentralBusTargetDeadLetterQueueArn", { type: "String", description: "Dead-letter queue of CentralBusTarget (SQS queue ARN)", default: "arn:aws:sqs:eu-west-1:111122223333:forward-dlq" });
    new CfnParameter(this, "OpsPagerFunctionName", { type: "String", description: "Name of the existing function ops-pager in account 555566667777", default: "ops-pager" });
    new CfnParameter(this, "UrgentTicketsQueueName", { type: "String", description: "Name of the existing queue urgent-tickets", default: "urgent-tickets" });
    const myClusterArn = new CfnParameter(this, "MyClusterArn", { type: "String", description: "ARN of the MSK cluster my-cluster" });
    new CfnParameter(this, "KafkaConsumerFunctionName", { type: "String", description: "Name of the existing function kafka-consumer", default: "kafka-consumer" });

    const defaultBus = events.EventBus.fromEventBusArn(this, "DefaultBus", Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"));
    new events.Archive(this, "DefaultBusArchive", {
      sourceEventBus: defaultBus,
      archiveName: "everything",
      eventPattern: {},
    });
    const inboxBus = new events.EventBus(this, "InboxBus", { eventBusName: "inbox" });
    new events.CfnEventBusPolicy(this, "InboxBusPolicy", { eventBusName: inboxBus.eventBusName, statementId: "AllowPutEventsFromOtherAccounts", statement: { Sid: "AllowPutEventsFromOtherAccounts", Effect: "Allow", Principal: { AWS: ["999900001111"] }, Action: "events:PutEvents", Resource: inboxBus.eventBusArn } });
    const ticketsBus = new events.EventBus(this, "TicketsBus", { eventSourceName: "aws.partner/example.com/123456789012/tickets" });

    const nightlyReportRule = new events.Rule(this, "NightlyReportRule", {
      ruleName: "nightly-report",
      schedule: events.Schedule.expression("cron(0 2 * * ? *)"),
    });
    const nightlyReportFunction = lambda.Function.fromFunctionAttributes(this, "NightlyReportFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${NightlyReportFunctionName}"), sameEnvironment: true });
    nightlyReportRule.addTarget(new targets.LambdaFunction(nightlyReportFunction));
    const nightlyReportRuleCfn = nightlyReportRule.node.defaultChild as events.CfnRule;
    nightlyReportRuleCfn.addPropertyOverride("Targets.0.Id", "report");

    const instanceStateRuleRole = iam.Role.fromRoleArn(this, "InstanceStateRuleRole", instanceStateRuleRoleArn.valueAsString, { mutable: false });
    const instanceStateRule = new events.Rule(this, "InstanceStateRule", {
      ruleName: "instance-state",
      eventPattern: {
        detail: {
          state: [
            {
              "anything-but": ["running"]
            }
          ]
        },
        detailType: ["EC2 Instance State-change Notification"],
        source: ["aws.ec2"]
      },
      role: instanceStateRuleRole,
    });
    const centralBusTarget = events.EventBus.fromEventBusArn(this, "CentralBusTarget", Fn.sub("arn:${AWS::Partition}:events:eu-west-1:222233334444:event-bus/central"));
    const centralBusTargetDeadLetterQueue = sqs.Queue.fromQueueArn(this, "CentralBusTargetDeadLetterQueue", centralBusTargetDeadLetterQueueArn.valueAsString);
    instanceStateRule.addTarget(new targets.EventBus(centralBusTarget, {
      deadLetterQueue: centralBusTargetDeadLetterQueue,
    }));
    const opsPagerFunction = lambda.Function.fromFunctionAttributes(this, "OpsPagerFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:555566667777:function:${OpsPagerFunctionName}") });
    instanceStateRule.addTarget(new targets.LambdaFunction(opsPagerFunction, {
      event: events.RuleTargetInput.fromEventPath("$.detail"),
    }));
    const instanceStateRuleCfn = instanceStateRule.node.defaultChild as events.CfnRule;
    instanceStateRuleCfn.addPropertyOverride("Targets.0.Id", "to-central");
    instanceStateRuleCfn.addPropertyOverride("Targets.0.RetryPolicy", { MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 5 });
    instanceStateRuleCfn.addPropertyOverride("Targets.1.Id", "ops-pager");

    const urgentTicketsRule = new events.Rule(this, "UrgentTicketsRule", {
      ruleName: "urgent-tickets",
      eventBus: ticketsBus,
      eventPattern: {
        detail: {
          priority: ["high"]
        }
      },
    });
    const urgentTicketsQueue = sqs.Queue.fromQueueArn(this, "UrgentTicketsQueue", Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${UrgentTicketsQueueName}"));
    urgentTicketsRule.addTarget(new targets.SqsQueue(urgentTicketsQueue));
    const urgentTicketsRuleCfn = urgentTicketsRule.node.defaultChild as events.CfnRule;
    urgentTicketsRuleCfn.addPropertyOverride("Targets.0.Id", "tickets-queue");

    const kafkaConsumerFunction = lambda.Function.fromFunctionAttributes(this, "KafkaConsumerFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${KafkaConsumerFunctionName}"), sameEnvironment: true });
    new lambda.EventSourceMapping(this, "OrdersTopicKafkaConsumerFunctionMapping", {
      target: kafkaConsumerFunction,
      eventSourceArn: myClusterArn.valueAsString,
      kafkaTopic: "orders",
      kafkaConsumerGroupId: "group-kafka",
      batchSize: 100,
      startingPosition: lambda.StartingPosition.LATEST,
    });

    const scheduleTickSchedulerRole = new iam.CfnRole(this, "ScheduleTickSchedulerRole", {
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
                Resource: Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"),
              },
            ],
          },
        },
      ],
    });

    new scheduler.CfnSchedule(this, "ScheduleTickSchedule", {
      name: "schedule-tick",
      scheduleExpression: "rate(5 minutes)",
      state: "ENABLED",
      flexibleTimeWindow: {
        mode: "OFF",
      },
      target: {
        arn: Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"),
        roleArn: scheduleTickSchedulerRole.attrArn,
        eventBridgeParameters: {
          detailType: "Tick",
          source: "com.example.scheduler",
        },
      },
    });
  }
}
