import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { importActualsForPeriod } from "~/modules/integration/kpi-actuals.server";
import { db } from "~/utils/db.server";
import { getT } from "~/utils/i18n";
import { requireScope, type ApiEnv } from "./auth";
import { apiError, apiLocale, errorResponses } from "./errors";

export const MAX_ACTUALS_PER_REQUEST = 5000;

const ActualRowSchema = z
  .object({
    employeeNo: z.string().trim().min(1).max(20).openapi({ example: "E000104" }),
    kpiCode: z.string().trim().min(1).max(32).openapi({ example: "REV-NEW" }),
    value: z
      .number()
      .int()
      .min(-1e15)
      .max(1e15)
      .openapi({ description: "In the KPI's unit: fen for money, counts, basis points or a 1–5 rating", example: 1250000 }),
  })
  .strict()
  .openapi("KpiActualRow");

const importRoute = createRoute({
  method: "post",
  path: "/kpi/periods/{periodCode}/actuals",
  tags: ["KPI"],
  summary: "Upsert KPI actuals for a period (all or nothing, idempotent)",
  middleware: [requireScope("kpi:write")] as const,
  request: {
    params: z.object({ periodCode: z.string().min(1).max(32).openapi({ example: "2026-11" }) }),
    body: {
      required: true,
      content: {
        "application/json": { schema: z.object({ actuals: z.array(ActualRowSchema).min(1).max(MAX_ACTUALS_PER_REQUEST) }).strict() },
      },
    },
  },
  responses: {
    200: {
      description: "Every row imported; `unchanged` rows already held the same value",
      content: {
        "application/json": {
          schema: z.object({ received: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }).openapi("ActualsResult"),
        },
      },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
  },
});

export function kpiApi(app: OpenAPIHono<ApiEnv>) {
  app.openapi(importRoute, async (c) => {
    const { periodCode } = c.req.valid("param");
    const period = await db.appraisalPeriod.findUnique({ where: { code: periodCode }, select: { id: true } });
    if (!period) return apiError(c, 404, "not_found", `No appraisal period ${periodCode}`) as never;
    const outcome = await importActualsForPeriod(db, c.get("caller").actorId, period.id, c.req.valid("json").actuals);
    if (outcome.ok) return c.json({ received: outcome.received, changed: outcome.changed, unchanged: outcome.unchanged }, 200);
    if (!("errors" in outcome)) {
      if (outcome.reason === "no_period") return apiError(c, 404, "not_found", `No appraisal period ${periodCode}`) as never;
      return apiError(c, 409, "conflict", `The period ${periodCode} is closed; its actuals no longer change`) as never;
    }
    const t = getT(apiLocale(c));
    const details = outcome.errors.map((e) => ({ path: `actuals.${e.row}${e.field ? `.${e.field}` : ""}`, message: t(e.message) }));
    return apiError(c, 400, "invalid_rows", "Some rows break the rules; nothing was imported", details) as never;
  });
}
