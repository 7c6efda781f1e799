import { db } from "~/utils/db.server";
import { createApiToken } from "~/modules/integration/tokens.server";
import type { ApiScope } from "~/modules/integration/scopes";
import type { testApp } from "./utils";

type App = Awaited<ReturnType<typeof testApp>>;

/** Creates an API token as the given demo employee (HR by default). */
export async function apiToken(scopes: ApiScope[], options: { employeeNo?: string; expiresAt?: Date; rateLimitPerMinute?: number } = {}) {
  const user = await db.user.findFirstOrThrow({
    where: { employee: { employeeNo: options.employeeNo ?? "E000003" } },
    select: { id: true },
  });
  const { token, id } = await createApiToken(db, user.id, {
    name: "test",
    scopes,
    expiresAt: options.expiresAt ?? new Date(Date.now() + 86_400_000),
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
  });
  return { token, id, userId: user.id };
}

/** A bearer-token client for /api/v1 (no cookie, no Origin: like a server-to-server call). */
export function apiClient(app: App, token?: string) {
  const headers = (extra?: Record<string, string>) => ({ ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra });
  return {
    get: (path: string, extra?: Record<string, string>) => app.request(`/api/v1${path}`, { headers: headers(extra) }),
    post: (path: string, body: unknown, extra?: Record<string, string>) =>
      app.request(`/api/v1${path}`, {
        method: "POST",
        headers: headers({ "Content-Type": "application/json", ...extra }),
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
  };
}
