import { CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Log every new product".
 * Note: HTTP API route POST /product (products-api) is not exported; only what EventBridge and the mappings need is.
 * Note: Function addProduct puts events on bus default: its execution role needs events:PutEvents on that bus.
 */
export class LogEveryNewProductStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    new CfnParameter(this, "LogProductFunctionName", { type: "String", description: "Name of the existing function logProduct", default: "logProduct" });

    const logNewProductRule = new events.Rule(this, "LogNewProductRule", {
      ruleName: "log-new-product",
      description: "Every product addProduct publishes goes to logProduct",
      eventPattern: {
        source: ["log.addProduct"]
      },
    });
    const logProductFunction = lambda.Function.fromFunctionAttributes(this, "LogProductFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${LogProductFunctionName}"), sameEnvironment: true });
    logNewProductRule.addTarget(new targets.LambdaFunction(logProductFunction));
    const logNewProductRuleCfn = logNewProductRule.node.defaultChild as events.CfnRule;
    logNewProductRuleCfn.addPropertyOverride("Targets.0.Id", "log-product-fn");
  }
}
