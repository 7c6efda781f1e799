-- CreateTable
CREATE TABLE "SurveyTokenKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "cell" TEXT NOT NULL,
    "unitId" TEXT,
    "track" TEXT,
    "tenureBand" TEXT,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL,
    CONSTRAINT "SurveyTokenKey_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveySpentToken" (
    "surveyId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    PRIMARY KEY ("surveyId", "hash"),
    CONSTRAINT "SurveySpentToken_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "SuggestionTokenAllowance" (
    "employeeId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "taken" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("employeeId", "period"),
    CONSTRAINT "SuggestionTokenAllowance_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SuggestionTokenKey" (
    "period" TEXT NOT NULL PRIMARY KEY,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SuggestionSpentToken" (
    "hash" TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SurveyParticipation" (
    "surveyId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "tokenTaken" BOOLEAN NOT NULL DEFAULT false,
    "blindedHash" TEXT,
    "cutUnitId" TEXT,

    PRIMARY KEY ("surveyId", "employeeId"),
    CONSTRAINT "SurveyParticipation_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SurveyParticipation_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SurveyParticipation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Who has answered so far had taken the old way's equivalent of a token.
INSERT INTO "new_SurveyParticipation" ("cutUnitId", "employeeId", "surveyId", "unitId", "tokenTaken") SELECT "cutUnitId", "employeeId", "surveyId", "unitId", "answered" FROM "SurveyParticipation";
DROP TABLE "SurveyParticipation";
ALTER TABLE "new_SurveyParticipation" RENAME TO "SurveyParticipation";
CREATE INDEX "SurveyParticipation_surveyId_unitId_idx" ON "SurveyParticipation"("surveyId", "unitId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SurveyTokenKey_surveyId_cell_key" ON "SurveyTokenKey"("surveyId", "cell");

