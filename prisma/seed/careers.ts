import { LEVELS, TRACKS } from "~/modules/org/org";
import { addMonths, dayStart } from "~/modules/careers/dates";
import { nextLevelCode } from "~/modules/careers/ladder";
import { criteriaForRank, LADDER } from "~/modules/careers/ladder-data";
import { evaluatePromotion } from "~/modules/careers/eligibility.server";

import type { DemoContext } from "./index";

/** A small stable hash of a string, for deterministic demo variation. */
function hash(text: string) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

/**
 * A plausible date the employee reached their current level: roughly two to three years a
 * rung after hire, never before hire, never within the last three months.
 */
export function backfilledLevelStart(employeeNo: string, track: string, level: string, hireDate: Date, now: Date) {
  const rank = LEVELS[track as keyof typeof LEVELS]?.indexOf(level) ?? 0;
  const perRung = 24 + (hash(employeeNo) % 14);
  const latest = addMonths(now, -3);
  const estimate = addMonths(hireDate, Math.max(0, rank) * perRung);
  if (estimate <= latest) return estimate;
  // Fast climbers: somewhere between hire and three months ago.
  const span = Math.max(0, latest.getTime() - hireDate.getTime());
  return new Date(hireDate.getTime() + Math.floor(span * ((hash(`${employeeNo}/late`) % 70) / 100 + 0.3)));
}

export async function seedCareersDemo(ctx: DemoContext, now = new Date()) {
  const { db } = ctx;
  for (const track of TRACKS) {
    for (const [i, l] of LADDER[track].entries()) {
      const c = criteriaForRank(track, i + 1);
      await db.careerLevel.create({
        data: {
          code: l.code,
          track,
          rank: i + 1,
          grade: l.grade,
          titleZh: l.titleZh,
          titleEn: l.titleEn,
          descriptionZh: l.descriptionZh,
          descriptionEn: l.descriptionEn,
          competenciesZh: l.competenciesZh.join("\n"),
          competenciesEn: l.competenciesEn.join("\n"),
          ...c,
        },
      });
    }
  }
  const employees = await db.employee.findMany({ select: { id: true, employeeNo: true, track: true, level: true, hireDate: true } });
  await db.levelHistory.createMany({
    data: employees.map((e) => ({
      employeeId: e.id,
      track: e.track,
      level: e.level,
      effectiveFrom: backfilledLevelStart(e.employeeNo, e.track, e.level, e.hireDate, now),
      reason: "backfill",
    })),
  });

  // A cycle in progress: quotas for the department and the finance room, a few head nominations.
  const hr = ctx.userId.get("E000003")!;
  const cycle = await db.promotionCycle.create({
    data: {
      name: `${now.getUTCFullYear()} 年度职级晋升评审`,
      status: "nominating",
      effectiveDate: dayStart(`${now.getUTCFullYear() + 1}-01-01`),
      createdById: hr,
    },
  });
  await db.promotionQuota.createMany({
    data: [
      { cycleId: cycle.id, unitId: ctx.unitId.get("JC-GE")!, posts: 8 },
      { cycleId: cycle.id, unitId: ctx.unitId.get("JC-GE-FIN")!, posts: 2 },
    ],
  });
  const finHead = ctx.userId.get("E000002")!;
  const fin = await db.employee.findMany({
    where: { unitId: ctx.unitId.get("JC-GE-FIN")!, employeeNo: { notIn: ["E000002", "E000004", "E000005"] } },
    orderBy: { employeeNo: "asc" },
    select: { id: true, track: true, level: true },
  });
  const picks = fin.filter((e) => nextLevelCode(e.track, e.level)).slice(0, 2);
  const evaluations = await evaluatePromotion(db, picks, now);
  for (const e of picks) {
    const ev = evaluations.get(e.id)!;
    await db.promotionNomination.create({
      data: {
        cycleId: cycle.id,
        employeeId: e.id,
        track: e.track,
        fromLevel: e.level,
        toLevel: ev.next!.code,
        source: "head",
        nominatedById: finHead,
        justification: "本年度客户收入增长显著，带教新人表现突出。",
        criteriaJson: JSON.stringify(ev.results),
        eligible: ev.eligible,
      },
    });
  }
}
