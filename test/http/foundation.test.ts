import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { client, demoOrg, ORIGIN, signedIn, testApp, TEST_PASSWORD, userFor } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
const emails: Record<string, string> = {};

beforeAll(async () => {
  app = await testApp();
  await demoOrg();
  emails.hr = await userFor("E000003");
  emails.head = await userFor("E000001");
  emails.roomHead = await userFor("E000002");
  emails.employee = await userFor("E000004");
  emails.sysadmin = await userFor("E000006");
});

const login = (headers: Record<string, string>) =>
  app.request("/login", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ email: emails.employee, password: TEST_PASSWORD }),
  });

describe("HTTP basics", () => {
  it("answers /healthz and sets security headers", async () => {
    const response = await app.request("/healthz");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("renders zh-CN by default and English with ?lng=en, remembered in a cookie", async () => {
    expect(await (await app.request("/login")).text()).toContain('<html lang="zh-CN"');
    const en = await app.request("/login?lng=en");
    expect(await en.text()).toContain('<html lang="en"');
    expect(en.headers.getSetCookie().join()).toContain("lng=en");
    expect(await (await app.request("/login", { headers: { Cookie: "lng=en" } })).text()).toContain('<html lang="en"');
  });
});

describe("sign-in over HTTP", () => {
  it("sets an HttpOnly, SameSite=Lax, Path=/ session cookie without Domain, and a new one each time", async () => {
    const a = await login({ Origin: ORIGIN });
    const b = await login({ Origin: ORIGIN });
    expect(a.status).toBe(302);
    const cookie = a.headers.getSetCookie().find((c) => c.startsWith("session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookie.split(";")[0]).not.toBe(
      b.headers
        .getSetCookie()
        .find((c) => c.startsWith("session="))!
        .split(";")[0],
    );
  });

  it("answers a wrong password with 401 and no cookie", async () => {
    const response = await app.request("/login", {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: emails.employee, password: "wrong password" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("session="))).toBe(false);
    expect(await response.text()).toContain("邮箱或密码不正确");
  });

  it("clears a tampered cookie and sends the visitor to sign in", async () => {
    const response = await app.request("/", { headers: { Cookie: "session=aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" } });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login");
    expect(response.headers.getSetCookie().join()).toMatch(/session=;.*Max-Age=0/);
  });

  it("signs out by deleting the session row; the old cookie no longer works", async () => {
    const user = await signedIn(app, emails.employee);
    const id = user.cookie!.split("=")[1].split(".")[0];
    expect(await db.session.findUnique({ where: { id } })).not.toBeNull();
    const out = await user.post("/logout", {});
    expect(out.status).toBe(302);
    expect(await db.session.findUnique({ where: { id } })).toBeNull();
    expect((await user.get("/")).status).toBe(302);
  });
});

describe("cross-site requests", () => {
  const cases: [string, Record<string, string>][] = [
    ["a foreign Origin", { Origin: "https://evil.example" }],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
    ["neither header", {}],
    ["Origin null", { Origin: "null" }],
  ];
  for (const [name, headers] of cases) {
    it(`refuses a sign-in with ${name}`, async () => {
      const before = await db.session.count();
      const response = await login(headers);
      expect(response.status).toBe(403);
      expect(await db.session.count()).toBe(before);
    });
  }

  it("accepts Sec-Fetch-Site: same-origin without Origin", async () => {
    expect((await login({ "Sec-Fetch-Site": "same-origin" })).status).toBe(302);
  });

  it("refuses a signed-in HR user's cross-site write and changes nothing", async () => {
    const hr = await signedIn(app, emails.hr);
    const before = await db.unit.count();
    const root = await db.unit.findFirstOrThrow({ where: { code: "JC-GE" } });
    const response = await hr.post(
      "/org/units",
      { code: "EVIL", nameZh: "x", nameEn: "x", kind: "room", parentId: root.id, sortOrder: "0" },
      { headers: { Origin: "https://evil.example" } },
    );
    expect(response.status).toBe(403);
    expect(await db.unit.count()).toBe(before);
  });
});

describe("access by role", () => {
  const pages = ["/org/units", "/org/employees", "/org/employees/new", "/org/employees/import", "/admin/users"];
  const allowed: Record<string, string[]> = {
    hr: ["/org/units", "/org/employees", "/org/employees/new", "/org/employees/import"],
    head: ["/org/units", "/org/employees"],
    roomHead: ["/org/units", "/org/employees"],
    employee: [],
    sysadmin: ["/org/units", "/org/employees", "/admin/users"],
  };
  for (const role of Object.keys(allowed)) {
    it(`${role}: 200 where allowed, 403 elsewhere`, async () => {
      const user = await signedIn(app, emails[role]);
      for (const page of pages) {
        const status = (await user.get(page)).status;
        expect(`${page} ${status}`).toBe(`${page} ${allowed[role].includes(page) ? 200 : 403}`);
      }
    });
  }

  it("sends an anonymous visitor to sign in, remembering where they were going", async () => {
    const response = await client(app).get("/org/units");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Forg%2Funits");
  });

  it("shows a room head only their room's employees", async () => {
    const user = await signedIn(app, emails.roomHead);
    const html = await (await user.get("/org/employees?page=1")).text();
    const gov = await db.employee.findFirstOrThrow({ where: { unit: { code: "JC-GE-GOV" } } });
    const fin = await db.employee.findFirstOrThrow({ where: { unit: { code: "JC-GE-FIN" }, employeeNo: { not: "E000002" } } });
    expect(html).toContain(fin.employeeNo);
    expect(html).not.toContain(gov.employeeNo);
    const govUnit = await db.unit.findFirstOrThrow({ where: { code: "JC-GE-GOV" } });
    expect(await (await user.get(`/org/employees?unitId=${govUnit.id}`)).text()).not.toContain(gov.employeeNo);
  });
});

describe("bad input on organisation forms", () => {
  it("refuses unknown fields (mass assignment) and writes nothing", async () => {
    const hr = await signedIn(app, emails.hr);
    const before = await db.employee.count();
    const response = await hr.post("/org/employees/new", {
      employeeNo: "E770001",
      name: "测试",
      email: "e770001@ge.example.com",
      unitCode: "JC-GE-FIN",
      positionCode: "AM",
      track: "skill",
      level: "S3",
      hireDate: "2021-05-01",
      role: "sysadmin",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("不接受的字段");
    expect(await db.employee.count()).toBe(before);
  });

  const garbage: Record<string, string>[] = [
    {},
    { employeeNo: "", name: "", email: "" },
    {
      employeeNo: "E1",
      name: "x".repeat(100_000),
      email: "a@b.cn",
      unitCode: "JC-GE-FIN",
      positionCode: "AM",
      track: "skill",
      level: "S3",
      hireDate: "2021-01-01",
    },
    {
      employeeNo: "E1",
      name: "x",
      email: "a@b.cn",
      unitCode: "JC-GE-FIN",
      positionCode: "AM",
      track: "skill",
      level: "S3",
      hireDate: "NaN",
    },
    {
      employeeNo: "E1",
      name: "x",
      email: "a@b.cn",
      unitCode: "JC-GE-FIN",
      positionCode: "AM",
      track: "wizard",
      level: "1e309",
      hireDate: "-1",
    },
    {
      employeeNo: "E1",
      name: "x",
      email: "a@b.cn",
      unitCode: "NOPE",
      positionCode: "AM",
      track: "skill",
      level: "S3",
      hireDate: "2021-01-01",
    },
  ];
  garbage.forEach((body, i) => {
    it(`answers 400, never 500, to garbage #${i + 1}, and writes nothing`, async () => {
      const hr = await signedIn(app, emails.hr);
      const before = await db.employee.count();
      const response = await hr.post("/org/employees/new", body);
      expect(response.status).toBe(400);
      expect(await db.employee.count()).toBe(before);
    });
  });

  it("keeps what was typed when a form is refused", async () => {
    const hr = await signedIn(app, emails.hr);
    const html = await (
      await hr.post("/org/employees/new", {
        employeeNo: "E880001",
        name: "保留的姓名",
        email: "bad-email",
        unitCode: "JC-GE-FIN",
        positionCode: "AM",
        track: "skill",
        level: "S3",
        hireDate: "2021-01-01",
      })
    ).text();
    expect(html).toContain("保留的姓名");
    expect(html).toContain("请输入有效的邮箱地址");
  });

  it("imports nothing from a malformed or partly wrong CSV and lists the rows", async () => {
    const hr = await signedIn(app, emails.hr);
    const before = await db.employee.count();
    const header = "employeeNo,name,email,unitCode,positionCode,track,level,hireDate,managerNo";
    const form = new FormData();
    form.set(
      "text",
      `${header}\nE990001,甲,e990001@ge.example.com,JC-GE-FIN,AM,skill,S3,2021-01-01,\nE990002,乙,bad,JC-GE-FIN,AM,skill,S3,2021-01-01,`,
    );
    const response = await hr.post("/org/employees/import", form);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("发现 1 个错误，未导入任何数据");
    expect(await db.employee.count()).toBe(before);

    const good = new FormData();
    good.set(
      "text",
      `${header}\nE990001,甲,e990001@ge.example.com,JC-GE-FIN,AM,skill,S3,2021-01-01,E000002\nE990002,乙,e990002@ge.example.com,JC-GE-FIN,AM,skill,S2,2022-01-01,E990001`,
    );
    const ok = await hr.post("/org/employees/import", good);
    expect(ok.status).toBe(200);
    expect(await db.employee.count()).toBe(before + 2);
    const imported = await db.employee.findUniqueOrThrow({
      where: { employeeNo: "E990002" },
      select: { manager: { select: { employeeNo: true } } },
    });
    expect(imported.manager?.employeeNo).toBe("E990001");
  });
});
