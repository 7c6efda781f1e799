import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { may, unitWhere, type Actor } from "~/modules/auth/scope";
import { fieldError, formError } from "~/utils/domain-error";
import { notFound } from "~/utils/http.server";
import type { z } from "~/utils/validation";
import { getTemplate } from "../campaigns/templates.server";
import { parseItems } from "../items";
import { personLabel, personNumber } from "~/utils/people";
import { dueDay, withDueState, type ActionProgressSchema, type ActionSchema } from "./plan-actions";
import { ORG } from "./report-forms";
import { planTarget, publicActionSelect, type planForReport } from "./report-plans.server";

type Target = { surveyId: string; unitId: string };

/** The dimensions a plan's action may answer: those of the survey's items, named by its template. */
export function surveyDimensions(survey: { templateId: string; itemsJson: string }) {
  const template = getTemplate(survey.templateId);
  const ids = [...new Set(parseItems(survey.itemsJson).map((i) => i.dimension))];
  return ids.map((id) => {
    const d = template?.dimensions.find((x) => x.id === id);
    return { id, nameZh: d?.nameZh ?? id, nameEn: d?.nameEn ?? id };
  });
}

/** Dimension names of a template, for showing actions of any of its surveys. */
export function templateDimensionNames(templateId: string) {
  return Object.fromEntries((getTemplate(templateId)?.dimensions ?? []).map((d) => [d.id, { nameZh: d.nameZh, nameEn: d.nameEn }]));
}

/** The plan page for a head or HR: the plan, its actions (with owners) and the dimensions to choose from. */
export async function planWithActions(db: Db, actor: Actor, { surveyId, unitId }: Target) {
  const target = await planTarget(db, actor, surveyId, unitId);
  const actions = target.plan
    ? await db.surveyAction.findMany({
        where: { planId: target.plan.id },
        orderBy: [{ dueOn: "asc" }, { id: "asc" }],
        select: { ...publicActionSelect, owner: { select: { name: true, employeeNo: true } } },
      })
    : [];
  return { ...target, actions, dimensions: surveyDimensions(target.survey) };
}

/** Employees who may own an action of the unit's plan: active people of the unit and the units below it. */
function ownerWhere(unitPath: string) {
  return { active: true, unit: { path: { startsWith: unitPath } } };
}

/** People matching a name or employee number, for the owner picker (at most 10). */
export async function searchOwners(db: Db, actor: Actor, target: Target, q: string) {
  const { unit } = await planTarget(db, actor, target.surveyId, target.unitId);
  const people = await db.employee.findMany({
    where: { ...ownerWhere(unit.path), OR: [{ name: { contains: q } }, { employeeNo: { contains: q.toUpperCase() } }] },
    orderBy: [{ employeeNo: "asc" }],
    take: 10,
    select: { name: true, employeeNo: true, unit: { select: { nameZh: true, nameEn: true } } },
  });
  return people.map((p) => ({ label: personLabel(p), unitZh: p.unit.nameZh, unitEn: p.unit.nameEn }));
}

/** The owner typed in the form: by employee number, else by an exact name that only one person in the unit has. */
async function resolveOwner(db: Db, unitPath: string, typed: string) {
  const number = personNumber(typed);
  const found = await db.employee.findMany({
    where: { ...ownerWhere(unitPath), ...(number ? { employeeNo: number } : { name: typed }) },
    select: { id: true },
    take: 2,
  });
  if (found.length !== 1) throw fieldError("owner", found.length ? "planActions.ownerAmbiguous" : "planActions.ownerUnknown");
  return found[0].id;
}

/**
 * Adds an action to the plan (creating a draft plan when there is none yet) or edits one of its
 * actions. Heads of the unit (or above) and HR only; the survey must be closed.
 */
export async function saveAction(db: Db, actor: Actor, target: Target, input: z.infer<typeof ActionSchema>) {
  const { survey, unit, plan } = await planTarget(db, actor, target.surveyId, target.unitId);
  if (survey.status !== "closed") throw formError("plans.notClosed", 409);
  if (input.dimension && !surveyDimensions(survey).some((d) => d.id === input.dimension))
    throw fieldError("dimension", "planActions.dimensionUnknown");
  const ownerId = await resolveOwner(db, unit.path, input.owner);
  const data = {
    title: input.title,
    dimension: input.dimension ?? null,
    ownerId,
    dueOn: dueDay(input.dueOn),
    status: input.status,
    progressNote: input.progressNote ?? "",
  };
  const before = input.actionId
    ? await db.surveyAction.findFirst({
        where: { id: input.actionId, plan: { surveyId: target.surveyId, unitId: target.unitId } },
        select: { id: true, title: true, dimension: true, ownerId: true, dueOn: true, status: true, progressNote: true },
      })
    : null;
  if (input.actionId && !before) notFound();
  return db.$transaction(async (tx) => {
    let saved: { id: string };
    if (before) {
      // A new due day gets its own reminders.
      const moved = before.dueOn.getTime() !== data.dueOn.getTime();
      saved = await tx.surveyAction.update({
        where: { id: before.id },
        data: { ...data, ...(moved ? { dueSoonSentAt: null, overdueSentAt: null } : {}) },
        select: { id: true },
      });
    } else {
      const planId =
        plan?.id ??
        (
          await tx.surveyActionPlan.create({
            data: { surveyId: target.surveyId, unitId: target.unitId, summary: "", actions: "", authorId: actor.userId },
            select: { id: true },
          })
        ).id;
      saved = await tx.surveyAction.create({ data: { ...data, planId }, select: { id: true } });
    }
    await audit(tx, {
      actorId: actor.userId,
      action: before ? "surveyAction.update" : "surveyAction.create",
      entity: "SurveyAction",
      entityId: saved.id,
      before: before ?? undefined,
      after: data,
    });
    return saved;
  });
}

