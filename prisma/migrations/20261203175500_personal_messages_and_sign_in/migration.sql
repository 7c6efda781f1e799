-- AlterTable
ALTER TABLE "Employee" ADD COLUMN "dingtalkUserId" TEXT;
ALTER TABLE "Employee" ADD COLUMN "messageChannel" TEXT;
ALTER TABLE "Employee" ADD COLUMN "wecomUserId" TEXT;

-- CreateTable
CREATE TABLE "IntegrationSetting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "configJson" TEXT NOT NULL,
    "secretSealed" TEXT,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Employee_wecomUserId_key" ON "Employee"("wecomUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_dingtalkUserId_key" ON "Employee"("dingtalkUserId");

