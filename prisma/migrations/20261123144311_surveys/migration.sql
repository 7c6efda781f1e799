-- SurveyResponse and SurveyAnswer are WITHOUT ROWID: stored in the order of their random keys,
-- never in insertion order, so the file does not reveal who answered when.

-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "templateId" TEXT NOT NULL,
    "templateVersion" INTEGER NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "itemsJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "minGroupSize" INTEGER NOT NULL DEFAULT 5,
    "minCommentGroupSize" INTEGER NOT NULL DEFAULT 10,
    "cutsJson" TEXT NOT NULL DEFAULT '["unit"]',
    "populationJson" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "launchedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SurveyParticipation" (
    "surveyId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "answered" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("surveyId", "employeeId"),
    CONSTRAINT "SurveyParticipation_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SurveyParticipation_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SurveyParticipation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT,
    "track" TEXT,
    "tenureBand" TEXT,
    CONSTRAINT "SurveyResponse_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "SurveyAnswer" (
    "responseId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "text" TEXT,

    PRIMARY KEY ("responseId", "itemId", "value"),
    CONSTRAINT "SurveyAnswer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "SurveyResponse" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "SurveyActionPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "publishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SurveyActionPlan_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SurveyActionPlan_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Survey_templateId_opensAt_idx" ON "Survey"("templateId", "opensAt");

-- CreateIndex
CREATE INDEX "SurveyParticipation_surveyId_unitId_idx" ON "SurveyParticipation"("surveyId", "unitId");

-- CreateIndex
CREATE INDEX "SurveyResponse_surveyId_unitId_idx" ON "SurveyResponse"("surveyId", "unitId");

-- CreateIndex
CREATE INDEX "SurveyAnswer_itemId_idx" ON "SurveyAnswer"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyActionPlan_surveyId_unitId_key" ON "SurveyActionPlan"("surveyId", "unitId");

