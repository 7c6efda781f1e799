-- CreateTable
CREATE TABLE "PayBand" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "track" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "basePayFen" INTEGER NOT NULL,
    "performanceBaseFen" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PayScheme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "paramsJson" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PayRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "periodCode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "paramsJson" TEXT NOT NULL,
    "poolsJson" TEXT NOT NULL DEFAULT '[]',
    "issuesJson" TEXT NOT NULL DEFAULT '[]',
    "issueCount" INTEGER NOT NULL DEFAULT 0,
    "employeeCount" INTEGER NOT NULL DEFAULT 0,
    "totalFen" INTEGER NOT NULL DEFAULT 0,
    "preparedById" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "lockedById" TEXT,
    "lockedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PayLine" (
    "runId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "basePayFen" INTEGER NOT NULL,
    "performancePayFen" INTEGER NOT NULL,
    "growthBonusFen" INTEGER NOT NULL,
    "poolShareFen" INTEGER NOT NULL,
    "totalFen" INTEGER NOT NULL,
    "inputsJson" TEXT NOT NULL,

    PRIMARY KEY ("runId", "employeeId"),
    CONSTRAINT "PayLine_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PayLine_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PayLine_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PayAdjustment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PayAdjustment_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PayAdjustment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PayBand_track_level_key" ON "PayBand"("track", "level");

-- CreateIndex
CREATE INDEX "PayScheme_kind_code_idx" ON "PayScheme"("kind", "code");

-- CreateIndex
CREATE UNIQUE INDEX "PayScheme_code_version_key" ON "PayScheme"("code", "version");

-- CreateIndex
CREATE INDEX "PayRun_periodId_idx" ON "PayRun"("periodId");

-- CreateIndex
CREATE INDEX "PayLine_runId_unitId_idx" ON "PayLine"("runId", "unitId");

-- CreateIndex
CREATE INDEX "PayLine_employeeId_idx" ON "PayLine"("employeeId");

-- CreateIndex
CREATE INDEX "PayAdjustment_runId_idx" ON "PayAdjustment"("runId");

-- CreateIndex
CREATE INDEX "PayAdjustment_employeeId_idx" ON "PayAdjustment"("employeeId");


-- A locked run never changes, and is never deleted.
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

-- Lines change only while their run is a draft (so never once it is locked).
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

-- Corrections are append-only, and only for locked runs.
CREATE TRIGGER "PayAdjustment_locked_only" BEFORE INSERT ON "PayAdjustment"
WHEN (SELECT "status" FROM "PayRun" WHERE "id" = NEW."runId") <> 'locked'
BEGIN
    SELECT RAISE(ABORT, 'adjustments are for locked runs');
END;
CREATE TRIGGER "PayAdjustment_no_update" BEFORE UPDATE ON "PayAdjustment"
BEGIN
    SELECT RAISE(ABORT, 'pay adjustments are append-only');
END;
CREATE TRIGGER "PayAdjustment_no_delete" BEFORE DELETE ON "PayAdjustment"
BEGIN
    SELECT RAISE(ABORT, 'pay adjustments are append-only');
END;
