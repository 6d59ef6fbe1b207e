import { CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Tag every new database".
 */
export class TagEveryNewDatabaseStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    new CfnParameter(this, "AutotagFunctionName", { type: "String", description: "Name of the existing function autotag", default: "autotag" });

    const ruleRdsCreatedRule = new events.Rule(this, "RuleRdsCreatedRule", {
      ruleName: "rule-rds-created",
      description: "Triggers Lambda when new RDS instance are created",
      eventPattern: {
        detail: {
          eventName: ["CreateDBInstance"],
          eventSource: ["rds.amazonaws.com"]
        },
        detailType: ["AWS API Call via CloudTrail"],
        source: ["aws.rds"]
      },
    });
    const autotagFunction = lambda.Function.fromFunctionAttributes(this, "AutotagFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${AutotagFunctionName}"), sameEnvironment: true });
    ruleRdsCreatedRule.addTarget(new targets.LambdaFunction(autotagFunction));
    const ruleRdsCreatedRuleCfn = ruleRdsCreatedRule.node.defaultChild as events.CfnRule;
    ruleRdsCreatedRuleCfn.addPropertyOverride("Targets.0.Id", "autotag");
  }
}
