import type { Db } from "~/utils/db.server";
import { loadPeriodData } from "~/modules/kpi/period-data.server";
import { targetsHash } from "~/modules/kpi/target-responses.server";

type DemoContext = { db: Db; employeeId: Map<string, string>; userId: Map<string, string> };

/**
 * Performance communication in the demo: in the open quarter a few account managers of the
 * finance room have confirmed their targets and one has objected (not yet answered); in the
 * latest draft pay run one of them has an open appeal. E000004 and E000005 are left to the
 * visitor (and the browser tests): their targets still wait for an answer.
 */
export async function seedTalkDemo(ctx: DemoContext) {
  const { db } = ctx;
  const period = await db.appraisalPeriod.findFirst({ where: { kind: "quarter", status: "open" }, orderBy: { startsOn: "desc" } });
  if (!period) return;
  const staff = await db.employee.findMany({
    where: { active: true, unit: { code: "JC-GE-FIN" }, position: { code: "AM" }, employeeNo: { notIn: ["E000004", "E000005"] } },
    orderBy: { employeeNo: "asc" },
    take: 4,
    select: { id: true, user: { select: { id: true } } },
  });
  const data = await loadPeriodData(
    db,
    period.id,
    staff.map((s) => s.id),
  );
  const day = (n: number) => new Date(period.startsOn.getTime() + n * 86_400_000);
  for (const [i, e] of staff.entries()) {
    const lines = data.lines.get(e.id);
    if (!lines?.length) continue;
    const objects = i === staff.length - 1;
    await db.kpiTargetResponse.create({
      data: {
        periodId: period.id,
        employeeId: e.id,
        kind: objects ? "objected" : "confirmed",
        targetsHash: targetsHash(lines),
        reason: objects ? "新签合同收入目标按去年含一次性大单的基数下达，建议剔除后重新核定。" : null,
        respondedById: e.user?.id ?? "system",
        respondedAt: day(3 + i),
      },
    });
  }
  const run = await db.payRun.findFirst({ where: { status: "draft" }, orderBy: { createdAt: "desc" }, select: { id: true } });
  const appellant = staff[0];
  if (!run || !appellant) return;
  const line = await db.payLine.findUnique({
    where: { runId_employeeId: { runId: run.id, employeeId: appellant.id } },
    select: { unitId: true },
  });
  if (!line) return;
  await db.payAppeal.create({
    data: {
      runId: run.id,
      employeeId: appellant.id,
      unitId: line.unitId,
      reason: "客户保有率按全室口径统计，我负责的两家客户已于季度中划转，请按划转后口径复核。",
      createdById: appellant.user?.id ?? "system",
      createdAt: new Date(),
    },
  });
}
