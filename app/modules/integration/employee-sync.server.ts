import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { invalidateUserSessions } from "~/modules/auth/session.server";
import { formatDate } from "~/utils/format";
import { duplicatesInBatch, summarise, type EmployeeSyncRow, type SyncOutcome, type SyncRowError, type SyncRowResult } from "./org-sync";

type EmployeeState = {
  employeeNo: string;
  name: string;
  email: string;
  unitId: string;
  positionId: string;
  track: string;
  level: string;
  hireDate: Date;
  managerId: string | null;
  active: boolean;
  leftOn: Date | null;
  externalId: string | null;
};
const FIELDS = ["employeeNo", "name", "email", "unitId", "positionId", "track", "level", "managerId", "active", "externalId"] as const;

/** Midnight UTC of a calendar day, as dates are stored. */
const dayOf = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);

/**
 * The last working day to store: the row's own; else, for a person turned inactive by this
 * sync, the day of the change (a leaving date already stored is kept). Someone made active
 * again has none. A record created inactive, or inactive before, without a date keeps none:
 * the day of the sync would wrongly pay them for this month.
 */
function leavingDay(row: EmployeeSyncRow, old: { active: boolean; leftOn: Date | null } | undefined, now: Date): Date | null {
  if (row.active) return null;
  if (row.leftOn) return dayOf(row.leftOn);
  if (old?.leftOn) return old.leftOn;
  return old?.active ? dayOf(formatDate(now)) : null;
}

/**
 * Creates or updates employees by external id (an employee without one is adopted by their
 * employee number), all rows or none. Leavers (active: false) lose their sign-in at once and
 * get a last working day (`leavingDay`).
 */
