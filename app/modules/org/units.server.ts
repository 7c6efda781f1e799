import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { unitWhere, type Actor } from "~/modules/auth/scope";
import { mayContain } from "./org";
import { fieldError } from "~/utils/domain-error";

export type UnitRow = {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  parentId: string | null;
  path: string;
  active: boolean;
  sortOrder: number;
};

const unitSelect = {
  id: true,
  code: true,
  nameZh: true,
  nameEn: true,
  kind: true,
  parentId: true,
  path: true,
  active: true,
  sortOrder: true,
} as const;

/** Units the actor may see, in tree order (depth-first, by sortOrder). */
/** The instant after which someone in their unit counts as newly arrived. */
export function arrivedAfter(days: number, now = new Date()) {
  return new Date(now.getTime() - days * 24 * 3600_000);
}

/**
 * People in the actor's units who joined, moved in or came back within the last `days` days:
 * a survey launched now files them one level up and counts them towards no group's minimum.
 * Shown to heads so that a unit built or filled up just before a survey is seen.
 */
export async function recentArrivals(db: Db, actor: Actor, days: number, now = new Date()) {
  if (days <= 0) return [];
  return db.employee.findMany({
    where: { active: true, unit: unitWhere(actor), unitSince: { gt: arrivedAfter(days, now) } },
    orderBy: [{ unitSince: "desc" }, { employeeNo: "asc" }],
    take: 200,
    select: { id: true, employeeNo: true, name: true, unitSince: true, unit: { select: { nameZh: true, nameEn: true } } },
  });
}

export async function listUnits(db: Db, actor: Actor, options: { includeInactive?: boolean } = {}) {
  const units = await db.unit.findMany({
    where: { ...unitWhere(actor), ...(options.includeInactive ? {} : { active: true }) },
    select: unitSelect,
  });
  return sortTree(units);
}

export function sortTree<U extends UnitRow>(units: U[]): (U & { depth: number })[] {
  const byParent = new Map<string | null, U[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const out: (U & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    const children = (byParent.get(parent) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
    for (const child of children) {
      out.push({ ...child, depth });
      walk(child.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export async function createUnit(
  db: Db,
  actorId: string,
  input: { code: string; nameZh: string; nameEn: string; kind: string; parentId?: string; sortOrder: number },
) {
  const parent = input.parentId ? await db.unit.findUnique({ where: { id: input.parentId }, select: unitSelect }) : null;
  if (input.parentId && !parent) throw fieldError("parentId", "errors.unknownUnit");
  if (!parent && (await db.unit.count({ where: { parentId: null } })) > 0) throw fieldError("parentId", "org.errors.parentRequired");
  if (parent && !mayContain(parent.kind, input.kind)) throw fieldError("kind", "org.errors.kindUnderParent");
  if (await db.unit.findUnique({ where: { code: input.code } })) throw fieldError("code", "errors.codeTaken");
  return db.$transaction(async (tx) => {
    const id = crypto.randomUUID();
    const unit = await tx.unit.create({
      data: {
        id,
        code: input.code,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        kind: input.kind,
        parentId: parent?.id ?? null,
        sortOrder: input.sortOrder,
        path: `${parent?.path ?? "/"}${id}/`,
      },
      select: unitSelect,
    });
    await audit(tx, { actorId, action: "unit.create", entity: "Unit", entityId: unit.id, after: unit });
    return unit;
  });
}

/** Edits names/kind/order and moves the unit (with its subtree) under a new parent. */
export async function updateUnit(
  db: Db,
  actorId: string,
  id: string,
  input: { code: string; nameZh: string; nameEn: string; kind: string; parentId?: string; sortOrder: number },
) {
  const unit = await db.unit.findUnique({ where: { id }, select: unitSelect });
  if (!unit) throw fieldError("id", "errors.unknownUnit");
  const parentId = input.parentId || null;
  const parent = parentId ? await db.unit.findUnique({ where: { id: parentId }, select: unitSelect }) : null;
  if (parentId && !parent) throw fieldError("parentId", "errors.unknownUnit");
  if (!parent && unit.parentId) throw fieldError("parentId", "org.errors.parentRequired");
  if (parent && parent.path.startsWith(unit.path)) throw fieldError("parentId", "org.errors.moveIntoOwnSubtree");
  if (parent && !mayContain(parent.kind, input.kind)) throw fieldError("kind", "org.errors.kindUnderParent");
  const codeOwner = await db.unit.findUnique({ where: { code: input.code }, select: { id: true } });
  if (codeOwner && codeOwner.id !== id) throw fieldError("code", "errors.codeTaken");
  const newPath = `${parent?.path ?? "/"}${id}/`;
  return db.$transaction(async (tx) => {
    if (newPath !== unit.path) {
      const subtree = await tx.unit.findMany({ where: { path: { startsWith: unit.path } }, select: { id: true, path: true } });
      // Two passes so that the unique path index never sees a transient duplicate.
      for (const u of subtree) await tx.unit.update({ where: { id: u.id }, data: { path: `#moving#${u.id}` } });
      for (const u of subtree) await tx.unit.update({ where: { id: u.id }, data: { path: newPath + u.path.slice(unit.path.length) } });
    }
    const updated = await tx.unit.update({
      where: { id },
      data: { code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, kind: input.kind, parentId, sortOrder: input.sortOrder },
      select: unitSelect,
    });
    await audit(tx, {
      actorId,
      action: newPath !== unit.path ? "unit.move" : "unit.update",
      entity: "Unit",
      entityId: id,
      before: unit,
      after: updated,
    });
    return updated;
  });
}

/** Deactivates a unit; refused while it or its subtree still has active employees or units. */
export async function setUnitActive(db: Db, actorId: string, id: string, active: boolean) {
  const unit = await db.unit.findUnique({ where: { id }, select: unitSelect });
  if (!unit) throw fieldError("id", "errors.unknownUnit");
  if (!active) {
    const staff = await db.employee.count({ where: { active: true, unit: { path: { startsWith: unit.path } } } });
    if (staff > 0) throw fieldError("active", "org.errors.unitHasStaff");
    const children = await db.unit.count({ where: { active: true, parentId: id } });
    if (children > 0) throw fieldError("active", "org.errors.unitHasChildren");
  } else if (unit.parentId) {
    const parent = await db.unit.findUnique({ where: { id: unit.parentId }, select: { active: true } });
    if (!parent?.active) throw fieldError("active", "org.errors.parentInactive");
  }
  await db.$transaction(async (tx) => {
    await tx.unit.update({ where: { id }, data: { active } });
    await audit(tx, {
      actorId,
      action: active ? "unit.activate" : "unit.deactivate",
      entity: "Unit",
      entityId: id,
      before: { active: unit.active },
      after: { active },
    });
  });
}
