-- CreateTable
CREATE TABLE "RuleSchedule" (
    "ruleArn" TEXT NOT NULL,
    "expression" TEXT NOT NULL,
    "anchor" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RuleSchedule_pkey" PRIMARY KEY ("ruleArn")
);
