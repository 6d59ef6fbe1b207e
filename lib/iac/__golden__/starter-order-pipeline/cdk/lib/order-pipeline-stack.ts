import { Aws, CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as pipes from "aws-cdk-lib/aws-pipes";
import * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Order pipeline".
 * Note: The topic of BigOrdersTopic exists already: its policy must allow events.amazonaws.com to sns:Publish.
 * Note: The queue of FulfilmentQueue exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
 */
export class OrderPipelineStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    new CfnParameter(this, "BigOrdersTopicName", { type: "String", description: "Name of the existing topic big-orders", default: "big-orders" });
    new CfnParameter(this, "FulfilmentQueueName", { type: "String", description: "Name of the existing queue fulfilment", default: "fulfilment" });
    new CfnParameter(this, "OrdersSourceQueueName", { type: "String", description: "Name of the existing SQS queue orders", default: "orders" });
    const crmConnectionArn = new CfnParameter(this, "CrmConnectionArn", { type: "String", description: "ARN of the EventBridge connection crm (API_KEY); its credentials stay in AWS" });

    const ordersBus = new events.EventBus(this, "OrdersBus", { eventBusName: "orders" });

    const customerLookupApiDestination = new events.CfnApiDestination(this, "CustomerLookupApiDestination", { name: "customer-lookup", connectionArn: crmConnectionArn.valueAsString, invocationEndpoint: "https://crm.example.com/customers/lookup", httpMethod: "POST" });
    const bigPaidOrdersRule = new events.Rule(this, "BigPaidOrdersRule", {
      ruleName: "big-paid-orders",
      description: "Paid orders of 500 or more",
      eventBus: ordersBus,
      eventPattern: {
        detail: {
          total: [
            {
              numeric: [">=", 500]
            }
          ]
        },
        detailType: ["Order Paid"],
        source: ["com.example.orders"]
      },
    });
    const bigOrdersTopic = sns.Topic.fromTopicArn(this, "BigOrdersTopic", Fn.sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${BigOrdersTopicName}"));
    bigPaidOrdersRule.addTarget(new targets.SnsTopic(bigOrdersTopic));
    const bigPaidOrdersRuleCfn = bigPaidOrdersRule.node.defaultChild as events.CfnRule;
    bigPaidOrdersRuleCfn.addPropertyOverride("Targets.0.Id", "big-orders-topic");

    const allPaidOrdersRule = new events.Rule(this, "AllPaidOrdersRule", {
      ruleName: "all-paid-orders",
      description: "Every paid order, for fulfilment",
      eventBus: ordersBus,
      eventPattern: {
        detailType: ["Order Paid"],
        source: ["com.example.orders"]
      },
    });
    const fulfilmentQueue = sqs.Queue.fromQueueArn(this, "FulfilmentQueue", Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${FulfilmentQueueName}"));
    allPaidOrdersRule.addTarget(new targets.SqsQueue(fulfilmentQueue));
    const allPaidOrdersRuleCfn = allPaidOrdersRule.node.defaultChild as events.CfnRule;
    allPaidOrdersRuleCfn.addPropertyOverride("Targets.0.Id", "fulfilment-queue");

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
                Resource: customerLookupApiDestination.attrArn,
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

    new pipes.CfnPipe(this, "PaidOrdersPipe", {
      name: "paid-orders",
      description: "Paid orders, with their customer, onto the orders bus",
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
        },
      },
      enrichment: customerLookupApiDestination.attrArn,
      enrichmentParameters: {
        inputTemplate: "{\"orderId\": \"<$.body.orderId>\", \"customerId\": \"<$.body.customerId>\", \"total\": <$.body.total>}",
      },
      target: ordersBus.eventBusArn,
      targetParameters: {
        inputTemplate: "{\"orderId\": \"<$.orderId>\", \"total\": <$.total>, \"customer\": <$.customer>}",
        eventBridgeEventBusParameters: {
          detailType: "Order Paid",
          source: "com.example.orders",
        },
      },
    });
  }
}
