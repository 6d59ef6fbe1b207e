import { App } from "aws-cdk-lib";
import { NightlyReportStack } from "../lib/nightly-report-stack";

const app = new App();
new NightlyReportStack(app, "NightlyReportStack");
