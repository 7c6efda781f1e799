import { sqliteDate, type Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { unitWhere, type Actor } from "~/modules/auth/scope";
import { invalidateUserSessions } from "~/modules/auth/session.server";
import type { EmployeeInput } from "./org";
import { applyImportStaging, createImportStaging, insertEmployees, stageImportedEmployees } from "./queries.server";
import { parseEmployeeCsv, type ParsedImport } from "./csv-import";
import { fieldError } from "~/utils/domain-error";
import { formatDate } from "~/utils/format";
import { paginate, pageWindow } from "~/utils/pagination";
import { sortOrder, type SortState } from "~/utils/table-sort";

export const PAGE_SIZE = 25;

/** The orders the employee list can be sorted in (`?sort=`); employee number breaks ties. */
export const EMPLOYEE_SORTS = ["employeeNo", "name"] as const;

export async function listEmployees(
  db: Db,
  actor: Actor,
  options: { q?: string; unitId?: string; page?: number; includeInactive?: boolean; sort?: SortState | null },
) {
  // A unit lists its whole subtree, as its head count on the units page counts it.
  const chosen = options.unitId ? await db.unit.findUnique({ where: { id: options.unitId }, select: { path: true } }) : null;
  const where = {
    AND: [{ unit: unitWhere(actor) }, ...(options.unitId ? [{ unit: { path: { startsWith: chosen?.path ?? "\u0000none" } } }] : [])],
    ...(options.includeInactive ? {} : { active: true }),
    ...(options.q
      ? { OR: [{ name: { contains: options.q } }, { employeeNo: { contains: options.q } }, { email: { contains: options.q } }] }
      : {}),
  };
  const page = Math.max(1, options.page ?? 1);
  const { skip, take } = pageWindow(page, PAGE_SIZE);
  const [total, rows] = await Promise.all([
    db.employee.count({ where }),
    db.employee.findMany({
      where,
      orderBy:
        options.sort?.key === "name"
          ? [{ name: sortOrder(options.sort) }, { employeeNo: "asc" as const }]
          : [{ employeeNo: options.sort ? sortOrder(options.sort) : ("asc" as const) }],
      skip,
      take,
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
  return { total, rows, page, pageCount: paginate({ page, pageSize: PAGE_SIZE, total }).pageCount };
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
      leftOn: true,
      wecomUserId: true,
      dingtalkUserId: true,
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
  if (!unit || !unit.active) throw fieldError("unitCode", "errors.unknownUnit");
  if (!position) throw fieldError("positionCode", "errors.unknownPosition");
  if (input.managerNo && !manager) throw fieldError("managerNo", "errors.unknownManager");
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
    ...(input.wecomUserId !== undefined ? { wecomUserId: input.wecomUserId } : {}),
    ...(input.dingtalkUserId !== undefined ? { dingtalkUserId: input.dingtalkUserId } : {}),
    ...refs,
  };
}

/** A WeCom or DingTalk user id names one employee only. */
async function checkPlatformIds(db: Db, id: string | null, input: EmployeeInput) {
  for (const field of ["wecomUserId", "dingtalkUserId"] as const) {
    const value = input[field];
    if (!value) continue;
    const owner = await db.employee.findFirst({ where: { [field]: value }, select: { id: true } });
    if (owner && owner.id !== id) throw fieldError(field, "identity.errors.platformIdTaken");
  }
}

export async function createEmployee(db: Db, actorId: string, input: EmployeeInput) {
  if (await db.employee.findUnique({ where: { employeeNo: input.employeeNo } })) throw fieldError("employeeNo", "errors.codeTaken");
  if (await db.employee.findUnique({ where: { email: input.email } })) throw fieldError("email", "errors.emailTaken");
  await checkPlatformIds(db, null, input);
  const refs = await resolveRefs(db, input);
  return db.$transaction(async (tx) => {
    const created = await tx.employee.create({ data: employeeData(input, refs), select: { id: true } });
    await audit(tx, { actorId, action: "employee.create", entity: "Employee", entityId: created.id, after: input });
    return created;
  });
}

export async function updateEmployee(db: Db, actorId: string, id: string, input: EmployeeInput) {
  const current = await db.employee.findUnique({
    where: { id },
    select: { id: true, employeeNo: true, email: true, unitId: true, level: true, track: true },
  });
  if (!current) throw fieldError("id", "errors.notFound");
  const noOwner = await db.employee.findUnique({ where: { employeeNo: input.employeeNo }, select: { id: true } });
  if (noOwner && noOwner.id !== id) throw fieldError("employeeNo", "errors.codeTaken");
  const emailOwner = await db.employee.findUnique({ where: { email: input.email }, select: { id: true } });
  if (emailOwner && emailOwner.id !== id) throw fieldError("email", "errors.emailTaken");
  await checkPlatformIds(db, id, input);
  const refs = await resolveRefs(db, input);
  if (refs.managerId && (await isInReportingLine(db, refs.managerId, id))) throw fieldError("managerNo", "org.errors.managerCycle");
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

/** How far ahead a leaving date may be set: a notice period already agreed, not a guess. */
export const MAX_DAYS_AHEAD = 31;

const DAY_MS = 24 * 60 * 60 * 1000;
/** A stored calendar day (midnight UTC) as YYYY-MM-DD. */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Leavers: the employee is deactivated with their last working day (`leftOn`, which pay runs
 * pro-rate to), their account disabled and every session ended. Made active again, the leaving
 * date is cleared. The day may not be before the hire date, nor more than MAX_DAYS_AHEAD days
 * after today (the organisation's calendar day).
 */
export async function setEmployeeActive(
  db: Db,
  actorId: string,
  id: string,
  change: { active: true } | { active: false; leftOn: string },
  now = new Date(),
) {
  const employee = await db.employee.findUnique({
    where: { id },
    select: { active: true, hireDate: true, leftOn: true, user: { select: { id: true } } },
  });
  if (!employee) throw fieldError("id", "errors.notFound");
  const { active } = change;
  const leftOn = change.active ? null : new Date(`${change.leftOn}T00:00:00Z`);
  if (leftOn) {
    if (leftOn < employee.hireDate) throw fieldError("leftOn", "org.errors.leftBeforeHire", { hireDate: isoDay(employee.hireDate) });
    const today = new Date(`${formatDate(now)}T00:00:00Z`);
    if (leftOn.getTime() > today.getTime() + MAX_DAYS_AHEAD * DAY_MS)
      throw fieldError("leftOn", "org.errors.leftTooFarAhead", { days: MAX_DAYS_AHEAD });
  }
  await db.$transaction(async (tx) => {
    await tx.employee.update({ where: { id }, data: { active, leftOn } });
    if (employee.user) await tx.user.update({ where: { id: employee.user.id }, data: { disabled: !active } });
    await audit(tx, {
      actorId,
      action: active ? "employee.activate" : "employee.deactivate",
      entity: "Employee",
      entityId: id,
      before: { active: employee.active, leftOn: employee.leftOn ? isoDay(employee.leftOn) : null },
      after: { active, leftOn: leftOn ? isoDay(leftOn) : null },
    });
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

const CHUNK = 400;

/**
 * Imports (creates or updates by employee number) every row in one transaction, after
 * every row was validated: either all rows land or none. Batched statements keep 10,000
 * rows to seconds.
 */
export async function importEmployees(db: Db, actorId: string, text: string) {
  const parsed = await validateEmployeeCsv(db, text);
  if (parsed.errors.length) return { ok: false as const, errors: parsed.errors };
  const [units, positions, existing] = await Promise.all([
    db.unit.findMany({ select: { id: true, code: true } }),
    db.position.findMany({ select: { id: true, code: true } }),
    db.employee.findMany({ select: { id: true, employeeNo: true } }),
  ]);
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  const positionId = new Map(positions.map((p) => [p.code, p.id]));
  const ids = new Map(existing.map((e) => [e.employeeNo, e.id]));
  const toCreate = parsed.rows.filter((r) => !ids.has(r.employeeNo));
  const existingNos = new Set(ids.keys());
  const toUpdate = parsed.rows.filter((r) => existingNos.has(r.employeeNo));
  for (const row of toCreate) ids.set(row.employeeNo, crypto.randomUUID());
  const now = sqliteDate(new Date());
  const fieldsOf = (r: (typeof parsed.rows)[number]) => ({
    id: ids.get(r.employeeNo)!,
    name: r.name,
    email: r.email,
    unitId: unitId.get(r.unitCode)!,
    positionId: positionId.get(r.positionCode)!,
    track: r.track,
    level: r.level,
    hireDate: sqliteDate(new Date(`${r.hireDate}T00:00:00Z`)),
  });
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < toCreate.length; i += CHUNK) {
        const chunk = toCreate.slice(i, i + CHUNK);
        await insertEmployees(
          tx,
          chunk.map((r) => ({ employeeNo: r.employeeNo, ...fieldsOf(r) })),
          now,
        );
      }
      await createImportStaging(tx);
      for (let i = 0; i < parsed.rows.length; i += CHUNK) {
        const chunk = parsed.rows.slice(i, i + CHUNK);
        await stageImportedEmployees(
          tx,
          chunk.map((r) => ({
            ...fieldsOf(r),
            managerId: r.managerNo ? ids.get(r.managerNo)! : null,
            isUpdate: existingNos.has(r.employeeNo),
          })),
        );
      }
      await applyImportStaging(tx, now);
      await audit(tx, {
        actorId,
        action: "employee.import",
        entity: "Employee",
        entityId: "*",
        after: { created: toCreate.length, updated: toUpdate.length },
      });
    },
    { timeout: 120_000 },
  );
  return { ok: true as const, created: toCreate.length, updated: toUpdate.length };
}
