-- CreateTable
CREATE TABLE "AwsConnection" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "region" TEXT NOT NULL,
    "profile" TEXT,
    "endpoint" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AwsConnection_pkey" PRIMARY KEY ("id")
);
