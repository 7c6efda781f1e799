import { http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { seedKpiDemo } from "../../prisma/seed/kpi";
import { server } from "../mocks/server";
import { demoOrg, signedIn, testApp, userFor } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  const ctx = await demoOrg();
  await seedKpiDemo(ctx, new Date("2026-11-15T00:00:00Z"));
  app = await testApp();
});

describe("KPI feed pages", () => {
  it("HR configures a feed, pulls it now and sees the result in the history", async () => {
    const hr = await signedIn(app, await userFor("E000003"));
    const period = await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q4" } });
    const fields = {
      intent: "save",
      name: "Billing",
      url: "https://billing.example.com/kpi",
      authHeaderName: "Authorization",
      authSecret: "Bearer s3cret",
      periodId: period.id,
      intervalMinutes: "60",
      enabled: "on",
      rowsPath: "",
      employeeField: "no",
      kpiField: "kpi",
      valueField: "v",
    };
    const bad = await hr.post("/admin/kpi-feeds", { ...fields, url: "ftp://billing.example.com/kpi" });
    expect(bad.status).toBe(400);
    const created = await hr.post("/admin/kpi-feeds", fields);
    expect(created.status).toBe(302);
    const feedUrl = created.headers.get("Location")!;
    let auth: string | null = null;
    server.use(
      http.get("https://billing.example.com/kpi", ({ request }) => {
        auth = request.headers.get("Authorization");
        return HttpResponse.json([{ no: "E000004", kpi: "NEW_CONTRACT_REV", v: 77_000_000 }]);
      }),
    );
    expect((await hr.post(feedUrl, { intent: "pull" })).status).toBe(302);
    expect(auth).toBe("Bearer s3cret");
    const page = await (await hr.get(feedUrl)).text();
    expect(page).toContain("已导入");
    expect(page).not.toContain("s3cret");
    const employee = await signedIn(app, await userFor("E000004"));
    expect((await employee.get(feedUrl)).status).toBe(403);
  });
});

describe("notification channel page", () => {
  it("a sysadmin saves the webhook; HR may not", async () => {
    const admin = await signedIn(app, await userFor("E000006"));
    expect(
      (await admin.post("/admin/notifications", { intent: "save", url: "javascript:alert(1)", format: "generic", enabled: "on" })).status,
    ).toBe(400);
    const saved = await admin.post("/admin/notifications", {
      intent: "save",
      url: "https://oapi.dingtalk.com/robot/send?access_token=t",
      format: "dingtalk",
      secret: "SECx",
      enabled: "on",
    });
    expect(saved.status).toBe(302);
    expect(await db.notificationChannel.findUniqueOrThrow({ where: { id: "default" } })).toMatchObject({
      format: "dingtalk",
      enabled: true,
    });
    expect(await (await admin.get("/admin/notifications")).text()).not.toContain("SECx");
    const hr = await signedIn(app, await userFor("E000003"));
    expect((await hr.get("/admin/notifications")).status).toBe(403);
  });
});
