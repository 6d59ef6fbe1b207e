import { App } from "aws-cdk-lib";
import { LogEveryNewProductStack } from "../lib/log-every-new-product-stack";

const app = new App();
new LogEveryNewProductStack(app, "LogEveryNewProductStack");
