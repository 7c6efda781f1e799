import type { Db } from "~/utils/db.server";

type Tx = Pick<Db, "levelHistory">;

export type LevelChange = {
  employeeId: string;
  track: string;
  level: string;
  effectiveFrom: Date;
  reason: "backfill" | "promotion" | "track_change" | "correction";
  cycleId?: string | null;
  actorId?: string | null;
};

/** Appends one row of level history; call it in the transaction that changes the employee's level. */
export async function recordLevelChange(tx: Tx, change: LevelChange) {
  await tx.levelHistory.create({ data: { ...change, cycleId: change.cycleId ?? null, actorId: change.actorId ?? null } });
}

/**
 * Since when each employee has held their current track and level: the latest history row,
 * when it matches what the employee record says. A level changed elsewhere without history
 * gives null ("no data"), never a guess.
 */
export async function levelSince(db: Db, employees: { id: string; track: string; level: string }[]): Promise<Map<string, Date | null>> {
  const rows = await db.levelHistory.findMany({
    where: { employeeId: { in: employees.map((e) => e.id) } },
    orderBy: [{ effectiveFrom: "desc" }, { createdAt: "desc" }],
    select: { employeeId: true, track: true, level: true, effectiveFrom: true },
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.employeeId)) latest.set(r.employeeId, r);
  return new Map(
    employees.map((e) => {
      const row = latest.get(e.id);
      return [e.id, row && row.track === e.track && row.level === e.level ? row.effectiveFrom : null];
    }),
  );
}

export function historyOf(db: Db, employeeId: string) {
  return db.levelHistory.findMany({
    where: { employeeId },
    orderBy: [{ effectiveFrom: "desc" }, { createdAt: "desc" }],
    select: { id: true, track: true, level: true, effectiveFrom: true, reason: true },
  });
}
