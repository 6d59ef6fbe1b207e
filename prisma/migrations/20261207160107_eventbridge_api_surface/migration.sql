-- AlterTable
ALTER TABLE "BusArchive" ADD COLUMN "kmsKeyIdentifier" TEXT;

-- AlterTable
ALTER TABLE "BusReplay" ADD COLUMN "description" TEXT;

-- AlterTable
ALTER TABLE "EventBus" ADD COLUMN "deadLetterArn" TEXT;
ALTER TABLE "EventBus" ADD COLUMN "eventSourceName" TEXT;
ALTER TABLE "EventBus" ADD COLUMN "kmsKeyIdentifier" TEXT;
ALTER TABLE "EventBus" ADD COLUMN "logConfig" TEXT;
ALTER TABLE "EventBus" ADD COLUMN "policy" TEXT;

-- CreateTable
CREATE TABLE "BusEndpoint" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "description" TEXT,
    "routingConfig" TEXT NOT NULL,
    "replicationConfig" TEXT,
    "eventBuses" TEXT NOT NULL,
    "roleArn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PartnerEventSource" (
    "name" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "partnerAccount" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("name", "account")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiConnection" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "authorizationType" TEXT NOT NULL,
    "authParameters" TEXT NOT NULL DEFAULT '{}',
    "invocationConnectivity" TEXT,
    "kmsKeyIdentifier" TEXT,
    "state" TEXT NOT NULL DEFAULT 'AUTHORIZED',
    "stateReason" TEXT,
    "authorizedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ApiConnection" ("account", "arn", "authorizationType", "createdAt", "name") SELECT "account", "arn", "authorizationType", "createdAt", "name" FROM "ApiConnection";
DROP TABLE "ApiConnection";
ALTER TABLE "new_ApiConnection" RENAME TO "ApiConnection";
CREATE UNIQUE INDEX "ApiConnection_account_name_key" ON "ApiConnection"("account", "name");
CREATE TABLE "new_ApiDestination" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "connectionArn" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "httpMethod" TEXT NOT NULL,
    "rateLimit" INTEGER NOT NULL DEFAULT 300,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ApiDestination" ("account", "arn", "connectionArn", "createdAt", "endpoint", "httpMethod", "name", "rateLimit") SELECT "account", "arn", "connectionArn", "createdAt", "endpoint", "httpMethod", "name", coalesce("rateLimit", 300) AS "rateLimit" FROM "ApiDestination";
DROP TABLE "ApiDestination";
ALTER TABLE "new_ApiDestination" RENAME TO "ApiDestination";
CREATE UNIQUE INDEX "ApiDestination_account_name_key" ON "ApiDestination"("account", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "BusEndpoint_account_name_key" ON "BusEndpoint"("account", "name");
