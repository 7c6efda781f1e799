-- AlterTable
ALTER TABLE "SurveyParticipation" ADD COLUMN "cell" TEXT;

-- CreateTable
CREATE TABLE "SurveyResultReach" (
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "cut" TEXT NOT NULL,
    "cutValue" TEXT NOT NULL,
    "figure" TEXT NOT NULL,
    "respondents" INTEGER NOT NULL,

    PRIMARY KEY ("surveyId", "cut", "cutValue", "figure", "unitId")
);


-- Closed surveys' aggregates lack the respondents per figure: recompute them (background work at start-up).
DELETE FROM "SurveyResultSet";
