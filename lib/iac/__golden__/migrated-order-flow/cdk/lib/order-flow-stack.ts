import { CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as eventsv2 from "aws-cdk-lib/aws-eventsv2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Order flow".
 * Note: Kafka topic legacy-orders is on a self-managed cluster: add the mapping's authentication or VPC settings (SourceAccessConfigurations), which the design does not hold.
 * Note: The dead-letter queue of BigOrdersBillSubscriber exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
 * Note: The dead-letter queue of RefundsBillSubscriber exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
 */
export class OrderFlowStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    const ordersTableStreamArn = new CfnParameter(this, "OrdersTableStreamArn", { type: "String", description: "Stream ARN of the DynamoDB table orders" });
    new CfnParameter(this, "OrderIndexerFunctionName", { type: "String", description: "Name of the existing function order-indexer", default: "order-indexer" });
    new CfnParameter(this, "OrderInboxSourceQueueName", { type: "String", description: "Name of the existing SQS queue order-inbox", default: "order-inbox" });
    new CfnParameter(this, "ClicksSourceStreamName", { type: "String", description: "Name of the existing Kinesis stream clicks", default: "clicks" });
    new CfnParameter(this, "BillFunctionName", { type: "String", description: "Name of the existing function bill", default: "bill" });
    const bigOrdersBillSubscriberDeadLetterQueueArn = new CfnParameter(this, "BigOrdersBillSubscriberDeadLetterQueueArn", { type: "String", description: "Dead-letter queue of BigOrdersBillSubscriber (SQS queue ARN)", default: "arn:aws:sqs:eu-west-1:111122223333:bill-dlq" });
    new CfnParameter(this, "AuditFifoQueueName", { type: "String", description: "Name of the existing queue audit.fifo", default: "audit.fifo" });
    new CfnParameter(this, "OrderAlertsTopicName", { type: "String", description: "Name of the existing topic order-alerts", default: "order-alerts" });
    new CfnParameter(this, "OrderStreamStreamName", { type: "String", description: "Name of the existing stream order-stream", default: "order-stream" });
    new CfnParameter(this, "FulfilOrderStateMachineName", { type: "String", description: "Name of the existing state machine fulfil-order", default: "fulfil-order" });
    const bigOrdersFulfilSubscriberRoleArn = new CfnParameter(this, "BigOrdersFulfilSubscriberRoleArn", { type: "String", description: "Role subscriber big-orders-fulfil invokes its target with", default: "arn:aws:iam::111122223333:role/fulfil-invoker" });
    new CfnParameter(this, "OrderLakeDeliveryStreamName", { type: "String", description: "Name of the existing delivery stream order-lake", default: "order-lake" });
    const crmConnectionArn = new CfnParameter(this, "CrmConnectionArn", { type: "String", description: "ARN of the EventBridge connection crm (API_KEY); its credentials stay in AWS" });
    const refundsBillSubscriberDeadLetterQueueArn = new CfnParameter(this, "RefundsBillSubscriberDeadLetterQueueArn", { type: "String", description: "Dead-letter queue of RefundsBillSubscriber (SQS queue ARN)", default: "arn:aws:sqs:eu-west-1:111122223333:bill-dlq" });

    const crmWebhookApiDestination = new events.CfnApiDestination(this, "CrmWebhookApiDestination", { name: "crm-webhook", connectionArn: crmConnectionArn.valueAsString, invocationEndpoint: "https://crm.example.com/hooks/refund", httpMethod: "POST", invocationRateLimitPerSecond: 10 });
    const orderIndexerFunction = lambda.Function.fromFunctionAttributes(this, "OrderIndexerFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${OrderIndexerFunctionName}"), sameEnvironment: true });
    new lambda.EventSourceMapping(this, "OrdersTableOrderIndexerFunctionMapping", {
      target: orderIndexerFunction,
      eventSourceArn: ordersTableStreamArn.valueAsString,
      batchSize: 50,
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      filters: [{ pattern: "{\"eventName\":[\"INSERT\"]}" }],
    });

    new lambda.EventSourceMapping(this, "OrderInboxSourceQueueOrderIndexerFunctionMapping", {
      target: orderIndexerFunction,
      eventSourceArn: Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${OrderInboxSourceQueueName}"),
      batchSize: 10,
    });

    new lambda.EventSourceMapping(this, "ClicksSourceStreamOrderIndexerFunctionMapping", {
      target: orderIndexerFunction,
      eventSourceArn: Fn.sub("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${ClicksSourceStreamName}"),
      batchSize: 200,
      startingPosition: lambda.StartingPosition.LATEST,
    });

    new lambda.EventSourceMapping(this, "LegacyOrdersTopicOrderIndexerFunctionMapping", {
      target: orderIndexerFunction,
      kafkaBootstrapServers: ["kafka1.example.com:9092","kafka2.example.com:9092"],
      kafkaTopic: "legacy-orders",
      kafkaConsumerGroupId: "order-indexer",
      batchSize: 500,
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      filters: [{ pattern: "{\"value\":{\"status\":[\"NEW\"]}}" }],
    });

    const billFunctionSubscriberRole = new iam.Role(this, "BillFunctionSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${BillFunctionName}")] })] }) },
    });
    const auditFifoQueueSubscriberRole = new iam.Role(this, "AuditFifoQueueSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${AuditFifoQueueName}")] })] }) },
    });
    const orderAlertsTopicSubscriberRole = new iam.Role(this, "OrderAlertsTopicSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["sns:Publish"], resources: [Fn.sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${OrderAlertsTopicName}")] })] }) },
    });
    const orderStreamStreamSubscriberRole = new iam.Role(this, "OrderStreamStreamSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["kinesis:PutRecord", "kinesis:PutRecords"], resources: [Fn.sub("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${OrderStreamStreamName}")] })] }) },
    });
    const orderLakeDeliveryStreamSubscriberRole = new iam.Role(this, "OrderLakeDeliveryStreamSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["firehose:PutRecord", "firehose:PutRecordBatch"], resources: [Fn.sub("arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/${OrderLakeDeliveryStreamName}")] })] }) },
    });
    const crmWebhookApiDestinationSubscriberRole = new iam.Role(this, "CrmWebhookApiDestinationSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["events:InvokeApiDestination"], resources: [crmWebhookApiDestination.attrArn] })] }) },
    });
    const ordersBus = new eventsv2.CfnEventBus(this, "OrdersBus", {
      name: "orders",
      storageConfiguration: {
        retentionPeriodInDays: 30,
      },
    });
    new eventsv2.CfnSubscriber(this, "BigOrdersBillSubscriber", {
      name: "big-orders-bill",
      description: "Orders over 100",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail\":{\"currency\":[\"EUR\",\"USD\"],\"note\":[\"${not-a-var}\"],\"total\":[{\"numeric\":[\">\",100.0]}]},\"detail-type\":[\"OrderPlaced\"],\"source\":[\"com.shop\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: billFunctionSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${BillFunctionName}"),
      },
      transformer: {
        type: "JSONATA",
        jsonataConfiguration: {
          expression: "{% {\"kind\": \"big\", \"limit\": 1e3} %}",
        },
      },
      type: "UNORDERED",
      startingPosition: "LATEST",
      state: "RUNNING",
      retryPolicy: {
        maxEventAgeInSeconds: 3600,
        maxRetryAttempts: 3,
      },
      onFailureConfiguration: {
        arn: bigOrdersBillSubscriberDeadLetterQueueArn.valueAsString,
      },
    });
    new eventsv2.CfnSubscriber(this, "BigOrdersAuditSubscriber", {
      name: "big-orders-audit",
      description: "Orders over 100",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail\":{\"currency\":[\"EUR\",\"USD\"],\"note\":[\"${not-a-var}\"],\"total\":[{\"numeric\":[\">\",100.0]}]},\"detail-type\":[\"OrderPlaced\"],\"source\":[\"com.shop\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: auditFifoQueueSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${AuditFifoQueueName}"),
        sqsParameters: {
          messageGroupId: "orders",
        },
      },
      transformer: {
        type: "JSONATA",
        jsonataConfiguration: {
          expression: "{% $events.Data.detail %}",
        },
      },
      type: "UNORDERED",
      startingPosition: "LATEST",
      state: "RUNNING",
      retryPolicy: {
        maxEventAgeInSeconds: 86400,
        maxRetryAttempts: 185,
      },
    });
    new eventsv2.CfnSubscriber(this, "BigOrdersNotifySubscriber", {
      name: "big-orders-notify",
      description: "Orders over 100",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail\":{\"currency\":[\"EUR\",\"USD\"],\"note\":[\"${not-a-var}\"],\"total\":[{\"numeric\":[\">\",100.0]}]},\"detail-type\":[\"OrderPlaced\"],\"source\":[\"com.shop\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: orderAlertsTopicSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${OrderAlertsTopicName}"),
      },
      transformer: {
        type: "JSONATA",
        jsonataConfiguration: {
          expression: "{% {\"text\": (\"Order \" & $string($events.Data.detail.id) & \" totals \" & $string($events.Data.detail.total))} %}",
        },
      },
      type: "UNORDERED",
      startingPosition: "LATEST",
      state: "RUNNING",
      retryPolicy: {
        maxEventAgeInSeconds: 86400,
        maxRetryAttempts: 185,
      },
    });
    new eventsv2.CfnSubscriber(this, "BigOrdersStreamSubscriber", {
      name: "big-orders-stream",
      description: "Orders over 100",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail\":{\"currency\":[\"EUR\",\"USD\"],\"note\":[\"${not-a-var}\"],\"total\":[{\"numeric\":[\">\",100.0]}]},\"detail-type\":[\"OrderPlaced\"],\"source\":[\"com.shop\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: orderStreamStreamSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${OrderStreamStreamName}"),
        kinesisParameters: {
          partitionKey: "{% $events.Data.detail.id %}",
        },
      },
      transformer: {
        type: "RAW",
      },
      type: "UNORDERED",
      startingPosition: "LATEST",
      state: "RUNNING",
      retryPolicy: {
        maxEventAgeInSeconds: 86400,
        maxRetryAttempts: 185,
      },
    });
    new eventsv2.CfnSubscriber(this, "BigOrdersFulfilSubscriber", {
      name: "big-orders-fulfil",
      description: "Orders over 100",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail\":{\"currency\":[\"EUR\",\"USD\"],\"note\":[\"${not-a-var}\"],\"total\":[{\"numeric\":[\">\",100.0]}]},\"detail-type\":[\"OrderPlaced\"],\"source\":[\"com.shop\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: bigOrdersFulfilSubscriberRoleArn.valueAsString,
        targetArn: Fn.sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${FulfilOrderStateMachineName}"),
      },
      transformer: {
        type: "RAW",
      },
      type: "UNORDERED",
      startingPosition: "LATEST",
      state: "RUNNING",
      retryPolicy: {
        maxEventAgeInSeconds: 86400,
        maxRetryAttempts: 185,
      },
    });
    new eventsv2.CfnSubscriber(this, "RefundsLakeSubscriber", {
      name: "refunds-lake",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"$or\":[{\"detail-type\":[\"Refund\"]},{\"detail\":{\"amount\":[{\"numeric\":[\"<\",0]}]}}],\"source\":[\"com.shop\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: orderLakeDeliveryStreamSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/${OrderLakeDeliveryStreamName}"),
      },
      transformer: {
        type: "RAW",
      },
      type: "UNORDERED",
      startingPosition: "LATEST",
      state: "STOPPED",
      retryPolicy: {
        maxEventAgeInSeconds: 600,
        maxRetryAttempts: 10,
      },
    });
    new eventsv2.CfnSubscriber(this, "RefundsHookSubscriber", {
      name: "refunds-hook",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"$or\":[{\"detail-type\":[\"Refund\"]},{\"detail\":{\"amount\":[{\"numeric\":[\"<\",0]}]}}],\"source\":[\"com.shop\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: crmWebhookApiDestinationSubscriberRole.roleArn,
        targetArn: crmWebhookApiDestination.attrArn,
      },
      transformer: {
        type: "RAW",
      },
      type: "UNORDERED",
      startingPosition: "LATEST",
      state: "STOPPED",
      retryPolicy: {
        maxEventAgeInSeconds: 86400,
        maxRetryAttempts: 185,
      },
    });
    new eventsv2.CfnSubscriber(this, "RefundsBillSubscriber", {
      name: "refunds-bill",
      eventBusArn: ordersBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"$or\":[{\"detail-type\":[\"Refund\"]},{\"detail\":{\"amount\":[{\"numeric\":[\"<\",0]}]}}],\"source\":[\"com.shop\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: billFunctionSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${BillFunctionName}"),
      },
      transformer: {
        type: "JSONATA",
        jsonataConfiguration: {
          expression: "{% {\"kind\": \"big\", \"limit\": 1e3} %}",
        },
      },
      type: "UNORDERED",
      startingPosition: "LATEST",
      state: "STOPPED",
      retryPolicy: {
        maxEventAgeInSeconds: 3600,
        maxRetryAttempts: 3,
      },
      onFailureConfiguration: {
        arn: refundsBillSubscriberDeadLetterQueueArn.valueAsString,
      },
    });
  }
}
