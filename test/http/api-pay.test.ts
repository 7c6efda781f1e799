import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { createRun, transitionRun } from "~/modules/pay/runs.server";
import { payConfigFixture, payFixture } from "../pay-fixtures";
import { apiClient, apiToken } from "../api";
import { demoOrg, testApp } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let org: Awaited<ReturnType<typeof demoOrg>>;
const PASSWORD = "a long approval password";

beforeAll(async () => {
  org = await demoOrg();
  await payConfigFixture(db, org.unitId);
  app = await testApp();
  const passwordHash = await hashPassword(PASSWORD);
  for (const no of ["E000005", "E000182"])
    await db.user.update({ where: { id: org.userId.get(no)! }, data: { role: "hr_admin", passwordHash } });
});

describe("payroll export API", () => {
  it("exports a locked run's gross lines in fen, audited; refuses a run not locked and a token without the scope", async () => {
    const { period } = await payFixture(db, org.unitId);
    const run = await createRun(db, org.userId.get("E000003")!, period.id);
    const api = apiClient(app, (await apiToken(["payroll:read"])).token);
    const draft = await api.post(`/pay/runs/${run.id}/payroll-export`, {});
    expect(draft.status).toBe(409);
    await transitionRun(db, org.userId.get("E000005")!, run.id, "review");
    await transitionRun(db, org.userId.get("E000182")!, run.id, "approve", PASSWORD);
    await transitionRun(db, org.userId.get("E000003")!, run.id, "lock");

    const audits = await db.auditLog.count({ where: { action: "pay.run.export", entityId: run.id } });
    const response = await api.post(`/pay/runs/${run.id}/payroll-export`, {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      periodCode: string;
      lines: {
        employeeNo: string;
        basePayFen: number;
        performancePayFen: number;
        growthBonusFen: number;
        poolShareFen: number;
        adjustmentsFen: number;
        totalFen: number;
        rating: string | null;
        daysPaid: number;
        periodDays: number;
      }[];
    };
    expect(body.periodCode).toBe(period.code);
    expect(body.lines).toHaveLength(await db.payLine.count({ where: { runId: run.id } }));
    for (const l of body.lines) {
      expect(l.totalFen).toBe(l.basePayFen + l.performancePayFen + l.growthBonusFen + l.poolShareFen + l.adjustmentsFen);
      expect(l.rating).toMatch(/^[A-E]$/);
      expect(l.periodDays).toBe(92);
    }
    expect(body.lines.reduce((s, l) => s + l.totalFen, 0)).toBe(
      Number((await db.payRun.findUniqueOrThrow({ where: { id: run.id } })).totalFen),
    );
    expect(await db.auditLog.count({ where: { action: "pay.run.export", entityId: run.id } })).toBe(audits + 1);

    expect((await api.post(`/pay/runs/nothing-here/payroll-export`, {})).status).toBe(404);
    const other = apiClient(app, (await apiToken(["org:read"])).token);
    expect((await other.post(`/pay/runs/${run.id}/payroll-export`, {})).status).toBe(403);
    // Without a token the request is a cookie-less cross-site POST: refused before it reaches the API.
    expect([401, 403]).toContain((await apiClient(app).post(`/pay/runs/${run.id}/payroll-export`, {})).status);
  });
});
