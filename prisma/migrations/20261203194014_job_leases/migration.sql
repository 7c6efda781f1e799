-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT,
    "leaseUntil" DATETIME,
    "lastStartedAt" DATETIME,
    "lastFinishedAt" DATETIME,
    "lastDurationMs" INTEGER,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "nextRunAt" DATETIME
);
