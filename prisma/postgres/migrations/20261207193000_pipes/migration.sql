-- CreateTable
CREATE TABLE "Pipe" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "source" TEXT NOT NULL,
    "sourceParameters" TEXT NOT NULL DEFAULT '{}',
    "enrichment" TEXT,
    "enrichmentParameters" TEXT,
    "target" TEXT NOT NULL,
    "targetParameters" TEXT,
    "roleArn" TEXT NOT NULL,
    "desiredState" TEXT NOT NULL,
    "currentState" TEXT NOT NULL,
    "stateReason" TEXT,
    "logConfiguration" TEXT,
    "kmsKeyIdentifier" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pipe_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "PipeRun" (
    "id" TEXT NOT NULL,
    "pipeArn" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PipeRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Pipe_account_name_key" ON "Pipe"("account", "name");

-- CreateIndex
CREATE INDEX "PipeRun_pipeArn_id_idx" ON "PipeRun"("pipeArn", "id");
