import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { recordSessionAttendance } from "~/modules/integration/training-attendance.server";
import { db } from "~/utils/db.server";
import { getT } from "~/utils/i18n";
import { requireScope, type ApiEnv } from "./auth";
import { apiError, apiLocale, errorResponses } from "./errors";

const score = z.number().int().min(0).max(1000).nullable().default(null);
const AttendanceRowSchema = z
  .object({
    employeeNo: z.string().trim().min(1).max(20),
    attendance: z.enum(["attended", "absent"]).nullable(),
    preScore: score,
    postScore: score,
  })
  .strict()
  .openapi("AttendanceRow");

const attendanceRoute = createRoute({
  method: "post",
  path: "/training/sessions/{sessionId}/attendance",
  tags: ["Training"],
  summary: "Record attendance and test scores of a session's participants (all or nothing, idempotent)",
  middleware: [requireScope("training:write")] as const,
  request: {
    params: z.object({ sessionId: z.string().min(1).max(64) }),
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ participants: z.array(AttendanceRowSchema).min(1).max(1000) }).strict() } },
    },
  },
  responses: {
    200: {
      description: "Recorded",
      content: {
        "application/json": { schema: z.object({ received: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }) },
      },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
  },
});

export function trainingApi(app: OpenAPIHono<ApiEnv>) {
  app.openapi(attendanceRoute, async (c) => {
    const outcome = await recordSessionAttendance(
      db,
      c.get("caller").actorId,
      c.req.valid("param").sessionId,
      c.req.valid("json").participants,
    );
    if (outcome.ok) return c.json({ received: outcome.received, changed: outcome.changed, unchanged: outcome.unchanged }, 200);
    const t = getT(apiLocale(c));
    const details = outcome.errors.map((e) => ({
      path: e.row === undefined ? e.field : `participants.${e.row}.${e.field}`,
      message: t(e.message),
    }));
    if (outcome.status === 404) return apiError(c, 404, "not_found", "No such training session") as never;
    if (outcome.status === 409) return apiError(c, 409, "conflict", "The session was cancelled", details) as never;
    return apiError(c, 400, "invalid_rows", "Some rows break the rules; nothing was recorded", details) as never;
  });
}
