import { App } from "aws-cdk-lib";
import { ConsumeAKafkaTopicFromAnotherAccountStack } from "../lib/consume-a-kafka-topic-from-another-account-stack";

const app = new App();
new ConsumeAKafkaTopicFromAnotherAccountStack(app, "ConsumeAKafkaTopicFromAnotherAccountStack");
