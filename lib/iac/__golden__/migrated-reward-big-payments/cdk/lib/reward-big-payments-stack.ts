import { CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as eventsv2 from "aws-cdk-lib/aws-eventsv2";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Reward big payments".
 * Note: Function payment puts events on Custom Event Bus eda_bus: its execution role needs events:PutEvents on that bus.
 */
export class RewardBigPaymentsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    new CfnParameter(this, "RewardsFunctionName", { type: "String", description: "Name of the existing function rewards", default: "rewards" });
    new CfnParameter(this, "WarehouseFunctionName", { type: "String", description: "Name of the existing function warehouse", default: "warehouse" });
    new CfnParameter(this, "ShippingFunctionName", { type: "String", description: "Name of the existing function shipping", default: "shipping" });

    const rewardsFunctionSubscriberRole = new iam.Role(this, "RewardsFunctionSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${RewardsFunctionName}")] })] }) },
    });
    const warehouseFunctionSubscriberRole = new iam.Role(this, "WarehouseFunctionSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${WarehouseFunctionName}")] })] }) },
    });
    const shippingFunctionSubscriberRole = new iam.Role(this, "ShippingFunctionSubscriberRole", {
      assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
      inlinePolicies: { "deliver-events": new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ShippingFunctionName}")] })] }) },
    });
    const edaBusBus = new eventsv2.CfnEventBus(this, "EdaBusBus", {
      name: "eda_bus",
      storageConfiguration: {
        retentionPeriodInDays: 7,
      },
    });
    new eventsv2.CfnSubscriber(this, "PaymentProcessedSubscriber", {
      name: "payment-processed",
      description: "Payments over 200 earn rewards",
      eventBusArn: edaBusBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail\":{\"total_cost\":[{\"numeric\":[\">\",200]}]},\"detail-type\":[\"Payment Processed\"],\"source\":[\"demo.payments\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: rewardsFunctionSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${RewardsFunctionName}"),
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
    new eventsv2.CfnSubscriber(this, "WarehousePaymentProcessedSubscriber", {
      name: "warehouse-payment-processed",
      description: "The warehouse picks every paid order",
      eventBusArn: edaBusBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail-type\":[\"Payment Processed\"],\"source\":[\"demo.payments\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: warehouseFunctionSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${WarehouseFunctionName}"),
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
    new eventsv2.CfnSubscriber(this, "ShippingPaymentProcessedSubscriber", {
      name: "shipping-payment-processed",
      description: "Shipping schedules every paid order",
      eventBusArn: edaBusBus.attrEventBusArn,
      filterConfiguration: {
        filters: [
          {
            pattern: "{\"detail-type\":[\"Payment Processed\"],\"source\":[\"demo.payments\"]}",
            scope: "DATA",
          },
        ],
      },
      invokeConfiguration: {
        roleArn: shippingFunctionSubscriberRole.roleArn,
        targetArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ShippingFunctionName}"),
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
  }
}
