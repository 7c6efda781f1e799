import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { may, unitWhere, type Actor } from "~/modules/auth/scope";
import { notFound } from "~/utils/http.server";
import type { z } from "~/utils/validation";
import type { PlanSchema } from "./report-forms";

/** What anyone who may read a plan sees of its actions: no reminder bookkeeping. */
export const publicActionSelect = {
  id: true,
  title: true,
  dimension: true,
  dueOn: true,
  status: true,
  progressNote: true,
  owner: { select: { name: true } },
} as const;

/**
 * The survey and unit an action plan is about, or 404: the survey must be closed and the unit
 * inside the actor's scope (a head writes for their own unit and the units below it).
 */
export async function planTarget(db: Db, actor: Actor, surveyId: string, unitId: string) {
  if (!may(actor, "survey.actionPlan")) notFound();
  const [survey, unit] = await Promise.all([
    db.survey.findFirst({
      where: { id: surveyId, status: { in: ["open", "closed"] } },
      select: { id: true, status: true, titleZh: true, titleEn: true, templateId: true, itemsJson: true },
    }),
    db.unit.findFirst({ where: { id: unitId, ...unitWhere(actor) }, select: { id: true, nameZh: true, nameEn: true, path: true } }),
  ]);
  if (!survey || !unit) notFound();
  const plan = await db.surveyActionPlan.findUnique({
    where: { surveyId_unitId: { surveyId, unitId } },
    select: { id: true, summary: true, actions: true, publishedAt: true, updatedAt: true },
  });
  return { survey, unit, plan };
}

/** Saves (and optionally publishes) the plan; only for a closed survey. */
export async function savePlan(
  db: Db,
  actor: Actor,
  surveyId: string,
  unitId: string,
  input: z.infer<typeof PlanSchema>,
  now = new Date(),
) {
  const { survey, plan } = await planTarget(db, actor, surveyId, unitId);
  if (survey.status !== "closed") return { ok: false as const, error: "plans.notClosed" };
  const publishedAt = input.intent === "publish" ? (plan?.publishedAt ?? now) : (plan?.publishedAt ?? null);
  const data = { summary: input.summary, actions: input.actions ?? "", authorId: actor.userId, publishedAt };
  await db.$transaction(async (tx) => {
    const saved = await tx.surveyActionPlan.upsert({
      where: { surveyId_unitId: { surveyId, unitId } },
      create: { surveyId, unitId, ...data },
      update: data,
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: input.intent === "publish" ? "surveyPlan.publish" : "surveyPlan.save",
      entity: "SurveyActionPlan",
      entityId: saved.id,
      before: plan && { summary: plan.summary, actions: plan.actions, publishedAt: plan.publishedAt },
      after: data,
    });
  });
  return { ok: true as const };
}

export async function unpublishPlan(db: Db, actor: Actor, surveyId: string, unitId: string) {
  const { plan } = await planTarget(db, actor, surveyId, unitId);
  if (!plan) notFound();
  await db.$transaction(async (tx) => {
    const saved = await tx.surveyActionPlan.update({
      where: { surveyId_unitId: { surveyId, unitId } },
      data: { publishedAt: null },
      select: { id: true },
    });
    await audit(tx, { actorId: actor.userId, action: "surveyPlan.unpublish", entity: "SurveyActionPlan", entityId: saved.id });
  });
}

/** Published plans an employee may read: those for their own unit and every unit above it. */
export async function publishedPlansFor(db: Db, employeeId: string) {
  const employee = await db.employee.findUnique({ where: { id: employeeId }, select: { unit: { select: { path: true } } } });
  if (!employee) return [];
  const line = employee.unit.path.split("/").filter(Boolean);
  return db.surveyActionPlan.findMany({
    where: { unitId: { in: line }, publishedAt: { not: null }, survey: { status: "closed" } },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take: 50,
    select: {
      id: true,
      summary: true,
      actions: true,
      publishedAt: true,
      unit: { select: { nameZh: true, nameEn: true } },
      survey: { select: { titleZh: true, titleEn: true, templateId: true } },
      items: { orderBy: [{ dueOn: "asc" }, { id: "asc" }], select: publicActionSelect },
    },
  });
}

/** Plans of a unit for one survey, as shown on the report (drafts too, for those who may write). */
export async function planForReport(db: Db, surveyId: string, unitId: string) {
  return db.surveyActionPlan.findUnique({
    where: { surveyId_unitId: { surveyId, unitId } },
    select: {
      summary: true,
      actions: true,
      publishedAt: true,
      items: { orderBy: [{ dueOn: "asc" }, { id: "asc" }], select: publicActionSelect },
    },
  });
}
