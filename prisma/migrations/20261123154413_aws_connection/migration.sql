-- CreateTable
CREATE TABLE "AwsConnection" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "region" TEXT NOT NULL,
    "profile" TEXT,
    "endpoint" TEXT,
    "updatedAt" DATETIME NOT NULL
);
