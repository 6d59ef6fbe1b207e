-- AlterTable
ALTER TABLE "BusEvent" ADD COLUMN     "deduplicationId" TEXT,
ADD COLUMN     "eventGroupId" TEXT;

-- CreateTable
CREATE TABLE "EventBusV2" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "retentionDays" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventBusV2_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "BusSubscriber" (
    "arn" TEXT NOT NULL,
    "busArn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "targetArn" TEXT NOT NULL,
    "filters" TEXT NOT NULL DEFAULT '{}',
    "transform" TEXT NOT NULL,
    "ordering" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "maxAttempts" INTEGER NOT NULL,
    "maxEventAgeSec" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BusSubscriber_pkey" PRIMARY KEY ("arn")
);

-- CreateIndex
CREATE UNIQUE INDEX "EventBusV2_account_name_key" ON "EventBusV2"("account", "name");

-- CreateIndex
CREATE UNIQUE INDEX "BusSubscriber_busArn_name_key" ON "BusSubscriber"("busArn", "name");

