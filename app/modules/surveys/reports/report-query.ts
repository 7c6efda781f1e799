import { z } from "~/utils/validation";
import { invariantResponse } from "~/utils/http.server";

const recordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Route params and search params of the report pages: a malformed unit is a 404, a malformed filter a 400. */
export const reportQuery = {
  params: z.object({ surveyId: recordId }),
  search(params: URLSearchParams) {
    const unit = params.get("unit");
    const filter = params.get("filter");
    invariantResponse(!unit || recordId.safeParse(unit).success, 404);
    invariantResponse(!filter || /^(track|tenure):[A-Za-z0-9_-]{1,32}$/.test(filter), 400);
    return { unitId: unit || undefined, filter: filter || null };
  },
};
