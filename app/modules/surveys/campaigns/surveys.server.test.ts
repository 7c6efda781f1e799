import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db, sqlRead } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { onPostgres } from "~/utils/sql.server";
import { demoOrg } from "../../../../test/utils";
import { closeDueSurveys, closeSurvey, createSurvey, deleteDraft, launchSurvey, updateItems, updateSettings } from "./campaigns.server";
import { DomainError as SurveyRuleError } from "~/utils/domain-error";
import { parseItems } from "../items";
import { responseRatesFor, sendReminders } from "./monitoring.server";
import { answerAs, takeToken } from "../../../../test/survey-answering";
import { receiptFor, spendToken } from "../responding/tokens.server";
import { getTemplate } from "./templates.server";

const DAY = 24 * 60 * 60 * 1000;
const postgres = onPostgres(db);

/** A table's columns in their order (SQLite's table_info, PostgreSQL's information_schema). */
async function columnsOf(table: string) {
  if (!postgres) return (await db.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${table}")`)).map((c) => c.name);
  const found = await sqlRead<{ name: string }>(
    db,
    `SELECT column_name AS "name" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
    [table],
  );
  return found.map((c) => c.name);
}
let org: Awaited<ReturnType<typeof demoOrg>>;
let hr: string;

beforeAll(async () => {
  org = await demoOrg();
  hr = org.userId.get("E000003")!;
});

const pulseAnswers = {
  "pay-01": 2,
  "col-01": 4,
  "mgt-04": 3,
  "trn-02": 3,
  "car-01": 2,
  "ovr-01": 3,
  "ovr-05": 7,
  "ovr-07": "希望多一些实战演练",
};

async function openPulse(unitCode: string, extra: Partial<Parameters<typeof createSurvey>[2]> = {}) {
  const survey = await createSurvey(db, hr, {
    templateId: "pulse",
    opensAt: new Date(Date.now() - DAY),
    closesAt: new Date(Date.now() + 7 * DAY),
    population: { unitIds: [org.unitId.get(unitCode)!], tracks: [] },
    cuts: ["unit", "track", "tenure"],
    ...extra,
  });
  await launchSurvey(db, hr, survey.id);
  return survey.id;
}

const expectRule = async (promise: Promise<unknown>, key: string) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SurveyRuleError);
  expect((error as SurveyRuleError).key).toBe(key);
};

describe("the stored response carries nothing identifying", () => {
  it("has only the random key, the survey and the coarse cuts, in tables without rowid", async () => {
    const columns = columnsOf;
    expect(await columns("SurveyResponse")).toEqual(["id", "surveyId", "unitId", "track", "tenureBand"]);
    expect(await columns("SurveyAnswer")).toEqual(["responseId", "itemId", "value", "text"]);
    expect(await columns("SurveyParticipation")).toEqual([
      "surveyId",
      "employeeId",
      "unitId",
      "tokenTaken",
      "blindedHash",
      "cutUnitId",
      "cell",
    ]);
    expect(await columns("SurveySpentToken")).toEqual(["surveyId", "hash"]);
    for (const table of ["SurveyResponse", "SurveyAnswer", "SurveySpentToken"]) {
      if (postgres) {
        // A heap has no rowid, but a default, an identity or a sequence would number rows as they
        // arrive: none here. (Arrival order in the heap itself is undone at close: see below.)
        const numbered = await sqlRead(
          db,
          `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND (column_default IS NOT NULL OR is_identity = 'YES')`,
          [table],
        );
        expect(numbered, table).toEqual([]);
      } else {
        const [{ sql }] = await db.$queryRawUnsafe<{ sql: string }[]>(`SELECT sql FROM sqlite_master WHERE name = '${table}'`);
        expect(sql, table).toMatch(/WITHOUT ROWID\s*$/);
      }
    }
    await expect(sqlRead(db, `SELECT rowid FROM "SurveyResponse"`)).rejects.toThrow();
  });

  it("stores a UUIDv4 key, frozen cuts and the answers, and no trace of the person", async () => {
    const surveyId = await openPulse("JC-GE-FIN");
    const employeeId = org.employeeId.get("E000004")!;
    const employee = await db.employee.findUniqueOrThrow({ where: { id: employeeId }, include: { user: true, unit: true } });
    expect(await answerAs(db, { surveyId, employeeId, answers: pulseAnswers })).toMatchObject({ ok: true });

    const rows = await sqlRead(db, `SELECT * FROM "SurveyResponse" WHERE "surveyId" = ?`, [surveyId]);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(Object.keys(row).sort()).toEqual(["id", "surveyId", "tenureBand", "track", "unitId"]);
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row).toMatchObject({ surveyId, unitId: employee.unitId, track: "skill", tenureBand: "gt10" });

    const answers = await sqlRead(db, `SELECT * FROM "SurveyAnswer" WHERE "responseId" = ?`, [String(row.id)]);
    expect(answers).toHaveLength(8);
    const stored = JSON.stringify([row, answers]);
    const identifying = [
      employeeId,
      employee.employeeNo,
      employee.email,
      employee.name,
      employee.user!.id,
      employee.hireDate.toISOString().slice(0, 10),
    ];
    for (const value of identifying) expect(stored).not.toContain(value);
    expect(stored).not.toMatch(/\d{4}-\d{2}-\d{2}T|\d{13}/); // no timestamp of any kind

    const participation = await db.surveyParticipation.findUniqueOrThrow({ where: { surveyId_employeeId: { surveyId, employeeId } } });
    expect(participation.tokenTaken).toBe(true);
    expect(JSON.stringify(participation)).not.toContain(String(row.id));
  });

  it("collects only the cuts the survey asked for", async () => {
    const surveyId = await openPulse("JC-GE-GOV", { cuts: [] });
    const employee = await db.employee.findFirstOrThrow({ where: { unitId: org.unitId.get("JC-GE-GOV") } });
    await answerAs(db, { surveyId, employeeId: employee.id, answers: pulseAnswers });
    const row = await db.surveyResponse.findFirstOrThrow({ where: { surveyId } });
    expect(row).toMatchObject({ unitId: null, track: null, tenureBand: null });
  });

  it("files a small unit's answers under its department, never under the small unit", async () => {
    const surveyId = await openPulse("JC-GE");
    const realEstate = org.unitId.get("JC-GE-RE")!;
    const member = await db.employee.findFirstOrThrow({ where: { unitId: realEstate } });
    await answerAs(db, { surveyId, employeeId: member.id, answers: pulseAnswers });
    const row = await db.surveyResponse.findFirstOrThrow({ where: { surveyId } });
    expect(row.unitId).toBe(org.unitId.get("JC-GE"));
    expect(await db.surveyResponse.count({ where: { unitId: realEstate } })).toBe(0);
  });
});

describe("submitting", () => {
  it("50 simultaneous token requests by one person get one token, and 50 spends of it leave exactly one response", async () => {
    const surveyId = await openPulse("JC-GE-ENT");
    const employee = await db.employee.findFirstOrThrow({ where: { unitId: org.unitId.get("JC-GE-ENT") } });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => answerAs(db, { surveyId, employeeId: employee.id, answers: pulseAnswers })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "alreadyTaken")).toBe(true);
    expect(await db.surveyResponse.count({ where: { surveyId } })).toBe(1);
    expect(await db.surveyAnswer.count({ where: { response: { surveyId } } })).toBe(8);

    const other = await db.employee.findFirstOrThrow({ where: { unitId: org.unitId.get("JC-GE-ENT"), id: { not: employee.id } } });
    const token = await takeToken(db, surveyId, other.id);
    if ("ok" in token) throw new Error(token.reason);
    const spends = await Promise.all(Array.from({ length: 50 }, () => spendToken(db, { surveyId, ...token, answers: pulseAnswers })));
    expect(spends.filter((r) => r.ok)).toHaveLength(1);
    expect(spends.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "alreadyAnswered")).toBe(true);
    expect(await db.surveyResponse.count({ where: { surveyId } })).toBe(2);
  });

  it("everyone in a department submitting at once all get through", async () => {
    const surveyId = await openPulse("JC-GE");
    const invited = await db.surveyParticipation.findMany({ where: { surveyId }, select: { employeeId: true } });
    const results = await Promise.all(invited.map((p) => answerAs(db, { surveyId, employeeId: p.employeeId, answers: pulseAnswers })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.surveyResponse.count({ where: { surveyId } })).toBe(invited.length);
  }, 120_000);

  it("refuses someone outside the population, invalid answers (writing nothing), and a closed survey", async () => {
    const surveyId = await openPulse("JC-GE-PUB");
    const outsider = org.employeeId.get("E000004")!; // Finance room
    expect(await answerAs(db, { surveyId, employeeId: outsider, answers: pulseAnswers })).toEqual({ ok: false, reason: "notInvited" });

    const member = await db.employee.findFirstOrThrow({ where: { unitId: org.unitId.get("JC-GE-PUB") } });
    const token = await takeToken(db, surveyId, member.id);
    if ("ok" in token) throw new Error(token.reason);
    const invalid = await spendToken(db, { surveyId, ...token, answers: { ...pulseAnswers, "pay-01": 9, userId: "x" } as never });
    expect(invalid.ok).toBe(false);
    expect(await db.surveyResponse.count({ where: { surveyId } })).toBe(0);
    // The token was not spent: the same browser can send corrected answers.
    expect(await db.surveySpentToken.count({ where: { surveyId } })).toBe(0);

    await closeSurvey(db, hr, surveyId);
    expect(await spendToken(db, { surveyId, ...token, answers: pulseAnswers })).toEqual({ ok: false, reason: "notOpen" });
    const late = await db.employee.findFirstOrThrow({ where: { unitId: org.unitId.get("JC-GE-PUB"), id: { not: member.id } } });
    expect(await answerAs(db, { surveyId, employeeId: late.id, answers: pulseAnswers })).toEqual({ ok: false, reason: "notOpen" });
  });

  it("gives a receipt code that depends on the token only", () => {
    const a = new Uint8Array(64).fill(1);
    const b = new Uint8Array(64).fill(2);
    expect(receiptFor(a)).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    expect(receiptFor(a)).toBe(receiptFor(new Uint8Array(64).fill(1)));
    expect(receiptFor(b)).not.toBe(receiptFor(a));
  });
});

describe("launch freezes the survey", () => {
  it("invites the active population with their unit, queues invitations, and refuses every later edit", async () => {
    const survey = await createSurvey(db, hr, {
      templateId: "pulse",
      opensAt: new Date(Date.now() - DAY),
      closesAt: new Date(Date.now() + 7 * DAY),
      population: { unitIds: [org.unitId.get("JC-GE-MKT")!], tracks: [] },
    });
    await updateItems(db, hr, survey.id, (items) => items.filter((i) => i.id !== "mgt-04"));
    const { invited } = await launchSurvey(db, hr, survey.id);
    const staff = await db.employee.count({ where: { unitId: org.unitId.get("JC-GE-MKT"), active: true } });
    expect(invited).toBe(staff);
    expect(await db.outboxMessage.count({ where: { type: "survey.invitation", payloadJson: { contains: survey.id } } })).toBe(staff);

    const before = await db.survey.findUniqueOrThrow({ where: { id: survey.id } });
    const settings = {
      titleZh: "改",
      titleEn: "Changed",
      opensAt: new Date(),
      closesAt: new Date(Date.now() + DAY),
      minGroupSize: 3,
      minCommentGroupSize: 3,
      cuts: [],
      population: { unitIds: [], tracks: [] },
    };
    await expectRule(updateSettings(db, hr, survey.id, settings), "surveys.errors.frozen");
    await expectRule(
      updateItems(db, hr, survey.id, (items) => items.slice(1)),
      "surveys.errors.frozen",
    );
    await expectRule(deleteDraft(db, hr, survey.id), "surveys.errors.frozen");
    await expectRule(launchSurvey(db, hr, survey.id), "surveys.errors.frozen");
    const after = await db.survey.findUniqueOrThrow({ where: { id: survey.id } });
    expect(after).toEqual(before);
    expect(parseItems(after.itemsJson).map((i) => i.id)).not.toContain("mgt-04");
    expect(await db.surveyParticipation.count({ where: { surveyId: survey.id } })).toBe(staff);
  });

  it("a draft can be edited, including added and dropped items, and deleted", async () => {
    const survey = await createSurvey(db, hr, { templateId: "pulse", opensAt: new Date(), closesAt: new Date(Date.now() + DAY) });
    const items = await updateItems(db, hr, survey.id, (list) => [
      ...list.map((i) => (i.id === "pay-01" ? { ...i, textZh: "新题目" } : i)),
      { id: "pay-performance-x1", dimension: "pay-performance", type: "likert5", textZh: "新增", textEn: "Added", required: true },
    ]);
    expect(items.find((i) => i.id === "pay-01")!.textZh).toBe("新题目");
    expect(items).toHaveLength(getTemplate("pulse")!.items.length + 1);
    await expectRule(
      updateItems(db, hr, survey.id, (list) => [...list, { ...list[0] }]),
      "surveys.errors.invalidItems",
    );
    await deleteDraft(db, hr, survey.id);
    expect(await db.survey.count({ where: { id: survey.id } })).toBe(0);
  });

  it("refuses to launch with nobody to invite", async () => {
    const survey = await createSurvey(db, hr, { templateId: "pulse", opensAt: new Date(), closesAt: new Date(Date.now() + DAY) });
    await expectRule(launchSurvey(db, hr, survey.id), "surveys.errors.emptyPopulation");
  });

  it("takes an explicit employee list (as training does), with a group minimum never below 3", async () => {
    const ids = ["E000004", "E000005", "E000002"].map((no) => org.employeeId.get(no)!);
    await expect(
      createSurvey(db, hr, {
        templateId: "training-reaction",
        opensAt: new Date(),
        closesAt: new Date(Date.now() + DAY),
        population: { employeeIds: ids },
        minGroupSize: 2,
      }),
    ).rejects.toThrow();
    const survey = await createSurvey(db, hr, {
      templateId: "training-reaction",
      purpose: "training-reaction",
      contextId: "session-1",
      opensAt: new Date(Date.now() - 1000),
      closesAt: new Date(Date.now() + DAY),
      population: { employeeIds: ids },
      minGroupSize: 3,
    });
    expect(await launchSurvey(db, hr, survey.id)).toEqual({ invited: 3 });
  });
});

describe("running and closing", () => {
  it("reminds only those who have not taken a token, and tells nobody how many", async () => {
    const surveyId = await openPulse("JC-GE-CRM");
    const invited = await db.surveyParticipation.findMany({ where: { surveyId }, select: { employeeId: true } });
    for (const p of invited.slice(0, 3)) await answerAs(db, { surveyId, employeeId: p.employeeId, answers: pulseAnswers });
    expect(await sendReminders(db, hr, surveyId)).toBeUndefined(); // says it was sent, never to how many
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "survey.remind", entityId: surveyId } });
    expect([audit.before, audit.after]).toEqual([null, null]);
    const reminded = await db.outboxMessage.findMany({
      where: { type: "survey.reminder", payloadJson: { contains: surveyId } },
      select: { recipientId: true },
    });
    expect(reminded.map((r) => r.recipientId).sort()).toEqual(
      invited
        .slice(3)
        .map((p) => p.employeeId)
        .sort(),
    );
  });

  it("shows response rates by unit with the small room suppressed", async () => {
    const surveyId = await openPulse("JC-GE");
    const survey = await db.survey.findUniqueOrThrow({ where: { id: surveyId } });
    const rows = await responseRatesFor(db, survey);
    expect(rows[0]).toMatchObject({ unitId: org.unitId.get("JC-GE"), suppressed: null, answered: 0 });
    // The four-person room's answers are filed under the department: it has no row of its own.
    expect(rows.find((r) => r.unitId === org.unitId.get("JC-GE-RE"))).toBeUndefined();
    expect(rows.filter((r) => !r.suppressed).every((r) => r.invited! >= 5)).toBe(true);
  });

  it("closes on request with its results aggregated, then compacts the file; a passed closing date closes it in the background work", async () => {
    const surveyId = await openPulse("JC-GE-VPN");
    const invited = await db.surveyParticipation.findMany({ where: { surveyId }, select: { employeeId: true } });
    for (const p of invited.slice(0, 4)) await answerAs(db, { surveyId, employeeId: p.employeeId, answers: pulseAnswers });
    await closeSurvey(db, hr, surveyId);
    expect((await db.survey.findUniqueOrThrow({ where: { id: surveyId } })).status).toBe("closed");
    expect(await db.surveyResultSet.count({ where: { surveyId } })).toBe(1);
    if (postgres) {
      // The heap: every answer table rewritten in the order of its (random) key, and the wave's
      // rows all of one transaction, so neither their places nor their row versions follow arrival.
      for (const [table, key, wave] of [
        ["SurveyResponse", `"id"`, `"surveyId" = ?`],
        ["SurveyAnswer", `"responseId", "itemId", "value"`, `"responseId" IN (SELECT "id" FROM "SurveyResponse" WHERE "surveyId" = ?)`],
        ["SurveySpentToken", `"surveyId", "hash"`, `"surveyId" = ?`],
      ]) {
        const physical = await sqlRead<{ n: number }>(
          db,
          `SELECT row_number() OVER (ORDER BY ${key}) AS "n" FROM "${table}" ORDER BY ctid`,
        );
        expect(physical.length, table).toBeGreaterThan(0);
        expect(
          physical.map((r) => Number(r.n)),
          table,
        ).toEqual(physical.map((_, i) => i + 1));
        const stamps = await sqlRead(db, `SELECT DISTINCT xmin::text AS "xmin" FROM "${table}" WHERE ${wave}`, [surveyId]);
        expect(stamps, table).toHaveLength(1);
      }
    } else {
      const [{ freelist_count }] = await db.$queryRawUnsafe<{ freelist_count: number }[]>("PRAGMA freelist_count");
      expect(Number(freelist_count)).toBe(0);
      const wal = `${getEnv().databasePath}-wal`;
      if (fs.existsSync(wal)) expect(fs.statSync(wal).size).toBe(0);
    }
    await expectRule(closeSurvey(db, hr, surveyId), "surveys.errors.notOpen");

    const due = await openPulse("JC-GE-SUP");
    await db.survey.update({ where: { id: due }, data: { closesAt: new Date(Date.now() - 1000) } });
    expect(await closeDueSurveys(db)).toBe(1);
    expect((await db.survey.findUniqueOrThrow({ where: { id: due } })).status).toBe("closed");
  });
});
