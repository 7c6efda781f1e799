import type { Db } from "~/utils/db.server";
import { unitWhere, type Actor } from "~/modules/auth/scope";
import { LEVELS, TRACKS } from "~/modules/org/org";
import { sortTree } from "~/modules/org/units.server";
import { monthsBetween } from "./dates";
import { levelSince } from "./history.server";

/** Active staff per unit, track and level; units in tree order; counts indexed by rank (1-based). */
export async function staffByTrackAndLevel(db: Db, actor: Actor) {
  const [units, groups] = await Promise.all([
    db.unit.findMany({
      where: { ...unitWhere(actor), active: true },
      select: { id: true, code: true, nameZh: true, nameEn: true, kind: true, parentId: true, path: true, active: true, sortOrder: true },
    }),
    db.employee.groupBy({ by: ["unitId", "track", "level"], where: { active: true, unit: unitWhere(actor) }, _count: { _all: true } }),
  ]);
  const rows = sortTree(units).flatMap((u) =>
    TRACKS.map((track) => {
      const counts = LEVELS[track].map(
        (code) => groups.find((g) => g.unitId === u.id && g.track === track && g.level === code)?._count._all ?? 0,
      );
      return {
        unitId: u.id,
        unit: { nameZh: u.nameZh, nameEn: u.nameEn },
        depth: u.depth,
        track,
        counts,
        total: counts.reduce((a, b) => a + b, 0),
      };
    }).filter((r) => r.total > 0),
  );
  const totals = TRACKS.map((track) => ({
    track,
    counts: LEVELS[track].map((code) => groups.filter((g) => g.track === track && g.level === code).reduce((s, g) => s + g._count._all, 0)),
  }));
  return { rows, totals };
}

/** Per cycle, inside scope: nominations, approvals, approval rate and promotions as a share of staff. */
export async function promotionRates(db: Db, actor: Actor) {
  const [cycles, staff] = await Promise.all([
    db.promotionCycle.findMany({
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        name: true,
        status: true,
        effectiveDate: true,
        nominations: { where: { employee: { unit: unitWhere(actor) } }, select: { status: true, track: true, eligible: true } },
      },
    }),
    db.employee.count({ where: { active: true, unit: unitWhere(actor) } }),
  ]);
  return cycles.map((c) => {
    const nominated = c.nominations.filter((n) => n.status !== "withdrawn").length;
    const approved = c.nominations.filter((n) => n.status === "approved").length;
    return {
      id: c.id,
      name: c.name,
      status: c.status,
      effectiveDate: c.effectiveDate,
      nominated,
      approved,
      exceptions: c.nominations.filter((n) => n.status === "approved" && !n.eligible).length,
      approvalRate: nominated ? approved / nominated : null,
      promotionRate: staff ? approved / staff : null,
      byTrack: TRACKS.map((t) => ({ track: t, approved: c.nominations.filter((n) => n.track === t && n.status === "approved").length })),
    };
  });
}

/** Months in the current level by track and level, inside scope: average, longest, and how many are unknown. */
export async function timeInLevel(db: Db, actor: Actor, now = new Date()) {
  const employees = await db.employee.findMany({
    where: { active: true, unit: unitWhere(actor) },
    select: { id: true, track: true, level: true },
  });
  const since = await levelSince(db, employees);
  return TRACKS.flatMap((track) =>
    LEVELS[track].map((level) => {
      const here = employees.filter((e) => e.track === track && e.level === level);
      const months = here.flatMap((e) => {
        const d = since.get(e.id);
        return d ? [monthsBetween(d, now)] : [];
      });
      return {
        track,
        level,
        staff: here.length,
        averageMonths: months.length ? Math.round((months.reduce((a, b) => a + b, 0) / months.length) * 10) / 10 : null,
        longestMonths: months.length ? Math.max(...months) : null,
        unknown: here.length - months.length,
      };
    }),
  ).filter((r) => r.staff > 0);
}
