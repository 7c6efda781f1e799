import { liveCounts } from "../campaigns/monitoring.server";
import type { Actor } from "~/modules/auth/scope";
import { unitPathScope } from "~/modules/auth/scope";
import { sqliteDate, type Db } from "~/utils/db.server";
import { firstRow, rows } from "~/utils/sql.server";
import { notFound } from "~/utils/http.server";
import { parseItems, type SurveyItem } from "../items";
import { closedWaves, surveyForReport, type ReportSurvey } from "../queries.server";
import { REPORT_CUTS, resultsKept, type ReportCut } from "./report-aggregates.server";
import { childFigures, dimensionFigures, drivers, itemDistributions, type DimensionFigures } from "./report-figures.server";
import { reportComments } from "./comment-themes.server";
import type { CommentsQuery } from "./report-query";
import {
  childrenOf,
  loadFigureView,
  loadWaveGroups,
  ORG,
  subtreeIds,
  unitOutline,
  type FigureView,
  type Filter,
  type WaveGroups,
} from "./report-groups.server";
import { enps, likertSplit, type Enps, type Split } from "./report-stats";
import { rollUp, suppressUnits } from "./report-suppression";
import { biggestChanges, chooseFocus, relativeImpacts } from "./focus-areas";
import { parseCuts } from "../settings";
import { getTemplate } from "../campaigns/templates.server";
import { paginate, pageWindow } from "~/utils/pagination";

export { ORG };

export const REPORT_PAGE_SIZE = 20;

/** Surveys with reports: launched staff surveys, newest first (training surveys report in training). */
export async function listReportableSurveys(db: Db, page = 1) {
  const where = { status: { in: ["open", "closed"] }, purpose: "staff" };
  const [total, rows] = await Promise.all([
    db.survey.count({ where }),
    db.survey.findMany({
      where,
      orderBy: [{ opensAt: "desc" }, { id: "asc" }],
      ...pageWindow(page, REPORT_PAGE_SIZE),
      select: { id: true, titleZh: true, titleEn: true, status: true, opensAt: true, closesAt: true },
    }),
  ]);
  return { total, rows, page, pageCount: paginate({ page, pageSize: REPORT_PAGE_SIZE, total }).pageCount };
}

/** The launched survey, or 404 (drafts have no report). Read on every report page: direct SQL (see sqlRead). */
export async function reportSurvey(db: Db, surveyId: string): Promise<ReportSurvey> {
  const survey = await firstRow(db, surveyForReport, [surveyId]);
  if (!survey || survey.status === "draft") notFound();
  return survey;
}

/** Parses "track:skill" into a filter on a cut the survey collected; anything else is no filter. */
export function parseFilter(raw: string | null | undefined, survey: { cutsJson: string }): Filter {
  if (!raw) return null;
  const [cut, value] = raw.split(":");
  if (!value || !(cut in REPORT_CUTS) || !parseCuts(survey.cutsJson).includes(cut as ReportCut)) return null;
  return { cut: cut as ReportCut, value };
}

function scopeUnitId(actor: Actor) {
  const scope = unitPathScope(actor);
  if (scope === undefined) return undefined;
  return scope === null ? ORG : scope.split("/").filter(Boolean).at(-1)!;
}

/** Which units the actor may open a report for: HR everything (and the organisation), a head their subtree. */
export function mayReportOn(actor: Actor, groups: WaveGroups, unitId: string) {
  const scope = unitPathScope(actor);
  if (scope === null) return unitId === ORG || groups.units.has(unitId);
  if (scope === undefined) return false;
  const unit = groups.units.get(unitId);
  return !!unit && unit.path.startsWith(scope);
}

export type SplitView = { n: number; favourable: number; neutral: number; unfavourable: number; mean: number };
const view = (s: Split | null | undefined): SplitView | null => (s ? { ...s } : null);

