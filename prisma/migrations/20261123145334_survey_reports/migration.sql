-- CreateTable
CREATE TABLE "SurveyResultSet" (
    "surveyId" TEXT NOT NULL PRIMARY KEY,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SurveyResultGroup" (
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "cut" TEXT NOT NULL,
    "cutValue" TEXT NOT NULL,
    "respondents" INTEGER NOT NULL,

    PRIMARY KEY ("surveyId", "cut", "cutValue", "unitId")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "SurveyResultCount" (
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "cut" TEXT NOT NULL,
    "cutValue" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("surveyId", "cut", "cutValue", "unitId", "itemId", "value")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "SurveyResultDriver" (
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "cut" TEXT NOT NULL,
    "cutValue" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "sumX" REAL NOT NULL,
    "sumXX" REAL NOT NULL,
    "sumY" REAL NOT NULL,
    "sumYY" REAL NOT NULL,
    "sumXY" REAL NOT NULL,

    PRIMARY KEY ("surveyId", "cut", "cutValue", "unitId", "dimension")
) WITHOUT ROWID;


-- Hand-written: aggregates are stored in key order (WITHOUT ROWID above) and leave with their survey.
CREATE TRIGGER "SurveyResult_cleanup" AFTER DELETE ON "Survey" BEGIN
  DELETE FROM "SurveyResultSet" WHERE "surveyId" = OLD."id";
  DELETE FROM "SurveyResultGroup" WHERE "surveyId" = OLD."id";
  DELETE FROM "SurveyResultCount" WHERE "surveyId" = OLD."id";
  DELETE FROM "SurveyResultDriver" WHERE "surveyId" = OLD."id";
END;
