import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { mayContain } from "~/modules/org/org";
import { duplicatesInBatch, summarise, type SyncOutcome, type SyncRowError, type SyncRowResult, type UnitSyncRow } from "./org-sync";

type UnitState = {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  parentId: string | null;
  active: boolean;
  sortOrder: number;
  externalId: string | null;
};
const FIELDS = ["code", "nameZh", "nameEn", "kind", "parentId", "active", "sortOrder", "externalId"] as const;

/**
 * Creates or updates units by external id (a unit without one is adopted by its code), in one
 * transaction after every row passed the org rules. Sending the same rows again changes nothing.
 */
export async function upsertUnits(db: Db, actorId: string, rows: UnitSyncRow[]): Promise<SyncOutcome> {
  const existing = await db.unit.findMany({
    select: {
      id: true,
      code: true,
      nameZh: true,
      nameEn: true,
      kind: true,
      parentId: true,
      path: true,
      active: true,
      sortOrder: true,
      externalId: true,
    },
  });
  const byExt = new Map(existing.filter((u) => u.externalId).map((u) => [u.externalId!, u]));
  const byCode = new Map(existing.map((u) => [u.code, u]));
  const errors: SyncRowError[] = duplicatesInBatch(rows, ["externalId", "code"]);
  let conflict = false;

  const ids: string[] = [];
  const batchByExt = new Map<string, string>();
  const batchByCode = new Map<string, string>();
  rows.forEach((row, i) => {
    const codeOwner = byCode.get(row.code);
    const match = byExt.get(row.externalId) ?? (codeOwner && !codeOwner.externalId ? codeOwner : undefined);
    if (codeOwner && codeOwner.id !== match?.id) {
      errors.push({ row: i, field: "code", message: "errors.codeTaken" });
      conflict = true;
    }
    ids[i] = match?.id ?? crypto.randomUUID();
    batchByExt.set(row.externalId, ids[i]);
    batchByCode.set(row.code, ids[i]);
  });

  const target = new Map<string, UnitState>(existing.map(({ path: _path, ...u }) => [u.id, u]));
  rows.forEach((row, i) => {
    let parentId: string | null = null;
    if (row.parentExternalId) {
      parentId = batchByExt.get(row.parentExternalId) ?? byExt.get(row.parentExternalId)?.id ?? null;
      if (!parentId) errors.push({ row: i, field: "parentExternalId", message: "errors.unknownUnit" });
    } else if (row.parentCode) {
      parentId = batchByCode.get(row.parentCode) ?? byCode.get(row.parentCode)?.id ?? null;
      if (!parentId) errors.push({ row: i, field: "parentCode", message: "errors.unknownUnit" });
    }
    const { parentExternalId: _p, parentCode: _c, ...fields } = row;
    target.set(ids[i], { ...fields, id: ids[i], parentId });
  });
  if (errors.length) return { ok: false, conflict: conflict && errors.every((e) => e.message === "errors.codeTaken"), errors };

  errors.push(...treeRuleErrors(rows, ids, target, await activeStaffUnits(db, ids)));
  if (errors.length) return { ok: false, conflict: false, errors };

  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known) return known;
    const parentId = target.get(id)!.parentId;
    const path = `${parentId ? pathOf(parentId) : "/"}${id}/`;
    paths.set(id, path);
    return path;
  };
  const before = new Map(existing.map((u) => [u.id, u]));
  const results: SyncRowResult[] = rows.map((row, i) => {
    const old = before.get(ids[i]);
    const now = target.get(ids[i])!;
    const result = !old ? "created" : FIELDS.some((f) => old[f] !== now[f]) ? "updated" : "unchanged";
    return { externalId: row.externalId, id: ids[i], result };
  });
  const moved = existing.filter((u) => u.path !== pathOf(u.id));
  if (results.every((r) => r.result === "unchanged") && moved.length === 0) return summarise(results);

  await db.$transaction(
    async (tx) => {
      const created = results.filter((r) => r.result === "created").sort((a, b) => pathOf(a.id).length - pathOf(b.id).length);
      for (const r of created) {
        const u = target.get(r.id)!;
        await tx.unit.create({ data: { ...u, path: pathOf(u.id) } });
        await audit(tx, { actorId, action: "unit.sync.create", entity: "Unit", entityId: u.id, after: u });
      }
      // Paths end in the unit's own id, so rewriting them one by one never collides.
      for (const u of moved) await tx.unit.update({ where: { id: u.id }, data: { path: pathOf(u.id) } });
      for (const r of results.filter((x) => x.result === "updated")) {
        const { id, ...data } = target.get(r.id)!;
        await tx.unit.update({ where: { id }, data });
        await audit(tx, {
          actorId,
          action: "unit.sync.update",
          entity: "Unit",
          entityId: id,
          before: before.get(id),
          after: target.get(id),
        });
      }
    },
    { timeout: 120_000 },
  );
  return summarise(results);
}

async function activeStaffUnits(db: Db, unitIds: string[]) {
  const rows = await db.employee.groupBy({ by: ["unitId"], where: { active: true, unitId: { in: unitIds } }, _count: { _all: true } });
  return new Set(rows.map((r) => r.unitId));
}

/** The org module's rules over the tree as it would be after the batch. */
function treeRuleErrors(rows: UnitSyncRow[], ids: string[], target: Map<string, UnitState>, staffed: Set<string>): SyncRowError[] {
  const errors: SyncRowError[] = [];
  const rowOf = new Map(ids.map((id, i) => [id, i]));
  const all = [...target.values()];
  const roots = all.filter((u) => !u.parentId);
  const children = (id: string) => all.filter((u) => u.parentId === id);
  rows.forEach((row, i) => {
    const unit = target.get(ids[i])!;
    const parent = unit.parentId ? target.get(unit.parentId) : undefined;
    if (!parent && roots.length > 1) errors.push({ row: i, field: "parentExternalId", message: "org.errors.parentRequired" });
    if (parent && !mayContain(parent.kind, unit.kind)) errors.push({ row: i, field: "kind", message: "org.errors.kindUnderParent" });
    for (const child of children(unit.id)) {
      if (!rowOf.has(child.id) && !mayContain(unit.kind, child.kind))
        errors.push({ row: i, field: "kind", message: "org.errors.kindUnderParent" });
    }
    let cursor = unit.parentId;
    for (let hops = 0; cursor && hops <= target.size; hops++) {
      if (cursor === unit.id) {
        errors.push({ row: i, field: "parentExternalId", message: "org.errors.moveIntoOwnSubtree" });
        break;
      }
      cursor = target.get(cursor)?.parentId ?? null;
    }
    if (unit.active && parent && !parent.active) errors.push({ row: i, field: "active", message: "org.errors.parentInactive" });
    if (!unit.active && children(unit.id).some((c) => c.active))
      errors.push({ row: i, field: "active", message: "org.errors.unitHasChildren" });
    if (!unit.active && staffed.has(unit.id)) errors.push({ row: i, field: "active", message: "org.errors.unitHasStaff" });
  });
  return errors;
}
