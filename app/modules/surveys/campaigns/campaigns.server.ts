import { sqliteDate, withWriteTurn, type Db } from "~/utils/db.server";
import { rows } from "~/utils/sql.server";
import { audit } from "~/modules/audit/audit.server";
import { getEnv } from "~/utils/env.server";
import { arrivedAfter } from "~/modules/org/units.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { z } from "~/utils/validation";
import { checkItems, parseItems, type SurveyItem } from "../items";
import { dueSurveys, secureDelete, truncateWal, vacuum } from "../queries.server";
import {
  cellText,
  cutUnits,
  generaliseCells,
  normalisePopulation,
  parsePopulation,
  PopulationSchema,
  resolvePopulation,
  type CellParts,
  type Population,
} from "./population";
import { tenureBand } from "~/modules/org/org";
import {
  CUTS,
  parseCuts,
  DEFAULT_MIN_COMMENT_GROUP_SIZE,
  DEFAULT_MIN_GROUP_SIZE,
  FLOOR_MIN_GROUP_SIZE,
  launchProblems,
  type Cut,
} from "../settings";
import { computeSurveyResults } from "../reports/report-aggregates.server";
import { getTemplate } from "./templates.server";
import { DomainError, formError } from "~/utils/domain-error";
import { paginate, pageWindow } from "~/utils/pagination";

export const CreateSurveySchema = z
  .object({
    templateId: z.string().min(1).max(64),
    titleZh: z.string().trim().min(1).max(120).optional(),
    titleEn: z.string().trim().min(1).max(120).optional(),
    opensAt: z.coerce.date(),
    closesAt: z.coerce.date(),
    population: PopulationSchema.default({ unitIds: [], tracks: [] }),
    minGroupSize: z.number().int().min(FLOOR_MIN_GROUP_SIZE).max(100).default(DEFAULT_MIN_GROUP_SIZE),
    minCommentGroupSize: z.number().int().min(FLOOR_MIN_GROUP_SIZE).max(200).optional(),
    cuts: z.array(z.enum(CUTS)).max(CUTS.length).default(["unit"]),
    purpose: z.enum(["staff", "training-needs", "training-reaction"]).default("staff"),
    contextId: z.string().min(1).max(64).optional(),
    /** The template's items, edited; omitted: the template's items as they are. */
    items: z.array(z.any()).min(1).max(200).optional(),
  })
  .strict();

export type CreateSurveyInput = z.input<typeof CreateSurveySchema>;

/** Creates a draft from a template. Everything stays editable until launch. */
export async function createSurvey(db: Db, actorId: string, input: CreateSurveyInput) {
  const parsed = CreateSurveySchema.parse(input);
  const template = getTemplate(parsed.templateId);
  if (!template) throw new DomainError("surveys.errors.unknownTemplate", { status: 400, field: "templateId" });
  const items = parsed.items ? validItems(template, parsed.items as SurveyItem[]) : template.items;
  const minCommentGroupSize = Math.max(parsed.minCommentGroupSize ?? DEFAULT_MIN_COMMENT_GROUP_SIZE, parsed.minGroupSize);
  if (parsed.closesAt <= parsed.opensAt) throw new DomainError("surveys.errors.closesBeforeOpens", { status: 400, field: "closesOn" });
  return db.$transaction(async (tx) => {
    const survey = await tx.survey.create({
      data: {
        templateId: template.id,
        templateVersion: template.version,
        titleZh: parsed.titleZh ?? template.titleZh,
        titleEn: parsed.titleEn ?? template.titleEn,
        itemsJson: JSON.stringify(items),
        opensAt: parsed.opensAt,
        closesAt: parsed.closesAt,
        minGroupSize: parsed.minGroupSize,
        minCommentGroupSize,
        cutsJson: JSON.stringify(CUTS.filter((c) => parsed.cuts.includes(c))),
        populationJson: JSON.stringify(normalisePopulation(parsed.population)),
        purpose: parsed.purpose,
        contextId: parsed.contextId,
        createdById: actorId,
      },
      select: { id: true },
    });
    await audit(tx, { actorId, action: "survey.create", entity: "Survey", entityId: survey.id, after: { templateId: template.id } });
    return survey;
  });
}

function validItems(template: NonNullable<ReturnType<typeof getTemplate>>, items: SurveyItem[]) {
  const result = checkItems(template, items);
  if (!result.success) throw new DomainError("surveys.errors.invalidItems", { status: 400, field: "items" });
  return result.data.items;
}

/** Refuses any change unless the survey is still a draft: settings freeze at launch. */
async function requireDraft(db: Db, surveyId: string) {
  const survey = await db.survey.findUnique({
    where: { id: surveyId },
    select: { id: true, status: true, templateId: true, itemsJson: true },
  });
  if (!survey) throw formError("errors.notFound", 404);
  if (survey.status !== "draft") throw formError("surveys.errors.frozen", 409);
  return survey;
}

/** Guarded write: only a draft row is changed, so a launch racing an edit cannot be undone by it. */
async function updateDraft(db: Pick<Db, "survey">, surveyId: string, data: Record<string, unknown>) {
  const { count } = await db.survey.updateMany({ where: { id: surveyId, status: "draft" }, data });
  if (count !== 1) throw formError("surveys.errors.frozen", 409);
}

