import { CfnParameter, Duration, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as firehose from "aws-cdk-lib/aws-kinesisfirehose";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kinesis from "aws-cdk-lib/aws-kinesis";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type { Construct } from "constructs";

/** Hands EventBridge the design's input transformer exactly as written. */
class TemplateInput extends events.RuleTargetInput {
  constructor(
    private readonly inputPathsMap: Record<string, string>,
    private readonly inputTemplate: string,
  ) {
    super();
  }

  bind(): events.RuleTargetInputProperties {
    return { inputPathsMap: this.inputPathsMap, inputTemplate: this.inputTemplate };
  }
}

/**
 * EventBridge resources of the Switchyard design "Order flow".
 * Note: The dead-letter queue of BillFunction exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
 * Note: The queue of AuditFifoQueue exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
 * Note: The topic of OrderAlertsTopic exists already: its policy must allow events.amazonaws.com to sns:Publish.
 * Note: Kafka topic legacy-orders is on a self-managed cluster: add the mapping's authentication or VPC settings (SourceAccessConfigurations), which the design does not hold.
 */
export class OrderFlowStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    new CfnParameter(this, "BillFunctionName", { type: "String", description: "Name of the existing function bill", default: "bill" });
    const billFunctionDeadLetterQueueArn = new CfnParameter(this, "BillFunctionDeadLetterQueueArn", { type: "String", description: "Dead-letter queue of BillFunction (SQS queue ARN)", default: "arn:aws:sqs:eu-west-1:111122223333:bill-dlq" });
    new CfnParameter(this, "AuditFifoQueueName", { type: "String", description: "Name of the existing queue audit.fifo", default: "audit.fifo" });
    new CfnParameter(this, "OrderAlertsTopicName", { type: "String", description: "Name of the existing topic order-alerts", default: "order-alerts" });
    new CfnParameter(this, "OrderStreamStreamName", { type: "String", description: "Name of the existing stream order-stream", default: "order-stream" });
    new CfnParameter(this, "FulfilOrderStateMachineName", { type: "String", description: "Name of the existing state machine fulfil-order", default: "fulfil-order" });
    const fulfilOrderStateMachineRoleArn = new CfnParameter(this, "FulfilOrderStateMachineRoleArn", { type: "String", description: "Role EventBridge assumes to reach FulfilOrderStateMachine", default: "arn:aws:iam::111122223333:role/fulfil-invoker" });
    new CfnParameter(this, "OrderLakeDeliveryStreamName", { type: "String", description: "Name of the existing delivery stream order-lake", default: "order-lake" });
    new CfnParameter(this, "AwsEventsRefundsLogGroupName", { type: "String", description: "Name of the existing log group /aws/events/refunds", default: "/aws/events/refunds" });
    const crmConnectionArn = new CfnParameter(this, "CrmConnectionArn", { type: "String", description: "ARN of the EventBridge connection crm (API_KEY); its credentials stay in AWS" });
    const ordersTableStreamArn = new CfnParameter(this, "OrdersTableStreamArn", { type: "String", description: "Stream ARN of the DynamoDB table orders" });
    new CfnParameter(this, "OrderIndexerFunctionName", { type: "String", description: "Name of the existing function order-indexer", default: "order-indexer" });
    new CfnParameter(this, "OrderInboxSourceQueueName", { type: "String", description: "Name of the existing SQS queue order-inbox", default: "order-inbox" });
    new CfnParameter(this, "ClicksSourceStreamName", { type: "String", description: "Name of the existing Kinesis stream clicks", default: "clicks" });

    const ordersBus = new events.EventBus(this, "OrdersBus", { eventBusName: "orders" });
    new events.Archive(this, "OrdersBusArchive", {
      sourceEventBus: ordersBus,
      archiveName: "orders-archive",
      eventPattern: {
        detailType: ["OrderPlaced"],
        source: ["com.shop"]
      },
      retention: Duration.days(30),
    });

    const crmWebhookApiDestination = new events.CfnApiDestination(this, "CrmWebhookApiDestination", { name: "crm-webhook", connectionArn: crmConnectionArn.valueAsString, invocationEndpoint: "https://crm.example.com/hooks/refund", httpMethod: "POST", invocationRateLimitPerSecond: 10 });
    const bigOrdersRule = new events.Rule(this, "BigOrdersRule", {
      ruleName: "big-orders",
      description: "Orders over 100",
      eventBus: ordersBus,
      eventPattern: {
        detail: {
          currency: ["EUR", "USD"],
          note: ["${not-a-var}"],
          total: [
            {
              numeric: [">", 100.0]
            }
          ]
        },
        detailType: ["OrderPlaced"],
        source: ["com.shop"]
      },
    });
    const billFunction = lambda.Function.fromFunctionAttributes(this, "BillFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${BillFunctionName}"), sameEnvironment: true });
    const billFunctionDeadLetterQueue = sqs.Queue.fromQueueArn(this, "BillFunctionDeadLetterQueue", billFunctionDeadLetterQueueArn.valueAsString);
    bigOrdersRule.addTarget(new targets.LambdaFunction(billFunction, {
      event: events.RuleTargetInput.fromObject({kind: "big", limit: 1e3}),
      deadLetterQueue: billFunctionDeadLetterQueue,
      maxEventAge: Duration.seconds(3600),
      retryAttempts: 3,
    }));
    const auditFifoQueue = sqs.Queue.fromQueueArn(this, "AuditFifoQueue", Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${AuditFifoQueueName}"));
    bigOrdersRule.addTarget(new targets.SqsQueue(auditFifoQueue, {
      message: events.RuleTargetInput.fromEventPath("$.detail"),
      messageGroupId: "orders",
    }));
    const orderAlertsTopic = sns.Topic.fromTopicArn(this, "OrderAlertsTopic", Fn.sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${OrderAlertsTopicName}"));
    bigOrdersRule.addTarget(new targets.SnsTopic(orderAlertsTopic, {
      message: new TemplateInput({"id":"$.detail.id","total":"$.detail.total"}, "{\"text\": \"Order <id> totals <total>\"}"),
    }));
    const orderStreamStream = kinesis.Stream.fromStreamArn(this, "OrderStreamStream", Fn.sub("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${OrderStreamStreamName}"));
    bigOrdersRule.addTarget(new targets.KinesisStream(orderStreamStream, {
      partitionKeyPath: "$.detail.id",
    }));
    const fulfilOrderStateMachine = sfn.StateMachine.fromStateMachineArn(this, "FulfilOrderStateMachine", Fn.sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${FulfilOrderStateMachineName}"));
    const fulfilOrderStateMachineRole = iam.Role.fromRoleArn(this, "FulfilOrderStateMachineRole", fulfilOrderStateMachineRoleArn.valueAsString, { mutable: false });
    bigOrdersRule.addTarget(new targets.SfnStateMachine(fulfilOrderStateMachine, {
      role: fulfilOrderStateMachineRole,
    }));
    const bigOrdersRuleCfn = bigOrdersRule.node.defaultChild as events.CfnRule;
    bigOrdersRuleCfn.addPropertyOverride("Targets.0.Id", "bill");
    bigOrdersRuleCfn.addPropertyOverride("Targets.1.Id", "audit");
    bigOrdersRuleCfn.addPropertyOverride("Targets.2.Id", "notify");
    bigOrdersRuleCfn.addPropertyOverride("Targets.3.Id", "stream");
    bigOrdersRuleCfn.addPropertyOverride("Targets.4.Id", "fulfil");

    const refundsRule = new events.Rule(this, "RefundsRule", {
      ruleName: "refunds",
      eventBus: ordersBus,
      enabled: false,
      eventPattern: {
        $or: [
          {
            "detail-type": ["Refund"]
          },
          {
            detail: {
              amount: [
                {
                  numeric: ["<", 0]
                }
              ]
            }
          }
        ],
        source: ["com.shop"]
      } as events.EventPattern,
    });
    const orderLakeDeliveryStream = firehose.DeliveryStream.fromDeliveryStreamArn(this, "OrderLakeDeliveryStream", Fn.sub("arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/${OrderLakeDeliveryStreamName}"));
    refundsRule.addTarget(new targets.FirehoseDeliveryStream(orderLakeDeliveryStream));
    const awsEventsRefundsLogGroup = logs.LogGroup.fromLogGroupArn(this, "AwsEventsRefundsLogGroup", Fn.sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${AwsEventsRefundsLogGroupName}"));
    refundsRule.addTarget(new targets.CloudWatchLogGroup(awsEventsRefundsLogGroup));
    const crmWebhookApiDestinationRef = events.ApiDestination.fromApiDestinationAttributes(this, "CrmWebhookApiDestinationRef", {
      apiDestinationArn: crmWebhookApiDestination.attrArn,
      connection: events.CfnConnection.fromConnectionName(this, "CrmWebhookApiDestinationConnection", "crm"),
    });
    refundsRule.addTarget(new targets.ApiDestination(crmWebhookApiDestinationRef));
    refundsRule.addTarget(new targets.LambdaFunction(billFunction, {
      event: events.RuleTargetInput.fromObject({kind: "big", limit: 1e3}),
      deadLetterQueue: billFunctionDeadLetterQueue,
      maxEventAge: Duration.seconds(3600),
      retryAttempts: 3,
    }));
    const refundsRuleCfn = refundsRule.node.defaultChild as events.CfnRule;
    refundsRuleCfn.addPropertyOverride("Targets.0.Id", "lake");
    refundsRuleCfn.addPropertyOverride("Targets.0.RetryPolicy", { MaximumEventAgeInSeconds: 600, MaximumRetryAttempts: 10 });
    refundsRuleCfn.addPropertyOverride("Targets.1.Id", "logs");
    refundsRuleCfn.addPropertyOverride("Targets.2.Id", "hook");
    refundsRuleCfn.addPropertyOverride("Targets.3.Id", "bill");

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
  }
}