/** Removes one action of the plan (heads of the unit or above, HR). */
export async function removeAction(db: Db, actor: Actor, target: Target, actionId: string) {
  await planTarget(db, actor, target.surveyId, target.unitId);
  const before = await db.surveyAction.findFirst({
    where: { id: actionId, plan: { surveyId: target.surveyId, unitId: target.unitId } },
    select: { id: true, title: true, ownerId: true, dueOn: true, status: true, progressNote: true },
  });
  if (!before) notFound();
  await db.$transaction(async (tx) => {
    await tx.surveyAction.delete({ where: { id: before.id } });
    await audit(tx, { actorId: actor.userId, action: "surveyAction.remove", entity: "SurveyAction", entityId: before.id, before });
  });
}

/**
 * One action as its owner or an editor sees it, or 404. The owner reads their own action once
 * its plan is published; heads of the plan's unit (or above) and HR read any action of a plan
 * in their scope. Nobody else learns it exists.
 */
export async function actionForProgress(db: Db, actor: Actor, actionId: string) {
  const asEditor = may(actor, "survey.actionPlan");
  const action = await db.surveyAction.findFirst({
    where: {
      id: actionId,
      OR: [
        ...(actor.employeeId ? [{ ownerId: actor.employeeId, plan: { publishedAt: { not: null } } }] : []),
        ...(asEditor ? [{ plan: { unit: unitWhere(actor) } }] : []),
      ],
    },
    select: {
      ...publicActionSelect,
      ownerId: true,
      plan: {
        select: {
          surveyId: true,
          unitId: true,
          publishedAt: true,
          unit: { select: { nameZh: true, nameEn: true } },
          survey: { select: { titleZh: true, titleEn: true, templateId: true } },
        },
      },
    },
  });
  if (!action) notFound();
  const { ownerId, ...rest } = action;
  return { action: rest, isOwner: ownerId === actor.employeeId };
}

/** The owner (or an editor) records where the action stands; only status and the progress note change. */
export async function updateProgress(db: Db, actor: Actor, actionId: string, input: z.infer<typeof ActionProgressSchema>) {
  const { action } = await actionForProgress(db, actor, actionId);
  const after = { status: input.status, progressNote: input.progressNote ?? "" };
  await db.$transaction(async (tx) => {
    await tx.surveyAction.update({ where: { id: action.id }, data: after, select: { id: true } });
    await audit(tx, {
      actorId: actor.userId,
      action: "surveyAction.progress",
      entity: "SurveyAction",
      entityId: action.id,
      before: { status: action.status, progressNote: action.progressNote },
      after,
    });
  });
}

/** Actions a person owns in published plans, open ones first by due day, then recently done. */
export async function ownActions(db: Db, employeeId: string) {
  return db.surveyAction.findMany({
    where: { ownerId: employeeId, plan: { publishedAt: { not: null } } },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
    take: 50,
    select: {
      ...publicActionSelect,
      plan: {
        select: {
          unit: { select: { nameZh: true, nameEn: true } },
          survey: { select: { titleZh: true, titleEn: true, templateId: true } },
        },
      },
    },
  });
}

/**
 * The plan of the unit for the latest earlier closed wave of the same template, with its actions,
 * for the report of a later wave ("what was done since"). Null when there is none.
 */
export async function previousWavePlan(db: Db, surveyId: string, unitId: string) {
  const survey = await db.survey.findUnique({ where: { id: surveyId }, select: { templateId: true, opensAt: true } });
  if (!survey) return null;
  const plan = await db.surveyActionPlan.findFirst({
    where: {
      unitId,
      surveyId: { not: surveyId },
      survey: { templateId: survey.templateId, status: "closed", opensAt: { lt: survey.opensAt } },
    },
    orderBy: [{ survey: { opensAt: "desc" } }],
    select: {
      publishedAt: true,
      survey: { select: { id: true, titleZh: true, titleEn: true } },
      items: { orderBy: [{ dueOn: "asc" }, { id: "asc" }], select: publicActionSelect },
    },
  });
  if (!plan) return null;
  return { ...plan, dimensions: templateDimensionNames(survey.templateId) };
}

/**
 * What the report page shows of plans: the unit's plan for this wave with its actions, and the
 * previous wave's plan for the same unit. The report has already checked the unit is in scope.
 */
export async function reportActions(
  db: Db,
  report: { survey: { id: string }; unit: { id: string }; dimensions: { id: string; nameZh: string; nameEn: string }[] },
  plan: Awaited<ReturnType<typeof planForReport>>,
  now = new Date(),
) {
  const dimensions = Object.fromEntries(report.dimensions.map((d) => [d.id, { nameZh: d.nameZh, nameEn: d.nameEn }]));
  const previous = report.unit.id === ORG ? null : await previousWavePlan(db, report.survey.id, report.unit.id);
  return {
    plan: plan && { ...plan, items: withDueState(plan.items, now), dimensions },
    previousPlan: previous && { ...previous, items: withDueState(previous.items, now) },
  };
}
