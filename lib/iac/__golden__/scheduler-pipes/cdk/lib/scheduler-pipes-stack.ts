import { Aws, CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as pipes from "aws-cdk-lib/aws-pipes";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "scheduler-pipes".
 * Note: Schedule renewal-reminder has ActionAfterCompletion DELETE: CloudFormation (and so CDK) cannot set it; Terraform can.
 * Note: Schedule purge-exports calls s3:DeleteObject (a universal target): its role allows that action on every resource; narrow it to the resources its input names.
 * Note: Pipe euro-payments reads MSK cluster payments-cluster: with IAM authentication its role also needs kafka-cluster:Connect, DescribeGroup, AlterGroup, DescribeTopic and ReadData; with SASL/SCRAM or mTLS add the Credentials, which the design does not hold.
 * Note: Pipe legacy-orders reads a self-managed Kafka cluster: add its Credentials (Secrets Manager ARNs), ServerRootCaCertificate and Vpc, which the design does not hold; the role then needs secretsmanager:GetSecretValue on them.
 */
export class SchedulerPipesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    new CfnParameter(this, "BuildReportStateMachineName", { type: "String", description: "Name of the existing state machine build-report", default: "build-report" });
    const nightlyReportScheduleDeadLetterQueueArn = new CfnParameter(this, "NightlyReportScheduleDeadLetterQueueArn", { type: "String", description: "Dead-letter queue of Schedule nightly-report (SQS queue ARN)", default: "arn:aws:sqs:eu-central-1:111122223333:report-dlq" });
    new CfnParameter(this, "RemindersFifoQueueName", { type: "String", description: "Name of the existing queue reminders.fifo", default: "reminders.fifo" });
    new CfnParameter(this, "OrdersSourceQueueName", { type: "String", description: "Name of the existing SQS queue orders", default: "orders" });
    const crmConnectionArn = new CfnParameter(this, "CrmConnectionArn", { type: "String", description: "ARN of the EventBridge connection crm (API_KEY); its credentials stay in AWS" });
    new CfnParameter(this, "CountClicksFunctionName", { type: "String", description: "Name of the existing function count-clicks", default: "count-clicks" });
    new CfnParameter(this, "ClicksSourceStreamName", { type: "String", description: "Name of the existing Kinesis stream clicks", default: "clicks" });
    const customersTableStreamArn = new CfnParameter(this, "CustomersTableStreamArn", { type: "String", description: "Stream ARN of the DynamoDB table customers" });
    new CfnParameter(this, "ShapeCustomerFunctionName", { type: "String", description: "Name of the existing function shape-customer", default: "shape-customer" });
    new CfnParameter(this, "PaymentsArchiveQueueName", { type: "String", description: "Name of the existing queue payments-archive", default: "payments-archive" });
    const paymentsClusterArn = new CfnParameter(this, "PaymentsClusterArn", { type: "String", description: "ARN of the MSK cluster payments-cluster" });
    new CfnParameter(this, "ScorePaymentStateMachineName", { type: "String", description: "Name of the existing express state machine score-payment", default: "score-payment" });
    new CfnParameter(this, "OrderStreamStreamName", { type: "String", description: "Name of the existing stream order-stream", default: "order-stream" });

    const ordersBus = new events.EventBus(this, "OrdersBus", { eventBusName: "orders" });

    const crmLookupApiDestination = new events.CfnApiDestination(this, "CrmLookupApiDestination", { name: "crm-lookup", connectionArn: crmConnectionArn.valueAsString, invocationEndpoint: "https://crm.example.com/customers", httpMethod: "POST" });

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
                Resource: Fn.sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${BuildReportStateMachineName}"),
              },
              {
                Effect: "Allow",
                Action: ["sqs:SendMessage"],
                Resource: nightlyReportScheduleDeadLetterQueueArn.valueAsString,
              },
            ],
          },
        },
      ],
    });

    const renewalReminderSchedulerRole = new iam.CfnRole(this, "RenewalReminderSchedulerRole", {
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
                Action: ["sqs:SendMessage"],
                Resource: Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${RemindersFifoQueueName}"),
              },
            ],
          },
        },
      ],
    });

    const purgeExportsSchedulerRole = new iam.CfnRole(this, "PurgeExportsSchedulerRole", {
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
                Action: ["s3:DeleteObject"],
                Resource: "*",
              },
            ],
          },
        },
      ],
    });

    const scheduleHeartbeatSchedulerRole = new iam.CfnRole(this, "ScheduleHeartbeatSchedulerRole", {
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
                Resource: ordersBus.eventBusArn,
              },
            ],
          },
        },
      ],
    });

    const paidOrdersPipeRole = new iam.CfnRole(this, "PaidOrdersPipeRole", {
      assumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: {
              Service: "pipes.amazonaws.com",
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
          policyName: "run-pipe",
          policyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                Resource: Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${OrdersSourceQueueName}"),
              },
              {
                Effect: "Allow",
                Action: ["events:InvokeApiDestination"],
                Resource: crmLookupApiDestination.attrArn,
              },
              {
                Effect: "Allow",
                Action: ["events:PutEvents"],
                Resource: ordersBus.eventBusArn,
              },
            ],
          },
        },
      ],
    });

    const countClicksPipeRole = new iam.CfnRole(this, "CountClicksPipeRole", {
      assumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: {
              Service: "pipes.amazonaws.com",
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
          policyName: "run-pipe",
          policyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams", "kinesis:SubscribeToShard"],
                Resource: Fn.sub("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${ClicksSourceStreamName}"),
              },
              {
                Effect: "Allow",
                Action: ["lambda:InvokeFunction"],
                Resource: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${CountClicksFunctionName}"),
              },
            ],
          },
        },
      ],
    });

    const customerChangesPipeRole = new iam.CfnRole(this, "CustomerChangesPipeRole", {
      assumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: {
              Service: "pipes.amazonaws.com",
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
          policyName: "run-pipe",
          policyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
                Resource: customersTableStreamArn.valueAsString,
              },
              {
                Effect: "Allow",
                Action: ["lambda:InvokeFunction"],
                Resource: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ShapeCustomerFunctionName}"),
              },
              {
                Effect: "Allow",
                Action: ["events:PutEvents"],
                Resource: ordersBus.eventBusArn,
              },
            ],
          },
        },
      ],
    });

    const euroPaymentsPipeRole = new iam.CfnRole(this, "EuroPaymentsPipeRole", {
      assumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: {
              Service: "pipes.amazonaws.com",
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
          policyName: "run-pipe",
          policyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"],
                Resource: paymentsClusterArn.valueAsString,
              },
              {
                Effect: "Allow",
                Action: ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"],
                Resource: "*",
              },
              {
                Effect: "Allow",
                Action: ["states:StartSyncExecution"],
                Resource: Fn.sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${ScorePaymentStateMachineName}"),
              },
              {
                Effect: "Allow",
                Action: ["sqs:SendMessage"],
                Resource: Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${PaymentsArchiveQueueName}"),
              },
            ],
          },
        },
      ],
    });

    const legacyOrdersPipeRole = new iam.CfnRole(this, "LegacyOrdersPipeRole", {
      assumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: {
              Service: "pipes.amazonaws.com",
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
          policyName: "run-pipe",
          policyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["execute-api:Invoke"],
                Resource: Fn.sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:a1b2c3d4e5/prod/POST/enrich"),
              },
              {
                Effect: "Allow",
                Action: ["kinesis:PutRecord", "kinesis:PutRecords"],
                Resource: Fn.sub("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${OrderStreamStreamName}"),
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
      description: "Builds yesterday's report",
      groupName: reportsScheduleGroup.ref,
      scheduleExpression: "cron(0 2 * * ? *)",
      scheduleExpressionTimezone: "Europe/Berlin",
      startDate: "2026-01-01T00:00:00Z",
      endDate: "2027-12-31T23:59:59Z",
      state: "ENABLED",
      flexibleTimeWindow: {
        mode: "FLEXIBLE",
        maximumWindowInMinutes: 15,
      },
      target: {
        arn: Fn.sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${BuildReportStateMachineName}"),
        roleArn: nightlyReportSchedulerRole.attrArn,
        input: "{\"report\": \"daily\", \"at\": \"<aws.scheduler.scheduled-time>\"}",
        retryPolicy: {
          maximumEventAgeInSeconds: 3600,
          maximumRetryAttempts: 5,
        },
        deadLetterConfig: {
          arn: nightlyReportScheduleDeadLetterQueueArn.valueAsString,
        },
      },
    });

    new scheduler.CfnSchedule(this, "RenewalReminderSchedule", {
      name: "renewal-reminder",
      groupName: reportsScheduleGroup.ref,
      scheduleExpression: "at(2026-12-24T09:00:00)",
      scheduleExpressionTimezone: "Europe/Berlin",
      state: "ENABLED",
      flexibleTimeWindow: {
        mode: "OFF",
      },
      target: {
        arn: Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${RemindersFifoQueueName}"),
        roleArn: renewalReminderSchedulerRole.attrArn,
        input: "{\"text\": \"Renew the certificate\"}",
        sqsParameters: {
          messageGroupId: "reminders",
        },
      },
    });

    new scheduler.CfnSchedule(this, "PurgeExportsSchedule", {
      name: "purge-exports",
      scheduleExpression: "rate(1 day)",
      state: "DISABLED",
      flexibleTimeWindow: {
        mode: "OFF",
      },
      target: {
        arn: "arn:aws:scheduler:::aws-sdk:s3:deleteObject",
        roleArn: purgeExportsSchedulerRole.attrArn,
        input: "{\"Bucket\": \"exports\", \"Key\": \"stale/\"}",
      },
    });

    new scheduler.CfnSchedule(this, "ScheduleHeartbeatSchedule", {
      name: "schedule-heartbeat",
      scheduleExpression: "rate(5 minutes)",
      state: "ENABLED",
      flexibleTimeWindow: {
        mode: "OFF",
      },
      target: {
        arn: ordersBus.eventBusArn,
        roleArn: scheduleHeartbeatSchedulerRole.attrArn,
        input: "{\"alive\": true}",
        eventBridgeParameters: {
          detailType: "Heartbeat",
          source: "com.example.heartbeat",
        },
      },
    });

    new pipes.CfnPipe(this, "PaidOrdersPipe", {
      name: "paid-orders",
      description: "Paid orders, enriched by the CRM, onto the orders bus",
      desiredState: "RUNNING",
      roleArn: paidOrdersPipeRole.attrArn,
      source: Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${OrdersSourceQueueName}"),
      sourceParameters: {
        filterCriteria: {
          filters: [
            {
              pattern: "{\"body\":{\"status\":[\"PAID\"]}}",
            },
          ],
        },
        sqsQueueParameters: {
          batchSize: 10,
          maximumBatchingWindowInSeconds: 5,
        },
      },
      enrichment: crmLookupApiDestination.attrArn,
      enrichmentParameters: {
        inputTemplate: "{\"orderId\": <$.body.id>, \"customer\": <$.body.customer>}",
      },
      target: ordersBus.eventBusArn,
      targetParameters: {
        inputTemplate: "{\"order\": <$.body>, \"tier\": <$.tier>}",
        eventBridgeEventBusParameters: {
          detailType: "OrderPaid",
          source: "com.example.orders",
        },
      },
    });

    new pipes.CfnPipe(this, "CountClicksPipe", {
      name: "count-clicks",
      desiredState: "STOPPED",
      roleArn: countClicksPipeRole.attrArn,
      source: Fn.sub("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${ClicksSourceStreamName}"),
      sourceParameters: {
        kinesisStreamParameters: {
          batchSize: 100,
          maximumBatchingWindowInSeconds: 10,
          startingPosition: "TRIM_HORIZON",
        },
      },
      target: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${CountClicksFunctionName}"),
    });

    new pipes.CfnPipe(this, "CustomerChangesPipe", {
      name: "customer-changes",
      desiredState: "RUNNING",
      roleArn: customerChangesPipeRole.attrArn,
      source: customersTableStreamArn.valueAsString,
      sourceParameters: {
        filterCriteria: {
          filters: [
            {
              pattern: "{\"eventName\":[\"INSERT\",\"MODIFY\"]}",
            },
          ],
        },
        dynamoDbStreamParameters: {
          batchSize: 25,
          startingPosition: "LATEST",
        },
      },
      enrichment: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ShapeCustomerFunctionName}"),
      target: ordersBus.eventBusArn,
      targetParameters: {
        eventBridgeEventBusParameters: {
          detailType: "CustomerChanged",
          source: "com.example.customers",
        },
      },
    });

    new pipes.CfnPipe(this, "EuroPaymentsPipe", {
      name: "euro-payments",
      desiredState: "RUNNING",
      roleArn: euroPaymentsPipeRole.attrArn,
      source: paymentsClusterArn.valueAsString,
      sourceParameters: {
        filterCriteria: {
          filters: [
            {
              pattern: "{\"value\":{\"currency\":[\"EUR\"]}}",
            },
          ],
        },
        managedStreamingKafkaParameters: {
          topicName: "payments",
          consumerGroupId: "payments-pipe",
          batchSize: 100,
          startingPosition: "TRIM_HORIZON",
        },
      },
      enrichment: Fn.sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${ScorePaymentStateMachineName}"),
      target: Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${PaymentsArchiveQueueName}"),
    });

    new pipes.CfnPipe(this, "LegacyOrdersPipe", {
      name: "legacy-orders",
      desiredState: "RUNNING",
      roleArn: legacyOrdersPipeRole.attrArn,
      source: "smk://kafka1.example.com:9092",
      sourceParameters: {
        selfManagedKafkaParameters: {
          topicName: "legacy-orders",
          consumerGroupId: "legacy-pipe",
          batchSize: 50,
          maximumBatchingWindowInSeconds: 1,
          startingPosition: "LATEST",
          additionalBootstrapServers: ["kafka2.example.com:9092"],
        },
      },
      enrichment: Fn.sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:a1b2c3d4e5/prod/POST/enrich"),
      target: Fn.sub("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${OrderStreamStreamName}"),
      targetParameters: {
        kinesisStreamParameters: {
          partitionKey: "$.value.orderId",
        },
      },
    });
  }
}