export async function updateSettings(
  db: Db,
  actorId: string,
  surveyId: string,
  input: {
    titleZh: string;
    titleEn: string;
    opensAt: Date;
    closesAt: Date;
    minGroupSize: number;
    minCommentGroupSize: number;
    cuts: Cut[];
    population: Population;
  },
) {
  await requireDraft(db, surveyId);
  if (input.minGroupSize < FLOOR_MIN_GROUP_SIZE)
    throw new DomainError("surveys.errors.groupMinTooSmall", { status: 400, field: "minGroupSize" });
  if (input.minCommentGroupSize < input.minGroupSize)
    throw new DomainError("surveys.errors.commentMinBelowGroupMin", { status: 400, field: "minCommentGroupSize" });
  const data = {
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    minGroupSize: input.minGroupSize,
    minCommentGroupSize: input.minCommentGroupSize,
    cutsJson: JSON.stringify(CUTS.filter((c) => input.cuts.includes(c))),
    populationJson: JSON.stringify(input.population),
  };
  await db.$transaction(async (tx) => {
    await updateDraft(tx, surveyId, data);
    await audit(tx, { actorId, action: "survey.update", entity: "Survey", entityId: surveyId, after: data });
  });
}

export async function updateItems(db: Db, actorId: string, surveyId: string, change: (items: SurveyItem[]) => SurveyItem[]) {
  const survey = await requireDraft(db, surveyId);
  const template = getTemplate(survey.templateId);
  if (!template) throw formError("surveys.errors.unknownTemplate", 400);
  const items = validItems(template, change(parseItems(survey.itemsJson)));
  await db.$transaction(async (tx) => {
    await updateDraft(tx, surveyId, { itemsJson: JSON.stringify(items) });
    await audit(tx, { actorId, action: "survey.items", entity: "Survey", entityId: surveyId, after: { count: items.length } });
  });
  return items;
}

export async function deleteDraft(db: Db, actorId: string, surveyId: string) {
  await requireDraft(db, surveyId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.survey.deleteMany({ where: { id: surveyId, status: "draft" } });
    if (count !== 1) throw formError("surveys.errors.frozen", 409);
    await audit(tx, { actorId, action: "survey.delete", entity: "Survey", entityId: surveyId });
  });
}

/** Who a draft would invite now (active staff), with their units. */
export async function previewPopulation(db: Db, population: Population, now = new Date()) {
  const [units, employees] = await Promise.all([
    db.unit.findMany({ select: { id: true, path: true } }),
    db.employee.findMany({
      where: population.employeeIds ? { id: { in: population.employeeIds } } : { active: true },
      select: { id: true, unitId: true, track: true, active: true, hireDate: true, unitSince: true },
    }),
  ]);
  const participants = resolvePopulation(population, units, employees);
  const byId = new Map(employees.map((e) => [e.id, e]));
  // Who arrived in their unit within the last RECENT_MEMBERSHIP_DAYS (joined, moved in, made active again).
  const since = arrivedAfter(getEnv().RECENT_MEMBERSHIP_DAYS, now);
  const recent = new Set(participants.filter((p) => byId.get(p.employeeId)!.unitSince > since).map((p) => p.employeeId));
  return { participants, unitPaths: new Map(units.map((u) => [u.id, u.path])), employees: byId, recent };
}

/**
 * Freezes the settings and items, invites the active population (each with their unit as of
 * now) and queues the invitations. Refused unless the survey is a ready draft.
 */
