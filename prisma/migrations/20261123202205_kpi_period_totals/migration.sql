-- CreateTable
CREATE TABLE "KpiPeriodTotal" (
    "periodId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "total" INTEGER,

    PRIMARY KEY ("periodId", "employeeId"),
    CONSTRAINT "KpiPeriodTotal_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiPeriodTotalsState" (
    "periodId" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "employeeChanges" INTEGER NOT NULL,
    "computedAt" DATETIME NOT NULL,
    CONSTRAINT "KpiPeriodTotalsState_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "AppraisalPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EmployeeChangeCount" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "count" INTEGER NOT NULL
);



-- Kept period totals depend on each employee's position and status: count every change of
-- them, and every employee added or removed.
INSERT INTO "EmployeeChangeCount" ("id", "count") VALUES (1, 0);
CREATE TRIGGER "Employee_counted_insert" AFTER INSERT ON "Employee"
BEGIN
    INSERT INTO "EmployeeChangeCount" ("id", "count") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "count" = "count" + 1;
END;
CREATE TRIGGER "Employee_counted_delete" AFTER DELETE ON "Employee"
BEGIN
    INSERT INTO "EmployeeChangeCount" ("id", "count") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "count" = "count" + 1;
END;
CREATE TRIGGER "Employee_counted_update" AFTER UPDATE OF "id", "positionId", "active" ON "Employee"
WHEN OLD."id" IS NOT NEW."id" OR OLD."positionId" IS NOT NEW."positionId" OR OLD."active" IS NOT NEW."active"
BEGIN
    INSERT INTO "EmployeeChangeCount" ("id", "count") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "count" = "count" + 1;
END;
