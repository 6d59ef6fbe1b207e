-- CreateTable
CREATE TABLE "RuleSchedule" (
    "ruleArn" TEXT NOT NULL PRIMARY KEY,
    "expression" TEXT NOT NULL,
    "anchor" DATETIME NOT NULL
);
