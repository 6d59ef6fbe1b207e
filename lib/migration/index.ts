/** The Classic → Custom Event Bus migration planner and its checks. */
export { migratableBuses, MIGRATED_DEFAULT_BUS_NAME, planMigration, type LineStatus, type MigrationLine, type MigrationPlan } from "./plan";
export { checkMigratedExpectations, type ExpectationCheck } from "./expectations";
export { convertInput, jsonataPath, type TransformConversion } from "./transform";
