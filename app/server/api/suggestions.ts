import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { suggestionStats, SuggestionStatsFilters } from "~/modules/suggestions/stats.server";
import { db } from "~/utils/db.server";
import { requireScope, type ApiEnv } from "./auth";
import { errorResponses } from "./errors";

const statsRoute = createRoute({
  method: "get",
  path: "/suggestions/stats",
  tags: ["Suggestions"],
  summary: "Suggestion statistics (counts only; anonymous counts below the minimum group are null)",
  middleware: [requireScope("suggestions:read")] as const,
  request: { query: SuggestionStatsFilters.openapi("SuggestionStatsQuery") },
  responses: {
    200: {
      description: "Aggregates over the suggestions in the token creator's scope",
      content: {
        "application/json": {
          schema: z
            .object({
              total: z.number().int(),
              anonymous: z.number().int().nullable(),
              byStatus: z.record(z.number().int()),
              byCategory: z.array(z.object({ category: z.string(), total: z.number().int(), anonymous: z.number().int().nullable() })),
              adoption: z.object({ adopted: z.number().int(), decided: z.number().int(), rate: z.number().nullable() }),
              minGroupSize: z.number().int(),
            })
            .passthrough()
            .openapi("SuggestionStats"),
        },
      },
    },
    ...errorResponses(400, 401, 403, 429),
  },
});

export function suggestionsApi(app: OpenAPIHono<ApiEnv>) {
  app.openapi(statsRoute, async (c) => {
    const stats = await suggestionStats(db, c.get("caller").actor, c.req.valid("query"));
    return c.json(stats, 200) as never; // documented by the SuggestionStats schema above
  });
}
