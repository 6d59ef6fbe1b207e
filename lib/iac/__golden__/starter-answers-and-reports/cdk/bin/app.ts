import { App } from "aws-cdk-lib";
import { TwoServicesTalkingThroughOneBusStack } from "../lib/two-services-talking-through-one-bus-stack";

const app = new App();
new TwoServicesTalkingThroughOneBusStack(app, "TwoServicesTalkingThroughOneBusStack");
