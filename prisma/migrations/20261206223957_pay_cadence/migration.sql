-- CreateTable
CREATE TABLE "PayCadenceSetting" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "cadence" TEXT NOT NULL DEFAULT 'period',
    "advanceRateBp" INTEGER NOT NULL DEFAULT 8000,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- AlterTable (columns added in place: redefining PayRun or PayLine would drop their triggers)
ALTER TABLE "PayRun" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'period';
ALTER TABLE "PayRun" ADD COLUMN "month" TEXT;
ALTER TABLE "PayLine" ADD COLUMN "advanceFen" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "PayLine" ADD COLUMN "advancesDeductedFen" INTEGER NOT NULL DEFAULT 0;
