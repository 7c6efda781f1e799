import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import { upsertEmployees } from "./employee-sync.server";
import { EmployeeSyncRowSchema } from "./org-sync";

let actorId: string;

beforeAll(async () => {
  await demoOrg();
  actorId = (await db.user.findFirstOrThrow({ select: { id: true } })).id;
});

async function rowOf(employeeNo: string, externalId: string) {
  const e = await db.employee.findUniqueOrThrow({ where: { employeeNo }, include: { unit: true, position: true } });
  return {
    id: e.id,
    row: {
      externalId,
      employeeNo: e.employeeNo,
      name: e.name,
      email: e.email,
      unitCode: e.unit.code,
      positionCode: e.position.code,
      track: e.track,
      level: e.level,
      hireDate: e.hireDate.toISOString().slice(0, 10),
    },
  };
}

const parse = (row: Record<string, unknown>) => EmployeeSyncRowSchema.parse(row);
const leftOnOf = async (id: string) => (await db.employee.findUniqueOrThrow({ where: { id }, select: { leftOn: true } })).leftOn;

describe("leavers in the directory sync", () => {
  it("a person turned inactive without a date left on the day of the change (the organisation's calendar day)", async () => {
    const { id, row } = await rowOf("E000101", "HR-LEAVER-1");
    // 23:30 UTC on 9 September is already 10 September in China.
    const at = new Date("2026-09-09T23:30:00Z");
    expect(await upsertEmployees(db, actorId, [parse({ ...row, active: false })], at)).toMatchObject({ ok: true, updated: 1 });
    expect(await leftOnOf(id)).toEqual(new Date("2026-09-10T00:00:00Z"));
    // A later sync without a date keeps it.
    const later = await upsertEmployees(db, actorId, [parse({ ...row, active: false })], new Date("2026-10-01T04:00:00Z"));
    expect(later).toMatchObject({ ok: true, unchanged: 1 });
    expect(await leftOnOf(id)).toEqual(new Date("2026-09-10T00:00:00Z"));
  });

  it("takes the leaving date sent, refuses one on an active row or before the hire date, and clears it when they come back", async () => {
    const { id, row } = await rowOf("E000102", "HR-LEAVER-2");
    expect(EmployeeSyncRowSchema.safeParse({ ...row, leftOn: "2026-08-20" }).error?.issues.map((i) => [i.path, i.message])).toEqual([
      [["leftOn"], "integration.errors.leftOnWhileActive"],
    ]);
    expect(EmployeeSyncRowSchema.safeParse({ ...row, active: false, leftOn: "1990-01-01" }).error?.issues.map((i) => i.path)).toEqual([
      ["leftOn"],
    ]);
    await upsertEmployees(db, actorId, [parse({ ...row, active: false, leftOn: "2026-08-20" })]);
    expect(await leftOnOf(id)).toEqual(new Date("2026-08-20T00:00:00Z"));
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: id, action: "employee.sync.update" }, orderBy: { id: "desc" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ active: false, leftOn: "2026-08-20T00:00:00.000Z" });

    expect(await upsertEmployees(db, actorId, [parse(row)])).toMatchObject({ ok: true, updated: 1 });
    expect(await leftOnOf(id)).toBeNull();
  });
});
