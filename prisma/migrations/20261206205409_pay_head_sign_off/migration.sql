-- CreateTable
CREATE TABLE "PaySignOff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PayChainSetting" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "headSignOff" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- AlterTable (columns added in place: redefining PayRun would drop its triggers)
ALTER TABLE "PayRun" ADD COLUMN "headSignOff" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "PayRun" ADD COLUMN "sentBackById" TEXT;
ALTER TABLE "PayRun" ADD COLUMN "sentBackReason" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "PaySignOff_runId_unitId_key" ON "PaySignOff"("runId", "unitId");
