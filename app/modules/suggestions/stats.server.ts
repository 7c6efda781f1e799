import { unitWhere, type Actor } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { z } from "~/utils/validation";
import {
  ADOPTED_STATUSES,
  daysBetween,
  isOlderThan,
  median,
  monthsBetween,
  OPEN_STATUSES,
  SUGGESTION_CATEGORIES,
  suppressWithComplement,
  suppressSmall,
  type SuggestionStatus,
} from "./rules";

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** Filters for `suggestionStats`: months inclusive ("YYYY-MM"), a unit (with its subtree), a category. */
export const SuggestionStatsFilters = z
  .object({
    from: period.optional(),
    to: period.optional(),
    unitId: z.string().min(1).max(64).optional(),
    category: z.enum(SUGGESTION_CATEGORIES).optional(),
  })
  .strict();
export type SuggestionStatsFilters = z.infer<typeof SuggestionStatsFilters>;

/**
 * Aggregates over the suggestions in the actor's scope, JSON-safe. Anonymous counts below the
 * minimum group are null (with a second cell suppressed so that totals do not give them away).
 * Time to first reply is exact in days for named suggestions and only in calendar months for
 * anonymous ones, which keep no more than their month.
 */
export async function suggestionStats(db: Db, actor: Actor, filters: SuggestionStatsFilters = {}, now = new Date()) {
  const unitFilter = filters.unitId
    ? await db.unit.findFirst({ where: { id: filters.unitId, ...unitWhere(actor) }, select: { path: true } })
    : null;
  const rows = await db.suggestion.findMany({
    where: {
      AND: [
        { unit: unitWhere(actor) },
        filters.unitId ? (unitFilter ? { unit: { path: { startsWith: unitFilter.path } } } : { id: { in: [] } }) : {},
        filters.category ? { category: filters.category } : {},
        filters.from || filters.to
          ? { period: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) } }
          : {},
      ],
    },
    select: {
      category: true,
      anonymous: true,
      period: true,
      status: true,
      mergedIntoId: true,
      hiddenReason: true,
      unit: { select: { id: true, nameZh: true, nameEn: true } },
      author: { select: { submittedAt: true } },
      replies: { where: { author: "handler" }, orderBy: { seq: "asc" }, take: 1, select: { sentAt: true } },
    },
  });

  const anonymousByCategory = suppressWithComplement(
    SUGGESTION_CATEGORIES.map((c) => rows.filter((r) => r.category === c && r.anonymous).length),
  );
  const byCategory = SUGGESTION_CATEGORIES.map((category, i) => ({
    category,
    total: rows.filter((r) => r.category === category).length,
    anonymous: anonymousByCategory[i],
  }));

  const units = new Map<string, { unitId: string; nameZh: string; nameEn: string; total: number; anonymousRaw: number }>();
  for (const r of rows) {
    const u = units.get(r.unit.id) ?? { unitId: r.unit.id, nameZh: r.unit.nameZh, nameEn: r.unit.nameEn, total: 0, anonymousRaw: 0 };
    u.total += 1;
    if (r.anonymous) u.anonymousRaw += 1;
    units.set(r.unit.id, u);
  }
  const unitList = [...units.values()].sort((a, b) => b.total - a.total || a.nameZh.localeCompare(b.nameZh, "zh-CN"));
  const anonymousByUnit = suppressWithComplement(unitList.map((u) => u.anonymousRaw));
  const byUnit = unitList.map(({ anonymousRaw: _, ...u }, i) => ({ ...u, anonymous: anonymousByUnit[i] }));

  const named = rows.filter((r) => !r.anonymous);
  const namedDays = named
    .filter((r) => r.replies[0]?.sentAt && r.author)
    .map((r) => daysBetween(r.author!.submittedAt, r.replies[0].sentAt!));
  const anonymousMonths = rows.filter((r) => r.anonymous && r.replies[0]?.sentAt).map((r) => monthsBetween(r.period, r.replies[0].sentAt!));

  const counted = rows.filter((r) => !r.mergedIntoId && !r.hiddenReason);
  const adopted = counted.filter((r) => ADOPTED_STATUSES.includes(r.status as SuggestionStatus)).length;
  const decided = adopted + counted.filter((r) => r.status === "declined").length;
  const open = counted.filter((r) => OPEN_STATUSES.includes(r.status as SuggestionStatus));

  return {
    total: rows.length,
    anonymous: suppressSmall(rows.filter((r) => r.anonymous).length),
    byStatus: Object.fromEntries(
      (["new", "under_review", "accepted", "implemented", "declined"] as const).map((s) => [
        s,
        rows.filter((r) => r.status === s && !r.mergedIntoId).length,
      ]),
    ),
    merged: rows.filter((r) => r.mergedIntoId).length,
    byCategory,
    byUnit,
    firstReply: {
      named: {
        answered: namedDays.length,
        unanswered: named.length - namedDays.length,
        medianDays: median(namedDays),
        within7Days: namedDays.filter((d) => d <= 7).length,
      },
      anonymous: {
        answered: anonymousMonths.length,
        unanswered: rows.filter((r) => r.anonymous).length - anonymousMonths.length,
        sameMonth: anonymousMonths.filter((m) => m === 0).length,
        nextMonth: anonymousMonths.filter((m) => m === 1).length,
        later: anonymousMonths.filter((m) => m >= 2).length,
      },
    },
    adoption: { adopted, decided, rate: decided ? Math.round((adopted / decided) * 1000) / 1000 : null },
    openOlderThan30Days: open.filter((r) => isOlderThan({ submittedAt: r.author?.submittedAt ?? null, period: r.period }, 30, now)).length,
    open: open.length,
    minGroupSize: 5,
  };
}
export type SuggestionStats = Awaited<ReturnType<typeof suggestionStats>>;
