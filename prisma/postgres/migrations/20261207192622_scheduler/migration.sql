-- CreateTable
CREATE TABLE "ScheduleGroup" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScheduleGroup_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "Schedule" (
    "arn" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "spec" TEXT NOT NULL,
    "plannedAt" TIMESTAMP(3) NOT NULL,
    "lastFireAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("arn")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleGroup_account_name_key" ON "ScheduleGroup"("account", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Schedule_account_groupName_name_key" ON "Schedule"("account", "groupName", "name");
