import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { LEVELS, TRACKS } from "~/modules/org/org";
import { CoefficientTableSchema } from "./coefficients";
import { DeptPoolParamsSchema } from "./dept-pool";
import { bandKey, type RunParams } from "./payroll";
import { SubscriberGrowthParamsSchema, subscriberGrowthKpis } from "./subscriber-growth";
import { fieldError } from "~/utils/domain-error";

export const SCHEME_KINDS = ["coefficients", "subscriberGrowth", "deptPool"] as const;
export type SchemeKind = (typeof SCHEME_KINDS)[number];

export const PARAM_SCHEMAS = {
  coefficients: CoefficientTableSchema,
  subscriberGrowth: SubscriberGrowthParamsSchema,
  deptPool: DeptPoolParamsSchema,
} as const;

export type BandRow = { track: string; level: string; basePayFen: number; performanceBaseFen: number };

/** Every track and level, with its band when one is set. */
export async function listBands(db: Db) {
  const rows = await db.payBand.findMany({
    select: { track: true, level: true, basePayFen: true, performanceBaseFen: true, updatedAt: true },
  });
  const byKey = new Map(rows.map((r) => [bandKey(r.track, r.level), r]));
  return TRACKS.flatMap((track) => LEVELS[track].map((level) => ({ track, level, band: byKey.get(bandKey(track, level)) ?? null })));
}

/** Sets the given bands (only tracks and levels that exist); audited as one change. */
export async function saveBands(db: Db, actorId: string, rows: BandRow[]) {
  for (const r of rows)
    if (!(TRACKS as readonly string[]).includes(r.track) || !LEVELS[r.track as (typeof TRACKS)[number]].includes(r.level))
      throw new Error("unknown level");
  await db.$transaction(async (tx) => {
    const before = await tx.payBand.findMany({
      select: { track: true, level: true, basePayFen: true, performanceBaseFen: true },
      orderBy: [{ track: "asc" }, { level: "asc" }],
    });
    for (const r of rows) {
      await tx.payBand.upsert({
        where: { track_level: { track: r.track, level: r.level } },
        create: { ...r, updatedById: actorId },
        update: { basePayFen: r.basePayFen, performanceBaseFen: r.performanceBaseFen, updatedById: actorId },
      });
    }
    await audit(tx, { actorId, action: "pay.bands.save", entity: "PayBand", entityId: "*", before, after: rows });
  });
}

export type SchemeVersion = {
  id: string;
  code: string;
  version: number;
  kind: SchemeKind;
  nameZh: string;
  nameEn: string;
  params: unknown;
  active: boolean;
  createdAt: Date;
};

/** The newest version of each scheme. */
export async function listSchemes(db: Db, options: { activeOnly?: boolean } = {}): Promise<SchemeVersion[]> {
  const rows = await db.payScheme.findMany({ orderBy: [{ code: "asc" }, { version: "desc" }] });
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!newest.has(r.code)) newest.set(r.code, r);
  return [...newest.values()]
    .filter((r) => !options.activeOnly || r.active)
    .map((r) => ({
      id: r.id,
      code: r.code,
      version: r.version,
      kind: r.kind as SchemeKind,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      params: JSON.parse(r.paramsJson),
      active: r.active,
      createdAt: r.createdAt,
    }));
}

export async function getScheme(db: Db, code: string) {
  return (await listSchemes(db)).find((s) => s.code === code) ?? null;
}

/**
 * Saves a scheme as a new version (validated parameters, never code). Only one active
 * coefficient table may exist; a pool's unit must exist; the KPI codes named must exist.
 */
export async function saveScheme(
  db: Db,
  actorId: string,
  input: { code: string; kind: SchemeKind; nameZh: string; nameEn: string; active: boolean; params: unknown },
) {
  const params = PARAM_SCHEMAS[input.kind].parse(input.params);
  const current = await getScheme(db, input.code);
  if (current && current.kind !== input.kind) throw fieldError("code", "pay.errors.codeTaken");
  if (input.kind === "coefficients" && input.active) {
    const other = (await listSchemes(db, { activeOnly: true })).find((s) => s.kind === "coefficients" && s.code !== input.code);
    if (other) throw fieldError("active", "pay.errors.oneCoefficientTable");
  }
  if (input.kind === "deptPool") {
    const unit = await db.unit.findUnique({ where: { id: (params as { unitId: string }).unitId }, select: { id: true } });
    if (!unit) throw fieldError("unitId", "errors.unknownUnit");
  }
  const codes = kpiCodesOf(input.kind, params);
  if (codes.length) {
    const found = await db.kpi.findMany({ where: { code: { in: codes } }, select: { code: true } });
    const unknown = codes.filter((c) => !found.some((f) => f.code === c));
    if (unknown.length) throw fieldError("params", `pay.errors.unknownKpi::${JSON.stringify({ codes: unknown.join(", ") })}`);
  }
  return db.$transaction(async (tx) => {
    const row = await tx.payScheme.create({
      data: {
        code: input.code,
        version: (current?.version ?? 0) + 1,
        kind: input.kind,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        paramsJson: JSON.stringify(params),
        active: input.active,
        createdById: actorId,
      },
    });
    await audit(tx, {
      actorId,
      action: current ? "pay.scheme.update" : "pay.scheme.create",
      entity: "PayScheme",
      entityId: input.code,
      before: current ? { version: current.version, active: current.active, params: current.params } : undefined,
      after: { version: row.version, active: row.active, params },
    });
    return row;
  });
}

function kpiCodesOf(kind: SchemeKind, params: unknown): string[] {
  if (kind === "subscriberGrowth") {
    const p = params as import("./subscriber-growth").SubscriberGrowthParams;
    return [...new Set(subscriberGrowthKpis(p))];
  }
  if (kind === "deptPool") return [(params as { revenueKpi: string }).revenueKpi];
  return [];
}

export const PERIOD_MONTHS: Record<string, number> = { month: 1, quarter: 3, year: 12 };

/** The parameters a new run freezes: bands, the active coefficient table and the active schemes' newest versions. */
export async function currentParams(db: Db, periodKind: string): Promise<RunParams | { error: string }> {
  const [bands, schemes] = await Promise.all([db.payBand.findMany(), listSchemes(db, { activeOnly: true })]);
  const table = schemes.find((s) => s.kind === "coefficients");
  if (!table) return { error: "pay.errors.noCoefficientTable" };
  const poolSchemes = schemes.filter((s) => s.kind === "deptPool");
  const units = await db.unit.findMany({
    where: { id: { in: poolSchemes.map((s) => (s.params as { unitId: string }).unitId) } },
    select: { id: true, path: true },
  });
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  return {
    periodMonths: PERIOD_MONTHS[periodKind] ?? 1,
    bands: Object.fromEntries(
      bands.map((b) => [bandKey(b.track, b.level), { basePayFen: b.basePayFen, performanceBaseFen: b.performanceBaseFen }]),
    ),
    coefficients: {
      schemeId: table.id,
      version: table.version,
      bands: (table.params as { bands: RunParams["coefficients"]["bands"] }).bands,
    },
    growth: schemes
      .filter((s) => s.kind === "subscriberGrowth")
      .map((s) => ({
        schemeId: s.id,
        version: s.version,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        params: s.params as RunParams["growth"][number]["params"],
      })),
    pools: poolSchemes
      .filter((s) => pathOf.has((s.params as { unitId: string }).unitId))
      .map((s) => ({
        schemeId: s.id,
        version: s.version,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        unitPath: pathOf.get((s.params as { unitId: string }).unitId)!,
        params: s.params as RunParams["pools"][number]["params"],
      })),
  };
}
