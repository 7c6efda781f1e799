import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import { importEmployees, listEmployees } from "./employees.server";

const HEADER = "employeeNo,name,email,unitCode,positionCode,track,level,hireDate,managerNo";

beforeAll(async () => {
  await demoOrg();
});

describe("employee CSV import", () => {
  it("updates an existing employee's fields and manager beside a new one, in one transaction", async () => {
    const existing = await db.employee.findFirstOrThrow({
      where: { track: "skill", active: true },
      orderBy: { employeeNo: "desc" },
      select: { id: true, employeeNo: true, email: true, updatedAt: true, position: { select: { code: true } } },
    });
    const actor = await db.user.findFirstOrThrow({ select: { id: true } });
    const text = [
      HEADER,
      `${existing.employeeNo},改过的名字,${existing.email},JC-GE-FIN,${existing.position.code},skill,S4,2020-02-29,E990101`,
      `E990101,新来的,e990101@ge.example.com,JC-GE-FIN,AM,skill,S2,2023-07-01,E000002`,
    ].join("\n");

    expect(await importEmployees(db, actor.id, text)).toEqual({ ok: true, created: 1, updated: 1 });

    const updated = await db.employee.findUniqueOrThrow({
      where: { id: existing.id },
      select: {
        name: true,
        level: true,
        hireDate: true,
        updatedAt: true,
        unit: { select: { code: true } },
        manager: { select: { employeeNo: true } },
      },
    });
    expect(updated).toMatchObject({
      name: "改过的名字",
      level: "S4",
      hireDate: new Date("2020-02-29T00:00:00Z"),
      unit: { code: "JC-GE-FIN" },
      manager: { employeeNo: "E990101" },
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(existing.updatedAt.getTime());
    const created = await db.employee.findUniqueOrThrow({
      where: { employeeNo: "E990101" },
      select: { hireDate: true, createdAt: true, manager: { select: { employeeNo: true } } },
    });
    expect(created).toMatchObject({ hireDate: new Date("2023-07-01T00:00:00Z"), manager: { employeeNo: "E000002" } });
    expect(created.createdAt).toBeInstanceOf(Date);
  });
});

describe("employee search", () => {
  it("finds people whatever the letter case typed, on either database", async () => {
    const hr = { userId: "u", role: "hr_admin" as const, employeeId: null, scopePath: null };
    const someone = await db.employee.findFirstOrThrow({
      where: { active: true },
      orderBy: { employeeNo: "asc" },
      select: { employeeNo: true, email: true },
    });
    for (const q of [someone.employeeNo.toLowerCase(), someone.email.toUpperCase()]) {
      const found = await listEmployees(db, hr, { q });
      expect(
        found.rows.map((r) => r.employeeNo),
        q,
      ).toContain(someone.employeeNo);
    }
  });
});
