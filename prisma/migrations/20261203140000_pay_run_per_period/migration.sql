-- One pay run per appraisal period, ever: a locked run is corrected by adjustments, never by a
-- second run. A trigger rather than a unique index, so that a database which already holds two
-- runs for one period (they cannot be deleted once locked) still migrates; no new one can appear.
CREATE TRIGGER "PayRun_one_per_period_insert" BEFORE INSERT ON "PayRun"
WHEN EXISTS (SELECT 1 FROM "PayRun" WHERE "periodId" = NEW."periodId")
BEGIN
    SELECT RAISE(ABORT, 'one pay run per period');
END;
CREATE TRIGGER "PayRun_one_per_period_update" BEFORE UPDATE OF "periodId" ON "PayRun"
WHEN NEW."periodId" <> OLD."periodId" AND EXISTS (SELECT 1 FROM "PayRun" WHERE "periodId" = NEW."periodId")
BEGIN
    SELECT RAISE(ABORT, 'one pay run per period');
END;
