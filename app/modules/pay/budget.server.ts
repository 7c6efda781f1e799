import { audit } from "~/modules/audit/audit.server";
import { unitPathScope, type Actor } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { rows as queryRows } from "~/utils/sql.server";
import { committedSpend, committedSpendArgs, runSpend } from "./queries.server";
import { budgetStatus, checkRun, totalExcess, type Budget, type Spend } from "./budget";
import { formError } from "~/utils/domain-error";
import { heldSpend } from "./appeals.server";

/**
 * Wage-bill budgets in the database. A run counts against the budgets of the year its period
 * starts in (a monthly run: its month's); what is committed is every locked run of that year and
 * every adjustment to one, by the unit each line was paid under. Each line counts what it pays:
 * a monthly line its base pay and advance, a settlement line its performance pay minus the
 * advances already counted in the monthly runs, so nothing is counted twice.
 */

const yearOf = (startsOn: Date) => startsOn.getUTCFullYear();

async function budgetsOf(db: Db, year: number): Promise<(Budget & { nameZh: string; nameEn: string; basis: string })[]> {
  const rows = await db.payBudget.findMany({
    where: { year },
    select: {
      unitId: true,
      year: true,
      amountFen: true,
      basis: true,
      unit: { select: { path: true, nameZh: true, nameEn: true, code: true } },
    },
    orderBy: { unit: { path: "asc" } },
  });
  return rows.map((r) => ({
    unitId: r.unitId,
    unitPath: r.unit.path,
    year: r.year,
    amountFen: Number(r.amountFen),
    basis: r.basis,
    nameZh: r.unit.nameZh,
    nameEn: r.unit.nameEn,
  }));
}

/** What locked runs of the year and their adjustments paid, by unit path (one row per unit). */
async function committed(db: Db, year: number, exceptRunId = ""): Promise<Spend[]> {
  const rows = await queryRows(db, committedSpend, committedSpendArgs(year, exceptRunId));
  // A line held by an open appeal is not committed until the appeal is decided.
  const held = new Map((await heldSpend(db, year, exceptRunId)).map((h) => [h.unitPath, h.fen]));
  return rows.map((r) => ({ unitPath: r.path, fen: r.fen - (held.get(r.path) ?? 0) }));
}

/** Budget, committed and remaining per unit for a year: HR sees every budget, a head those of their subtree. */
export async function budgetOverview(db: Db, actor: Actor, year: number) {
  const scope = unitPathScope(actor);
  if (scope === undefined) return [];
  const budgets = (await budgetsOf(db, year)).filter((b) => scope === null || b.unitPath.startsWith(scope));
  if (budgets.length === 0) return [];
  const status = budgetStatus(budgets, await committed(db, year));
  return status.map((s, i) => ({ ...s, nameZh: budgets[i].nameZh, nameEn: budgets[i].nameEn, basis: budgets[i].basis }));
}

/** What a run not yet locked would do to each budget of its year, and the total excess. */
export async function runBudgetCheck(db: Db, runId: string) {
  const run = await db.payRun.findUnique({ where: { id: runId }, select: { id: true, periodId: true, month: true } });
  if (!run) throw formError("pay.errors.unknownRun", 404);
  // A monthly run counts in its month's year; the other kinds in the year their period starts.
  const year = run.month
    ? Number(run.month.slice(0, 4))
    : yearOf((await db.appraisalPeriod.findUniqueOrThrow({ where: { id: run.periodId }, select: { startsOn: true } })).startsOn);
  const budgets = await budgetsOf(db, year);
  if (budgets.length === 0) return { year, checks: [], excessFen: 0 };
  const own = await queryRows(db, runSpend, [runId]);
  const checks = checkRun(
    budgets,
    await committed(db, year, runId),
    own.map((r) => ({ unitPath: r.path, fen: r.fen })),
  ).map((c) => {
    const b = budgets.find((x) => x.unitId === c.unitId)!;
    return { ...c, nameZh: b.nameZh, nameEn: b.nameEn };
  });
  return { year, checks, excessFen: totalExcess(checks) };
}

/** Sets a unit's budget for a year (HR); the amount comes from the province's allocation or the growth-linked formula. Audited. */
export async function saveBudget(
  db: Db,
  actorId: string,
  input: { unitId: string; year: number; amountFen: number; basis: "allocation" | "growthLinked"; params?: unknown },
) {
  const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { id: true, code: true } });
  if (!unit) throw formError("pay.errors.unknownUnit");
  const before = await db.payBudget.findUnique({
    where: { unitId_year: { unitId: input.unitId, year: input.year } },
    select: { amountFen: true, basis: true },
  });
  const data = {
    amountFen: BigInt(input.amountFen),
    basis: input.basis,
    paramsJson: input.params === undefined ? null : JSON.stringify(input.params),
    updatedById: actorId,
  };
  await db.$transaction(async (tx) => {
    await tx.payBudget.upsert({
      where: { unitId_year: { unitId: input.unitId, year: input.year } },
      create: { unitId: input.unitId, year: input.year, ...data },
      update: data,
    });
    await audit(tx, {
      actorId,
      action: "pay.budget.save",
      entity: "PayBudget",
      entityId: `${unit.code}:${input.year}`,
      before: before ? { amountFen: Number(before.amountFen), basis: before.basis } : null,
      after: { amountFen: input.amountFen, basis: input.basis, params: input.params ?? null },
    });
  });
}
