import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { allowConsoleError, demoOrg, ORIGIN, signedIn, testApp, userFor, type Client } from "../utils";
import { sendOverHttp, tokenOverHttp } from "../survey-answering";
import { createSurvey, launchSurvey } from "~/modules/surveys/campaigns/campaigns.server";

const DAY = 24 * 60 * 60 * 1000;
const answers = {
  "pay-01": "2",
  "col-01": "4",
  "mgt-04": "3",
  "trn-02": "3",
  "car-01": "2",
  "ovr-01": "3",
  "ovr-05": "7",
  "ovr-07": "多一些实战演练",
};

let app: Awaited<ReturnType<typeof testApp>>;
let org: Awaited<ReturnType<typeof demoOrg>>;
let hr: Client;
let employee: Client;
let head: Client;
let surveyId: string;

beforeAll(async () => {
  app = await testApp();
  org = await demoOrg();
  hr = await signedIn(app, await userFor("E000003", "hr_admin"));
  employee = await signedIn(app, await userFor("E000004", "employee"));
  head = await signedIn(app, await userFor("E000001", "dept_head", "JC-GE"));
  const survey = await createSurvey(db, org.userId.get("E000003")!, {
    templateId: "pulse",
    opensAt: new Date(Date.now() - DAY),
    closesAt: new Date(Date.now() + 7 * DAY),
    population: { unitIds: [org.unitId.get("JC-GE-FIN")!], tracks: [] },
  });
  await launchSurvey(db, org.userId.get("E000003")!, survey.id);
  surveyId = survey.id;
});

