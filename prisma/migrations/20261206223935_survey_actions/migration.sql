-- CreateTable
CREATE TABLE "SurveyAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dimension" TEXT,
    "ownerId" TEXT NOT NULL,
    "dueOn" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "progressNote" TEXT NOT NULL DEFAULT '',
    "dueSoonSentAt" DATETIME,
    "overdueSentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SurveyAction_planId_fkey" FOREIGN KEY ("planId") REFERENCES "SurveyActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SurveyAction_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SurveyAction_planId_idx" ON "SurveyAction"("planId");

-- CreateIndex
CREATE INDEX "SurveyAction_ownerId_status_idx" ON "SurveyAction"("ownerId", "status");

-- CreateIndex
CREATE INDEX "SurveyAction_status_dueOn_idx" ON "SurveyAction"("status", "dueOn");
