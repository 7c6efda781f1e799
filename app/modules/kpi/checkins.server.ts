import { audit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";

export function listCheckIns(db: Db, periodId: string, employeeId: string) {
  return db.kpiCheckIn.findMany({
    where: { periodId, employeeId },
    orderBy: [{ heldOn: "desc" }, { createdAt: "desc" }],
    take: 100,
    select: {
      id: true,
      heldOn: true,
      notes: true,
      actions: true,
      createdAt: true,
      author: { select: { role: true, employee: { select: { name: true } } } },
    },
  });
}

export async function addCheckIn(
  db: Db,
  authorId: string,
  periodId: string,
  employeeId: string,
  input: { heldOn: string; notes: string; actions: string },
) {
  return db.$transaction(async (tx) => {
    const created = await tx.kpiCheckIn.create({
      data: { periodId, employeeId, authorId, heldOn: new Date(`${input.heldOn}T00:00:00Z`), notes: input.notes, actions: input.actions },
      select: { id: true },
    });
    await audit(tx, {
      actorId: authorId,
      action: "kpi.checkin.create",
      entity: "KpiCheckIn",
      entityId: created.id,
      after: { periodId, employeeId },
    });
    return created;
  });
}
