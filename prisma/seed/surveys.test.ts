import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../test/utils";
import { seedSurveyDemo } from "./surveys";

let org: Awaited<ReturnType<typeof demoOrg>>;

beforeAll(async () => {
  org = await demoOrg();
  await seedSurveyDemo(org);
}, 120_000);

/** Mean Likert score per dimension of one survey (outcome and eNPS items excluded). */
async function dimensionMeans(surveyId: string) {
  const rows = await db.$queryRawUnsafe<{ itemId: string; mean: number }[]>(
    `SELECT a."itemId" AS itemId, AVG(a.value) AS mean FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r.id = a."responseId"
     WHERE r."surveyId" = ? AND a.text IS NULL GROUP BY a."itemId"`,
    surveyId,
  );
  const byPrefix: Record<string, number[]> = {};
  for (const r of rows) if (!["ovr-01", "ovr-05"].includes(r.itemId)) (byPrefix[r.itemId.slice(0, 3)] ??= []).push(Number(r.mean));
  return Object.fromEntries(Object.entries(byPrefix).map(([k, v]) => [k, v.reduce((a, b) => a + b, 0) / v.length]));
}

describe("survey demo data", () => {
  it("has two closed staff-satisfaction waves a year apart and one open pulse", async () => {
    const surveys = await db.survey.findMany({ orderBy: { opensAt: "asc" } });
    expect(surveys.map((s) => [s.templateId, s.status])).toEqual([
      ["staff-satisfaction", "closed"],
      ["staff-satisfaction", "closed"],
      ["pulse", "open"],
    ]);
    const days = (surveys[1].opensAt.getTime() - surveys[0].opensAt.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(300);
  });

  it("has most of the department answering, with pay and career lowest, and some movement between waves", async () => {
    const [last, current] = await db.survey.findMany({ where: { templateId: "staff-satisfaction" }, orderBy: { opensAt: "asc" } });
    for (const wave of [last, current]) {
      const invited = await db.surveyParticipation.count({ where: { surveyId: wave.id } });
      const answered = await db.surveyResponse.count({ where: { surveyId: wave.id } });
      expect(answered).toBe(await db.surveyParticipation.count({ where: { surveyId: wave.id, tokenTaken: true } }));
      expect(answered / invited).toBeGreaterThan(0.7);
      const means = await dimensionMeans(wave.id);
      const sorted = Object.entries(means)
        .sort((a, b) => a[1] - b[1])
        .map(([k]) => k);
      expect(sorted.slice(0, 2).sort()).toEqual(["car", "pay"]);
    }
    const before = await dimensionMeans(last.id);
    const after = await dimensionMeans(current.id);
    expect(after.trn - before.trn).toBeGreaterThan(0.1);
    expect(await db.surveyAnswer.count({ where: { text: { not: null }, response: { surveyId: current.id } } })).toBeGreaterThan(20);
  });

  it("never files answers under the four-person real-estate room, and rooms differ", async () => {
    expect(await db.employee.count({ where: { unitId: org.unitId.get("JC-GE-RE") } })).toBe(4);
    expect(await db.surveyResponse.count({ where: { unitId: org.unitId.get("JC-GE-RE") } })).toBe(0);
    expect(await db.surveyParticipation.count({ where: { unitId: org.unitId.get("JC-GE-RE"), cutUnitId: org.unitId.get("JC-GE") } })).toBe(
      12,
    );
    const current = await db.survey.findFirstOrThrow({ where: { templateId: "staff-satisfaction" }, orderBy: { opensAt: "desc" } });
    const roomMean = async (code: string) => {
      const [row] = await db.$queryRawUnsafe<{ mean: number }[]>(
        `SELECT AVG(a.value) AS mean FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r.id = a."responseId" WHERE r."surveyId" = ? AND r."unitId" = ? AND a."itemId" LIKE 'pay-%'`,
        current.id,
        org.unitId.get(code),
      );
      return Number(row.mean);
    };
    expect(await roomMean("JC-GE-FIN")).toBeGreaterThan((await roomMean("JC-GE-PRJ")) + 0.3);
  });

  it("leaves the open pulse unanswered by the demo employee", async () => {
    const pulse = await db.survey.findFirstOrThrow({ where: { templateId: "pulse" } });
    const mine = await db.surveyParticipation.findUniqueOrThrow({
      where: { surveyId_employeeId: { surveyId: pulse.id, employeeId: org.employeeId.get("E000004")! } },
    });
    expect(mine.tokenTaken).toBe(false);
    expect(pulse.closesAt.getTime()).toBeGreaterThan(Date.now());
    expect(await db.surveyResponse.count({ where: { surveyId: pulse.id } })).toBeGreaterThan(30);
  });
});
