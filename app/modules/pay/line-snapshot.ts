import type { EmployeeInputs, KpiLine, LineInputs } from "./payroll";

/**
 * How a pay line's frozen inputs are stored. A run of 100,000 people repeats the same few KPI
 * curves (a position's plan), unit paths and KPI codes on every line, so those are kept once
 * per run (`RunTables`, in the run's snapshot) and each line keeps only what is its own: the
 * score, each KPI's actual and score (with an index into the run's curves) and the values of
 * the actuals the schemes read. Packing and unpacking are exact inverses; the employee and
 * unit ids are the line's own columns.
 */

/** A KPI line without what belongs to one person: weight, curve, direction, kind and unit. */
export type LineCurve = Omit<KpiLine, "actual" | "score" | "kpiId" | "nameZh" | "nameEn">;

/** What a run keeps once for all its lines. */
export type RunTables = {
  lineCurves: LineCurve[];
  /** unitId → the unit's path when the run was computed. */
  unitPaths: Record<string, string>;
  /** The codes of the scheme actuals, in the order of each line's `a`. */
  actualCodes: string[];
};

/** One KPI line of a person as stored: [index into the run's curves, actual, score]. */
export type PackedLine = [number, number | null, number | null];

/** A person's inputs whose KPI lines were packed as they were scored (the run does so, never building line objects). */
export type PrepackedInputs = LineInputs & { packedLines: PackedLine[] };

export type PackedInputs = {
  v: 2;
  no: string;
  track: string;
  level: string;
  pos: string;
  pv: number;
  score: number | null;
  /** [index into the run's curves, actual, score] per KPI line, in plan order. */
  l: PackedLine[];
  /** The value of each of the run's `actualCodes`, null where the person has none. */
  a: (number | null)[];
  m?: string[];
  /** Days of the period employed (pro-rated lines only). */
  d?: number;
  /** A leaver's last day worked, when it cut the period short (YYYY-MM-DD). */
  lo?: string;
  /** The calibrated rating (calibrated lines only). */
  r?: string;
  /** Monthly run: [unitId, days] of each unit of a person who moved in the month. */
  u?: [string, number][];
  /** Settlement run: [month, fen] of each advance subtracted. */
  adv?: [string, number][];
};

const sameCurve = (c: LineCurve, l: Omit<KpiLine, "actual" | "score">) =>
  c.weight === l.weight &&
  c.threshold === l.threshold &&
  c.target === l.target &&
  c.stretch === l.stretch &&
  c.cap === l.cap &&
  c.direction === l.direction &&
  c.kind === l.kind &&
  c.unit === l.unit;

/** Collects a run's tables while packing its lines: `pack` per employee, then `tables` for the snapshot. */
export function inputsPacker(actualCodes: string[]) {
  const curves: LineCurve[] = [];
  const unitPaths: Record<string, string> = {};
  // By KPI code, the indexes of its curves: usually one (the position's plan), a few with adjustments.
  const byCode = new Map<string, number[]>();
  const curveIndex = (l: Omit<KpiLine, "actual" | "score">) => {
    let found = byCode.get(l.code);
    if (!found) byCode.set(l.code, (found = []));
    for (const i of found) if (sameCurve(curves[i], l)) return i;
    const curve: LineCurve = {
      code: l.code,
      weight: l.weight,
      threshold: l.threshold,
      target: l.target,
      stretch: l.stretch,
      cap: l.cap,
      direction: l.direction,
    };
    if (l.kind !== undefined) curve.kind = l.kind;
    if (l.unit !== undefined) curve.unit = l.unit;
    found.push(curves.length);
    return curves.push(curve) - 1;
  };
  // A line object shared by many people (a position's plan) is looked up once.
  const known = new WeakMap<object, number>();
  return {
    tables: { lineCurves: curves, unitPaths, actualCodes } satisfies RunTables,
    /** The index of a line's curve; `shared` is an object standing for that line, the same for everyone it applies to. */
    curveOf(shared: object, line: () => Omit<KpiLine, "actual" | "score">): number {
      let i = known.get(shared);
      if (i === undefined) known.set(shared, (i = curveIndex(line())));
      return i;
    },
    pack(e: EmployeeInputs | PrepackedInputs): PackedInputs {
      unitPaths[e.unitId] = e.unitPath;
      const packed: PackedInputs = {
        v: 2,
        no: e.employeeNo,
        track: e.track,
        level: e.level,
        pos: e.positionCode,
        pv: e.postValue,
        score: e.score,
        l: "packedLines" in e ? e.packedLines : e.lines.map((l) => [curveIndex(l), l.actual, l.score]),
        a: actualCodes.map((code) => e.actuals[code] ?? null),
      };
      for (const code in e.actuals) if (!actualCodes.includes(code)) throw new RangeError(`Actual ${code} is not among the run's codes`);
      if (e.missing.length) packed.m = e.missing;
      if (e.days !== undefined) packed.d = e.days;
      if (e.leftOn !== undefined) packed.lo = e.leftOn;
      if (e.rating !== undefined) packed.r = e.rating;
      if (e.units) packed.u = e.units.map((u) => [u.unitId, u.days]);
      if (e.advances) packed.adv = e.advances.map((a) => [a.month, a.fen]);
      return packed;
    },
  };
}

/**
 * A stored line's inputs back as the computation takes them. Lines stored before packing
 * (the whole inputs object) are read as they are.
 */
export function unpackInputs(stored: string, tables: Partial<RunTables>, ids: { employeeId: string; unitId: string }): EmployeeInputs {
  const raw = JSON.parse(stored) as PackedInputs | EmployeeInputs;
  if (!("v" in raw)) return raw;
  const { lineCurves, unitPaths, actualCodes } = tables;
  if (!lineCurves || !unitPaths || !actualCodes) throw new Error("A packed pay line needs its run's tables");
  const actuals: Record<string, number> = {};
  raw.a.forEach((value, i) => {
    if (value !== null) actuals[actualCodes[i]] = value;
  });
  return {
    employeeId: ids.employeeId,
    employeeNo: raw.no,
    unitId: ids.unitId,
    unitPath: unitPaths[ids.unitId],
    track: raw.track,
    level: raw.level,
    positionCode: raw.pos,
    postValue: raw.pv,
    score: raw.score,
    lines: raw.l.map(([c, actual, score]) => ({ ...lineCurves[c], actual, score })),
    actuals,
    missing: raw.m ?? [],
    ...(raw.d !== undefined ? { days: raw.d } : {}),
    ...(raw.lo !== undefined ? { leftOn: raw.lo } : {}),
    ...(raw.r !== undefined ? { rating: raw.r } : {}),
    ...(raw.u !== undefined ? { units: raw.u.map(([unitId, days]) => ({ unitId, days })) } : {}),
    ...(raw.adv !== undefined ? { advances: raw.adv.map(([month, fen]) => ({ month, fen })) } : {}),
  };
}
