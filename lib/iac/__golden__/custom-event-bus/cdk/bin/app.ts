import { App } from "aws-cdk-lib";
import { CustomEventBusStack } from "../lib/custom-event-bus-stack";

const app = new App();
new CustomEventBusStack(app, "CustomEventBusStack");
