-- CreateTable
-- Suggestions and their threads are WITHOUT ROWID with random UUIDv4 keys: the physical order
-- follows the key, not the time of submission.
CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL,
    "period" TEXT NOT NULL,
    "followUpHash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'new',
    "declineReason" TEXT,
    "ownerUserId" TEXT,
    "mergedIntoId" TEXT,
    "hiddenReason" TEXT,
    CONSTRAINT "Suggestion_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Suggestion_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Suggestion_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Suggestion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "SuggestionAuthor" (
    "suggestionId" TEXT NOT NULL PRIMARY KEY,
    "employeeId" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SuggestionAuthor_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SuggestionAuthor_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SuggestionReply" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "suggestionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "handlerUserId" TEXT,
    "signatureRole" TEXT,
    "signatureUnitZh" TEXT,
    "signatureUnitEn" TEXT,
    "signatureName" TEXT,
    "sentAt" DATETIME,
    "hiddenReason" TEXT,
    CONSTRAINT "SuggestionReply_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "SuggestionNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "suggestionId" TEXT NOT NULL,
    "authorUserId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SuggestionNote_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SuggestionReward" (
    "suggestionId" TEXT NOT NULL PRIMARY KEY,
    "amountFen" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "awardedById" TEXT NOT NULL,
    "awardedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SuggestionReward_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Kpi" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "basicWork" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AppraisalPeriod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "KpiPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KpiPlan_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KpiPlan_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiPlanItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "kpiId" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,
    "threshold" BIGINT NOT NULL,
    "target" BIGINT NOT NULL,
    "stretch" BIGINT NOT NULL,
    "cap" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "KpiPlanItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "KpiPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KpiPlanItem_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiAdjustment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "kpiId" TEXT NOT NULL,
    "weight" INTEGER,
    "threshold" BIGINT,
    "target" BIGINT,
    "stretch" BIGINT,
    "cap" INTEGER,
    "excluded" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KpiAdjustment_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KpiAdjustment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "KpiAdjustment_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiActual" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "kpiId" TEXT NOT NULL,
    "value" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "enteredById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KpiActual_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KpiActual_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "KpiActual_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiTeamTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "kpiId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "threshold" BIGINT NOT NULL,
    "target" BIGINT NOT NULL,
    "stretch" BIGINT NOT NULL,
    "cap" INTEGER NOT NULL,
    "actual" BIGINT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KpiTeamTarget_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KpiTeamTarget_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiTeamMember" (
    "teamTargetId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "share" INTEGER NOT NULL,

    PRIMARY KEY ("teamTargetId", "employeeId"),
    CONSTRAINT "KpiTeamMember_teamTargetId_fkey" FOREIGN KEY ("teamTargetId") REFERENCES "KpiTeamTarget" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KpiTeamMember_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiPortfolioBaseline" (
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "revenueFen" BIGINT NOT NULL,
    "importance" INTEGER NOT NULL,

    PRIMARY KEY ("periodId", "employeeId"),
    CONSTRAINT "KpiPortfolioBaseline_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KpiPortfolioBaseline_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiCheckIn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "heldOn" DATETIME NOT NULL,
    "notes" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KpiCheckIn_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KpiCheckIn_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "KpiCheckIn_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CareerLevel" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "track" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "grade" INTEGER NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "descriptionZh" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT NOT NULL DEFAULT '',
    "competenciesZh" TEXT NOT NULL DEFAULT '',
    "competenciesEn" TEXT NOT NULL DEFAULT '',
    "minMonthsInLevel" INTEGER,
    "minKpiAverage" INTEGER,
    "kpiPeriods" INTEGER NOT NULL DEFAULT 4,
    "minTrainingHours" INTEGER,
    "requiredCoursesJson" TEXT NOT NULL DEFAULT '[]',
    "requiredCertificatesJson" TEXT NOT NULL DEFAULT '[]',
    "minRotations" INTEGER,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LevelHistory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "employeeId" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "effectiveFrom" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "cycleId" TEXT,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LevelHistory_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrackChangeRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "employeeId" TEXT NOT NULL,
    "fromTrack" TEXT NOT NULL,
    "fromLevel" TEXT NOT NULL,
    "toTrack" TEXT NOT NULL,
    "toLevel" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decisionComment" TEXT,
    "decidedAt" DATETIME,
    "effectiveFrom" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrackChangeRequest_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PromotionCycle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'nominating',
    "effectiveDate" DATETIME NOT NULL,
    "allowSelfNomination" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PromotionQuota" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "posts" INTEGER NOT NULL,
    CONSTRAINT "PromotionQuota_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "PromotionCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PromotionQuota_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PromotionNomination" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "fromLevel" TEXT NOT NULL,
    "toLevel" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "nominatedById" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "criteriaJson" TEXT NOT NULL,
    "eligible" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'nominated',
    "reviewComment" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PromotionNomination_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "PromotionCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PromotionNomination_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RotationProgramme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "minMonthsInPost" INTEGER NOT NULL DEFAULT 12,
    "tracksJson" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RotationOpening" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "hostUnitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "months" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RotationOpening_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "RotationProgramme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RotationOpening_hostUnitId_fkey" FOREIGN KEY ("hostUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RotationApplication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "openingId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "nominatedById" TEXT,
    "motivation" TEXT NOT NULL,
    "proposedStart" DATETIME NOT NULL,
    "homeDecision" TEXT NOT NULL DEFAULT 'pending',
    "homeDecidedById" TEXT,
    "hostDecision" TEXT NOT NULL DEFAULT 'pending',
    "hostDecidedById" TEXT,
    "decisionComment" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "assignmentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RotationApplication_openingId_fkey" FOREIGN KEY ("openingId") REFERENCES "RotationOpening" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RotationApplication_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RotationAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "openingId" TEXT,
    "employeeId" TEXT NOT NULL,
    "homeUnitId" TEXT NOT NULL,
    "hostUnitId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "mentorId" TEXT,
    "objectives" TEXT NOT NULL,
    "returnPlan" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "scoreResults" INTEGER,
    "scoreLearning" INTEGER,
    "scoreCollaboration" INTEGER,
    "scoreOverall" INTEGER,
    "hostComment" TEXT,
    "evaluatedById" TEXT,
    "evaluatedAt" DATETIME,
    "reflection" TEXT,
    "reflectedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RotationAssignment_openingId_fkey" FOREIGN KEY ("openingId") REFERENCES "RotationOpening" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RotationAssignment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RotationAssignment_homeUnitId_fkey" FOREIGN KEY ("homeUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RotationAssignment_hostUnitId_fkey" FOREIGN KEY ("hostUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RotationAssignment_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Employee" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_followUpHash_key" ON "Suggestion"("followUpHash");

-- CreateIndex
CREATE INDEX "Suggestion_unitId_status_idx" ON "Suggestion"("unitId", "status");

-- CreateIndex
CREATE INDEX "Suggestion_status_idx" ON "Suggestion"("status");

-- CreateIndex
CREATE INDEX "SuggestionAuthor_employeeId_idx" ON "SuggestionAuthor"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionReply_suggestionId_seq_key" ON "SuggestionReply"("suggestionId", "seq");

-- CreateIndex
CREATE INDEX "SuggestionNote_suggestionId_idx" ON "SuggestionNote"("suggestionId");

-- CreateIndex
CREATE UNIQUE INDEX "Kpi_code_key" ON "Kpi"("code");

-- CreateIndex
CREATE UNIQUE INDEX "AppraisalPeriod_code_key" ON "AppraisalPeriod"("code");

-- CreateIndex
CREATE INDEX "AppraisalPeriod_kind_endsOn_idx" ON "AppraisalPeriod"("kind", "endsOn");

-- CreateIndex
CREATE UNIQUE INDEX "KpiPlan_periodId_positionId_key" ON "KpiPlan"("periodId", "positionId");

-- CreateIndex
CREATE UNIQUE INDEX "KpiPlanItem_planId_kpiId_key" ON "KpiPlanItem"("planId", "kpiId");

-- CreateIndex
CREATE UNIQUE INDEX "KpiAdjustment_periodId_employeeId_kpiId_key" ON "KpiAdjustment"("periodId", "employeeId", "kpiId");

-- CreateIndex
CREATE UNIQUE INDEX "KpiActual_periodId_employeeId_kpiId_key" ON "KpiActual"("periodId", "employeeId", "kpiId");

-- CreateIndex
CREATE INDEX "KpiTeamMember_employeeId_idx" ON "KpiTeamMember"("employeeId");

-- CreateIndex
CREATE INDEX "KpiCheckIn_periodId_employeeId_idx" ON "KpiCheckIn"("periodId", "employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "CareerLevel_track_rank_key" ON "CareerLevel"("track", "rank");

-- CreateIndex
CREATE INDEX "LevelHistory_employeeId_effectiveFrom_idx" ON "LevelHistory"("employeeId", "effectiveFrom");

-- CreateIndex
CREATE INDEX "TrackChangeRequest_status_idx" ON "TrackChangeRequest"("status");

-- CreateIndex
CREATE INDEX "TrackChangeRequest_employeeId_idx" ON "TrackChangeRequest"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "PromotionQuota_cycleId_unitId_key" ON "PromotionQuota"("cycleId", "unitId");

-- CreateIndex
CREATE INDEX "PromotionNomination_employeeId_idx" ON "PromotionNomination"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "PromotionNomination_cycleId_employeeId_key" ON "PromotionNomination"("cycleId", "employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "RotationApplication_assignmentId_key" ON "RotationApplication"("assignmentId");

-- CreateIndex
CREATE INDEX "RotationApplication_openingId_idx" ON "RotationApplication"("openingId");

-- CreateIndex
CREATE INDEX "RotationApplication_employeeId_idx" ON "RotationApplication"("employeeId");

-- CreateIndex
CREATE INDEX "RotationAssignment_employeeId_status_idx" ON "RotationAssignment"("employeeId", "status");

-- CreateIndex
CREATE INDEX "RotationAssignment_hostUnitId_status_idx" ON "RotationAssignment"("hostUnitId", "status");

-- CreateIndex
CREATE INDEX "RotationAssignment_openingId_idx" ON "RotationAssignment"("openingId");