describe("answering", () => {
  it("an employee outside the population gets 404 for the form and the token", async () => {
    const outsider = await signedIn(app, await userFor("E000006", "employee")); // General Support room
    expect((await outsider.get(`/surveys/${surveyId}`)).status).toBe(404);
    expect((await tokenOverHttp(app, outsider.cookie!, `/surveys/${surveyId}/token`)).status).toBe(404);
    expect((await outsider.get(`/surveys/${surveyId}/done`)).status).toBe(404);
    expect(await db.surveyResponse.count({ where: { surveyId } })).toBe(0);
  });

  it("refuses bad input with 400, writes nothing and leaves the token unspent", async () => {
    const person = await signedIn(app, await userFor("E000124", "employee"));
    const taken = await tokenOverHttp(app, person.cookie!, `/surveys/${surveyId}/token`);
    const token = taken.token!;
    for (const bad of [
      { ...answers, "pay-01": "1e309" },
      { ...answers, "pay-01": "NaN" },
      { ...answers, "pay-01": "-1" },
      { ...answers, "ovr-05": "3.5" },
      { ...answers, "ovr-07": "字".repeat(100_000) },
      { ...answers, employeeId: org.employeeId.get("E000005")! },
      { ...answers, "pay-01": "" },
    ]) {
      const response = await sendOverHttp(app, surveyId, token, bad);
      expect(response.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    expect(await db.surveyResponse.count({ where: { surveyId } })).toBe(0);
    expect(await db.surveySpentToken.count({ where: { surveyId } })).toBe(0);
    // A bad token header, or none: refused.
    for (const header of ["", "x.y.z", `${token.keyId}.${token.token}.${token.token}`]) {
      const response = await app.request(`/anon/surveys/${surveyId}/responses`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded", "X-Anonymous-Token": header },
        body: new URLSearchParams(answers),
      });
      expect(response.status, header).toBe(403);
    }
  });

  it("an invited employee opens the survey, takes one token, answers once and cannot answer again", async () => {
    const list = await employee.get("/surveys");
    expect(await list.text()).toContain(`/surveys/${surveyId}"`);
    const form = await employee.get(`/surveys/${surveyId}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain("请不要写姓名");
    expect(html).toContain("JavaScript"); // the page says answering needs it, for browsers without

    const taken = await tokenOverHttp(app, employee.cookie!, `/surveys/${surveyId}/token`);
    expect(taken.status).toBe(200);
    const submitted = await sendOverHttp(app, surveyId, taken.token!, answers);
    expect(submitted.status).toBe(200);
    expect((await submitted.json()) as { receipt: string }).toMatchObject({
      status: "ok",
      receipt: expect.stringMatching(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/),
    });
    expect((await employee.get(`/surveys/${surveyId}/done`)).status).toBe(200);

    const again = await sendOverHttp(app, surveyId, taken.token!, answers);
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ status: "alreadyAnswered" });
    expect((await tokenOverHttp(app, employee.cookie!, `/surveys/${surveyId}/token`)).status).toBe(409);
    expect(await db.surveyResponse.count({ where: { surveyId } })).toBe(1);
    // A posted form (no JavaScript) answers nothing; Remix logs the missing action.
    allowConsoleError();
    expect((await employee.post(`/surveys/${surveyId}`, answers)).status).toBeGreaterThanOrEqual(400);
    expect(await db.surveyResponse.count({ where: { surveyId } })).toBe(1);
  });
});

describe("concurrency over HTTP", () => {
  it("50 simultaneous spends of one person's token: one is stored, the rest are refused, none fails", async () => {
    const person = await signedIn(app, await userFor("E000005", "employee"));
    const token = (await tokenOverHttp(app, person.cookie!, `/surveys/${surveyId}/token`)).token!;
    const sendOnce = async () => {
      const response = await sendOverHttp(app, surveyId, token, answers);
      return [response.status, await response.text()] as const; // read every body, as a browser would
    };
    const statuses = await Promise.all(Array.from({ length: 50 }, sendOnce));
    expect(statuses.filter(([s]) => s >= 500).map(([, body]) => body.slice(0, 300))).toEqual([]);
    expect(statuses.filter(([s]) => s === 200)).toHaveLength(1);
    expect(statuses.filter(([s]) => s === 409)).toHaveLength(49);
  });
});

describe("survey administration", () => {
  it("is refused to employees and heads with 403", async () => {
    for (const who of [employee, head]) {
      expect((await who.get("/admin/surveys")).status).toBe(403);
      expect((await who.get(`/admin/surveys/${surveyId}`)).status).toBe(403);
      expect((await who.post(`/admin/surveys/${surveyId}`, { intent: "close" })).status).toBe(403);
      expect((await who.post("/admin/surveys", { templateId: "pulse", opensOn: "2026-01-01", closesOn: "2026-01-02" })).status).toBe(403);
    }
    expect((await db.survey.findUniqueOrThrow({ where: { id: surveyId } })).status).toBe("open");
  });

  it("HR creates, edits and launches a draft, and cannot edit it after launch", async () => {
    const created = await hr.post("/admin/surveys", { templateId: "pulse", opensOn: "2026-01-05", closesOn: "2099-01-16" });
    expect(created.status).toBe(302);
    const id = created.headers.get("location")!.split("/").pop()!;
    const settings = {
      intent: "settings",
      titleZh: "二季度快速调查",
      titleEn: "Q2 pulse",
      opensOn: "2026-01-05",
      closesOn: "2099-01-16",
      minGroupSize: "5",
      minCommentGroupSize: "10",
      cuts: "unit",
      unitIds: org.unitId.get("JC-GE-GOV")!,
    };
    expect((await hr.post(`/admin/surveys/${id}`, settings)).status).toBe(302);
    expect((await hr.post(`/admin/surveys/${id}`, { ...settings, minGroupSize: "2" })).status).toBe(400);
    expect((await hr.post(`/admin/surveys/${id}`, { ...settings, role: "hr_admin" })).status).toBe(400);
    expect((await hr.post(`/admin/surveys/${id}`, { intent: "removeItem", itemId: "mgt-04" })).status).toBe(302);
    expect((await hr.post(`/admin/surveys/${id}`, { intent: "launch" })).status).toBe(302);

    const launched = await db.survey.findUniqueOrThrow({ where: { id } });
    expect(launched).toMatchObject({ status: "open", titleZh: "二季度快速调查" });
    expect(launched.itemsJson).not.toContain("mgt-04");
    const edit = await hr.post(`/admin/surveys/${id}`, { ...settings, titleZh: "改名" });
    expect(edit.status).toBe(409);
    expect((await hr.post(`/admin/surveys/${id}`, { intent: "editItem", itemId: "pay-01", textZh: "改", textEn: "x" })).status).toBe(409);
    expect((await hr.post(`/admin/surveys/${id}`, { intent: "delete" })).status).toBe(409);
    expect(await db.survey.findUniqueOrThrow({ where: { id } })).toEqual(launched);

    const page = await (await hr.get(`/admin/surveys/${id}`)).text();
    expect(page).toContain('data-testid="response-rates"');
    const reminded = await hr.post(`/admin/surveys/${id}`, { intent: "remind" });
    expect(reminded.status).toBe(200);
    const invited = await db.surveyParticipation.count({ where: { surveyId: id } });
    expect(await reminded.text()).toContain(`${invited}`);
    expect((await hr.post(`/admin/surveys/${id}`, { intent: "close" })).status).toBe(302);
    expect((await db.survey.findUniqueOrThrow({ where: { id } })).status).toBe("closed");
  });

  it("every page is translated in both languages", async () => {
    const rawKey = /(?:nav|surveys)\.(?:admin|answer|mine|rates|receipt|errors|status|cut|itemType|mySurveys|surveyAdmin)\b/;
    const draft = await hr.post("/admin/surveys", { templateId: "staff-satisfaction", opensOn: "2026-01-05", closesOn: "2099-01-16" });
    const draftId = draft.headers.get("location")!.split("/").pop()!;
    for (const lng of ["zh-CN", "en"]) {
      for (const [who, url] of [
        [hr, "/admin/surveys"],
        [hr, `/admin/surveys/${draftId}`],
        [hr, `/admin/surveys/${surveyId}`],
        [employee, "/surveys"],
        [employee, `/surveys/${surveyId}`],
        [employee, `/surveys/${surveyId}/done`],
      ] as const) {
        if (
          url.endsWith("/done") &&
          !(await db.surveyParticipation.findFirst({ where: { surveyId, employeeId: org.employeeId.get("E000004")!, tokenTaken: true } }))
        )
          continue;
        const response = await who.get(`${url}?lng=${lng}`);
        expect(response.status, url).toBe(200);
        const html = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, ""); // loader data carries keys by design
        expect(html.match(rawKey)?.[0] ?? null, `${lng} ${url}`).toBeNull();
      }
    }
  });

  it("a missing survey is 404 for HR", async () => {
    expect((await hr.get("/admin/surveys/nope")).status).toBe(404);
    expect((await hr.post("/admin/surveys/nope", { intent: "launch" })).status).toBe(404);
  });
});
