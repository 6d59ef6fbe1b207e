import { CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Reward big payments".
 * Note: Function payment puts events on bus eda_bus: its execution role needs events:PutEvents on that bus.
 */
export class RewardBigPaymentsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    new CfnParameter(this, "RewardsFunctionName", { type: "String", description: "Name of the existing function rewards", default: "rewards" });
    new CfnParameter(this, "WarehouseFunctionName", { type: "String", description: "Name of the existing function warehouse", default: "warehouse" });
    new CfnParameter(this, "ShippingFunctionName", { type: "String", description: "Name of the existing function shipping", default: "shipping" });

    const edaBusBus = new events.EventBus(this, "EdaBusBus", { eventBusName: "eda_bus" });

    const paymentProcessedRule = new events.Rule(this, "PaymentProcessedRule", {
      ruleName: "payment-processed",
      description: "Payments over 200 earn rewards",
      eventBus: edaBusBus,
      eventPattern: {
        detail: {
          total_cost: [
            {
              numeric: [">", 200]
            }
          ]
        },
        detailType: ["Payment Processed"],
        source: ["demo.payments"]
      },
    });
    const rewardsFunction = lambda.Function.fromFunctionAttributes(this, "RewardsFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${RewardsFunctionName}"), sameEnvironment: true });
    paymentProcessedRule.addTarget(new targets.LambdaFunction(rewardsFunction));
    const paymentProcessedRuleCfn = paymentProcessedRule.node.defaultChild as events.CfnRule;
    paymentProcessedRuleCfn.addPropertyOverride("Targets.0.Id", "rewards");

    const warehousePaymentProcessedRule = new events.Rule(this, "WarehousePaymentProcessedRule", {
      ruleName: "warehouse-payment-processed",
      description: "The warehouse picks every paid order",
      eventBus: edaBusBus,
      eventPattern: {
        detailType: ["Payment Processed"],
        source: ["demo.payments"]
      },
    });
    const warehouseFunction = lambda.Function.fromFunctionAttributes(this, "WarehouseFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${WarehouseFunctionName}"), sameEnvironment: true });
    warehousePaymentProcessedRule.addTarget(new targets.LambdaFunction(warehouseFunction));
    const warehousePaymentProcessedRuleCfn = warehousePaymentProcessedRule.node.defaultChild as events.CfnRule;
    warehousePaymentProcessedRuleCfn.addPropertyOverride("Targets.0.Id", "warehouse");

    const shippingPaymentProcessedRule = new events.Rule(this, "ShippingPaymentProcessedRule", {
      ruleName: "shipping-payment-processed",
      description: "Shipping schedules every paid order",
      eventBus: edaBusBus,
      eventPattern: {
        detailType: ["Payment Processed"],
        source: ["demo.payments"]
      },
    });
    const shippingFunction = lambda.Function.fromFunctionAttributes(this, "ShippingFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ShippingFunctionName}"), sameEnvironment: true });
    shippingPaymentProcessedRule.addTarget(new targets.LambdaFunction(shippingFunction));
    const shippingPaymentProcessedRuleCfn = shippingPaymentProcessedRule.node.defaultChild as events.CfnRule;
    shippingPaymentProcessedRuleCfn.addPropertyOverride("Targets.0.Id", "shipping");
  }
}