/** One item's figures; `n` is the people who answered it (for multiple choice, not the ticks). */
function itemView(item: SurveyItem, d: Map<number, number> | undefined, figureView: FigureView, unitId: string) {
  const distribution = [...(d ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
  const figure = `i:${item.id}`;
  const hidden = !figureView.shown(figure, unitId);
  const n = figureView.reach(figure, unitId);
  return {
    id: item.id,
    dimension: item.dimension,
    type: item.type,
    textZh: item.textZh,
    textEn: item.textEn,
    options: item.options?.map((o) => ({ labelZh: o.labelZh, labelEn: o.labelEn })) ?? null,
    hidden,
    n: hidden ? null : n,
    split: hidden || item.type !== "likert5" ? null : view(likertSplit(d ?? new Map())),
    enps: hidden || item.type !== "nps" ? null : enps(d ?? new Map()),
    distribution: hidden ? null : distribution.map(([value, count]) => ({ value, count })),
  };
}

type GroupsCache = Map<string, Promise<{ groups: WaveGroups; figureView: FigureView }>>;

async function waveFigures(
  db: Db,
  survey: ReportSurvey,
  filter: Filter,
  unitId: string,
  extraUnitIds: string[],
  cache: GroupsCache = new Map(),
  allowed?: (figure: string, groups: WaveGroups, figureView: FigureView) => boolean,
) {
  // Aggregated when the survey closed (closeSurvey, or the background work for older ones): a read never writes.
  // The pattern is the organisation's whatever unit is looked at; the first call (the selected
  // unit) also gives the filter values at that unit.
  const key = survey.id;
  if (!cache.has(key)) {
    cache.set(
      key,
      loadWaveGroups(db, survey, filter, { extraUnitIds, selectedUnitId: unitId }).then(async (groups) => ({
        groups,
        figureView: await loadFigureView(db, survey, filter, groups),
      })),
    );
  }
  const { groups, figureView } = await cache.get(key)!;
  if (groups.hidden.has(unitId) || (unitId !== ORG && !groups.units.has(unitId)))
    return { groups, figureView, figures: null, byItem: null };
  const items = parseItems(survey.itemsJson);
  const byItem = await itemDistributions(db, survey.id, filter, subtreeIds(groups, unitId));
  const narrowed = allowed ? (figure: string) => allowed(figure, groups, figureView) : undefined;
  return {
    groups,
    figureView,
    figures: shownFigures(items, dimensionFigures(items, byItem, survey.minGroupSize), figureView, unitId, narrowed),
    byItem,
  };
}

/**
 * A unit's dimension splits, overall split and eNPS as the one rule lets them out: each only
 * where its own respondents pass (FigureView), with `n` the distinct people behind it.
 * `allowed` narrows further (a head's organisation comparison).
 */
function shownFigures(
  items: SurveyItem[],
  f: DimensionFigures,
  figureView: FigureView,
  unitId: string,
  allowed: (figure: string) => boolean = () => true,
): DimensionFigures {
  const ok = (figure: string) => figureView.shown(figure, unitId) && allowed(figure);
  const counted = (split: Split | null, figure: string) => (split && ok(figure) ? { ...split, n: figureView.reach(figure, unitId) } : null);
  const npsItem = items.find((i) => i.type === "nps");
  const npsFigure = npsItem ? `i:${npsItem.id}` : "";
  return {
    split: counted(f.split, "likert"),
    enps: f.enps && ok(npsFigure) ? { ...f.enps, n: figureView.reach(npsFigure, unitId) } : null,
    dimensions: new Map([...f.dimensions].map(([dim, split]) => [dim, counted(split, `d:${dim}`)])),
  };
}

const dimensionRecord = (f: DimensionFigures | null) => (f ? Object.fromEntries([...f.dimensions].map(([k, v]) => [k, view(v)])) : null);

/**
 * The report of one launched survey for one unit (ORG = the organisation), optionally under a
 * filter. Throws 404 for a unit outside the actor's scope. Results only once the survey closed.
 */
export async function loadReport(
  db: Db,
  actor: Actor,
  surveyId: string,
  query: { unitId?: string; filter?: string | null; comments?: CommentsQuery },
) {
  const survey = await reportSurvey(db, surveyId);
  const own = scopeUnitId(actor);
  if (own === undefined) notFound();
  const unitId = query.unitId || own;
  const cuts = (Object.keys(REPORT_CUTS) as ReportCut[]).filter((c) => parseCuts(survey.cutsJson).includes(c));
  const template = getTemplate(survey.templateId);
  const items = parseItems(survey.itemsJson);
  const dimensionIds = [...new Set(items.map((i) => i.dimension))];
  const dimensions = dimensionIds.map((id) => {
    const d = template?.dimensions.find((x) => x.id === id);
    return { id, nameZh: d?.nameZh ?? id, nameEn: d?.nameEn ?? id };
  });
  const base = {
    survey: {
      id: survey.id,
      titleZh: survey.titleZh,
      titleEn: survey.titleEn,
      status: survey.status,
      closedAt: survey.closedAt,
      closesAt: survey.closesAt,
      minGroupSize: survey.minGroupSize,
      minCommentGroupSize: survey.minCommentGroupSize,
    },
    cuts,
    dimensions,
  };

  // Closed, but its figures are not kept yet (the background work aggregates them): a read
  // computes nothing, it says the results are being prepared.
  const preparing = survey.status === "closed" && !(await resultsKept(db, surveyId));
  if (survey.status !== "closed" || preparing) {
    // Results wait for the close; the live response rate is all there is.
    const participation = await liveCounts(db, surveyId);
    const extra = [...new Set(participation.map((p) => p.unitId)), ...(own !== ORG ? [own] : [])];
    const groups = await liveGroups(db, survey, participation, extra);
    if (!mayReportOn(actor, groups, unitId)) notFound();
    // A head sees nothing of a running survey: no invited or answered counts that move as
    // people answer. HR, who runs the campaign, sees the rates under the group minimum.
    return {
      ...base,
      closed: false as const,
      preparing,
      unit: unitRef(groups, unitId),
      units: picker(actor, groups),
      live: actor.role === "hr_admin" ? liveRates(groups, unitId) : [],
    };
  }

  const filter = parseFilter(query.filter, survey);
  const extra = own !== ORG ? [own] : [];
  const cache: GroupsCache = new Map();
  const current = await waveFigures(db, survey, filter, unitId, extra, cache);
  const groups = current.groups;
  if (!mayReportOn(actor, groups, unitId)) notFound();
  const hidden = current.figures === null;
  const min = survey.minGroupSize;

  // A head compares with the organisation only where the organisation minus their own subtree
  // is not a group they may not open (nor too small): see comparableOutside.
  // Never a comparison of the unit with itself: where the unit's respondents are all of the
  // organisation's (a department that is the whole survey), the organisation figure is left out.
  const outsideOwn = own === ORG ? null : comparableOutside(own, min);
  const org =
    unitId === ORG
      ? current
      : await waveFigures(
          db,
          survey,
          filter,
          ORG,
          extra,
          cache,
          (figure, g, fv) => fv.reach(figure, ORG) > fv.reach(figure, unitId) && (outsideOwn?.(figure, g, fv) ?? true),
        );
  const waves = await rows(db, closedWaves, [survey.templateId, sqliteDate(survey.opensAt)]);
  const trend = [];
  for (const wave of waves.reverse()) {
    const w =
      wave.id === survey.id
        ? current
        : await waveFigures(db, wave, filter && parseFilter(`${filter.cut}:${filter.value}`, wave), unitId, extra);
    trend.push({
      surveyId: wave.id,
      titleZh: wave.titleZh,
      titleEn: wave.titleEn,
      closesAt: wave.closesAt,
      respondents: w.figures ? (w.groups.respondents.get(unitId) ?? 0) : null,
      dimensions: dimensionRecord(w.figures),
      enps: w.figures?.enps?.score ?? null,
      favourable: w.figures?.split?.favourable ?? null,
    });
  }
  const previousIndex = trend.findIndex((t) => t.surveyId === survey.id) - 1;
  const previous = previousIndex >= 0 ? trend[previousIndex] : null;

  const children = unitId === ORG || groups.units.has(unitId) ? childrenOf(groups, unitId) : [];
  const unitToChild: Record<string, string> = {};
  for (const child of children) for (const id of subtreeIds(groups, child.id) ?? []) unitToChild[id] = child.id;
  const childFigs =
    hidden || children.length === 0
      ? new Map<string, DimensionFigures>()
      : await childFigures(db, survey.id, filter, items, unitToChild, min);
  const heatmap = children.map((child) => {
    const shown = !groups.hidden.has(child.id) && childFigs.has(child.id);
    const f = shown ? shownFigures(items, childFigs.get(child.id)!, current.figureView, child.id) : null;
    return {
      unitId: child.id,
      nameZh: child.nameZh,
      nameEn: child.nameEn,
      respondents: f ? (groups.respondents.get(child.id) ?? 0) : null,
      dimensions: dimensionRecord(f),
      enps: f?.enps?.score ?? null,
    };
  });

  const units = subtreeIds(groups, unitId);
  const driverRows = hidden
    ? []
    : (await drivers(db, survey.id, filter, units, min))
        .filter((d) => current.figureView.shown(`r:${d.dimension}`, unitId))
        .map((d) => ({ ...d, n: current.figureView.reach(`r:${d.dimension}`, unitId) }));
  const { impacts } = relativeImpacts(driverRows);
  const driversShown = driverRows.map((d) => ({
    ...d,
    ...impacts.get(d.dimension)!,
    favourable: current.figures?.dimensions.get(d.dimension)?.favourable ?? null,
  }));
  const dimensionSplits = dimensionRecord(current.figures);
  const outcomeItem = items.find((i) => i.outcome);
  // Chosen only from what the report shows: a suppressed dimension or driver is null here.
  const focus = hidden
    ? null
    : chooseFocus(
        dimensionIds.map((dimension) => ({
          dimension,
          favourable: dimensionSplits?.[dimension]?.favourable ?? null,
          r: driversShown.find((d) => d.dimension === dimension)?.r ?? null,
        })),
        { exclude: driversShown.length > 0 && outcomeItem ? [outcomeItem.dimension] : [] },
      );
  const changes = hidden
    ? null
    : biggestChanges(
        Object.fromEntries(dimensionIds.map((d) => [d, dimensionSplits?.[d]?.favourable])),
        previous?.dimensions ? Object.fromEntries(dimensionIds.map((d) => [d, previous.dimensions?.[d]?.favourable])) : null,
        dimensionIds,
      );
  const orgDimensions = unitId === ORG || hidden ? null : dimensionRecord(org.figures);
  const textItems = items.filter((i) => i.type === "text");
  const commentsVisible = !hidden && !filter && !groups.commentsHidden.has(unitId);
  // Themes, counts and search only for a group whose comments may be shown at all.
  const commentItems =
    commentsVisible && textItems.length > 0
      ? await reportComments(db, survey.id, textItems, units, query.comments ?? { q: "", themes: {}, shown: {} })
      : null;

  return {
    ...base,
    closed: true as const,
    filter,
    filterValues: groups.filterValues,
    unit: unitRef(groups, unitId),
    units: picker(actor, groups),
    hidden,
    respondents: hidden ? null : (groups.respondents.get(unitId) ?? 0),
    invited: filter || hidden ? null : (groups.invited.get(unitId) ?? 0) || null,
    overall: hidden ? null : view(current.figures!.split),
    enps: hidden ? null : (current.figures!.enps as Enps | null),
    dimensionSplits,
    orgDimensions: orgDimensions && Object.values(orgDimensions).some((d) => d !== null) ? orgDimensions : null,
    orgEnps: unitId === ORG || hidden ? null : (org.figures?.enps?.score ?? null),
    previous,
    trend,
    items: hidden
      ? []
      : items.filter((i) => i.type !== "text").map((i) => itemView(i, current.byItem!.get(i.id), current.figureView, unitId)),
    heatmap,
    drivers: driversShown,
    outcomeItemId: outcomeItem?.id ?? null,
    focus,
    changes,
    comments: commentItems,
    commentsReason: commentsVisible ? null : filter ? ("filtered" as const) : ("small" as const),
  };
}

export type Report = Awaited<ReturnType<typeof loadReport>>;
export type ClosedReport = Extract<Report, { closed: true }>;

/**
 * For a head whose scope is `scopeUnitId`: the organisation figure minus their subtree is the
 * rest of the organisation. It may be shown only when that rest is empty (the figures are the
 * same), holds at least the minimum, and is not all in one unit outside their scope (which the
 * subtraction would open for them).
 */
function comparableOutside(scopeUnitId: string, min: number) {
  return (figure: string, groups: WaveGroups, figureView: FigureView) => {
    const scopePath = groups.units.get(scopeUnitId)?.path;
    if (!scopePath) return false;
    const outside = figureView.reach(figure, ORG) - figureView.reach(figure, scopeUnitId);
    if (outside === 0) return true;
    if (outside < min) return false;
    return ![...groups.units.values()].some(
      (u) => !u.path.startsWith(scopePath) && !scopePath.startsWith(u.path) && figureView.reach(figure, u.id) === outside,
    );
  };
}

function unitRef(groups: WaveGroups, unitId: string) {
  const u = groups.units.get(unitId);
  return { id: unitId, nameZh: u?.nameZh ?? null, nameEn: u?.nameEn ?? null };
}

/** The unit picker: the units the actor may choose, each marked when its figures are hidden. */
function picker(actor: Actor, groups: WaveGroups) {
  const scope = unitPathScope(actor);
  const outline = unitOutline(groups, (u) => mayReportOn(actor, groups, u.id));
  const top = scope === null ? [{ id: ORG, nameZh: null, nameEn: null, depth: 0, hidden: groups.hidden.has(ORG) }] : [];
  const minDepth = Math.min(...outline.map((o) => o.depth));
  return [
    ...top,
    ...outline.map(({ unit, depth }) => ({
      id: unit.id,
      nameZh: unit.nameZh as string | null,
      nameEn: unit.nameEn as string | null,
      depth: depth - minDepth + top.length,
      hidden: groups.hidden.has(unit.id),
    })),
  ];
}

type Participation = { unitId: string; invited: number; answered: number };

async function liveGroups(db: Db, survey: ReportSurvey, participation: Participation[], extraUnitIds: string[]) {
  // An open survey has no aggregates yet: the groups are built from participation alone.
  const groups = await loadWaveGroups(db, survey, null, { extraUnitIds, live: true });
  const answered = new Map<string, number>();
  for (const p of participation) answered.set(p.unitId, (answered.get(p.unitId) ?? 0) + p.answered);
  const answeredTree = rollUp(groups.nodes, answered);
  const invitedTree = rollUp(
    groups.nodes,
    new Map(participation.reduce((m, p) => m.set(p.unitId, (m.get(p.unitId) ?? 0) + p.invited), new Map<string, number>())),
  );
  return {
    ...groups,
    respondents: answeredTree,
    invited: invitedTree,
    hidden: suppressUnits(groups.nodes, answeredTree, survey.minGroupSize),
  };
}

function liveRates(groups: WaveGroups, unitId: string) {
  const row = (id: string, nameZh: string | null, nameEn: string | null) => ({
    unitId: id,
    nameZh,
    nameEn,
    invited: groups.invited.get(id) ?? 0,
    answered: groups.hidden.has(id) ? null : (groups.respondents.get(id) ?? 0),
  });
  const u = groups.units.get(unitId);
  return [row(unitId, u?.nameZh ?? null, u?.nameEn ?? null), ...childrenOf(groups, unitId).map((c) => row(c.id, c.nameZh, c.nameEn))];
}
