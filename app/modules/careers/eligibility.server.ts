import type { Db } from "~/utils/db.server";
import { evaluateCriteria, isEligible, type CareerFacts, type CriterionResult } from "./criteria";
import { gatherCareerFacts } from "./facts.server";
import { nextLevelCode } from "./ladder";
import { levelCriteria, listLevels, type CareerLevelRow } from "./ladder.server";

export type Evaluation = { next: CareerLevelRow | null; results: CriterionResult[]; eligible: boolean; facts: CareerFacts };

/** For each person: the next level on their track and that level's criteria, checked against their facts. */
export async function evaluatePromotion(
  db: Db,
  people: { id: string; track: string; level: string }[],
  now = new Date(),
  levels?: CareerLevelRow[],
) {
  const all = levels ?? (await listLevels(db));
  const byCode = new Map(all.map((l) => [l.code, l]));
  const nextOf = new Map(people.map((p) => [p.id, byCode.get(nextLevelCode(p.track, p.level) ?? "") ?? null]));
  const periods = new Map(people.map((p) => [p.id, nextOf.get(p.id)?.kpiPeriods ?? 4]));
  const facts = await gatherCareerFacts(db, people, periods, now);
  const out = new Map<string, Evaluation>();
  for (const p of people) {
    const next = nextOf.get(p.id) ?? null;
    const f = facts.get(p.id)!;
    const results = next ? evaluateCriteria(levelCriteria(next), f) : [];
    out.set(p.id, { next, results, eligible: next !== null && isEligible(results), facts: f });
  }
  return out;
}
