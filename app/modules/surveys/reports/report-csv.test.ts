import { describe, expect, it } from "vitest";
import { getT } from "~/utils/i18n";
import { reportCsv, type CsvReport } from "./report-csv";

const split = { n: 10, favourable: 0.6, neutral: 0.2, unfavourable: 0.2, mean: 3.6 };
const base: CsvReport = {
  unitName: "政企客户部",
  filterLabel: "全部人员",
  hidden: false,
  respondents: 17,
  overall: split,
  enps: { score: 12 },
  dimensions: [{ id: "pay", name: "薪酬绩效" }],
  dimensionSplits: { pay: split },
  items: [{ name: "我的收入与贡献相匹配", n: 17, split, enps: null, hidden: false }],
  heatmap: [
    { name: "党政军客户室", respondents: 7, dimensions: { pay: split }, enps: 10 },
    { name: "VPN客户服务中心", respondents: null, dimensions: null, enps: null },
  ],
  drivers: [{ dimension: "pay", r: 0.61 }],
};
const t = getT("zh-CN");
const lines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");

describe("reportCsv", () => {
  it("exports aggregated figures with a header, never raw responses", () => {
    const out = lines(reportCsv(base, t));
    expect(out[0]).toContain("认同%");
    expect(out[1]).toBe("总体,政企客户部,全部人员,总体,17,60,20,20,3.60,12,");
    expect(out.some((l) => l.includes("0.61"))).toBe(true);
  });

  it("writes suppressed for every figure of a hidden group", () => {
    const vpn = lines(reportCsv(base, t)).filter((l) => l.includes("VPN客户服务中心"));
    expect(vpn.length).toBe(2);
    for (const line of vpn) {
      expect(line).toContain("suppressed");
      expect(line).not.toMatch(/,\d+,\d+,\d+,/);
    }
    const hidden = lines(
      reportCsv({ ...base, hidden: true, respondents: null, overall: null, enps: null, dimensionSplits: null, items: [], drivers: [] }, t),
    );
    expect(hidden[1]).toBe("总体,政企客户部,全部人员,总体,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,");
  });

  it("quotes separators and defuses formulas in names", () => {
    const out = reportCsv({ ...base, unitName: '=HYPERLINK("x"),a' }, t);
    expect(out).toContain(`"'=HYPERLINK(""x""),a"`);
  });
});
