import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { SyncOutcome } from "~/modules/integration/org-sync";
import { getT } from "~/utils/i18n";
import { apiError, apiLocale } from "./errors";

export const SyncResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    results: z.array(z.object({ externalId: z.string(), id: z.string(), result: z.enum(["created", "updated", "unchanged"]) })),
  })
  .openapi("SyncResult");

/** 200 with per-row results, or 400/409 with per-row errors (nothing was written). */
export function syncResponse(c: Context, collection: string, outcome: SyncOutcome): Response {
  if (outcome.ok) {
    const { ok: _ok, ...body } = outcome;
    return c.json(body, 200);
  }
  const t = getT(apiLocale(c));
  const details = outcome.errors.map((e) => ({ path: `${collection}.${e.row}.${e.field}`, message: t(e.message) }));
  return outcome.conflict
    ? apiError(c, 409, "conflict", "Rows conflict with existing records; nothing was written", details)
    : apiError(c, 400, "invalid_rows", "Some rows break the rules; nothing was written", details);
}
