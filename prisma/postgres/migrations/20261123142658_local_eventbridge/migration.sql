-- CreateTable
CREATE TABLE "EventBus" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventBus_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "BusRule" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "busName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "eventPattern" TEXT,
    "scheduleExpression" TEXT,
    "state" TEXT NOT NULL,
    "description" TEXT,
    "roleArn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BusRule_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "BusTarget" (
    "ruleArn" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "spec" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BusTarget_pkey" PRIMARY KEY ("ruleArn","targetId")
);

-- CreateTable
CREATE TABLE "ApiDestination" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connectionArn" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "httpMethod" TEXT NOT NULL,
    "rateLimit" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiDestination_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "ApiConnection" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "authorizationType" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiConnection_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "BusEvent" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "busArn" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "detailType" TEXT NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "ingestedAt" TIMESTAMP(3) NOT NULL,
    "replayName" TEXT,
    "body" TEXT NOT NULL,
    "matchedRules" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "BusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "eventRowId" TEXT NOT NULL,
    "ruleArn" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetArn" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastStatus" INTEGER,
    "lastResponse" TEXT,
    "lastError" TEXT,
    "durationMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BusArchive" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "busArn" TEXT NOT NULL,
    "description" TEXT,
    "eventPattern" TEXT,
    "retentionDays" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BusArchive_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "BusReplay" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "archiveArn" TEXT NOT NULL,
    "destinationArn" TEXT NOT NULL,
    "filterArns" TEXT NOT NULL DEFAULT '[]',
    "eventStartTime" TIMESTAMP(3) NOT NULL,
    "eventEndTime" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "stateReason" TEXT,
    "lastReplayedTime" TIMESTAMP(3),
    "replayedCount" INTEGER NOT NULL DEFAULT 0,
    "totalCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "BusReplay_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "ResourceTag" (
    "resourceArn" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ResourceTag_pkey" PRIMARY KEY ("resourceArn","key")
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