export async function upsertEmployees(db: Db, actorId: string, rows: EmployeeSyncRow[], at = new Date()): Promise<SyncOutcome> {
  const [existing, units, positions] = await Promise.all([
    db.employee.findMany({
      select: {
        id: true,
        employeeNo: true,
        name: true,
        email: true,
        unitId: true,
        positionId: true,
        track: true,
        level: true,
        hireDate: true,
        managerId: true,
        active: true,
        leftOn: true,
        externalId: true,
        user: { select: { id: true } },
      },
    }),
    db.unit.findMany({ where: { active: true }, select: { id: true, code: true, externalId: true } }),
    db.position.findMany({ select: { id: true, code: true } }),
  ]);
  const byExt = new Map(existing.filter((e) => e.externalId).map((e) => [e.externalId!, e]));
  const byNo = new Map(existing.map((e) => [e.employeeNo, e]));
  const byEmail = new Map(existing.map((e) => [e.email, e]));
  const unitByExt = new Map(units.filter((u) => u.externalId).map((u) => [u.externalId!, u.id]));
  const unitByCode = new Map(units.map((u) => [u.code, u.id]));
  const positionByCode = new Map(positions.map((p) => [p.code, p.id]));
  const errors: SyncRowError[] = duplicatesInBatch(rows, ["externalId", "employeeNo", "email"]);
  let conflicts = 0;

  const ids: string[] = [];
  const batchByExt = new Map<string, string>();
  const batchByNo = new Map<string, string>();
  rows.forEach((row, i) => {
    const noOwner = byNo.get(row.employeeNo);
    const match = byExt.get(row.externalId) ?? (noOwner && !noOwner.externalId ? noOwner : undefined);
    if (noOwner && noOwner.id !== match?.id) {
      errors.push({ row: i, field: "employeeNo", message: "errors.codeTaken" });
      conflicts++;
    }
    const emailOwner = byEmail.get(row.email);
    if (emailOwner && emailOwner.id !== match?.id) {
      errors.push({ row: i, field: "email", message: "errors.emailTaken" });
      conflicts++;
    }
    ids[i] = match?.id ?? crypto.randomUUID();
    batchByExt.set(row.externalId, ids[i]);
    batchByNo.set(row.employeeNo, ids[i]);
  });

  const target = new Map<string, EmployeeState>(existing.map(({ id, user: _u, ...e }) => [id, e]));
  const before = new Map(existing.map((e) => [e.id, e]));
  rows.forEach((row, i) => {
    const unitId = row.unitExternalId ? unitByExt.get(row.unitExternalId) : unitByCode.get(row.unitCode!);
    if (!unitId) errors.push({ row: i, field: row.unitExternalId ? "unitExternalId" : "unitCode", message: "errors.unknownUnit" });
    const positionId = positionByCode.get(row.positionCode);
    if (!positionId) errors.push({ row: i, field: "positionCode", message: "errors.unknownPosition" });
    let managerId: string | null = null;
    if (row.managerExternalId) managerId = batchByExt.get(row.managerExternalId) ?? byExt.get(row.managerExternalId)?.id ?? null;
    else if (row.managerNo) managerId = batchByNo.get(row.managerNo) ?? byNo.get(row.managerNo)?.id ?? null;
    if ((row.managerExternalId || row.managerNo) && !managerId)
      errors.push({ row: i, field: row.managerExternalId ? "managerExternalId" : "managerNo", message: "errors.unknownManager" });
    target.set(ids[i], {
      employeeNo: row.employeeNo,
      name: row.name,
      email: row.email,
      unitId: unitId ?? "",
      positionId: positionId ?? "",
      track: row.track,
      level: row.level,
      hireDate: new Date(`${row.hireDate}T00:00:00Z`),
      managerId,
      active: row.active,
      leftOn: leavingDay(row, before.get(ids[i]), at),
      externalId: row.externalId,
    });
  });
  rows.forEach((_row, i) => {
    let cursor = target.get(ids[i])!.managerId;
    for (let hops = 0; cursor && hops <= target.size; hops++) {
      if (cursor === ids[i]) {
        errors.push({ row: i, field: "managerExternalId", message: "org.errors.managerCycle" });
        break;
      }
      cursor = target.get(cursor)?.managerId ?? null;
    }
  });
  if (errors.length) return { ok: false, conflict: conflicts === errors.length, errors: errors.sort((a, b) => a.row - b.row) };

  const results: SyncRowResult[] = rows.map((row, i) => {
    const old = before.get(ids[i]);
    const now = target.get(ids[i])!;
    const changed =
      old &&
      (FIELDS.some((f) => old[f] !== now[f]) ||
        old.hireDate.getTime() !== now.hireDate.getTime() ||
        (old.leftOn?.getTime() ?? null) !== (now.leftOn?.getTime() ?? null));
    return { externalId: row.externalId, id: ids[i], result: !old ? "created" : changed ? "updated" : "unchanged" };
  });
  if (results.every((r) => r.result === "unchanged")) return summarise(results);

  const leavers: string[] = [];
  await db.$transaction(
    async (tx) => {
      // Managers may be later rows: everyone is written first, reporting lines second.
      for (const r of results) {
        if (r.result === "unchanged") continue;
        const { managerId: _m, ...data } = target.get(r.id)!;
        const old = before.get(r.id);
        if (!old) await tx.employee.create({ data: { id: r.id, ...data } });
        else await tx.employee.update({ where: { id: r.id }, data });
        if (old?.user && old.active !== data.active) {
          await tx.user.update({ where: { id: old.user.id }, data: { disabled: !data.active } });
          if (!data.active) leavers.push(old.user.id);
        }
      }
      for (const r of results) {
        if (r.result === "unchanged") continue;
        await tx.employee.update({ where: { id: r.id }, data: { managerId: target.get(r.id)!.managerId } });
        const { user: _u, id: _id, ...old } = before.get(r.id) ?? {};
        await audit(tx, {
          actorId,
          action: r.result === "created" ? "employee.sync.create" : "employee.sync.update",
          entity: "Employee",
          entityId: r.id,
          before: before.has(r.id) ? old : undefined,
          after: target.get(r.id),
        });
      }
    },
    { timeout: 120_000 },
  );
  for (const userId of leavers) await invalidateUserSessions(db, userId);
  return summarise(results);
}
