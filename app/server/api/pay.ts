import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { audit } from "~/modules/audit/audit.server";
import { payrollRows } from "~/modules/pay/views.server";
import { db } from "~/utils/db.server";
import { requireScope, type ApiEnv } from "./auth";
import { apiError, errorResponses } from "./errors";

const PayrollRowSchema = z
  .object({
    employeeNo: z.string(),
    name: z.string(),
    unit: z.string(),
    track: z.string(),
    level: z.string(),
    score: z.number().int().nullable().openapi({ description: "Weighted KPI total in hundredths of a point" }),
    rating: z.string().nullable(),
    daysPaid: z.number().int().nullable(),
    periodDays: z.number().int().nullable(),
    basePayFen: z.number().int(),
    performancePayFen: z.number().int(),
    growthBonusFen: z.number().int(),
    poolShareFen: z.number().int(),
    adjustmentsFen: z.number().int(),
    totalFen: z.number().int().openapi({ description: "Gross total in fen; tax and social insurance are the payroll system's" }),
    calibrationReason: z.string().nullable(),
    runKind: z.enum(["period", "monthly", "settlement"]).openapi({ description: "period, monthly (base and advance) or settlement" }),
    advanceFen: z.number().int().openapi({ description: "Monthly run: the performance advance; 0 otherwise" }),
    advancesDeductedFen: z.number().int().openapi({ description: "Settlement run: the advances paid in the period's months, subtracted" }),
    settlementFen: z
      .number()
      .int()
      .openapi({ description: "Settlement run: performance pay minus the advances deducted; negative is a deduction" }),
  })
  .openapi("PayrollRow");

// A POST, like the page's CSV export: every export is written to the audit log, and a GET never writes.
const exportRoute = createRoute({
  method: "post",
  path: "/pay/runs/{runId}/payroll-export",
  tags: ["Pay"],
  summary: "Gross pay lines of a locked run, one per person, for the payroll system (never net pay)",
  middleware: [requireScope("payroll:read")] as const,
  request: { params: z.object({ runId: z.string().min(1).max(64) }) },
  responses: {
    200: {
      description: "Every line of the locked run, amounts in integer fen",
      content: {
        "application/json": {
          schema: z.object({ runId: z.string(), periodCode: z.string(), lines: z.array(PayrollRowSchema) }).openapi("PayrollExport"),
        },
      },
    },
    ...errorResponses(401, 403, 404, 409, 429),
  },
});

export function payApi(app: OpenAPIHono<ApiEnv>) {
  app.openapi(exportRoute, async (c) => {
    const { runId } = c.req.valid("param");
    const run = await db.payRun.findUnique({ where: { id: runId }, select: { periodCode: true, status: true } });
    if (!run) return apiError(c, 404, "not_found", `No pay run ${runId}`) as never;
    if (run.status !== "locked") return apiError(c, 409, "conflict", "Only a locked run is exported to payroll") as never;
    const lines = await payrollRows(db, runId);
    await audit(db, {
      actorId: c.get("caller").actorId,
      action: "pay.run.export",
      entity: "PayRun",
      entityId: runId,
      after: { status: run.status, via: "api" },
    });
    return c.json({ runId, periodCode: run.periodCode, lines }, 200);
  });
}
