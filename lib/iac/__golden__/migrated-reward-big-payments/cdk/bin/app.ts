import { App } from "aws-cdk-lib";
import { RewardBigPaymentsStack } from "../lib/reward-big-payments-stack";

const app = new App();
new RewardBigPaymentsStack(app, "RewardBigPaymentsStack");
