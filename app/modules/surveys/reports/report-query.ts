import { z } from "~/utils/validation";
import { invariantResponse } from "~/utils/http.server";

const recordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** How the comments section is read: a search over every item's comments, and per item a theme and how many are shown. */
export type CommentsQuery = { q: string; themes: Record<string, string>; shown: Record<string, number> };

/** The comments section's search params: `cq` (search), `ct.<item>` (theme), `cn.<item>` (how many shown, 20 at a time). */
export function commentsQuery(params: URLSearchParams): CommentsQuery {
  const query: CommentsQuery = { q: (params.get("cq") ?? "").trim().slice(0, 100), themes: {}, shown: {} };
  for (const [name, value] of params) {
    const [kind, item] = [name.slice(0, 3), name.slice(3)];
    if (!recordId.safeParse(item).success) continue;
    if (kind === "ct." && value) query.themes[item] = value.slice(0, 40);
    if (kind === "cn.") {
      const n = Math.trunc(Number(value));
      if (Number.isFinite(n) && n > 0) query.shown[item] = Math.min(Math.ceil(n / 20) * 20, 10_000);
    }
  }
  return query;
}

/** Route params and search params of the report pages: a malformed unit is a 404, a malformed filter a 400. */
export const reportQuery = {
  params: z.object({ surveyId: recordId }),
  search(params: URLSearchParams) {
    const unit = params.get("unit");
    const filter = params.get("filter");
    invariantResponse(!unit || recordId.safeParse(unit).success, 404);
    invariantResponse(!filter || /^(track|tenure):[A-Za-z0-9_-]{1,32}$/.test(filter), 400);
    return { unitId: unit || undefined, filter: filter || null, comments: commentsQuery(params) };
  },
};
