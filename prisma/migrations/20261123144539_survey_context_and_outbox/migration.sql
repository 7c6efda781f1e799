-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "recipientId" TEXT,
    "payloadJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Survey" (
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
    "purpose" TEXT NOT NULL DEFAULT 'staff',
    "contextId" TEXT,
    "createdById" TEXT NOT NULL,
    "launchedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Survey" ("closedAt", "closesAt", "createdAt", "createdById", "cutsJson", "id", "itemsJson", "launchedAt", "minCommentGroupSize", "minGroupSize", "opensAt", "populationJson", "status", "templateId", "templateVersion", "titleEn", "titleZh", "updatedAt") SELECT "closedAt", "closesAt", "createdAt", "createdById", "cutsJson", "id", "itemsJson", "launchedAt", "minCommentGroupSize", "minGroupSize", "opensAt", "populationJson", "status", "templateId", "templateVersion", "titleEn", "titleZh", "updatedAt" FROM "Survey";
DROP TABLE "Survey";
ALTER TABLE "new_Survey" RENAME TO "Survey";
CREATE INDEX "Survey_templateId_opensAt_idx" ON "Survey"("templateId", "opensAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

