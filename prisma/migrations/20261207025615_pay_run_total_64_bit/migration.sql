-- A run's total is 64-bit (a whole organisation's pay in fen passes 2^31). SQLite's INTEGER
-- already is; the column is redefined so that the models and the database agree.
-- Hand-written: the triggers of other tables that read "PayRun" would stop the rebuild (SQLite
-- checks them when the table is renamed), so they are dropped first and made again after, with
-- the run's own triggers, which leave with the old table.
DROP TRIGGER "PayLine_frozen_no_insert";
DROP TRIGGER "PayLine_frozen_no_update";
DROP TRIGGER "PayLine_frozen_no_delete";
DROP TRIGGER "PayAdjustment_locked_only";
DROP TRIGGER "PayCalibration_draft_only";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PayRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "periodCode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "paramsJson" TEXT NOT NULL,
    "poolsJson" TEXT NOT NULL DEFAULT '[]',
    "issuesJson" TEXT NOT NULL DEFAULT '[]',
    "issueCount" INTEGER NOT NULL DEFAULT 0,
    "employeeCount" INTEGER NOT NULL DEFAULT 0,
    "totalFen" BIGINT NOT NULL DEFAULT 0,
    "preparedById" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "lockedById" TEXT,
    "lockedAt" DATETIME,
    "budgetExcessFen" BIGINT,
    "budgetOverrideReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "headSignOff" BOOLEAN NOT NULL DEFAULT false,
    "sentBackById" TEXT,
    "sentBackReason" TEXT,
    "signOffPathsJson" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'period',
    "month" TEXT
);
INSERT INTO "new_PayRun" ("approvedAt", "approvedById", "budgetExcessFen", "budgetOverrideReason", "computedAt", "createdAt", "employeeCount", "headSignOff", "id", "issueCount", "issuesJson", "kind", "lockedAt", "lockedById", "month", "paramsJson", "periodCode", "periodId", "poolsJson", "preparedById", "reviewedAt", "reviewedById", "sentBackById", "sentBackReason", "signOffPathsJson", "status", "totalFen") SELECT "approvedAt", "approvedById", "budgetExcessFen", "budgetOverrideReason", "computedAt", "createdAt", "employeeCount", "headSignOff", "id", "issueCount", "issuesJson", "kind", "lockedAt", "lockedById", "month", "paramsJson", "periodCode", "periodId", "poolsJson", "preparedById", "reviewedAt", "reviewedById", "sentBackById", "sentBackReason", "signOffPathsJson", "status", "totalFen" FROM "PayRun";
DROP TABLE "PayRun";
ALTER TABLE "new_PayRun" RENAME TO "PayRun";
CREATE INDEX "PayRun_periodId_idx" ON "PayRun"("periodId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The triggers, as before.
CREATE TRIGGER "PayRun_locked_no_update" BEFORE UPDATE ON "PayRun"
WHEN OLD."status" = 'locked'
BEGIN
    SELECT RAISE(ABORT, 'pay run is locked');
END;
CREATE TRIGGER "PayRun_locked_no_delete" BEFORE DELETE ON "PayRun"
WHEN OLD."status" = 'locked'
BEGIN
    SELECT RAISE(ABORT, 'pay run is locked');
END;
CREATE TRIGGER "PayRun_one_per_period_insert" BEFORE INSERT ON "PayRun"
WHEN EXISTS (SELECT 1 FROM "PayRun" WHERE "periodId" = NEW."periodId")
BEGIN
    SELECT RAISE(ABORT, 'one pay run per period');
END;
CREATE TRIGGER "PayRun_one_per_period_update" BEFORE UPDATE OF "periodId" ON "PayRun"
WHEN NEW."periodId" <> OLD."periodId" AND EXISTS (SELECT 1 FROM "PayRun" WHERE "periodId" = NEW."periodId")
BEGIN
    SELECT RAISE(ABORT, 'one pay run per period');
END;
CREATE TRIGGER "PayLine_frozen_no_insert" BEFORE INSERT ON "PayLine"
WHEN (SELECT "status" FROM "PayRun" WHERE "id" = NEW."runId") <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'pay run lines are frozen');
END;
CREATE TRIGGER "PayLine_frozen_no_update" BEFORE UPDATE ON "PayLine"
WHEN (SELECT "status" FROM "PayRun" WHERE "id" = OLD."runId") <> 'draft'
  OR (SELECT "status" FROM "PayRun" WHERE "id" = NEW."runId") <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'pay run lines are frozen');
END;
CREATE TRIGGER "PayLine_frozen_no_delete" BEFORE DELETE ON "PayLine"
WHEN (SELECT "status" FROM "PayRun" WHERE "id" = OLD."runId") <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'pay run lines are frozen');
END;
CREATE TRIGGER "PayAdjustment_locked_only" BEFORE INSERT ON "PayAdjustment"
WHEN (SELECT "status" FROM "PayRun" WHERE "id" = NEW."runId") <> 'locked'
BEGIN
    SELECT RAISE(ABORT, 'adjustments are for locked runs');
END;
CREATE TRIGGER "PayCalibration_draft_only" BEFORE INSERT ON "PayCalibration"
WHEN (SELECT "status" FROM "PayRun" WHERE "id" = NEW."runId") <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'ratings are calibrated while the run is a draft');
END;
