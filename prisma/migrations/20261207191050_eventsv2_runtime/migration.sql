-- AlterTable
ALTER TABLE "BusEvent" ADD COLUMN "deduplicationId" TEXT;
ALTER TABLE "BusEvent" ADD COLUMN "eventGroupId" TEXT;

-- CreateTable
CREATE TABLE "EventBusV2" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "retentionDays" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BusSubscriber" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "busArn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "targetArn" TEXT NOT NULL,
    "filters" TEXT NOT NULL DEFAULT '{}',
    "transform" TEXT NOT NULL,
    "ordering" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "maxAttempts" INTEGER NOT NULL,
    "maxEventAgeSec" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "EventBusV2_account_name_key" ON "EventBusV2"("account", "name");

-- CreateIndex
CREATE UNIQUE INDEX "BusSubscriber_busArn_name_key" ON "BusSubscriber"("busArn", "name");

