-- An API destination created without InvocationRateLimitPerSecond has AWS's default, 300.
UPDATE "ApiDestination" SET "rateLimit" = 300 WHERE "rateLimit" IS NULL;
-- AlterTable
ALTER TABLE "ApiConnection" ADD COLUMN     "authParameters" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "authorizedAt" TIMESTAMP(3),
ADD COLUMN     "description" TEXT,
ADD COLUMN     "invocationConnectivity" TEXT,
ADD COLUMN     "kmsKeyIdentifier" TEXT,
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'AUTHORIZED',
ADD COLUMN     "stateReason" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "ApiDestination" ADD COLUMN     "description" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "rateLimit" SET NOT NULL,
ALTER COLUMN "rateLimit" SET DEFAULT 300;

-- AlterTable
ALTER TABLE "BusArchive" ADD COLUMN     "kmsKeyIdentifier" TEXT;

-- AlterTable
ALTER TABLE "BusReplay" ADD COLUMN     "description" TEXT;

-- AlterTable
ALTER TABLE "EventBus" ADD COLUMN     "deadLetterArn" TEXT,
ADD COLUMN     "eventSourceName" TEXT,
ADD COLUMN     "kmsKeyIdentifier" TEXT,
ADD COLUMN     "logConfig" TEXT,
ADD COLUMN     "policy" TEXT;

-- CreateTable
CREATE TABLE "BusEndpoint" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "description" TEXT,
    "routingConfig" TEXT NOT NULL,
    "replicationConfig" TEXT,
    "eventBuses" TEXT NOT NULL,
    "roleArn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BusEndpoint_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "PartnerEventSource" (
    "name" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "partnerAccount" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerEventSource_pkey" PRIMARY KEY ("name","account")
);

-- CreateIndex
CREATE UNIQUE INDEX "BusEndpoint_account_name_key" ON "BusEndpoint"("account", "name");
