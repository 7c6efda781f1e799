-- Hand-written: what the database itself refuses or keeps, as on SQLite (prisma/migrations/, the
-- triggers there). Each refusal raises the same message as SQLite's RAISE(ABORT, …).

CREATE FUNCTION "refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0];
END $$;

-- The audit log is append-only.
CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION "refuse"('audit log is append-only');
CREATE TRIGGER "AuditLog_no_delete" BEFORE DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION "refuse"('audit log is append-only');

-- A locked run never changes, and is never deleted.
CREATE TRIGGER "PayRun_locked_no_update" BEFORE UPDATE ON "PayRun" FOR EACH ROW WHEN (OLD."status" = 'locked') EXECUTE FUNCTION "refuse"('pay run is locked');
CREATE TRIGGER "PayRun_locked_no_delete" BEFORE DELETE ON "PayRun" FOR EACH ROW WHEN (OLD."status" = 'locked') EXECUTE FUNCTION "refuse"('pay run is locked');

-- Lines change only while their run is a draft (so never once it is locked).
CREATE FUNCTION "PayLine_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND (SELECT "status" FROM "PayRun" WHERE "id" = OLD."runId") <> 'draft')
       OR (TG_OP <> 'DELETE' AND (SELECT "status" FROM "PayRun" WHERE "id" = NEW."runId") <> 'draft') THEN
        RAISE EXCEPTION 'pay run lines are frozen';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER "PayLine_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "PayLine" FOR EACH ROW EXECUTE FUNCTION "PayLine_frozen"();

-- Corrections are append-only, and only for locked runs.
CREATE FUNCTION "PayAdjustment_locked_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT "status" FROM "PayRun" WHERE "id" = NEW."runId") <> 'locked' THEN
        RAISE EXCEPTION 'adjustments are for locked runs';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "PayAdjustment_locked_only" BEFORE INSERT ON "PayAdjustment" FOR EACH ROW EXECUTE FUNCTION "PayAdjustment_locked_only"();
CREATE TRIGGER "PayAdjustment_no_update" BEFORE UPDATE ON "PayAdjustment" FOR EACH ROW EXECUTE FUNCTION "refuse"('pay adjustments are append-only');
CREATE TRIGGER "PayAdjustment_no_delete" BEFORE DELETE ON "PayAdjustment" FOR EACH ROW EXECUTE FUNCTION "refuse"('pay adjustments are append-only');

-- One pay run per appraisal period, ever (a trigger, as on SQLite, not a unique index).
CREATE FUNCTION "PayRun_one_per_period"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'INSERT' OR NEW."periodId" IS DISTINCT FROM OLD."periodId")
       AND EXISTS (SELECT 1 FROM "PayRun" WHERE "periodId" = NEW."periodId") THEN
        RAISE EXCEPTION 'one pay run per period';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "PayRun_one_per_period" BEFORE INSERT OR UPDATE OF "periodId" ON "PayRun" FOR EACH ROW EXECUTE FUNCTION "PayRun_one_per_period"();

-- Calibrations are append-only and made while their run is a draft.
CREATE FUNCTION "PayCalibration_draft_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT "status" FROM "PayRun" WHERE "id" = NEW."runId") <> 'draft' THEN
        RAISE EXCEPTION 'ratings are calibrated while the run is a draft';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "PayCalibration_draft_only" BEFORE INSERT ON "PayCalibration" FOR EACH ROW EXECUTE FUNCTION "PayCalibration_draft_only"();
CREATE TRIGGER "PayCalibration_no_update" BEFORE UPDATE ON "PayCalibration" FOR EACH ROW EXECUTE FUNCTION "refuse"('pay calibrations are append-only');
CREATE TRIGGER "PayCalibration_no_delete" BEFORE DELETE ON "PayCalibration" FOR EACH ROW EXECUTE FUNCTION "refuse"('pay calibrations are append-only');

-- A decided appeal is a record of the decision: it never changes, and no appeal is deleted.
CREATE TRIGGER "PayAppeal_decided_final" BEFORE UPDATE ON "PayAppeal" FOR EACH ROW WHEN (OLD."status" <> 'open') EXECUTE FUNCTION "refuse"('a decided appeal cannot change');
CREATE TRIGGER "PayAppeal_no_delete" BEFORE DELETE ON "PayAppeal" FOR EACH ROW EXECUTE FUNCTION "refuse"('appeals are kept');

-- A survey's kept figures leave with it.
CREATE FUNCTION "SurveyResult_cleanup"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "SurveyResultSet" WHERE "surveyId" = OLD."id";
    DELETE FROM "SurveyResultGroup" WHERE "surveyId" = OLD."id";
    DELETE FROM "SurveyResultCount" WHERE "surveyId" = OLD."id";
    DELETE FROM "SurveyResultDriver" WHERE "surveyId" = OLD."id";
    DELETE FROM "SurveyResultReach" WHERE "surveyId" = OLD."id";
    RETURN OLD;
END $$;
CREATE TRIGGER "SurveyResult_cleanup" AFTER DELETE ON "Survey" FOR EACH ROW EXECUTE FUNCTION "SurveyResult_cleanup"();

-- The kept KPI period totals count employee changes (who exists, their position, whether active).
INSERT INTO "EmployeeChangeCount" ("id", "count") VALUES (1, 0);
CREATE FUNCTION "Employee_counted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR OLD."id" IS DISTINCT FROM NEW."id" OR OLD."positionId" IS DISTINCT FROM NEW."positionId"
       OR OLD."active" IS DISTINCT FROM NEW."active" THEN
        INSERT INTO "EmployeeChangeCount" ("id", "count") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "count" = "EmployeeChangeCount"."count" + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "Employee_counted" AFTER INSERT OR UPDATE OF "id", "positionId", "active" OR DELETE ON "Employee" FOR EACH ROW EXECUTE FUNCTION "Employee_counted"();

-- Moved to another unit, or made active again: arrived now, whichever code path wrote it.
CREATE FUNCTION "Employee_unit_since"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."unitId" <> OLD."unitId" OR (NEW."active" AND NOT OLD."active") THEN
        NEW."unitSince" := (now() AT TIME ZONE 'UTC');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "Employee_unit_since" BEFORE UPDATE OF "unitId", "active" ON "Employee" FOR EACH ROW EXECUTE FUNCTION "Employee_unit_since"();
