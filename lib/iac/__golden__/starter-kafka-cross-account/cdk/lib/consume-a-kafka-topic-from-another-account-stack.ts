import { CfnParameter, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";

/**
 * EventBridge resources of the Switchyard design "Consume a Kafka topic from another account".
 * Note: MSK cluster msk-producer-cluster is in account 111111111111: its cluster policy (in that account) must let the function's execution role connect and read topic customer, over multi-VPC private connectivity.
 */
export class ConsumeAKafkaTopicFromAnotherAccountStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Resources the design refers to: pass other values with --parameters at deploy time.
    const mskProducerClusterArn = new CfnParameter(this, "MskProducerClusterArn", { type: "String", description: "ARN of the MSK cluster msk-producer-cluster in account 111111111111" });
    new CfnParameter(this, "MskLambdaCrossAccountIamFunctionName", { type: "String", description: "Name of the existing function msk-lambda-cross-account-iam", default: "msk-lambda-cross-account-iam" });

    const mskLambdaCrossAccountIamFunction = lambda.Function.fromFunctionAttributes(this, "MskLambdaCrossAccountIamFunction", { functionArn: Fn.sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${MskLambdaCrossAccountIamFunctionName}"), sameEnvironment: true });
    new lambda.EventSourceMapping(this, "CustomerTopicMskLambdaCrossAccountIamFunctionMapping", {
      target: mskLambdaCrossAccountIamFunction,
      eventSourceArn: mskProducerClusterArn.valueAsString,
      kafkaTopic: "customer",
      kafkaConsumerGroupId: "msk-lambda-iam",
      batchSize: 100,
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      filters: [{ pattern: "{\"value\":{\"state\":[\"WA\",\"OR\",\"CA\"]}}" }],
    });
  }
}
