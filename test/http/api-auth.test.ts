import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { revokeApiToken } from "~/modules/integration/tokens.server";
import { apiClient, apiToken } from "../api";
import { demoOrg, signedIn, testApp, userFor } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  await demoOrg();
  app = await testApp();
});

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; details?: { path: string; message: string }[] } }).error;
}

describe("API authentication", () => {
  it("refuses a request without a token, with a malformed or an unknown one", async () => {
    for (const token of [undefined, "nonsense", "ge_aaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]) {
      const response = await apiClient(app, token).get("/units");
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
      expect((await errorOf(response)).code).toBe("unauthorized");
    }
  });

  it("refuses an expired token, a revoked one and a token with a wrong secret", async () => {
    const expired = await apiToken(["org:read"], { expiresAt: new Date(Date.now() - 1000) });
    expect((await apiClient(app, expired.token).get("/units")).status).toBe(401);

    const revoked = await apiToken(["org:read"]);
    expect((await apiClient(app, revoked.token).get("/units")).status).toBe(200);
    await revokeApiToken(db, revoked.userId, revoked.id);
    expect((await apiClient(app, revoked.token).get("/units")).status).toBe(401);

    const good = await apiToken(["org:read"]);
    const forged = good.token.slice(0, -4) + "aaaa";
    expect((await apiClient(app, forged).get("/units")).status).toBe(401);
  });

  it("stops a token when its creator's account is disabled", async () => {
    const { token, userId } = await apiToken(["org:read"]);
    await db.user.update({ where: { id: userId }, data: { disabled: true } });
    try {
      expect((await apiClient(app, token).get("/units")).status).toBe(401);
    } finally {
      await db.user.update({ where: { id: userId }, data: { disabled: false } });
    }
  });

  it("does not accept a signed-in browser session in place of a token", async () => {
    const browser = await signedIn(app, await userFor("E000003"));
    const response = await browser.get("/api/v1/units");
    expect(response.status).toBe(401);
  });

  it("stores only a hash and records when the token was last used", async () => {
    const { token, id } = await apiToken(["org:read"]);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(token.split(".")[1]);
    expect(row.lastUsedAt).toBeNull();
    await apiClient(app, token).get("/units");
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });
});

describe("API scopes", () => {
  it("answers 403 when the token lacks the scope", async () => {
    const { token } = await apiToken(["org:read"]);
    const response = await apiClient(app, token).post("/units/upsert", { units: [] });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: "forbidden", message: expect.stringContaining("org:write") });
  });

  it("never grants more than the creator's role: a sysadmin's token cannot write the organisation", async () => {
    const { token } = await apiToken(["org:write", "org:read"], { employeeNo: "E000006" });
    expect((await apiClient(app, token).get("/units")).status).toBe(200);
    expect((await apiClient(app, token).post("/units/upsert", { units: [] })).status).toBe(403);
  });
});

describe("API limits and errors", () => {
  it("answers 413 for a body over the size limit, before parsing it", async () => {
    const { token } = await apiToken(["org:write"]);
    const big = JSON.stringify({ units: [{ externalId: "x", nameZh: "x".repeat(1_100_000) }] });
    const response = await apiClient(app, token).post("/units/upsert", big);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("payload_too_large");
  });

  it("answers 415 for a body that is not JSON and 400 for malformed JSON", async () => {
    const { token } = await apiToken(["org:write"]);
    const form = await apiClient(app, token).post("/units/upsert", "units=1", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    const malformed = await apiClient(app, token).post("/units/upsert", "{ units: ");
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe("validation_error");
  });

  it("answers 429 with Retry-After once a token reaches its rate limit", async () => {
    const { token } = await apiToken(["org:read"], { rateLimitPerMinute: 3 });
    const other = await apiToken(["org:read"], { rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await apiClient(app, token).get("/units")).status).toBe(200);
    const limited = await apiClient(app, token).get("/units");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await errorOf(limited)).code).toBe("rate_limited");
    expect((await apiClient(app, other.token).get("/units")).status).toBe(200);
  });

  it("answers unknown endpoints with the same error shape", async () => {
    const { token } = await apiToken(["org:read"]);
    const response = await apiClient(app, token).get("/nothing-here");
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("not_found");
  });

  it("publishes an OpenAPI document generated from the request schemas", async () => {
    const response = await app.request("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { additionalProperties?: unknown; properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/units", "/units/upsert", "/employees", "/employees/upsert"]));
    expect(doc.components.schemas.UnitSyncRow.properties).toHaveProperty("externalId");
    expect(doc.components.schemas.UnitSyncRow.additionalProperties).toBe(false);
  });
});
