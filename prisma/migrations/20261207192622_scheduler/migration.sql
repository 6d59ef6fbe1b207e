-- CreateTable
CREATE TABLE "ScheduleGroup" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Schedule" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "spec" TEXT NOT NULL,
    "plannedAt" DATETIME NOT NULL,
    "lastFireAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleGroup_account_name_key" ON "ScheduleGroup"("account", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Schedule_account_groupName_name_key" ON "Schedule"("account", "groupName", "name");
