-- Hand-written: lines change only while their run is a draft, checked once per statement over the
-- rows it touched (transition tables) instead of once per row: a run writes and deletes 100,000
-- lines in a handful of statements, and the per-row check cost seconds. Same refusal, same message.
DROP TRIGGER "PayLine_frozen" ON "PayLine";
DROP FUNCTION "PayLine_frozen"();

CREATE FUNCTION "PayLine_frozen_new"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM "PayRun" r WHERE r."status" <> 'draft' AND r."id" IN (SELECT DISTINCT "runId" FROM new_rows)) THEN
        RAISE EXCEPTION 'pay run lines are frozen';
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION "PayLine_frozen_old"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM "PayRun" r WHERE r."status" <> 'draft' AND r."id" IN (SELECT DISTINCT "runId" FROM old_rows)) THEN
        RAISE EXCEPTION 'pay run lines are frozen';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "PayLine_frozen_insert" AFTER INSERT ON "PayLine" REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "PayLine_frozen_new"();
CREATE TRIGGER "PayLine_frozen_update_old" AFTER UPDATE ON "PayLine" REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "PayLine_frozen_old"();
CREATE TRIGGER "PayLine_frozen_update_new" AFTER UPDATE ON "PayLine" REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "PayLine_frozen_new"();
CREATE TRIGGER "PayLine_frozen_delete" AFTER DELETE ON "PayLine" REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "PayLine_frozen_old"();