export async function launchSurvey(db: Db, actorId: string, surveyId: string, now = new Date()) {
  const survey = await db.survey.findUnique({ where: { id: surveyId } });
  if (!survey) throw formError("errors.notFound", 404);
  if (survey.status !== "draft") throw formError("surveys.errors.frozen", 409);
  const { participants, unitPaths, employees, recent } = await previewPopulation(db, parsePopulation(survey.populationJson), now);
  // A training session's reaction survey may be smaller than the minimum: its figures are only
  // released pooled with other sessions, in steps of at least the minimum (training reports).
  const pooled = survey.purpose === "training-reaction";
  const problems = launchProblems(
    {
      ...survey,
      itemCount: parseItems(survey.itemsJson).length,
      invited: participants.length,
      established: participants.length - recent.size,
      pooled,
    },
    now,
  );
  if (problems.length) throw formError(problems[0], 409);
  const cutUnit = cutUnits(participants, unitPaths, survey.minGroupSize);
  const cuts = parseCuts(survey.cutsJson);
  const cells = pooled
    ? new Map<string, CellParts>()
    : generaliseCells(
        participants.map((p) => {
          const e = employees.get(p.employeeId)!;
          return {
            employeeId: p.employeeId,
            unitId: cuts.includes("unit") ? cutUnit.get(p.unitId)! : null,
            track: cuts.includes("track") ? e.track : null,
            tenureBand: cuts.includes("tenure") ? tenureBand(e.hireDate, survey.opensAt) : null,
          };
        }),
        unitPaths,
        survey.minGroupSize,
        recent,
      );
  const cellOf = (employeeId: string) => cells.get(employeeId) ?? { unitId: null, track: null, tenureBand: null };
  await db.$transaction(
    async (tx) => {
      const { count } = await tx.survey.updateMany({ where: { id: surveyId, status: "draft" }, data: { status: "open", launchedAt: now } });
      if (count !== 1) throw formError("surveys.errors.frozen", 409);
      await tx.surveyParticipation.createMany({
        data: participants.map((p) => ({
          surveyId,
          employeeId: p.employeeId,
          unitId: p.unitId,
          cutUnitId: cellOf(p.employeeId).unitId ?? cutUnit.get(p.unitId)!,
          cell: cellText(cellOf(p.employeeId)),
        })),
      });
      await enqueueNotification(tx, {
        type: "survey.invitation",
        recipientIds: participants.map((p) => p.employeeId),
        payload: {
          surveyId,
          titleZh: survey.titleZh,
          titleEn: survey.titleEn,
          opensAt: survey.opensAt.toISOString(),
          closesAt: survey.closesAt.toISOString(),
          link: `/surveys/${surveyId}`,
        },
      });
      await audit(tx, { actorId, action: "survey.launch", entity: "Survey", entityId: surveyId, after: { invited: participants.length } });
      if (recent.size > 0) {
        // Who counted as newly arrived (filed one level up, counting towards no minimum), by unit.
        const byUnit: Record<string, string[]> = {};
        for (const p of participants) if (recent.has(p.employeeId)) (byUnit[p.unitId] ??= []).push(p.employeeId);
        await audit(tx, {
          actorId,
          action: "survey.recentMembers",
          entity: "Survey",
          entityId: surveyId,
          after: { days: getEnv().RECENT_MEMBERSHIP_DAYS, byUnit },
        });
      }
    },
    { timeout: 60_000 },
  );
  return { invited: participants.length };
}

/**
 * Closes an open survey (by HR, or by `closeDueSurveys` once its closing time has passed),
 * then rewrites the stored answers so that no freed page, WAL frame (SQLite), row place or
 * row version (PostgreSQL) keeps the order in which they arrived (`compactDatabase`).
 */
export async function closeSurvey(db: Db, actorId: string | null, surveyId: string, now = new Date()) {
  const closed = await db.$transaction(async (tx) => {
    const { count } = await tx.survey.updateMany({ where: { id: surveyId, status: "open" }, data: { status: "closed", closedAt: now } });
    if (count === 1)
      await audit(tx, { actorId, action: actorId ? "survey.close" : "survey.autoClose", entity: "Survey", entityId: surveyId });
    return count === 1;
  });
  if (!closed) {
    const exists = await db.survey.findUnique({ where: { id: surveyId }, select: { id: true } });
    throw formError(exists ? "surveys.errors.notOpen" : "errors.notFound", exists ? 409 : 404);
  }
  // Results are aggregated once, here, so that reading a report never writes.
  await computeSurveyResults(db, surveyId);
  await compactDatabase(db, surveyId);
}

/** Closes every open survey whose closing time has passed (background work, never a page read). */
export async function closeDueSurveys(db: Db, now = new Date()) {
  // Asked on every answer page and submission: direct SQL (see sqlRead).
  const due = await rows(db, dueSurveys, [sqliteDate(now)]);
  for (const { id } of due) await closeSurvey(db, null, id, now).catch((e) => (e instanceof DomainError ? undefined : Promise.reject(e)));
  return due.length;
}

/**
 * SQLite: secure_delete zeroes freed pages; VACUUM rebuilds the file in key order; TRUNCATE
 * empties the WAL. PostgreSQL: the closed wave's answer rows (`surveyId`) get one transaction
 * id and the answer tables are rewritten in key order (`vacuum`); the server's WAL is not the
 * app's to empty (`truncateWal`).
 */
export async function compactDatabase(db: Db, surveyId?: string) {
  // Each statement takes the write turn on its own, as a Prisma statement would.
  await withWriteTurn(db, secureDelete);
  await withWriteTurn(db, truncateWal);
  await withWriteTurn(db, (sql) => vacuum(sql, surveyId));
  // A reader holding an old snapshot blocks the checkpoint; give it a moment and try again.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await withWriteTurn(db, truncateWal)) return { checkpointComplete: true };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { checkpointComplete: false };
}

export const ADMIN_PAGE_SIZE = 20;

export async function listSurveys(db: Db, page = 1) {
  const [total, rows] = await Promise.all([
    db.survey.count(),
    db.survey.findMany({
      orderBy: [{ opensAt: "desc" }, { id: "asc" }],
      ...pageWindow(page, ADMIN_PAGE_SIZE),
      select: {
        id: true,
        titleZh: true,
        titleEn: true,
        templateId: true,
        status: true,
        opensAt: true,
        closesAt: true,
        purpose: true,
        _count: { select: { participations: true } },
      },
    }),
  ]);
  return { total, rows, page, pageCount: paginate({ page, pageSize: ADMIN_PAGE_SIZE, total }).pageCount };
}
