import { audit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { shareProblem } from "./joint";
import { planConflict, requireOpenPeriod } from "./library.server";
import { loadPeriodData } from "./period-data.server";
import { curveProblem, type Direction } from "./scoring";

export type TeamInput = {
  kpiId: string;
  name: string;
  threshold: number;
  target: number;
  stretch: number;
  cap: number;
  members: { employeeNo: string; share: number }[];
};

export function listTeams(db: Db, periodId: string) {
  return db.kpiTeamTarget.findMany({
    where: { periodId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      threshold: true,
      target: true,
      stretch: true,
      cap: true,
      actual: true,
      kpi: { select: { code: true, nameZh: true, nameEn: true, unit: true } },
      members: { select: { share: true, employee: { select: { id: true, employeeNo: true, name: true } } } },
    },
  });
}

/**
 * A joint KPI needs the KPI in every member's plan (the member's weight stays theirs),
 * shares totalling 100, and no member already in another team for the same KPI.
 */
export async function createTeam(db: Db, actorId: string, periodId: string, input: TeamInput) {
  await requireOpenPeriod(db, periodId);
  const kpi = await db.kpi.findUnique({ where: { id: input.kpiId }, select: { id: true, code: true, direction: true, kind: true } });
  if (!kpi || kpi.kind !== "quantitative") throw planConflict("kpiId", "kpi.errors.jointQuantitative");
  const problem = curveProblem({ direction: kpi.direction as Direction, ...input });
  if (problem)
    throw planConflict(
      problem === "cap" ? "cap" : "target",
      problem === "cap" ? "kpi.errors.cap" : kpi.direction === "higher" ? "kpi.errors.orderHigher" : "kpi.errors.orderLower",
    );
  const employees = await db.employee.findMany({
    where: { employeeNo: { in: input.members.map((m) => m.employeeNo) }, active: true },
    select: { id: true, employeeNo: true },
  });
  const idByNo = new Map(employees.map((e) => [e.employeeNo, e.id]));
  const unknown = input.members.find((m) => !idByNo.has(m.employeeNo));
  if (unknown) throw planConflict("members", "kpi.errors.unknownEmployee", { no: unknown.employeeNo });
  const members = input.members.map((m) => ({ employeeId: idByNo.get(m.employeeNo)!, share: m.share }));
  const shares = shareProblem(members);
  if (shares) throw planConflict("members", `kpi.errors.share.${shares}`);
  const data = await loadPeriodData(
    db,
    periodId,
    members.map((m) => m.employeeId),
  );
  for (const m of members) {
    const line = data.lines.get(m.employeeId)?.find((l) => l.kpiId === kpi.id);
    const no = input.members.find((x) => idByNo.get(x.employeeNo) === m.employeeId)!.employeeNo;
    if (!line) throw planConflict("members", "kpi.errors.notInPlan", { code: kpi.code, no });
    if (line.team) throw planConflict("members", "kpi.errors.alreadyInTeam", { no });
  }
  return db.$transaction(async (tx) => {
    await requireOpenPeriod(tx, periodId);
    const created = await tx.kpiTeamTarget.create({
      data: {
        periodId,
        kpiId: kpi.id,
        name: input.name,
        threshold: BigInt(input.threshold),
        target: BigInt(input.target),
        stretch: BigInt(input.stretch),
        cap: input.cap,
        members: { create: members },
      },
      select: { id: true },
    });
    await audit(tx, { actorId, action: "kpi.team.create", entity: "KpiTeamTarget", entityId: created.id, after: { ...input, periodId } });
    return created;
  });
}

export async function setTeamActual(db: Db, actorId: string, periodId: string, teamId: string, actual: number | null) {
  await requireOpenPeriod(db, periodId);
  await db.$transaction(async (tx) => {
    await requireOpenPeriod(tx, periodId);
    const before = await tx.kpiTeamTarget.findFirst({ where: { id: teamId, periodId }, select: { actual: true } });
    if (!before) throw planConflict("teamId", "errors.notFound");
    await tx.kpiTeamTarget.update({ where: { id: teamId }, data: { actual: actual === null ? null : BigInt(actual) } });
    await audit(tx, {
      actorId,
      action: "kpi.team.actual",
      entity: "KpiTeamTarget",
      entityId: teamId,
      before: { actual: before.actual?.toString() ?? null },
      after: { actual },
    });
  });
}

export async function deleteTeam(db: Db, actorId: string, periodId: string, teamId: string) {
  await requireOpenPeriod(db, periodId);
  await db.$transaction(async (tx) => {
    await requireOpenPeriod(tx, periodId);
    const found = await tx.kpiTeamTarget.findFirst({ where: { id: teamId, periodId }, select: { name: true } });
    if (!found) throw planConflict("teamId", "errors.notFound");
    await tx.kpiTeamTarget.delete({ where: { id: teamId } });
    await audit(tx, { actorId, action: "kpi.team.delete", entity: "KpiTeamTarget", entityId: teamId, before: found });
  });
}
