import { describe, it, expect } from "vitest";
import { buildDemoOrg, DEMO_ACCOUNTS, LEVELS, type DemoEmployee } from "./org";

const org = buildDemoOrg();
const byNo = new Map(org.employees.map((e) => [e.employeeNo, e]));
const unitCodes = new Set(org.units.map((u) => u.code));
const rooms = org.units.filter((u) => u.kind === "room");

function staffOf(unitCode: string): DemoEmployee[] {
  return org.employees.filter((e) => e.unitCode === unitCode);
}

describe("buildDemoOrg", () => {
  it("is deterministic", () => {
    expect(buildDemoOrg()).toEqual(buildDemoOrg());
  });

  it("has 145–160 employees", () => {
    expect(org.employees.length).toBeGreaterThanOrEqual(145);
    expect(org.employees.length).toBeLessThanOrEqual(160);
  });

  it("has unique employee numbers, emails and name+unit pairs", () => {
    const count = (values: string[]) => new Set(values).size;
    const n = org.employees.length;
    expect(count(org.employees.map((e) => e.employeeNo))).toBe(n);
    expect(count(org.employees.map((e) => e.email))).toBe(n);
    expect(count(org.employees.map((e) => `${e.name}@${e.unitCode}`))).toBe(n);
    for (const e of org.employees) {
      expect(e.employeeNo).toMatch(/^E\d{6}$/);
      expect(e.email).toBe(`${e.employeeNo.toLowerCase()}@ge.example.com`);
      expect(e.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
  });

  it("forms a unit tree with a single root", () => {
    expect(unitCodes.size).toBe(org.units.length);
    const roots = org.units.filter((u) => u.parentCode === null);
    expect(roots.map((u) => u.code)).toEqual(["PROV"]);
    for (const u of org.units) {
      if (u.parentCode !== null) expect(unitCodes.has(u.parentCode), u.code).toBe(true);
      // Walking up from any unit reaches the root without revisiting a unit.
      const seen = new Set<string>();
      let code: string | null = u.code;
      while (code !== null) {
        expect(seen.has(code), `unit cycle at ${code}`).toBe(false);
        seen.add(code);
        code = org.units.find((x) => x.code === code)!.parentCode;
      }
    }
  });

  it("contains the department's rooms and a county branch", () => {
    const names = new Set(org.units.map((u) => u.nameZh));
    for (const name of [
      "政企客户部",
      "党政军客户室",
      "金融客户室",
      "大企业客户室",
      "公共服务客户室",
      "综合支撑室",
      "营销推广室",
      "客户管理室",
      "项目运营及一站服务室",
      "地产行业拓展室",
      "VPN客户服务中心",
    ]) {
      expect(names.has(name), name).toBe(true);
    }
    expect(org.units.some((u) => u.kind === "branch" && u.nameZh.endsWith("县分公司"))).toBe(true);
  });

  it("places employees in existing units and positions", () => {
    const positionCodes = new Set(org.positions.map((p) => p.code));
    for (const e of org.employees) {
      expect(unitCodes.has(e.unitCode), e.employeeNo).toBe(true);
      expect(positionCodes.has(e.positionCode), e.employeeNo).toBe(true);
    }
    for (const p of org.positions) {
      expect(Number.isInteger(p.postValue)).toBe(true);
      expect(p.postValue).toBeGreaterThanOrEqual(80);
      expect(p.postValue).toBeLessThanOrEqual(200);
      expect(p.nameEn.length).toBeGreaterThan(0);
    }
  });

  it("has valid managers, no management cycle, and lists managers before reports", () => {
    const position = new Map<string, number>(org.employees.map((e, i) => [e.employeeNo, i]));
    for (const e of org.employees) {
      if (e.managerNo === null) continue;
      expect(byNo.has(e.managerNo), `${e.employeeNo} → ${e.managerNo}`).toBe(true);
      expect(position.get(e.managerNo)!).toBeLessThan(position.get(e.employeeNo)!);
    }
    for (const e of org.employees) {
      const seen = new Set<string>();
      let no: string | null = e.employeeNo;
      while (no !== null) {
        expect(seen.has(no), `management cycle at ${no}`).toBe(false);
        seen.add(no);
        no = byNo.get(no)!.managerNo;
      }
    }
  });

  it("gives each room one head who manages its staff, and the department head manages room heads", () => {
    const deptHead = byNo.get("E000001")!;
    expect(deptHead).toMatchObject({ unitCode: "JC-GE", positionCode: "DEPT-GM", level: "M4", managerNo: null });
    for (const room of rooms) {
      const staff = staffOf(room.code);
      const heads = staff.filter((e) => e.positionCode === "ROOM-HEAD");
      expect(heads.length, room.code).toBe(1);
      const head = heads[0];
      expect(head.track).toBe("management");
      expect(["M2", "M3"]).toContain(head.level);
      if (room.parentCode === "JC-GE") expect(head.managerNo).toBe(deptHead.employeeNo);
      for (const e of staff) if (e !== head) expect(e.managerNo, e.employeeNo).toBe(head.employeeNo);
    }
  });

  it("keeps every level on its track", () => {
    for (const e of org.employees) {
      expect(LEVELS[e.track], e.employeeNo).toContain(e.level);
    }
  });

  it("spreads hire dates between 2008 and 2025", () => {
    const years = new Set<number>();
    for (const e of org.employees) {
      expect(e.hireDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(e.hireDate))).toBe(false);
      const year = Number(e.hireDate.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(2008);
      expect(year).toBeLessThanOrEqual(2025);
      years.add(year);
    }
    expect(years.size).toBeGreaterThanOrEqual(12);
  });

  it("staffs every room with at least 3 people and the real-estate room with exactly 4", () => {
    for (const room of rooms) {
      expect(staffOf(room.code).length, room.code).toBeGreaterThanOrEqual(3);
    }
    expect(staffOf("JC-GE-RE").length).toBe(4);
  });

  it("staffs industry rooms mainly with account managers plus technical support", () => {
    for (const code of ["JC-GE-GOV", "JC-GE-FIN", "JC-GE-ENT", "JC-GE-PUB"]) {
      const staff = staffOf(code);
      const ams = staff.filter((e) => e.positionCode === "AM");
      expect(ams.length * 2, code).toBeGreaterThan(staff.length);
      for (const e of ams) expect(e.track).toBe("skill");
      expect(
        staff.some((e) => e.positionCode === "SOL-MGR" && e.track === "technical"),
        code,
      ).toBe(true);
    }
    expect(staffOf("JC-GE-SUP").some((e) => e.positionCode === "HR")).toBe(true);
  });
});

describe("DEMO_ACCOUNTS", () => {
  it("reference existing employees with stable numbers", () => {
    expect(DEMO_ACCOUNTS.map((a) => a.employeeNo)).toEqual([
      "E000001",
      "E000002",
      "E000003",
      "E000004",
      "E000005",
      "E000006",
      "E000182",
      "E000183",
    ]);
    for (const a of DEMO_ACCOUNTS) {
      expect(byNo.has(a.employeeNo), a.employeeNo).toBe(true);
      if (a.scopeUnitCode !== undefined) expect(unitCodes.has(a.scopeUnitCode)).toBe(true);
      if (a.role === "dept_head") expect(a.scopeUnitCode).toBeDefined();
    }
  });

  it("cover the intended demo people", () => {
    const role = (r: string) => DEMO_ACCOUNTS.filter((a) => a.role === r).map((a) => byNo.get(a.employeeNo)!);
    const heads = role("dept_head");
    expect(heads.map((e) => [e.positionCode, e.unitCode])).toEqual([
      ["DEPT-GM", "JC-GE"],
      ["ROOM-HEAD", "JC-GE-FIN"],
    ]);
    expect(role("hr_admin").map((e) => [e.employeeNo, e.positionCode, e.unitCode])).toEqual([
      ["E000003", "HR", "JC-GE-SUP"],
      ["E000182", "HR", "JC-GE-SUP"],
      ["E000183", "HR", "JC-GE-SUP"],
    ]);
    expect(role("employee").map((e) => [e.positionCode, e.unitCode])).toEqual([
      ["AM", "JC-GE-FIN"],
      ["SOL-MGR", "JC-GE-FIN"],
    ]);
    expect(role("sysadmin").map((e) => e.unitCode)).toEqual(["JC-GE-SUP"]);
  });
});
