import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { listReportableSurveys, loadReport, REPORT_PAGE_SIZE } from "~/modules/surveys/reports/report.server";
import { db } from "~/utils/db.server";
import { requireScope, type ApiEnv } from "./auth";
import { apiError, errorResponses } from "./errors";
import { pageMeta, pageMetaSchema } from "./pagination";

const SplitSchema = z
  .object({ n: z.number(), favourable: z.number(), neutral: z.number(), unfavourable: z.number(), mean: z.number() })
  .nullable();

const listRoute = createRoute({
  method: "get",
  path: "/surveys",
  tags: ["Surveys"],
  summary: "Launched staff surveys",
  middleware: [requireScope("surveys:read")] as const,
  request: { query: z.object({ page: z.coerce.number().int().min(1).max(100000).default(1) }).strict() },
  responses: {
    200: {
      description: `A page of ${REPORT_PAGE_SIZE} surveys, newest first`,
      content: {
        "application/json": {
          schema: z
            .object({
              data: z.array(
                z.object({
                  id: z.string(),
                  titleZh: z.string(),
                  titleEn: z.string(),
                  status: z.string(),
                  opensAt: z.string(),
                  closesAt: z.string(),
                }),
              ),
            })
            .merge(pageMetaSchema()),
        },
      },
    },
    ...errorResponses(400, 401, 403, 429),
  },
});

const resultsRoute = createRoute({
  method: "get",
  path: "/surveys/{surveyId}/results",
  tags: ["Surveys"],
  summary: "Aggregated results of a survey for a unit (never single responses or comments)",
  description:
    "Figures follow the same suppression as the report pages: a group below the survey's minimum (default 5) and any complement that would reveal it is returned as null, with `hidden: true` for the unit itself. Results appear after the survey closes; while it runs, only suppressed response rates.",
  middleware: [requireScope("surveys:read")] as const,
  request: {
    params: z.object({ surveyId: z.string().min(1).max(64) }),
    query: z
      .object({
        unitId: z.string().min(1).max(64).optional().openapi({ description: 'A unit id, or "org" for the whole organisation (default)' }),
        filter: z.string().max(64).optional().openapi({ example: "track:skill" }),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "Aggregated results",
      content: {
        "application/json": {
          schema: z
            .object({
              survey: z.object({ id: z.string(), titleZh: z.string(), titleEn: z.string(), status: z.string(), minGroupSize: z.number() }),
              closed: z.boolean(),
              preparing: z.boolean().optional().openapi({ description: "Closed, but its results are still being aggregated" }),
              unit: z.unknown(),
              hidden: z.boolean().optional(),
              respondents: z.number().nullable().optional(),
              overall: SplitSchema.optional(),
              dimensionSplits: z.record(SplitSchema).nullable().optional(),
              items: z.array(z.unknown()).optional(),
              heatmap: z.array(z.unknown()).optional(),
              live: z.unknown().optional(),
            })
            .openapi("SurveyResults"),
        },
      },
    },
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

/** The report module throws Remix responses (404) for what the actor may not see. */
async function orNotFound<T>(c: Context, work: () => Promise<T>): Promise<T | Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Response && error.status === 404) return apiError(c, 404, "not_found", "No such survey or unit");
    throw error;
  }
}

export function surveysApi(app: OpenAPIHono<ApiEnv>) {
  app.openapi(listRoute, async (c) => {
    const { page } = c.req.valid("query");
    const list = await listReportableSurveys(db, page);
    const data = list.rows.map((s) => ({ ...s, opensAt: s.opensAt.toISOString(), closesAt: s.closesAt.toISOString() }));
    return c.json({ data, ...pageMeta(page, REPORT_PAGE_SIZE, list.total) }, 200);
  });

  app.openapi(resultsRoute, async (c) => {
    const { surveyId } = c.req.valid("param");
    const { unitId, filter } = c.req.valid("query");
    const report = await orNotFound(c, () => loadReport(db, c.get("caller").actor, surveyId, { unitId, filter }));
    if (report instanceof Response) return report as never;
    // Comments are people's own words: they stay in the app, where their own minimum applies.
    const { units: _picker, ...rest } = report;
    const body = "comments" in rest ? (({ comments: _c, commentsReason: _r, ...figures }) => figures)(rest) : rest;
    return c.json(JSON.parse(JSON.stringify(body)), 200) as never; // documented by SurveyResults
  });
}
