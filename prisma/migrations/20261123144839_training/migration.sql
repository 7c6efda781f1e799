-- CreateTable
CREATE TABLE "TrainingCourse" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "trainer" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "costFen" INTEGER NOT NULL,
    "testMaxScore" INTEGER NOT NULL DEFAULT 100,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "enrolmentOpen" BOOLEAN NOT NULL DEFAULT true,
    "reactionSurveyId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingSession_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "TrainingCourse" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingEnrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "nominatedById" TEXT,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attendance" TEXT,
    "completedAt" DATETIME,
    "certificateNo" TEXT,
    "preScore" INTEGER,
    "postScore" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingEnrolment_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingEnrolment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingBehaviourAssessment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "managerId" TEXT NOT NULL,
    "dueFrom" DATETIME NOT NULL,
    "dueUntil" DATETIME NOT NULL,
    "requestedAt" DATETIME,
    "applicationScore" INTEGER,
    "improvementScore" INTEGER,
    "comment" TEXT,
    "submittedAt" DATETIME,
    CONSTRAINT "TrainingBehaviourAssessment_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "TrainingEnrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingBehaviourAssessment_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

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

