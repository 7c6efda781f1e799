-- CreateTable
CREATE TABLE "KpiTargetResponse" (
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetsHash" TEXT NOT NULL,
    "reason" TEXT,
    "respondedById" TEXT NOT NULL,
    "respondedAt" DATETIME NOT NULL,
    "answerOutcome" TEXT,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" DATETIME,

    PRIMARY KEY ("periodId", "employeeId")
);

-- CreateTable
CREATE TABLE "PayAppeal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionReason" TEXT,
    "fromRating" TEXT,
    "toRating" TEXT,
    "adjustmentId" TEXT,
    "amountFen" INTEGER
);

-- CreateTable
CREATE TABLE "PayAppealWindow" (
    "periodId" TEXT NOT NULL PRIMARY KEY,
    "days" INTEGER NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "KpiTargetResponse_employeeId_idx" ON "KpiTargetResponse"("employeeId");

-- CreateIndex
CREATE INDEX "PayAppeal_runId_status_idx" ON "PayAppeal"("runId", "status");

-- CreateIndex
CREATE INDEX "PayAppeal_employeeId_idx" ON "PayAppeal"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "PayAppeal_runId_employeeId_key" ON "PayAppeal"("runId", "employeeId");

-- A decided appeal is a record of the decision: it never changes, and no appeal is deleted.
CREATE TRIGGER "PayAppeal_decided_final" BEFORE UPDATE ON "PayAppeal"
WHEN OLD."status" <> 'open'
BEGIN
    SELECT RAISE(ABORT, 'a decided appeal cannot change');
END;
CREATE TRIGGER "PayAppeal_no_delete" BEFORE DELETE ON "PayAppeal"
BEGIN
    SELECT RAISE(ABORT, 'appeals are kept');
END;
