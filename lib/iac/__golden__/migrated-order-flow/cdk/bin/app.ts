import { App } from "aws-cdk-lib";
import { OrderFlowStack } from "../lib/order-flow-stack";

const app = new App();
new OrderFlowStack(app, "OrderFlowStack");
