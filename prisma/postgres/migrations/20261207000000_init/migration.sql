-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "CareerLevel" (
    "code" TEXT NOT NULL,
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
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CareerLevel_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "LevelHistory" (
    "id" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "cycleId" TEXT,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LevelHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackChangeRequest" (
    "id" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "fromTrack" TEXT NOT NULL,
    "fromLevel" TEXT NOT NULL,
    "toTrack" TEXT NOT NULL,
    "toLevel" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decisionComment" TEXT,
    "decidedAt" TIMESTAMP(3),
    "effectiveFrom" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrackChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionCycle" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'nominating',
    "effectiveDate" TIMESTAMP(3) NOT NULL,
    "allowSelfNomination" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "PromotionCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionQuota" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "posts" INTEGER NOT NULL,

    CONSTRAINT "PromotionQuota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionNomination" (
    "id" TEXT NOT NULL,
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
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromotionNomination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL,
    "scopeUnitId" TEXT,
    "employeeId" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "roleGrantedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "absoluteExpiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountRequest" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT,
    "scopeUnitId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThrottleBucket" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThrottleBucket_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopesJson" TEXT NOT NULL,
    "rateLimitPerMinute" INTEGER NOT NULL DEFAULT 120,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiFeed" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "authHeaderName" TEXT,
    "authSecretSealed" TEXT,
    "mappingJson" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "intervalMinutes" INTEGER NOT NULL DEFAULT 60,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastPullAt" TIMESTAMP(3),

    CONSTRAINT "KpiFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiFeedPull" (
    "id" TEXT NOT NULL,
    "feedId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'running',
    "rowsReceived" INTEGER NOT NULL DEFAULT 0,
    "rowsImported" INTEGER NOT NULL DEFAULT 0,
    "errorsJson" TEXT,

    CONSTRAINT "KpiFeedPull_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrationSetting" (
    "id" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "configJson" TEXT NOT NULL,
    "secretSealed" TEXT,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntegrationSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'generic',
    "secretSealed" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastStartedAt" TIMESTAMP(3),
    "lastFinishedAt" TIMESTAMP(3),
    "lastDurationMs" INTEGER,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "nextRunAt" TIMESTAMP(3),

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Kpi" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "basicWork" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Kpi_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppraisalPeriod" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppraisalPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiPeriodTotal" (
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "total" INTEGER,

    CONSTRAINT "KpiPeriodTotal_pkey" PRIMARY KEY ("periodId","employeeId")
);

-- CreateTable
CREATE TABLE "KpiPeriodTotalsState" (
    "periodId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "employeeChanges" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiPeriodTotalsState_pkey" PRIMARY KEY ("periodId")
);

-- CreateTable
CREATE TABLE "EmployeeChangeCount" (
    "id" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "EmployeeChangeCount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiPlan" (
    "id" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiPlanItem" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "kpiId" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,
    "threshold" BIGINT NOT NULL,
    "target" BIGINT NOT NULL,
    "stretch" BIGINT NOT NULL,
    "cap" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "KpiPlanItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiAdjustment" (
    "id" TEXT NOT NULL,
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
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiActual" (
    "id" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "kpiId" TEXT NOT NULL,
    "value" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "enteredById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiActual_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiTeamTarget" (
    "id" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "kpiId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "threshold" BIGINT NOT NULL,
    "target" BIGINT NOT NULL,
    "stretch" BIGINT NOT NULL,
    "cap" INTEGER NOT NULL,
    "actual" BIGINT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiTeamTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiTeamMember" (
    "teamTargetId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "share" INTEGER NOT NULL,

    CONSTRAINT "KpiTeamMember_pkey" PRIMARY KEY ("teamTargetId","employeeId")
);

-- CreateTable
CREATE TABLE "KpiPortfolioBaseline" (
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "revenueFen" BIGINT NOT NULL,
    "importance" INTEGER NOT NULL,

    CONSTRAINT "KpiPortfolioBaseline_pkey" PRIMARY KEY ("periodId","employeeId")
);

-- CreateTable
CREATE TABLE "KpiCheckIn" (
    "id" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "heldOn" TIMESTAMP(3) NOT NULL,
    "notes" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiCheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiTargetResponse" (
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetsHash" TEXT NOT NULL,
    "reason" TEXT,
    "respondedById" TEXT NOT NULL,
    "respondedAt" TIMESTAMP(3) NOT NULL,
    "answerOutcome" TEXT,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "KpiTargetResponse_pkey" PRIMARY KEY ("periodId","employeeId")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "recipientId" TEXT,
    "payloadJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "externalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Position" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "postValue" INTEGER NOT NULL DEFAULT 100,

    CONSTRAINT "Position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Employee" (
    "id" TEXT NOT NULL,
    "employeeNo" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "hireDate" TIMESTAMP(3) NOT NULL,
    "managerId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "externalId" TEXT,
    "unitSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "wecomUserId" TEXT,
    "dingtalkUserId" TEXT,
    "messageChannel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Employee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayBand" (
    "id" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "basePayFen" INTEGER NOT NULL,
    "performanceBaseFen" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayBand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayScheme" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "paramsJson" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayRun" (
    "id" TEXT NOT NULL,
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
    "computedAt" TIMESTAMP(3) NOT NULL,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "lockedById" TEXT,
    "lockedAt" TIMESTAMP(3),
    "budgetExcessFen" BIGINT,
    "budgetOverrideReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "headSignOff" BOOLEAN NOT NULL DEFAULT false,
    "sentBackById" TEXT,
    "sentBackReason" TEXT,
    "signOffPathsJson" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'period',
    "month" TEXT,

    CONSTRAINT "PayRun_pkey" PRIMARY KEY ("id")
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
    "rating" TEXT,
    "inputsJson" TEXT NOT NULL,
    "advanceFen" INTEGER NOT NULL DEFAULT 0,
    "advancesDeductedFen" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PayLine_pkey" PRIMARY KEY ("runId","employeeId")
);

-- CreateTable
CREATE TABLE "PayAdjustment" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayBudget" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "basis" TEXT NOT NULL DEFAULT 'allocation',
    "paramsJson" TEXT,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayBudget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayRatingGuideline" (
    "periodId" TEXT NOT NULL,
    "rangesJson" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayRatingGuideline_pkey" PRIMARY KEY ("periodId")
);

-- CreateTable
CREATE TABLE "PayCalibration" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "fromRating" TEXT NOT NULL,
    "toRating" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayCalibration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayAppeal" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "fromRating" TEXT,
    "toRating" TEXT,
    "adjustmentId" TEXT,
    "amountFen" INTEGER,

    CONSTRAINT "PayAppeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayAppealWindow" (
    "periodId" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayAppealWindow_pkey" PRIMARY KEY ("periodId")
);

-- CreateTable
CREATE TABLE "PaySignOff" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaySignOff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayChainSetting" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "headSignOff" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayChainSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayCadenceSetting" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "cadence" TEXT NOT NULL DEFAULT 'period',
    "advanceRateBp" INTEGER NOT NULL DEFAULT 8000,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayCadenceSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RotationProgramme" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "minMonthsInPost" INTEGER NOT NULL DEFAULT 12,
    "tracksJson" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RotationProgramme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RotationOpening" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "hostUnitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "months" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RotationOpening_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RotationApplication" (
    "id" TEXT NOT NULL,
    "openingId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "nominatedById" TEXT,
    "motivation" TEXT NOT NULL,
    "proposedStart" TIMESTAMP(3) NOT NULL,
    "homeDecision" TEXT NOT NULL DEFAULT 'pending',
    "homeDecidedById" TEXT,
    "hostDecision" TEXT NOT NULL DEFAULT 'pending',
    "hostDecidedById" TEXT,
    "decisionComment" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "assignmentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RotationApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RotationAssignment" (
    "id" TEXT NOT NULL,
    "openingId" TEXT,
    "employeeId" TEXT NOT NULL,
    "homeUnitId" TEXT NOT NULL,
    "hostUnitId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
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
    "evaluatedAt" TIMESTAMP(3),
    "reflection" TEXT,
    "reflectedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RotationAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL,
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

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionTokenAllowance" (
    "employeeId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "taken" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SuggestionTokenAllowance_pkey" PRIMARY KEY ("employeeId","period")
);

-- CreateTable
CREATE TABLE "SuggestionTokenKey" (
    "period" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL,

    CONSTRAINT "SuggestionTokenKey_pkey" PRIMARY KEY ("period")
);

-- CreateTable
CREATE TABLE "SuggestionSpentToken" (
    "hash" TEXT NOT NULL,

    CONSTRAINT "SuggestionSpentToken_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "SuggestionAuthor" (
    "suggestionId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuggestionAuthor_pkey" PRIMARY KEY ("suggestionId")
);

-- CreateTable
CREATE TABLE "SuggestionReply" (
    "id" TEXT NOT NULL,
    "suggestionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "handlerUserId" TEXT,
    "signatureRole" TEXT,
    "signatureUnitZh" TEXT,
    "signatureUnitEn" TEXT,
    "signatureName" TEXT,
    "sentAt" TIMESTAMP(3),
    "hiddenReason" TEXT,

    CONSTRAINT "SuggestionReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionNote" (
    "id" TEXT NOT NULL,
    "suggestionId" TEXT NOT NULL,
    "authorUserId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuggestionNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionReward" (
    "suggestionId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "awardedById" TEXT NOT NULL,
    "awardedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuggestionReward_pkey" PRIMARY KEY ("suggestionId")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "templateVersion" INTEGER NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "itemsJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "minGroupSize" INTEGER NOT NULL DEFAULT 5,
    "minCommentGroupSize" INTEGER NOT NULL DEFAULT 10,
    "cutsJson" TEXT NOT NULL DEFAULT '["unit"]',
    "populationJson" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'staff',
    "contextId" TEXT,
    "createdById" TEXT NOT NULL,
    "launchedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyParticipation" (
    "surveyId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "tokenTaken" BOOLEAN NOT NULL DEFAULT false,
    "blindedHash" TEXT,
    "cutUnitId" TEXT,
    "cell" TEXT,

    CONSTRAINT "SurveyParticipation_pkey" PRIMARY KEY ("surveyId","employeeId")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT,
    "track" TEXT,
    "tenureBand" TEXT,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyTokenKey" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "cell" TEXT NOT NULL,
    "unitId" TEXT,
    "track" TEXT,
    "tenureBand" TEXT,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL,

    CONSTRAINT "SurveyTokenKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveySpentToken" (
    "surveyId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "SurveySpentToken_pkey" PRIMARY KEY ("surveyId","hash")
);

-- CreateTable
CREATE TABLE "SurveyAnswer" (
    "responseId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "text" TEXT,

    CONSTRAINT "SurveyAnswer_pkey" PRIMARY KEY ("responseId","itemId","value")
);

-- CreateTable
CREATE TABLE "SurveyActionPlan" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyActionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyAction" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dimension" TEXT,
    "ownerId" TEXT NOT NULL,
    "dueOn" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "progressNote" TEXT NOT NULL DEFAULT '',
    "dueSoonSentAt" TIMESTAMP(3),
    "overdueSentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResultSet" (
    "surveyId" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyResultSet_pkey" PRIMARY KEY ("surveyId")
);

-- CreateTable
CREATE TABLE "SurveyResultGroup" (
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "cut" TEXT NOT NULL,
    "cutValue" TEXT NOT NULL,
    "respondents" INTEGER NOT NULL,

    CONSTRAINT "SurveyResultGroup_pkey" PRIMARY KEY ("surveyId","cut","cutValue","unitId")
);

-- CreateTable
CREATE TABLE "SurveyResultCount" (
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "cut" TEXT NOT NULL,
    "cutValue" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "SurveyResultCount_pkey" PRIMARY KEY ("surveyId","cut","cutValue","unitId","itemId","value")
);

-- CreateTable
CREATE TABLE "SurveyResultReach" (
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "cut" TEXT NOT NULL,
    "cutValue" TEXT NOT NULL,
    "figure" TEXT NOT NULL,
    "respondents" INTEGER NOT NULL,

    CONSTRAINT "SurveyResultReach_pkey" PRIMARY KEY ("surveyId","cut","cutValue","figure","unitId")
);

-- CreateTable
CREATE TABLE "SurveyResultDriver" (
    "surveyId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "cut" TEXT NOT NULL,
    "cutValue" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "sumX" DOUBLE PRECISION NOT NULL,
    "sumXX" DOUBLE PRECISION NOT NULL,
    "sumY" DOUBLE PRECISION NOT NULL,
    "sumYY" DOUBLE PRECISION NOT NULL,
    "sumXY" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SurveyResultDriver_pkey" PRIMARY KEY ("surveyId","cut","cutValue","unitId","dimension")
);

-- CreateTable
CREATE TABLE "TrainingCourse" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "needTopicsJson" TEXT NOT NULL DEFAULT '[]',
    "format" TEXT NOT NULL,
    "hoursTenths" INTEGER NOT NULL,
    "costFen" INTEGER NOT NULL,
    "grantsCertificate" BOOLEAN NOT NULL DEFAULT false,
    "descriptionZh" TEXT,
    "descriptionEn" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingCourse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "trainer" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "costFen" INTEGER NOT NULL,
    "testMaxScore" INTEGER NOT NULL DEFAULT 100,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "enrolmentOpen" BOOLEAN NOT NULL DEFAULT true,
    "reactionSurveyId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingEnrolment" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "nominatedById" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attendance" TEXT,
    "completedAt" TIMESTAMP(3),
    "certificateNo" TEXT,
    "preScore" INTEGER,
    "postScore" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingEnrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingBehaviourAssessment" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "managerId" TEXT NOT NULL,
    "dueFrom" TIMESTAMP(3) NOT NULL,
    "dueUntil" TIMESTAMP(3) NOT NULL,
    "requestedAt" TIMESTAMP(3),
    "applicationScore" INTEGER,
    "improvementScore" INTEGER,
    "comment" TEXT,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "TrainingBehaviourAssessment_pkey" PRIMARY KEY ("id")
);

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
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_employeeId_key" ON "User"("employeeId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountRequest_userId_status_idx" ON "AccountRequest"("userId", "status");

-- CreateIndex
CREATE INDEX "AccountRequest_status_idx" ON "AccountRequest"("status");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "ApiToken_createdAt_idx" ON "ApiToken"("createdAt");

-- CreateIndex
CREATE INDEX "KpiFeedPull_feedId_startedAt_idx" ON "KpiFeedPull"("feedId", "startedAt");

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
CREATE INDEX "KpiTargetResponse_employeeId_idx" ON "KpiTargetResponse"("employeeId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_path_key" ON "Unit"("path");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_externalId_key" ON "Unit"("externalId");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Position_code_key" ON "Position"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_employeeNo_key" ON "Employee"("employeeNo");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_email_key" ON "Employee"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_externalId_key" ON "Employee"("externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_wecomUserId_key" ON "Employee"("wecomUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_dingtalkUserId_key" ON "Employee"("dingtalkUserId");

-- CreateIndex
CREATE INDEX "Employee_unitId_idx" ON "Employee"("unitId");

-- CreateIndex
CREATE INDEX "Employee_managerId_idx" ON "Employee"("managerId");

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

-- CreateIndex
CREATE UNIQUE INDEX "PayBudget_unitId_year_key" ON "PayBudget"("unitId", "year");

-- CreateIndex
CREATE INDEX "PayCalibration_runId_employeeId_idx" ON "PayCalibration"("runId", "employeeId");

-- CreateIndex
CREATE INDEX "PayAppeal_runId_status_idx" ON "PayAppeal"("runId", "status");

-- CreateIndex
CREATE INDEX "PayAppeal_employeeId_idx" ON "PayAppeal"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "PayAppeal_runId_employeeId_key" ON "PayAppeal"("runId", "employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "PaySignOff_runId_unitId_key" ON "PaySignOff"("runId", "unitId");

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
CREATE INDEX "Survey_templateId_opensAt_idx" ON "Survey"("templateId", "opensAt");

-- CreateIndex
CREATE INDEX "SurveyParticipation_surveyId_unitId_idx" ON "SurveyParticipation"("surveyId", "unitId");

-- CreateIndex
CREATE INDEX "SurveyResponse_surveyId_unitId_idx" ON "SurveyResponse"("surveyId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyTokenKey_surveyId_cell_key" ON "SurveyTokenKey"("surveyId", "cell");

-- CreateIndex
CREATE INDEX "SurveyAnswer_itemId_idx" ON "SurveyAnswer"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyActionPlan_surveyId_unitId_key" ON "SurveyActionPlan"("surveyId", "unitId");

-- CreateIndex
CREATE INDEX "SurveyAction_planId_idx" ON "SurveyAction"("planId");

-- CreateIndex
CREATE INDEX "SurveyAction_ownerId_status_idx" ON "SurveyAction"("ownerId", "status");

-- CreateIndex
CREATE INDEX "SurveyAction_status_dueOn_idx" ON "SurveyAction"("status", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingCourse_code_key" ON "TrainingCourse"("code");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingSession_reactionSurveyId_key" ON "TrainingSession"("reactionSurveyId");

-- CreateIndex
CREATE INDEX "TrainingSession_courseId_startsAt_idx" ON "TrainingSession"("courseId", "startsAt");

-- CreateIndex
CREATE INDEX "TrainingSession_startsAt_idx" ON "TrainingSession"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingEnrolment_certificateNo_key" ON "TrainingEnrolment"("certificateNo");

-- CreateIndex
CREATE INDEX "TrainingEnrolment_employeeId_idx" ON "TrainingEnrolment"("employeeId");

-- CreateIndex
CREATE INDEX "TrainingEnrolment_sessionId_status_queuedAt_idx" ON "TrainingEnrolment"("sessionId", "status", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingEnrolment_sessionId_employeeId_key" ON "TrainingEnrolment"("sessionId", "employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingBehaviourAssessment_enrolmentId_key" ON "TrainingBehaviourAssessment"("enrolmentId");

-- CreateIndex
CREATE INDEX "TrainingBehaviourAssessment_managerId_submittedAt_idx" ON "TrainingBehaviourAssessment"("managerId", "submittedAt");

-- CreateIndex
CREATE INDEX "TrainingBehaviourAssessment_dueFrom_requestedAt_idx" ON "TrainingBehaviourAssessment"("dueFrom", "requestedAt");

-- AddForeignKey
ALTER TABLE "LevelHistory" ADD CONSTRAINT "LevelHistory_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackChangeRequest" ADD CONSTRAINT "TrackChangeRequest_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionQuota" ADD CONSTRAINT "PromotionQuota_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "PromotionCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionQuota" ADD CONSTRAINT "PromotionQuota_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionNomination" ADD CONSTRAINT "PromotionNomination_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "PromotionCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionNomination" ADD CONSTRAINT "PromotionNomination_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_scopeUnitId_fkey" FOREIGN KEY ("scopeUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiFeedPull" ADD CONSTRAINT "KpiFeedPull_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "KpiFeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiPeriodTotal" ADD CONSTRAINT "KpiPeriodTotal_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiPeriodTotalsState" ADD CONSTRAINT "KpiPeriodTotalsState_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiPlan" ADD CONSTRAINT "KpiPlan_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiPlan" ADD CONSTRAINT "KpiPlan_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiPlanItem" ADD CONSTRAINT "KpiPlanItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "KpiPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiPlanItem" ADD CONSTRAINT "KpiPlanItem_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiAdjustment" ADD CONSTRAINT "KpiAdjustment_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiAdjustment" ADD CONSTRAINT "KpiAdjustment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiAdjustment" ADD CONSTRAINT "KpiAdjustment_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiActual" ADD CONSTRAINT "KpiActual_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiActual" ADD CONSTRAINT "KpiActual_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiActual" ADD CONSTRAINT "KpiActual_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiTeamTarget" ADD CONSTRAINT "KpiTeamTarget_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiTeamTarget" ADD CONSTRAINT "KpiTeamTarget_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiTeamMember" ADD CONSTRAINT "KpiTeamMember_teamTargetId_fkey" FOREIGN KEY ("teamTargetId") REFERENCES "KpiTeamTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiTeamMember" ADD CONSTRAINT "KpiTeamMember_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiPortfolioBaseline" ADD CONSTRAINT "KpiPortfolioBaseline_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiPortfolioBaseline" ADD CONSTRAINT "KpiPortfolioBaseline_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiCheckIn" ADD CONSTRAINT "KpiCheckIn_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiCheckIn" ADD CONSTRAINT "KpiCheckIn_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiCheckIn" ADD CONSTRAINT "KpiCheckIn_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employee" ADD CONSTRAINT "Employee_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employee" ADD CONSTRAINT "Employee_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employee" ADD CONSTRAINT "Employee_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayLine" ADD CONSTRAINT "PayLine_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayLine" ADD CONSTRAINT "PayLine_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayLine" ADD CONSTRAINT "PayLine_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayAdjustment" ADD CONSTRAINT "PayAdjustment_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayAdjustment" ADD CONSTRAINT "PayAdjustment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayBudget" ADD CONSTRAINT "PayBudget_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayCalibration" ADD CONSTRAINT "PayCalibration_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RotationOpening" ADD CONSTRAINT "RotationOpening_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "RotationProgramme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RotationOpening" ADD CONSTRAINT "RotationOpening_hostUnitId_fkey" FOREIGN KEY ("hostUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RotationApplication" ADD CONSTRAINT "RotationApplication_openingId_fkey" FOREIGN KEY ("openingId") REFERENCES "RotationOpening"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RotationApplication" ADD CONSTRAINT "RotationApplication_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RotationAssignment" ADD CONSTRAINT "RotationAssignment_openingId_fkey" FOREIGN KEY ("openingId") REFERENCES "RotationOpening"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RotationAssignment" ADD CONSTRAINT "RotationAssignment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RotationAssignment" ADD CONSTRAINT "RotationAssignment_homeUnitId_fkey" FOREIGN KEY ("homeUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RotationAssignment" ADD CONSTRAINT "RotationAssignment_hostUnitId_fkey" FOREIGN KEY ("hostUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RotationAssignment" ADD CONSTRAINT "RotationAssignment_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Suggestion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionTokenAllowance" ADD CONSTRAINT "SuggestionTokenAllowance_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionAuthor" ADD CONSTRAINT "SuggestionAuthor_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionAuthor" ADD CONSTRAINT "SuggestionAuthor_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionReply" ADD CONSTRAINT "SuggestionReply_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionNote" ADD CONSTRAINT "SuggestionNote_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionReward" ADD CONSTRAINT "SuggestionReward_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyParticipation" ADD CONSTRAINT "SurveyParticipation_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyParticipation" ADD CONSTRAINT "SurveyParticipation_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyParticipation" ADD CONSTRAINT "SurveyParticipation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyTokenKey" ADD CONSTRAINT "SurveyTokenKey_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveySpentToken" ADD CONSTRAINT "SurveySpentToken_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "SurveyResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyActionPlan" ADD CONSTRAINT "SurveyActionPlan_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyActionPlan" ADD CONSTRAINT "SurveyActionPlan_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAction" ADD CONSTRAINT "SurveyAction_planId_fkey" FOREIGN KEY ("planId") REFERENCES "SurveyActionPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAction" ADD CONSTRAINT "SurveyAction_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "TrainingCourse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingBehaviourAssessment" ADD CONSTRAINT "TrainingBehaviourAssessment_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "TrainingEnrolment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingBehaviourAssessment" ADD CONSTRAINT "TrainingBehaviourAssessment_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

