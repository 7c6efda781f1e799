import type { Db } from "~/utils/db.server";
import { averageTotalScore } from "~/modules/kpi/scores.server";
import { trainingFacts } from "~/modules/training/evaluation/facts.server";
import { rotationFactsFor } from "~/modules/rotations/facts.server";
import type { CareerFacts } from "./criteria";
import { monthsBetween } from "./dates";
import { levelSince } from "./history.server";

type Person = { id: string; track: string; level: string };

async function kpiAverage(db: Db, employeeId: string, count: number): Promise<CareerFacts["kpi"]> {
  return averageTotalScore(db, employeeId, count);
}

/**
 * The facts the promotion criteria are checked against, for many people at once.
 * `kpiPeriods` is how many recent periods each person's target level averages over.
 */
export async function gatherCareerFacts(
  db: Db,
  people: Person[],
  kpiPeriods: Map<string, number>,
  now = new Date(),
): Promise<Map<string, CareerFacts>> {
  const [since, rotations] = await Promise.all([
    levelSince(db, people),
    rotationFactsFor(
      db,
      people.map((p) => p.id),
    ),
  ]);
  const out = new Map<string, CareerFacts>();
  for (const p of people) {
    const from = since.get(p.id) ?? null;
    const [kpi, training] = await Promise.all([kpiAverage(db, p.id, kpiPeriods.get(p.id) ?? 4), trainingFacts(db, p.id, now)]);
    out.set(p.id, {
      monthsInLevel: from ? monthsBetween(from, now) : null,
      kpi,
      training,
      rotations: rotations.get(p.id)!,
    });
  }
  return out;
}
