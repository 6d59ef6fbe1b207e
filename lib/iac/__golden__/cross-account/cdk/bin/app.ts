import { App } from "aws-cdk-lib";
import { CrossAccountStack } from "../lib/cross-account-stack";

const app = new App();
new CrossAccountStack(app, "CrossAccountStack");
