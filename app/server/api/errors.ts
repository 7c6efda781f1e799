import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import type { DomainError } from "~/utils/domain-error";
import { getT, type Locale } from "~/utils/i18n";

export const ErrorDetailSchema = z.object({ path: z.string(), message: z.string() });
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

/** The one error shape every /api/v1 answer uses. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_error" }),
      message: z.string(),
      details: z.array(ErrorDetailSchema).optional(),
    }),
  })
  .openapi("Error");

export type ApiErrorCode =
  | "validation_error"
  | "invalid_rows"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "internal_error";

export function apiError(c: Context, status: ContentfulStatusCode, code: ApiErrorCode, message: string, details?: ErrorDetail[]) {
  return c.json({ error: { code, message, ...(details?.length ? { details } : {}) } }, status);
}

const DOMAIN_CODES: Record<DomainError["status"], ApiErrorCode> = {
  400: "validation_error",
  422: "validation_error",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
};

/** A rule's refusal (`DomainError`, as pages answer it in `~/utils/domain-error.server`) in this shape, translated; its field as the detail's path. */
export function apiRefusal(c: Context, error: DomainError) {
  const message = getT(apiLocale(c))(error.message);
  return apiError(c, error.status, DOMAIN_CODES[error.status], message, error.field ? [{ path: error.field, message }] : undefined);
}

/** Zod paths as "rows.3.code"; messages are the app's translation keys, translated. */
export function zodDetails(error: ZodError, locale: Locale, prefix: (string | number)[] = []): ErrorDetail[] {
  const t = getT(locale);
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path].join(".") || "(body)", message: t(issue.message) }));
}

/** API clients are machines: English unless they ask for Chinese. */
export function apiLocale(c: Context): Locale {
  return /^zh\b/i.test(c.req.header("accept-language") ?? "") ? "zh-CN" : "en";
}

/** Standard error responses, for the OpenAPI document. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 429)[]) {
  const descriptions = {
    400: "Invalid request (see details)",
    401: "Missing, unknown, expired or revoked token",
    403: "The token lacks the scope",
    404: "Not found",
    409: "Conflicts with existing records",
    413: "Body too large",
    415: "Body must be application/json",
    429: "Rate limit reached; see Retry-After",
  } as const;
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s], content: { "application/json": { schema: ErrorSchema } } }]),
  ) as Record<(typeof statuses)[number], { description: string; content: { "application/json": { schema: typeof ErrorSchema } } }>;
}
