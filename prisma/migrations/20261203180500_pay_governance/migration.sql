-- AlterTable
ALTER TABLE "PayRun" ADD COLUMN "budgetExcessFen" BIGINT;
ALTER TABLE "PayRun" ADD COLUMN "budgetOverrideReason" TEXT;

-- AlterTable
ALTER TABLE "PayLine" ADD COLUMN "rating" TEXT;

-- CreateTable
CREATE TABLE "PayBudget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "basis" TEXT NOT NULL DEFAULT 'allocation',
    "paramsJson" TEXT,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PayBudget_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PayRatingGuideline" (
    "periodId" TEXT NOT NULL PRIMARY KEY,
    "rangesJson" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PayCalibration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "fromRating" TEXT NOT NULL,
    "toRating" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PayCalibration_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PayBudget_unitId_year_key" ON "PayBudget"("unitId", "year");

-- CreateIndex
CREATE INDEX "PayCalibration_runId_employeeId_idx" ON "PayCalibration"("runId", "employeeId");


-- Calibrations are append-only and made while their run is a draft.
CREATE TRIGGER "PayCalibration_draft_only" BEFORE INSERT ON "PayCalibration"
WHEN (SELECT "status" FROM "PayRun" WHERE "id" = NEW."runId") <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'ratings are calibrated while the run is a draft');
END;
CREATE TRIGGER "PayCalibration_no_update" BEFORE UPDATE ON "PayCalibration"
BEGIN
    SELECT RAISE(ABORT, 'pay calibrations are append-only');
END;
CREATE TRIGGER "PayCalibration_no_delete" BEFORE DELETE ON "PayCalibration"
BEGIN
    SELECT RAISE(ABORT, 'pay calibrations are append-only');
END;
