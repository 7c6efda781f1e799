import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg, signedIn, testApp, userFor } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  await demoOrg();
  app = await testApp();
});

const form = (entries: [string, string][]) => new URLSearchParams(entries);

describe("the API tokens page", () => {
  it("lets HR create a token with a scope and shows it in that answer only", async () => {
    const hr = await signedIn(app, await userFor("E000003"));
    const response = await hr.post(
      "/admin/api-tokens",
      form([
        ["intent", "create"],
        ["name", "sync"],
        ["scopes", "org:read"],
        ["expiresInDays", "30"],
        ["rateLimitPerMinute", "60"],
      ]),
    );
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(text).toMatch(/ge_[a-z2-7]{24}\.[a-z2-7]{32}/);
    const row = await db.apiToken.findFirstOrThrow({ where: { name: "sync" } });
    expect(JSON.parse(row.scopesJson)).toEqual(["org:read"]);
    const page = await (await hr.get("/admin/api-tokens")).text();
    expect(page).toContain(row.prefix);
    expect(page).not.toMatch(/ge_[a-z2-7]{24}\.[a-z2-7]{32}/);
  });

  it("refuses a scope the role cannot grant, and employees entirely", async () => {
    const admin = await signedIn(app, await userFor("E000006"));
    const response = await admin.post(
      "/admin/api-tokens",
      form([
        ["intent", "create"],
        ["name", "x"],
        ["scopes", "org:write"],
        ["expiresInDays", "30"],
        ["rateLimitPerMinute", "60"],
      ]),
    );
    expect(response.status).toBe(403);
    expect(await db.apiToken.count({ where: { name: "x" } })).toBe(0);
    const employee = await signedIn(app, await userFor("E000004"));
    expect((await employee.get("/admin/api-tokens")).status).toBe(403);
  });
});
