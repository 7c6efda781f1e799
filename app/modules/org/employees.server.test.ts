import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import { importEmployees, setEmployeeActive } from "./employees.server";

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

describe("leavers", () => {
  it("deactivation stores the last working day and audits it; a day before hire is refused on its field; activation clears it", async () => {
    const employee = await db.employee.findFirstOrThrow({
      where: { active: true, hireDate: { gt: new Date("2015-01-01T00:00:00Z") } },
      orderBy: { employeeNo: "asc" },
      select: { id: true, hireDate: true },
    });
    const actor = await db.user.findFirstOrThrow({ select: { id: true } });
    const now = new Date("2026-09-10T04:00:00Z");
    const dayBefore = new Date(employee.hireDate.getTime() - 24 * 3600 * 1000).toISOString().slice(0, 10);

    const refused = setEmployeeActive(db, actor.id, employee.id, { active: false, leftOn: dayBefore }, now);
    await expect(refused).rejects.toMatchObject({ field: "leftOn", key: "org.errors.leftBeforeHire" });
    await expect(setEmployeeActive(db, actor.id, employee.id, { active: false, leftOn: "2026-10-12" }, now)).rejects.toMatchObject({
      field: "leftOn",
      key: "org.errors.leftTooFarAhead",
    });
    expect(await db.employee.findUniqueOrThrow({ where: { id: employee.id }, select: { active: true, leftOn: true } })).toEqual({
      active: true,
      leftOn: null,
    });

    // 31 days after today is the furthest allowed.
    await setEmployeeActive(db, actor.id, employee.id, { active: false, leftOn: "2026-10-11" }, now);
    expect(await db.employee.findUniqueOrThrow({ where: { id: employee.id }, select: { active: true, leftOn: true } })).toEqual({
      active: false,
      leftOn: new Date("2026-10-11T00:00:00Z"),
    });
    const deactivated = await db.auditLog.findFirstOrThrow({
      where: { entityId: employee.id, action: "employee.deactivate" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(deactivated.after!)).toEqual({ active: false, leftOn: "2026-10-11" });

    await setEmployeeActive(db, actor.id, employee.id, { active: true }, now);
    expect(await db.employee.findUniqueOrThrow({ where: { id: employee.id }, select: { active: true, leftOn: true } })).toEqual({
      active: true,
      leftOn: null,
    });
    const activated = await db.auditLog.findFirstOrThrow({ where: { entityId: employee.id, action: "employee.activate" } });
    expect(JSON.parse(activated.before!)).toEqual({ active: false, leftOn: "2026-10-11" });
  });
});
