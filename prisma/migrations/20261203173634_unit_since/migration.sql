-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Employee" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "employeeNo" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "hireDate" DATETIME NOT NULL,
    "managerId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "externalId" TEXT,
    "unitSince" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Employee_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Employee_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Employee_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Employee" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Nobody's history of units is known before this migration: take the hire date.
INSERT INTO "new_Employee" ("active", "createdAt", "email", "employeeNo", "externalId", "hireDate", "id", "level", "managerId", "name", "positionId", "track", "unitId", "updatedAt", "unitSince") SELECT "active", "createdAt", "email", "employeeNo", "externalId", "hireDate", "id", "level", "managerId", "name", "positionId", "track", "unitId", "updatedAt", "hireDate" FROM "Employee";
DROP TABLE "Employee";
ALTER TABLE "new_Employee" RENAME TO "Employee";
CREATE UNIQUE INDEX "Employee_employeeNo_key" ON "Employee"("employeeNo");
CREATE UNIQUE INDEX "Employee_email_key" ON "Employee"("email");
CREATE UNIQUE INDEX "Employee_externalId_key" ON "Employee"("externalId");
CREATE INDEX "Employee_unitId_idx" ON "Employee"("unitId");
CREATE INDEX "Employee_managerId_idx" ON "Employee"("managerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Moved to another unit, or made active again: arrived now, whichever code path wrote it.
-- (Written as Prisma stores dates.)
CREATE TRIGGER "Employee_unit_since" AFTER UPDATE OF "unitId", "active" ON "Employee"
WHEN NEW."unitId" <> OLD."unitId" OR (NEW."active" AND NOT OLD."active")
BEGIN
    UPDATE "Employee" SET "unitSince" = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') WHERE "id" = NEW."id";
END;

-- Rebuilding the table dropped its triggers: the kept KPI period totals count employee changes.
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
UPDATE "EmployeeChangeCount" SET "count" = "count" + 1 WHERE "id" = 1;
