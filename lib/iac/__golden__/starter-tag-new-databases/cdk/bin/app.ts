import { App } from "aws-cdk-lib";
import { TagEveryNewDatabaseStack } from "../lib/tag-every-new-database-stack";

const app = new App();
new TagEveryNewDatabaseStack(app, "TagEveryNewDatabaseStack");
