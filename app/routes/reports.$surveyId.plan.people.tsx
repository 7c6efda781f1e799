import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { PeopleQuery } from "~/modules/surveys/reports/plan-actions";
import { searchOwners } from "~/modules/surveys/reports/plan-actions.server";
import { reportQuery } from "~/modules/surveys/reports/report-query";
import { db } from "~/utils/db.server";
import { invariantResponse, parseParams } from "~/utils/http.server";

export type OwnerSuggestions = { people: { label: string; unitZh: string; unitEn: string }[] };

/** The owner picker's suggestions: people of the plan's unit (and below) matching a name or employee number. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "survey.actionPlan");
  const { surveyId } = parseParams(args.params, reportQuery.params);
  const url = new URL(args.request.url);
  const { unitId } = reportQuery.search(url.searchParams);
  invariantResponse(unitId, 404);
  const query = PeopleQuery.safeParse({ q: url.searchParams.get("q") ?? "" });
  const people = await searchOwners(db, user, { surveyId, unitId }, query.success ? query.data.q : "");
  const body: OwnerSuggestions = { people: query.success ? people : [] };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}
