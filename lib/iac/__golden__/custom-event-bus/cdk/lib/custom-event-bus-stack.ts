import { CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as eventsv2 from "aws-cdk-lib/aws-eventsv2";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Custom Event Bus".
 * Note: The dead-letter queue of UploadsEventSource exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
 * Note: The dead-letter queue of EuOrdersSubscriber exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
 * Note: Function checkout puts events on Custom Event Bus orders: its execution role needs events:PutEvents on that bus.
 * Note: Function branch-orders puts events on Custom Event Bus orders: its execution role needs events:PutEvents on that bus.
 */
export class CustomEventBusStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    const uploadsEventSourceDeadLetterQueueArn = new CfnParameter(this, "UploadsEventSourceDeadLetterQueueArn", { type: "String", description: "Dead-letter queue of UploadsEventSource (SQS queue ARN)", default: "arn:aws:sqs:eu-west-1:111122223333:uploads-dlq" });
    new CfnParameter(this, "LedgerFifoQueueName", { type: "String", description: "Name of the existing queue ledger.fifo", default: "ledger.fifo" });
    const euOrdersSubscriberDeadLetterQueueArn = new CfnParameter(this, "EuOrdersSubscriberDeadLetterQueueArn", { type: "String", description: "Dead-letter queue of EuOrdersSubscriber (SQS queue ARN)", default: "arn:aws:sqs:eu-west-1:111122223333:eu-orders-dlq" });
    new CfnParameter(this, "AuditStreamName", { type: "String", description: "Name of the existing stream audit", default: "audit" });
    const toLegacySubscriberRoleArn = new CfnParameter(this, "ToLegacySubscriberRoleArn", { type: "String", description: "Role subscriber to-legacy invokes its target with", default: "arn:aws:iam::111122223333:role/orders-forwarder" });
    new CfnParameter(this, "OrderShippedTopicName", { type: "String", description: "Name of the existing topic order-shipped", default: "order-shipped" });
    new CfnParameter(this, "FulfilmentStateMachineName", { type: "String", description: "Name of the existing state machine fulfilment", default: "fulfilment" });

    const legacyOrdersBus = new events.EventBus(this, "LegacyOrdersBus", { eventBusName: "legacy-orders" });

    const ledgerFifoQueueSubscriberRole = new iam.Role(this, "LedgerFifoQueueSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${LedgerFifoQueueName}")] })] }) },
    });
    const auditStreamSubscriberRole = new iam.Role(this, "AuditStreamSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["kinesis:PutRecord", "kinesis:PutRecords"], resources: [Fn.sub("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${AuditStreamName}")] })] }) },
    });
    const orderShippedTopicSubscriberRole = new iam.Role(this, "OrderShippedTopicSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["sns:Publish"], resources: [Fn.sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${OrderShippedTopicName}")] })] }) },
    });
    const fulfilmentStateMachineSubscriberRole = new iam.Role(this, "FulfilmentStateMachineSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["states:StartExecution"], resources: [Fn.sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${FulfilmentStateMachineName}")] })] }) },
    });
    const ordersBus = new eventsv2.CfnEventBus(this, "OrdersBus", {
      name: "orders",
      description: "Every order event, kept 30 days",
      storageConfiguration: {
        retentionPeriodInDays: 30,
      },
    });
    new eventsv2.CfnResourcePolicy(this, "OrdersBusPolicy", {
      eventBusArn: ordersBus.attrEventBusArn,
      policyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowPutEventsFromOtherAccounts",
            Effect: "Allow",
            Principal: {
              AWS: ["999900001111"],
            },
            Action: "events:PutEvents",
            Resource: ordersBus.attrEventBusArn,
          },
        ],
      },
    });
    new eventsv2.CfnEventSource(this, "UploadsEventSource", {
      name: "uploads",
      description: "Object uploads",
      eventBusArn: ordersBus.attrEventBusArn,
      configuration: {
        awsServiceEventsConfiguration: {
          awsService: "aws.s3",
          pattern: "{\"detail-type\":[\"Object Created\"]}",
          onFailureConfiguration: {
            arn: uploadsEventSourceDeadLetterQueueArn.valueAsString,
          },
        },
      },
    });
    new eventsv2.CfnEventSource(this, "TicketsEventSource", {
      name: "tickets",
      eventBusArn: ordersBus.attrEventBusArn,
      configuration: {
        partnerEventsConfiguration: {
          partnerEventSourceArn: "arn:aws:events:eu-west-1::event-source/aws.partner/example.com/111122223333/tickets",
        },
      },
    });
    new eventsv2.CfnSubscriber(this, "EuOrdersSubscriber", {
      name: "eu-orders",
      description: "EU orders over 100, reshaped",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail\":{\"region\":[\"eu\"],\"total\":[{\"numeric\":[\">\",100]}]},\"source\":[\"com.shop\"]}",
            scope: "DATA",
          },
          {
            pattern: "{\"tenant\":[\"acme\"]}",
            scope: "METADATA",
          },
          {
            pattern: "{\"aws:DeliveryType\":[\"LIVE\"]}",
            scope: "SYSTEM_METADATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: ledgerFifoQueueSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${LedgerFifoQueueName}"),
        sqsParameters: {
          messageGroupId: "orders",
        },
      },
      transformer: {
        type: "JSONATA",
        jsonataConfiguration: {
          expression: "{% $events.{ \"order\": Data.detail.id, \"total\": Data.detail.total } %}",
        },
      },
      type: "FIFO",
      startingPosition: "LATEST",
      state: "RUNNING",
      retryPolicy: {
        maxEventAgeInSeconds: 3600,
        maxRetryAttempts: 10,
      },
      onFailureConfiguration: {
        arn: euOrdersSubscriberDeadLetterQueueArn.valueAsString,
      },
    });
    new eventsv2.CfnSubscriber(this, "AuditReplaySubscriber", {
      name: "audit-replay",
      eventBusArn: ordersBus.attrEventBusArn,
      invokeConfiguration: {
        roleArn: auditStreamSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${AuditStreamName}"),
        kinesisParameters: {
          partitionKey: "{% $events.Data.detail.id %}",
        },
      },
      transformer: {
        type: "WITH_METADATA",
      },
      type: "UNORDERED",
      startingPosition: "POINT_IN_TIME",
      pointInTimeConfiguration: {
        pointType: "TIMESTAMP",
        startingPoint: 1780000000,
      },
      state: "STOPPED",
    });
    new eventsv2.CfnSubscriber(this, "ToLegacySubscriber", {
      name: "to-legacy",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"source\":[\"com.shop\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: toLegacySubscriberRoleArn.valueAsString,
        targetArn: legacyOrdersBus.eventBusArn,
      },
      transformer: {
        type: "RAW",
      },
      type: "UNORDERED",
      startingPosition: "POINT_IN_TIME",
      pointInTimeConfiguration: {
        pointType: "HORIZON",
      },
      state: "RUNNING",
    });
    new eventsv2.CfnSubscriber(this, "NotifySubscriber", {
      name: "notify",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail-type\":[\"OrderShipped\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: orderShippedTopicSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${OrderShippedTopicName}"),
      },
      transformer: {
        type: "RAW",
      },
      type: "UNORDERED",
      startingPosition: "LATEST",
      state: "RUNNING",
    });
    new eventsv2.CfnSubscriber(this, "FulfilSubscriber", {
      name: "fulfil",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail-type\":[\"OrderPlaced\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: fulfilmentStateMachineSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${FulfilmentStateMachineName}"),
      },
      transformer: {
        type: "RAW",
      },
      type: "UNORDERED",
      startingPosition: "LATEST",
      state: "RUNNING",
    });
  }
}
