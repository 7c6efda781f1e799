import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { seedKpiDemo } from "../../prisma/seed/kpi";
import { closeSurvey, createSurvey, launchSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import { answerAs } from "../survey-answering";
import { apiClient, apiToken } from "../api";
import { demoOrg, testApp } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let org: Awaited<ReturnType<typeof demoOrg>>;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  org = await demoOrg();
  await seedKpiDemo(org, new Date("2026-11-15T00:00:00Z"));
  app = await testApp();
  api = apiClient(app, (await apiToken(["kpi:write", "surveys:read", "suggestions:read"])).token);
});

type ErrorBody = { error: { code: string; details?: { path: string; message: string }[] } };

describe("KPI actuals", () => {
  const rows = [
    { employeeNo: "E000004", kpiCode: "NEW_CONTRACT_REV", value: 88_000_000 },
    { employeeNo: "E000005", kpiCode: "NEW_CONTRACT_REV", value: 41_000_000 },
  ];

  it("imports a batch, then says the same batch changed nothing", async () => {
    const first = await api.post("/kpi/periods/2026-Q4/actuals", { actuals: rows });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 2, changed: 2, unchanged: 0 });
    const audits = await db.auditLog.count();
    const again = await api.post("/kpi/periods/2026-Q4/actuals", { actuals: rows });
    expect(await again.json()).toEqual({ received: 2, changed: 0, unchanged: 2 });
    expect(await db.auditLog.count()).toBe(audits);
  });

  it("imports nothing when one row is wrong, and names the rows", async () => {
    const response = await api.post("/kpi/periods/2026-Q4/actuals", {
      actuals: [
        { employeeNo: "E000004", kpiCode: "NEW_CONTRACT_REV", value: 1 },
        { employeeNo: "NOBODY", kpiCode: "NEW_CONTRACT_REV", value: 2 },
      ],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({
      code: "invalid_rows",
      details: [{ path: "actuals.1.employeeNo" }],
    });
    const kept = await db.kpiActual.findFirstOrThrow({
      where: { employee: { employeeNo: "E000004" }, kpi: { code: "NEW_CONTRACT_REV" }, period: { code: "2026-Q4" } },
    });
    expect(kept.value).toBe(88_000_000n);
  });

  it("refuses fractional values and unknown fields by schema, and answers 404 and 409 for the period", async () => {
    const fraction = await api.post("/kpi/periods/2026-Q4/actuals", {
      actuals: [{ employeeNo: "E000004", kpiCode: "X", value: 1.5, amountFen: 3 }],
    });
    expect(fraction.status).toBe(400);
    expect(((await fraction.json()) as ErrorBody).error.details!.map((d) => d.path).sort()).toEqual(["actuals.0", "actuals.0.value"]);
    expect((await api.post("/kpi/periods/1999-Q1/actuals", { actuals: rows })).status).toBe(404);
    expect((await api.post("/kpi/periods/2026-Q3/actuals", { actuals: rows })).status).toBe(409);
  });
});

describe("survey results", () => {
  const answers = {
    "pay-01": 2,
    "col-01": 4,
    "mgt-04": 3,
    "trn-02": 3,
    "car-01": 2,
    "ovr-01": 3,
    "ovr-05": 7,
    "ovr-07": "希望多一些实战演练 E000104",
  };

  it("never returns a group under the minimum, nor comments or single responses", async () => {
    const hr = org.userId.get("E000003")!;
    const survey = await createSurvey(db, hr, {
      templateId: "pulse",
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
      population: { unitIds: [org.unitId.get("JC-GE-FIN")!, org.unitId.get("JC-GE-RE")!, org.unitId.get("JC-GE-GOV")!], tracks: [] },
      cuts: ["unit"],
    });
    await launchSurvey(db, hr, survey.id);
    const invited = await db.surveyParticipation.findMany({ where: { surveyId: survey.id }, select: { employeeId: true, unitId: true } });
    for (const p of invited) await answerAs(db, { surveyId: survey.id, employeeId: p.employeeId, answers });

    const running = await api.get(`/surveys/${survey.id}/results`);
    expect(running.status).toBe(200);
    const live = (await running.json()) as Record<string, unknown>;
    expect(live.closed).toBe(false);
    expect(live).not.toHaveProperty("items");

    await closeSurvey(db, hr, survey.id);
    const small = org.unitId.get("JC-GE-RE")!;
    const roomSize = invited.filter((p) => p.unitId === small).length;
    expect(roomSize).toBeLessThan(5);

    const dept = (await (await api.get(`/surveys/${survey.id}/results?unitId=${org.unitId.get("JC-GE")}`)).json()) as {
      hidden: boolean;
      respondents: number;
      heatmap: { unitId: string; respondents: number | null; dimensions: unknown }[];
    };
    expect(dept.hidden).toBe(false);
    expect(dept.respondents).toBeGreaterThanOrEqual(5);
    const row = dept.heatmap.find((h) => h.unitId === small)!;
    expect(row).toMatchObject({ respondents: null, dimensions: null });
    for (const h of dept.heatmap) if (h.respondents !== null) expect(h.respondents).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(dept);
    expect(text).not.toContain("希望多一些实战演练");
    expect(text).not.toContain("comments");

    const room = (await (await api.get(`/surveys/${survey.id}/results?unitId=${small}`)).json()) as Record<string, unknown>;
    expect(room).toMatchObject({ hidden: true, respondents: null, overall: null, items: [] });

    const list = (await (await api.get("/surveys")).json()) as { data: { id: string }[]; total: number };
    expect(list.data.map((s) => s.id)).toContain(survey.id);
    expect((await api.get("/surveys/nope/results")).status).toBe(404);
  }, 120_000);
});

describe("suggestion statistics", () => {
  it("answers aggregates and refuses unknown filters", async () => {
    const response = await api.get("/suggestions/stats?from=2026-01");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ total: expect.any(Number), minGroupSize: 5, byCategory: expect.any(Array) });
    expect((await api.get("/suggestions/stats?authorId=x")).status).toBe(400);
    const orgOnly = apiClient(app, (await apiToken(["org:read"])).token);
    expect((await orgOnly.get("/suggestions/stats")).status).toBe(403);
  });
});
