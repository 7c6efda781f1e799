import { beforeAll, describe, expect, it } from "vitest";
import { dictionaries } from "~/locales";
import { JOB_NAMES } from "~/server/jobs/jobs.server";
import { db } from "~/utils/db.server";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let sysadmin: Client;
let hr: Client;
let employee: Client;
let org: Awaited<ReturnType<typeof demoOrg>>;

beforeAll(async () => {
  app = await testApp();
  org = await demoOrg();
  sysadmin = await signedIn(app, await userFor("E000006"));
  hr = await signedIn(app, await userFor("E000003"));
  employee = await signedIn(app, await userFor("E000004"));
});

describe("the background jobs page", () => {
  it("belongs to the sysadmin and lists every job in both languages", async () => {
    expect((await hr.get("/admin/jobs")).status).toBe(403);
    expect((await employee.get("/admin/jobs")).status).toBe(403);
    for (const lng of ["zh-CN", "en"] as const) {
      const response = await sysadmin.get(`/admin/jobs?lng=${lng}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      for (const name of JOB_NAMES) {
        expect(html).toContain(`data-job="${name}"`);
        expect(html).toContain(dictionaries[lng][`jobs.name.${name}` as keyof (typeof dictionaries)["en"]]);
      }
    }
    // Each English key has its Chinese counterpart and back (defineMessages checks the types).
    const jobKeys = (lng: "zh-CN" | "en") =>
      Object.keys(dictionaries[lng])
        .filter((k) => k.startsWith("jobs."))
        .sort();
    expect(jobKeys("en")).toEqual(jobKeys("zh-CN"));
  });

  it("runs a job now for the sysadmin, audited, and for nobody else", async () => {
    expect((await hr.post("/admin/jobs", { intent: "run", name: "sessions.purge" })).status).toBe(403);
    expect((await employee.post("/admin/jobs", { intent: "run", name: "sessions.purge" })).status).toBe(403);
    expect(await db.jobLease.count({ where: { name: "sessions.purge" } })).toBe(0);
    expect((await sysadmin.post("/admin/jobs", { intent: "run", name: "no.such.job" })).status).toBe(400);

    const response = await sysadmin.post("/admin/jobs", { intent: "run", name: "sessions.purge" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/jobs");
    expect(await db.jobLease.findUniqueOrThrow({ where: { name: "sessions.purge" } })).toMatchObject({
      runs: 1,
      failures: 0,
      holder: null,
    });
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "job.runNow" } });
    expect(entry).toMatchObject({ actorId: org.userId.get("E000006"), entity: "JobLease", entityId: "sessions.purge" });
    expect(JSON.parse(entry.after!)).toEqual({ result: "ok" });
  });
});
