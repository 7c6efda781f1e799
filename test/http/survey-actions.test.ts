import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";
import { closedSurvey } from "../report-fixtures";

let app: Awaited<ReturnType<typeof testApp>>;
let org: Awaited<ReturnType<typeof demoOrg>>;
let finHead: Client;
let employee: Client;
let govHead: Client;
let outsider: Client;
let surveyId: string;

beforeAll(async () => {
  app = await testApp();
  org = await demoOrg();
  finHead = await signedIn(app, await userFor("E000002", "dept_head", "JC-GE-FIN"));
  employee = await signedIn(app, await userFor("E000004", "employee"));
  govHead = await signedIn(app, await userFor("E000001", "dept_head", "JC-GE-GOV"));
  outsider = await signedIn(app, await userFor("E000006", "employee"));
  surveyId = await closedSurvey(db, { actorId: org.userId.get("E000003")!, answers: { "JC-GE-FIN": 5 } });
}, 120_000);

const unit = (code: string) => org.unitId.get(code)!;
const planUrl = (code = "JC-GE-FIN") => `/reports/${surveyId}/plan?unit=${unit(code)}`;
const action = { intent: "saveAction", title: "每周例会通报进展", owner: "刘洋 · E000004", dueOn: "2031-01-15", status: "planned" };

describe("the plan's actions over HTTP", () => {
  it("the people picker answers heads of the unit only", async () => {
    const people = `/reports/${surveyId}/plan/people?unit=${unit("JC-GE-FIN")}&q=${encodeURIComponent("刘")}`;
    expect((await employee.get(people)).status).toBe(403);
    expect((await govHead.get(`/reports/${surveyId}/plan/people?unit=${unit("JC-GE-FIN")}&q=E`)).status).toBe(404);
    const response = await finHead.get(people);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("刘洋 · E000004");
  });

  it("a refused action keeps what was typed, with the error on the owner field", async () => {
    const response = await finHead.post(planUrl(), { ...action, owner: "E000006" });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain("每周例会通报进展");
    expect(body).toContain("planActions.ownerUnknown");
    expect((await finHead.post(planUrl(), { ...action, ownerId: "x" })).status).toBe(400);
    expect((await finHead.post(planUrl(), { ...action, dueOn: "2031-02-30" })).status).toBe(400);
  });

  it("only heads in scope add actions; the owner updates status and note once the plan is published", async () => {
    expect((await employee.post(planUrl(), action)).status).toBe(403);
    expect((await govHead.post(planUrl(), action)).status).toBe(404);
    expect((await finHead.post(planUrl(), action)).status).toBe(302);
    const { id } = await db.surveyAction.findFirstOrThrow({ where: { title: action.title }, select: { id: true } });
    expect((await employee.get(`/surveys/actions/${id}`)).status).toBe(404); // a draft
    expect((await finHead.post(planUrl(), { intent: "publish", summary: "协同是短板。" })).status).toBe(302);

    expect((await employee.get(`/surveys/actions/${id}?lng=en`)).status).toBe(200);
    expect((await outsider.get(`/surveys/actions/${id}`)).status).toBe(404);
    expect((await outsider.post(`/surveys/actions/${id}`, { status: "done" })).status).toBe(404);
    expect((await govHead.get(`/surveys/actions/${id}`)).status).toBe(404);
    expect((await employee.post(`/surveys/actions/${id}`, { status: "done", title: "改名" })).status).toBe(400);
    expect((await employee.post(`/surveys/actions/${id}`, { status: "in_progress", progressNote: "已开第一次例会" })).status).toBe(302);

    const results = await (await employee.get("/surveys/results")).text();
    expect(results).toContain("每周例会通报进展");
    expect(results).toContain("已开第一次例会");
    expect(await (await outsider.get("/surveys/results")).text()).not.toContain("每周例会通报进展");
  });

  it("removing an action is for heads in scope", async () => {
    const { id } = await db.surveyAction.findFirstOrThrow({ where: { title: action.title }, select: { id: true } });
    expect((await employee.post(planUrl(), { intent: "removeAction", actionId: id })).status).toBe(403);
    expect((await govHead.post(planUrl("JC-GE-GOV"), { intent: "removeAction", actionId: id })).status).toBe(404);
    expect((await finHead.post(planUrl(), { intent: "removeAction", actionId: id })).status).toBe(302);
    expect(await db.surveyAction.count({ where: { id } })).toBe(0);
  });
});
