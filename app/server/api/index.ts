import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { bearerAuth, jsonBodies, type ApiEnv } from "./auth";
import { DomainError } from "~/utils/domain-error";
import { apiError, apiLocale, apiRefusal, zodDetails } from "./errors";
import { kpiApi } from "./kpi";
import { orgApi } from "./org";
import { suggestionsApi } from "./suggestions";
import { payApi } from "./pay";
import { surveysApi } from "./surveys";
import { trainingApi } from "./training";

/** Bodies above this are refused before they are read in full. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The versioned JSON API; endpoint groups are mounted here. */
export function apiRoutes() {
  const api = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success)
        return apiError(
          c,
          400,
          "validation_error",
          "The request is invalid",
          zodDetails(result.error, apiLocale(c), result.target === "json" ? [] : [result.target]),
        );
    },
  });
  api.notFound((c) => apiError(c, 404, "not_found", "No such endpoint"));
  api.onError((error, c) => {
    if (error instanceof DomainError) return apiRefusal(c, error);
    if (error instanceof HTTPException && error.status < 500)
      return apiError(c, error.status as 400, error.status === 400 ? "validation_error" : "not_found", error.message);
    console.error(error);
    return apiError(c, 500, "internal_error", "Unexpected error");
  });

  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token created by HR under /admin/api-tokens",
  });
  api.doc("/openapi.json", {
    openapi: "3.0.3",
    info: {
      title: "G&E Staff Development Platform API",
      version: "1.0.0",
      description: "Errors: { error: { code, message, details?: [{ path, message }] } }",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
  });

  api.use("*", bearerAuth());
  api.use("*", jsonBodies());
  api.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => apiError(c, 413, "payload_too_large", `The body may be at most ${MAX_BODY_BYTES} bytes`),
    }),
  );

  orgApi(api);
  kpiApi(api);
  surveysApi(api);
  suggestionsApi(api);
  payApi(api);
  trainingApi(api);
  // Mounted under the app, a sub-app's notFound is not consulted: answer unknown paths here.
  api.all("*", (c) => apiError(c, 404, "not_found", "No such endpoint"));
  return api;
}
