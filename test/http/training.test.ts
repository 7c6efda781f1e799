import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";
import { seedKpiDemo } from "../../prisma/seed/kpi";
import { seedTrainingDemo } from "../../prisma/seed/training";

let app: Awaited<ReturnType<typeof testApp>>;
let ctx: Awaited<ReturnType<typeof demoOrg>>;
let employee: Client;
let finHead: Client;
let hr: Client;

beforeAll(async () => {
  ctx = await demoOrg();
  await seedKpiDemo(ctx);
  await seedTrainingDemo(ctx);
  app = await testApp();
  employee = await signedIn(app, await userFor("E000004"));
  finHead = await signedIn(app, await userFor("E000002"));
  hr = await signedIn(app, await userFor("E000003"));
});

const year = new Date().getUTCFullYear();

describe("training routes: roles and scope", () => {
  it("lets everyone browse the catalogue and their own record", async () => {
    expect((await employee.get("/training")).status).toBe(200);
    expect((await employee.get("/me/training")).status).toBe(200);
    expect((await employee.get(`/training/people/${ctx.employeeId.get("E000004")}`)).status).toBe(200);
  });

  it("answers 404 when an employee opens someone else's record", async () => {
    expect((await employee.get(`/training/people/${ctx.employeeId.get("E000005")}`)).status).toBe(404);
  });

  it("offers a session as a calendar file to anyone signed in, and nothing to a visitor", async () => {
    const session = await db.trainingSession.findFirstOrThrow({
      select: { id: true, startsAt: true, course: { select: { titleZh: true } } },
    });
    const response = await employee.get(`/training/sessions/${session.id}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/calendar/);
    const ics = await response.text();
    expect(ics).toContain(
      `DTSTART:${session.startsAt
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}`,
    );
    expect(ics).toContain("BEGIN:VEVENT");
    expect((await employee.get("/training/sessions/nope.ics")).status).toBe(404);
    expect((await app.request(`/training/sessions/${session.id}.ics`)).status).toBe(302);
  });

  it("refuses reports and needs to employees with 403", async () => {
    expect((await employee.get("/training/reports")).status).toBe(403);
    expect((await employee.get("/training/needs")).status).toBe(403);
    expect((await employee.get(`/training/reports/csv?kind=hours&year=${year}`)).status).toBe(403);
  });

  it("keeps a room head inside their room", async () => {
    const gov = await db.employee.findFirstOrThrow({ where: { unit: { code: "JC-GE-GOV" } }, select: { id: true } });
    expect((await finHead.get(`/training/people/${gov.id}`)).status).toBe(404);
    expect((await finHead.get(`/training/people/${ctx.employeeId.get("E000004")}`)).status).toBe(200);
    const report = await finHead.get("/training/reports");
    expect(report.status).toBe(200);
    const html = await report.text();
    const govName = (
      await db.employee.findFirstOrThrow({ where: { unit: { code: "JC-GE-GOV" }, position: { code: "AM" } }, select: { name: true } })
    ).name;
    expect(html).not.toContain(govName);
  });

  it("exports CSV for heads, scoped, with a byte-order mark", async () => {
    const res = await finHead.get(`/training/reports/csv?kind=hours&year=${year}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const finance = await db.employee.count({ where: { active: true, unit: { code: "JC-GE-FIN" } } });
    expect(text.trim().split("\r\n")).toHaveLength(finance + 1);
    expect((await finHead.get(`/training/reports/csv?kind=bogus&year=${year}`)).status).toBe(400);
  });

  it("lets only HR create courses, refusing unknown fields", async () => {
    const course = {
      code: "T-ROUTE",
      titleZh: "路由测试",
      titleEn: "Route test",
      topic: "negotiation",
      format: "classroom",
      hours: "7",
      costYuan: "1200.50",
    };
    expect((await employee.post("/training", course)).status).toBe(403);
    expect((await finHead.post("/training", course)).status).toBe(403);
    expect((await hr.post("/training", { ...course, costFen: "1" })).status).toBe(400);
    expect((await hr.post("/training", { ...course, costYuan: "12.345" })).status).toBe(400);
    const ok = await hr.post("/training", course);
    expect(ok.status).toBe(302);
    const saved = await db.trainingCourse.findUniqueOrThrow({ where: { code: "T-ROUTE" } });
    expect(saved.costFen).toBe(120050);
    expect(saved.hoursTenths).toBe(70);
  });

  it("lets an employee enrol but not nominate or record attendance", async () => {
    const session = await db.trainingSession.findFirstOrThrow({
      where: { status: "scheduled", course: { code: "GE-BID" } },
      select: { id: true },
    });
    const res = await employee.post(`/training/sessions/${session.id}`, { intent: "enrol" });
    expect(res.status).toBe(302);
    expect(
      await db.trainingEnrolment.count({ where: { sessionId: session.id, employeeId: ctx.employeeId.get("E000004"), status: "enrolled" } }),
    ).toBe(1);
    expect(
      (await employee.post(`/training/sessions/${session.id}`, { intent: "nominate", employeeId: ctx.employeeId.get("E000005")! })).status,
    ).toBe(403);
    expect((await employee.post(`/training/sessions/${session.id}`, { intent: "complete" })).status).toBe(403);
    expect((await employee.post(`/training/sessions/${session.id}`, { intent: "enrol", role: "hr_admin" })).status).toBe(400);
  });

  it("lets a head nominate from the people picker inside their scope, and nobody outside it", async () => {
    const session = await db.trainingSession.findFirstOrThrow({
      where: { status: "scheduled", course: { code: "GE-BID" } },
      select: { id: true },
    });
    const gov = await db.employee.findFirstOrThrow({
      where: { unit: { code: "JC-GE-GOV" }, active: true },
      select: { id: true, name: true, employeeNo: true },
    });
    const outside = await finHead.post(`/training/sessions/${session.id}`, {
      intent: "nominate",
      employee: `${gov.name} · ${gov.employeeNo}`,
    });
    expect([outside.status, await outside.text()]).toEqual([400, expect.stringContaining("training.errors.chooseEmployee")]);
    expect(await db.trainingEnrolment.count({ where: { sessionId: session.id, employeeId: gov.id } })).toBe(0);
    const nobody = await finHead.post(`/training/sessions/${session.id}`, { intent: "nominate", employee: "somebody" });
    expect(nobody.status).toBe(400);
    // The picker's text ("name · number"), or a bare number in lower case, finds the person.
    const ok = await finHead.post(`/training/sessions/${session.id}`, { intent: "nominate", employee: "赵磊 · e000005" });
    expect(ok.status).toBe(302);
    expect(await db.trainingEnrolment.count({ where: { sessionId: session.id, employeeId: ctx.employeeId.get("E000005") } })).toBe(1);
  });

  it("shows a manager only their own behaviour assessments", async () => {
    const headsAssessment = await db.trainingBehaviourAssessment.findFirstOrThrow({
      where: { managerId: ctx.employeeId.get("E000001") },
      select: { id: true },
    });
    expect((await employee.get(`/training/assessments/${headsAssessment.id}`)).status).toBe(404);
    const head = await signedIn(app, await userFor("E000001"));
    expect((await head.get(`/training/assessments/${headsAssessment.id}`)).status).toBe(200);
    const page = await head.get("/me/training");
    expect(await page.text()).toContain('data-testid="assessments-due"');
  });
});

describe("training pages in both languages", () => {
  it("render every string through the translation layer", async () => {
    const course = await db.trainingCourse.findUniqueOrThrow({ where: { code: "GE-5G-LAB" }, select: { id: true } });
    const session = await db.trainingSession.findFirstOrThrow({ where: { courseId: course.id }, select: { id: true } });
    for (const lng of ["zh-CN", "en"]) {
      for (const path of [
        "/training",
        "/training/reports",
        "/training/needs",
        "/me/training",
        `/training/courses/${course.id}`,
        `/training/sessions/${session.id}`,
      ]) {
        const res = await hr.get(`${path}?lng=${lng}`);
        expect(res.status, path).toBe(200);
        const text = (await res.text()).replace(/<script[\s\S]*?<\/script>/g, "");
        expect(text.match(/>[^<]*\b(training|nav)\.[a-zA-Z]/g), `${lng} ${path}`).toBeNull();
      }
    }
  });
});
