import { App } from "aws-cdk-lib";
import { OrderPipelineStack } from "../lib/order-pipeline-stack";

const app = new App();
new OrderPipelineStack(app, "OrderPipelineStack");
