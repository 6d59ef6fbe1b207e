import { CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Two services talking through one bus".
 * Note: Function publishAnswer puts events on bus default: its execution role needs events:PutEvents on that bus.
 * Note: Function rating puts events on bus default: its execution role needs events:PutEvents on that bus.
 */
export class TwoServicesTalkingThroughOneBusStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    new CfnParameter(this, "RatingFunctionName", { type: "String", description: "Name of the existing function rating", default: "rating" });
    new CfnParameter(this, "GetReportEventFunctionName", { type: "String", description: "Name of the existing function getReportEvent", default: "getReportEvent" });
    const userAnswersTableStreamArn = new CfnParameter(this, "UserAnswersTableStreamArn", { type: "String", description: "Stream ARN of the DynamoDB table UserAnswers" });
    new CfnParameter(this, "PublishAnswerFunctionName", { type: "String", description: "Name of the existing function publishAnswer", default: "publishAnswer" });

    const answerRuleRule = new events.Rule(this, "AnswerRuleRule", {
      ruleName: "answerRule",
      description: "Answers go to the Security-Service's rating",
      eventPattern: {
        source: ["user-service.ddb-stream"]
      },
    });
    const ratingFunction = lambda.Function.fromFunctionAttributes(this, "RatingFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${RatingFunctionName}"), sameEnvironment: true });
    answerRuleRule.addTarget(new targets.LambdaFunction(ratingFunction));
    const answerRuleRuleCfn = answerRuleRule.node.defaultChild as events.CfnRule;
    answerRuleRuleCfn.addPropertyOverride("Targets.0.Id", "rating");

    const reportRuleRule = new events.Rule(this, "ReportRuleRule", {
      ruleName: "reportRule",
      description: "Reports go back to the User-Service",
      eventPattern: {
        source: ["security-service.rating"]
      },
    });
    const getReportEventFunction = lambda.Function.fromFunctionAttributes(this, "GetReportEventFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${GetReportEventFunctionName}"), sameEnvironment: true });
    reportRuleRule.addTarget(new targets.LambdaFunction(getReportEventFunction));
    const reportRuleRuleCfn = reportRuleRule.node.defaultChild as events.CfnRule;
    reportRuleRuleCfn.addPropertyOverride("Targets.0.Id", "get-report-event");

    const publishAnswerFunction = lambda.Function.fromFunctionAttributes(this, "PublishAnswerFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${PublishAnswerFunctionName}"), sameEnvironment: true });
    new lambda.EventSourceMapping(this, "UserAnswersTablePublishAnswerFunctionMapping", {
      target: publishAnswerFunction,
      eventSourceArn: userAnswersTableStreamArn.valueAsString,
      batchSize: 100,
      startingPosition: lambda.StartingPosition.LATEST,
    });
  }
}
