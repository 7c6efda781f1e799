import { getEnv } from "~/utils/env.server";
import type { Db } from "~/utils/db.server";
import type { Actor } from "~/modules/auth/scope";
import { listUnits } from "~/modules/org/units.server";
import { previewPopulation } from "./campaigns.server";
import { parseItems } from "../items";
import { participationTotals, responseRatesFor } from "./monitoring.server";
import { parsePopulation } from "./population";
import { chinaDate, lastDay, parseCuts } from "../settings";
import { getTemplate } from "./templates.server";

/** Everything the survey admin page shows: the draft editor, or the frozen settings with live rates. */
export async function surveyAdminView(db: Db, actor: Actor, surveyId: string) {
  const survey = await db.survey.findUnique({ where: { id: surveyId } });
  if (!survey) return null;
  const population = parsePopulation(survey.populationJson);
  const base = {
    id: survey.id,
    status: survey.status as "draft" | "open" | "closed",
    templateId: survey.templateId,
    purpose: survey.purpose,
    settings: {
      titleZh: survey.titleZh,
      titleEn: survey.titleEn,
      opensOn: chinaDate(survey.opensAt),
      closesOn: lastDay(survey.closesAt),
      minGroupSize: survey.minGroupSize,
      minCommentGroupSize: survey.minCommentGroupSize,
      cuts: parseCuts(survey.cutsJson),
      unitIds: population.unitIds,
      tracks: population.tracks,
      namedCount: population.employeeIds ? population.employeeIds.length : null,
    },
    items: parseItems(survey.itemsJson),
    dimensions: getTemplate(survey.templateId)?.dimensions ?? [],
  };
  const units = await listUnits(db, actor);
  const unitNames = units.filter((u) => population.unitIds.includes(u.id)).map((u) => ({ nameZh: u.nameZh, nameEn: u.nameEn }));
  if (survey.status === "draft") {
    const { participants, recent } = await previewPopulation(db, population);
    return {
      ...base,
      units,
      unitNames,
      wouldInvite: participants.length,
      recent: { count: recent.size, days: getEnv().RECENT_MEMBERSHIP_DAYS },
      rates: [],
      totals: null,
    };
  }
  const [rates, totals] = await Promise.all([responseRatesFor(db, survey), participationTotals(db, survey)]);
  return { ...base, units: [], unitNames, wouldInvite: null, recent: null, rates, totals };
}
