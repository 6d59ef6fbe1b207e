-- CreateTable
CREATE TABLE "EventBus" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BusRule" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "busName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "eventPattern" TEXT,
    "scheduleExpression" TEXT,
    "state" TEXT NOT NULL,
    "description" TEXT,
    "roleArn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BusTarget" (
    "ruleArn" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "spec" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("ruleArn", "targetId")
);

-- CreateTable
CREATE TABLE "ApiDestination" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connectionArn" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "httpMethod" TEXT NOT NULL,
    "rateLimit" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ApiConnection" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "authorizationType" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BusEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "busArn" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "detailType" TEXT NOT NULL,
    "time" DATETIME NOT NULL,
    "ingestedAt" DATETIME NOT NULL,
    "replayName" TEXT,
    "body" TEXT NOT NULL,
    "matchedRules" TEXT NOT NULL DEFAULT '[]'
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventRowId" TEXT NOT NULL,
    "ruleArn" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetArn" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastStatus" INTEGER,
    "lastResponse" TEXT,
    "lastError" TEXT,
    "durationMs" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BusArchive" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "busArn" TEXT NOT NULL,
    "description" TEXT,
    "eventPattern" TEXT,
    "retentionDays" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BusReplay" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "archiveArn" TEXT NOT NULL,
    "destinationArn" TEXT NOT NULL,
    "filterArns" TEXT NOT NULL DEFAULT '[]',
    "eventStartTime" DATETIME NOT NULL,
    "eventEndTime" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "stateReason" TEXT,
    "lastReplayedTime" DATETIME,
    "replayedCount" INTEGER NOT NULL DEFAULT 0,
    "totalCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ResourceTag" (
    "resourceArn" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("resourceArn", "key")
);

-- CreateIndex
CREATE UNIQUE INDEX "EventBus_account_name_key" ON "EventBus"("account", "name");

-- CreateIndex
CREATE UNIQUE INDEX "BusRule_account_busName_name_key" ON "BusRule"("account", "busName", "name");

-- CreateIndex
CREATE INDEX "BusTarget_arn_idx" ON "BusTarget"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "ApiDestination_account_name_key" ON "ApiDestination"("account", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiConnection_account_name_key" ON "ApiConnection"("account", "name");

-- CreateIndex
CREATE INDEX "BusEvent_busArn_ingestedAt_idx" ON "BusEvent"("busArn", "ingestedAt");

-- CreateIndex
CREATE INDEX "BusEvent_source_ingestedAt_idx" ON "BusEvent"("source", "ingestedAt");

-- CreateIndex
CREATE INDEX "BusEvent_ingestedAt_idx" ON "BusEvent"("ingestedAt");

-- CreateIndex
CREATE INDEX "BusEvent_eventId_idx" ON "BusEvent"("eventId");

-- CreateIndex
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_eventRowId_idx" ON "Delivery"("eventRowId");

-- CreateIndex
CREATE INDEX "Delivery_targetArn_createdAt_idx" ON "Delivery"("targetArn", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BusArchive_account_name_key" ON "BusArchive"("account", "name");

-- CreateIndex
CREATE UNIQUE INDEX "BusReplay_account_name_key" ON "BusReplay"("account", "name");
