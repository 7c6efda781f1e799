import { describe, expect, it } from "vitest";
import { evaluateCriteria, isEligible, splitList, type CareerFacts, type LevelCriteria } from "./criteria";

const none: LevelCriteria = {
  minMonthsInLevel: null,
  minKpiAverage: null,
  kpiPeriods: 4,
  minTrainingHours: null,
  requiredCourses: [],
  requiredCertificates: [],
  minRotations: null,
};
const facts: CareerFacts = {
  monthsInLevel: 30,
  kpi: { average: 8500, periods: 4 },
  training: { hoursLast12Months: 48, completedCourseCodes: ["SALES-201", "ICT-101"], certificates: ["PMP-2025-0003"] },
  rotations: { completedRotations: 1, monthsRotated: 6, types: ["vertical_county"] },
};

describe("evaluateCriteria", () => {
  it("leaves out criteria without a requirement and is eligible with none", () => {
    expect(evaluateCriteria(none, facts)).toEqual([]);
    expect(isEligible([])).toBe(true);
  });

  it("meets every criterion at exactly the threshold", () => {
    const results = evaluateCriteria(
      {
        minMonthsInLevel: 30,
        minKpiAverage: 8500,
        kpiPeriods: 4,
        minTrainingHours: 48,
        requiredCourses: ["sales-201"],
        requiredCertificates: ["PMP"],
        minRotations: 1,
      },
      facts,
    );
    expect(results.map((r) => [r.criterion, r.status])).toEqual([
      ["monthsInLevel", "met"],
      ["kpiAverage", "met"],
      ["trainingHours", "met"],
      ["courses", "met"],
      ["certificates", "met"],
      ["rotations", "met"],
    ]);
    expect(isEligible(results)).toBe(true);
  });

  it("says what is missing and why", () => {
    const results = evaluateCriteria({ ...none, minMonthsInLevel: 36, requiredCourses: ["SALES-201", "SOL-301"], minRotations: 2 }, facts);
    expect(results[0]).toMatchObject({ criterion: "monthsInLevel", status: "missing", required: 36, actual: 30 });
    expect(results[1]).toMatchObject({ criterion: "courses", status: "missing", missing: ["SOL-301"] });
    expect(results[2]).toMatchObject({ criterion: "rotations", status: "missing", required: 2, actual: 1 });
    expect(isEligible(results)).toBe(false);
  });

  it("a certificate number counts for its course's certificate, not for a longer code", () => {
    expect(evaluateCriteria({ ...none, requiredCertificates: ["pmp"] }, facts)[0].status).toBe("met");
    expect(evaluateCriteria({ ...none, requiredCertificates: ["PM"] }, facts)[0].status).toBe("missing");
  });

  it("a KPI average over too few periods is missing, even when high", () => {
    const [kpi] = evaluateCriteria({ ...none, minKpiAverage: 8000, kpiPeriods: 4 }, { ...facts, kpi: { average: 9900, periods: 2 } });
    expect(kpi).toMatchObject({ status: "missing", periods: 2 });
  });

  it("a KPI average below the bar is missing", () => {
    const [kpi] = evaluateCriteria({ ...none, minKpiAverage: 8000 }, { ...facts, kpi: { average: 7999, periods: 4 } });
    expect(kpi.status).toBe("missing");
  });

  it("unavailable sources are 'no data', never met, and block eligibility", () => {
    const results = evaluateCriteria(
      { ...none, minKpiAverage: 1, minTrainingHours: 0, requiredCertificates: ["PMP"] },
      { ...facts, kpi: "unavailable", training: "unavailable" },
    );
    expect(results.map((r) => r.status)).toEqual(["noData", "noData", "noData"]);
    expect(isEligible(results)).toBe(false);
  });

  it("no scored periods and an unknown time in level are 'no data'", () => {
    const results = evaluateCriteria(
      { ...none, minMonthsInLevel: 0, minKpiAverage: 1 },
      { ...facts, monthsInLevel: null, kpi: { average: null, periods: 0 } },
    );
    expect(results.map((r) => r.status)).toEqual(["noData", "noData"]);
  });
});

describe("splitList", () => {
  it("splits on commas (both widths), Chinese enumeration marks and lines, de-duplicating", () => {
    expect(splitList("A-1, B-2，C-3、A-1\nD-4\n\n")).toEqual(["A-1", "B-2", "C-3", "D-4"]);
  });
});
