import { z } from "zod";

/** Throws a 404 Response (caught by the route's ErrorBoundary) when the condition fails. */
export function invariantResponse(condition: unknown, status: 400 | 403 | 404 | 409 = 404, message?: string): asserts condition {
  if (!condition) throw new Response(message ?? String(status), { status });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** Parses route params with Zod; a bad param is a 404, not a 500. */
export function parseParams<S extends z.ZodTypeAny>(params: Record<string, string | undefined>, schema: S): z.infer<S> {
  const result = schema.safeParse(params);
  if (!result.success) notFound();
  return result.data;
}

export const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

/** Only same-site relative paths may be redirected to after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
