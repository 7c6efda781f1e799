import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { unitWhere, type Actor } from "~/modules/auth/scope";
import { invalidateUserSessions } from "~/modules/auth/session.server";
import type { EmployeeInput } from "./org";
import { OrgRuleError } from "./units.server";
import { parseEmployeeCsv, type ParsedImport } from "./csv-import";

export const PAGE_SIZE = 25;

export async function listEmployees(
  db: Db,
  actor: Actor,
  options: { q?: string; unitId?: string; page?: number; includeInactive?: boolean },
) {
  const where = {
    unit: unitWhere(actor),
    ...(options.includeInactive ? {} : { active: true }),
    ...(options.unitId ? { unitId: options.unitId } : {}),
    ...(options.q ? { OR: [{ name: { contains: options.q } }, { employeeNo: { contains: options.q } }, { email: { contains: options.q } }] } : {}),
  };
  const page = Math.max(1, options.page ?? 1);
  const [total, rows] = await Promise.all([
    db.employee.count({ where }),
    db.employee.findMany({
      where,
      orderBy: [{ employeeNo: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        employeeNo: true,
        name: true,
        email: true,
        track: true,
        level: true,
        active: true,
        unit: { select: { nameZh: true, nameEn: true } },
        position: { select: { nameZh: true, nameEn: true } },
      },
    }),
  ]);
  return { total, rows, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** One employee inside the actor's scope, or null (callers answer 404). */
export function getEmployeeInScope(db: Db, actor: Actor, id: string) {
  return db.employee.findFirst({
    where: { id, unit: unitWhere(actor) },
    select: {
      id: true,
      employeeNo: true,
      name: true,
      email: true,
      track: true,
      level: true,
      hireDate: true,
      active: true,
      unit: { select: { id: true, code: true, nameZh: true, nameEn: true, path: true } },
      position: { select: { code: true, nameZh: true, nameEn: true } },
      manager: { select: { employeeNo: true, name: true } },
      user: { select: { id: true, role: true, disabled: true, passwordHash: true } },
    },
  });
}

async function resolveRefs(db: Db, input: EmployeeInput) {
  const [unit, position, manager] = await Promise.all([
    db.unit.findUnique({ where: { code: input.unitCode }, select: { id: true, active: true } }),
    db.position.findUnique({ where: { code: input.positionCode }, select: { id: true } }),
    input.managerNo ? db.employee.findUnique({ where: { employeeNo: input.managerNo }, select: { id: true } }) : null,
  ]);
  if (!unit || !unit.active) throw new OrgRuleError("unitCode", "errors.unknownUnit");
  if (!position) throw new OrgRuleError("positionCode", "errors.unknownPosition");
  if (input.managerNo && !manager) throw new OrgRuleError("managerNo", "errors.unknownManager");
  return { unitId: unit.id, positionId: position.id, managerId: manager?.id ?? null };
}

function employeeData(input: EmployeeInput, refs: { unitId: string; positionId: string; managerId: string | null }) {
  return {
    employeeNo: input.employeeNo,
    name: input.name,
    email: input.email,
    track: input.track,
    level: input.level,
    hireDate: new Date(`${input.hireDate}T00:00:00Z`),
    ...refs,
  };
}

export async function createEmployee(db: Db, actorId: string, input: EmployeeInput) {
  if (await db.employee.findUnique({ where: { employeeNo: input.employeeNo } })) throw new OrgRuleError("employeeNo", "errors.codeTaken");
  if (await db.employee.findUnique({ where: { email: input.email } })) throw new OrgRuleError("email", "errors.emailTaken");
  const refs = await resolveRefs(db, input);
  return db.$transaction(async (tx) => {
    const created = await tx.employee.create({ data: employeeData(input, refs), select: { id: true } });
    await audit(tx, { actorId, action: "employee.create", entity: "Employee", entityId: created.id, after: input });
    return created;
  });
}

export async function updateEmployee(db: Db, actorId: string, id: string, input: EmployeeInput) {
  const current = await db.employee.findUnique({ where: { id }, select: { id: true, employeeNo: true, email: true, unitId: true, level: true, track: true } });
  if (!current) throw new OrgRuleError("id", "errors.notFound");
  const noOwner = await db.employee.findUnique({ where: { employeeNo: input.employeeNo }, select: { id: true } });
  if (noOwner && noOwner.id !== id) throw new OrgRuleError("employeeNo", "errors.codeTaken");
  const emailOwner = await db.employee.findUnique({ where: { email: input.email }, select: { id: true } });
  if (emailOwner && emailOwner.id !== id) throw new OrgRuleError("email", "errors.emailTaken");
  const refs = await resolveRefs(db, input);
  if (refs.managerId && (await isInReportingLine(db, refs.managerId, id))) throw new OrgRuleError("managerNo", "org.errors.managerCycle");
  await db.$transaction(async (tx) => {
    await tx.employee.update({ where: { id }, data: employeeData(input, refs) });
    await audit(tx, { actorId, action: "employee.update", entity: "Employee", entityId: id, before: current, after: input });
  });
}

/** true when `employeeId` is `candidateManagerId` or above them in the reporting line. */
async function isInReportingLine(db: Db, candidateManagerId: string, employeeId: string) {
  let cursor: string | null = candidateManagerId;
  for (let hops = 0; cursor && hops < 100; hops++) {
    if (cursor === employeeId) return true;
    const next: { managerId: string | null } | null = await db.employee.findUnique({ where: { id: cursor }, select: { managerId: true } });
    cursor = next?.managerId ?? null;
  }
  return false;
}

/** Leavers: the employee is deactivated, their account disabled and every session ended. */
export async function setEmployeeActive(db: Db, actorId: string, id: string, active: boolean) {
  const employee = await db.employee.findUnique({ where: { id }, select: { active: true, user: { select: { id: true } } } });
  if (!employee) throw new OrgRuleError("id", "errors.notFound");
  await db.$transaction(async (tx) => {
    await tx.employee.update({ where: { id }, data: { active } });
    if (employee.user) await tx.user.update({ where: { id: employee.user.id }, data: { disabled: !active } });
    await audit(tx, { actorId, action: active ? "employee.activate" : "employee.deactivate", entity: "Employee", entityId: id, before: { active: employee.active }, after: { active } });
  });
  if (!active && employee.user) await invalidateUserSessions(db, employee.user.id);
}

export async function importReference(db: Db) {
  const [units, positions, employees] = await Promise.all([
    db.unit.findMany({ where: { active: true }, select: { code: true } }),
    db.position.findMany({ select: { code: true } }),
    db.employee.findMany({ select: { employeeNo: true, email: true } }),
  ]);
  return {
    unitCodes: new Set(units.map((u) => u.code)),
    positionCodes: new Set(positions.map((p) => p.code)),
    existing: new Map(employees.map((e) => [e.employeeNo, e.email])),
    emails: new Map(employees.map((e) => [e.email, e.employeeNo])),
  };
}

export function validateEmployeeCsv(db: Db, text: string): Promise<ParsedImport> {
  return importReference(db).then((ref) => parseEmployeeCsv(text, ref));
}

/**
 * Imports (creates or updates by employee number) every row in one transaction, after
 * every row was validated: either all rows land or none.
 */
export async function importEmployees(db: Db, actorId: string, text: string) {
  const parsed = await validateEmployeeCsv(db, text);
  if (parsed.errors.length) return { ok: false as const, errors: parsed.errors };
  const [units, positions] = await Promise.all([
    db.unit.findMany({ select: { id: true, code: true } }),
    db.position.findMany({ select: { id: true, code: true } }),
  ]);
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  const positionId = new Map(positions.map((p) => [p.code, p.id]));
  let created = 0;
  let updated = 0;
  await db.$transaction(
    async (tx) => {
      const ids = new Map((await tx.employee.findMany({ select: { id: true, employeeNo: true } })).map((e) => [e.employeeNo, e.id]));
      for (const row of parsed.rows) {
        const data = employeeData(row, { unitId: unitId.get(row.unitCode)!, positionId: positionId.get(row.positionCode)!, managerId: null });
        const existing = ids.get(row.employeeNo);
        if (existing) {
          await tx.employee.update({ where: { id: existing }, data });
          updated++;
        } else {
          const { id } = await tx.employee.create({ data, select: { id: true } });
          ids.set(row.employeeNo, id);
          created++;
        }
      }
      for (const row of parsed.rows) {
        await tx.employee.update({ where: { id: ids.get(row.employeeNo)! }, data: { managerId: row.managerNo ? ids.get(row.managerNo)! : null } });
      }
      await audit(tx, { actorId, action: "employee.import", entity: "Employee", entityId: "*", after: { created, updated } });
    },
    { timeout: 120_000 },
  );
  return { ok: true as const, created, updated };
}
