import { App } from "aws-cdk-lib";
import { SchedulerPipesStack } from "../lib/scheduler-pipes-stack";

const app = new App();
new SchedulerPipesStack(app, "SchedulerPipesStack");
