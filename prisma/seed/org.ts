/**
 * Deterministic demo organisation: the Government & Enterprise Customer Department
 * (政企客户部) of the Jiangcheng city branch, its rooms, positions and ~150 staff.
 *
 * Pure data, no Prisma: the seed turns this into rows. The same call always returns
 * the same organisation (a small seeded PRNG drives every random choice).
 *
 * `employees` is ordered so that every manager precedes their reports, so the seed can
 * insert them in one pass and resolve `managerNo` as it goes.
 */

import { mulberry32 } from "~/utils/seeded-random";

export type Track = "management" | "technical" | "skill";
export type UnitKind = "company" | "branch" | "department" | "room";
export type DemoRole = "employee" | "dept_head" | "hr_admin" | "sysadmin";

export type DemoUnit = {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
  parentCode: string | null;
  sortOrder: number;
};

export type DemoPosition = {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Post value in integer points. */
  postValue: number;
};

export type DemoEmployee = {
  employeeNo: string;
  name: string;
  email: string;
  unitCode: string;
  positionCode: string;
  track: Track;
  level: string;
  /** YYYY-MM-DD */
  hireDate: string;
  managerNo: string | null;
};

export type DemoOrg = {
  units: DemoUnit[];
  positions: DemoPosition[];
  employees: DemoEmployee[];
};

export type DemoAccount = {
  employeeNo: string;
  role: DemoRole;
  scopeUnitCode?: string;
  label: string;
};

/** Three parallel career tracks, corresponding level by level (职业发展通道). */
export const LEVELS: Record<Track, string[]> = {
  management: ["M1", "M2", "M3", "M4", "M5"],
  technical: ["T1", "T2", "T3", "T4", "T5", "T6", "T7"],
  skill: ["S1", "S2", "S3", "S4", "S5", "S6", "S7"],
};

export const ORG_SEED = 20240601;

// ───────────── units ─────────────

export const DEPARTMENT_CODE = "JC-GE";

const UNITS: DemoUnit[] = [
  { code: "PROV", nameZh: "某省电信公司", nameEn: "Provincial Telecom Co.", kind: "company", parentCode: null, sortOrder: 1 },
  { code: "JC", nameZh: "江城市分公司", nameEn: "Jiangcheng City Branch", kind: "branch", parentCode: "PROV", sortOrder: 1 },
  {
    code: "JC-GE",
    nameZh: "政企客户部",
    nameEn: "Government & Enterprise Customer Department",
    kind: "department",
    parentCode: "JC",
    sortOrder: 1,
  },
  // Industry rooms: vertical sales teams.
  {
    code: "JC-GE-GOV",
    nameZh: "党政军客户室",
    nameEn: "Party, Government & Military Customer Room",
    kind: "room",
    parentCode: "JC-GE",
    sortOrder: 1,
  },
  { code: "JC-GE-FIN", nameZh: "金融客户室", nameEn: "Finance Customer Room", kind: "room", parentCode: "JC-GE", sortOrder: 2 },
  { code: "JC-GE-ENT", nameZh: "大企业客户室", nameEn: "Large Enterprise Customer Room", kind: "room", parentCode: "JC-GE", sortOrder: 3 },
  { code: "JC-GE-PUB", nameZh: "公共服务客户室", nameEn: "Public Services Customer Room", kind: "room", parentCode: "JC-GE", sortOrder: 4 },
  // Support rooms.
  { code: "JC-GE-SUP", nameZh: "综合支撑室", nameEn: "General Support Room", kind: "room", parentCode: "JC-GE", sortOrder: 5 },
  { code: "JC-GE-MKT", nameZh: "营销推广室", nameEn: "Marketing & Promotion Room", kind: "room", parentCode: "JC-GE", sortOrder: 6 },
  { code: "JC-GE-CRM", nameZh: "客户管理室", nameEn: "Customer Management Room", kind: "room", parentCode: "JC-GE", sortOrder: 7 },
  {
    code: "JC-GE-PRJ",
    nameZh: "项目运营及一站服务室",
    nameEn: "Projects & One-stop Service Room",
    kind: "room",
    parentCode: "JC-GE",
    sortOrder: 8,
  },
  { code: "JC-GE-RE", nameZh: "地产行业拓展室", nameEn: "Real-estate Expansion Room", kind: "room", parentCode: "JC-GE", sortOrder: 9 },
  { code: "JC-GE-VPN", nameZh: "VPN客户服务中心", nameEn: "VPN Customer Service Centre", kind: "room", parentCode: "JC-GE", sortOrder: 10 },
  // A county branch with a small G&E room, so that vertical rotations have a target.
  { code: "JC-QS", nameZh: "青山县分公司", nameEn: "Qingshan County Branch", kind: "branch", parentCode: "JC", sortOrder: 2 },
  { code: "JC-QS-GE", nameZh: "政企客户室", nameEn: "G&E Customer Room", kind: "room", parentCode: "JC-QS", sortOrder: 1 },
];

// ───────────── positions ─────────────

const POSITIONS: DemoPosition[] = [
  { code: "DEPT-GM", nameZh: "部门总经理", nameEn: "Department General Manager", postValue: 200 },
  { code: "ROOM-HEAD", nameZh: "室主任", nameEn: "Room Head", postValue: 150 },
  { code: "CAM", nameZh: "首席客户经理", nameEn: "Chief Account Manager", postValue: 140 },
  { code: "IND-MGR", nameZh: "行业经理", nameEn: "Industry Manager", postValue: 125 },
  { code: "AM", nameZh: "客户经理", nameEn: "Account Manager", postValue: 110 },
  { code: "SOL-MGR", nameZh: "解决方案支撑经理", nameEn: "Solution Support Manager", postValue: 115 },
  { code: "PRESALES", nameZh: "售前支持经理", nameEn: "Pre-sales Support Manager", postValue: 105 },
  { code: "PM", nameZh: "项目经理", nameEn: "Project Manager", postValue: 115 },
  { code: "VPN-MGR", nameZh: "VPN服务经理", nameEn: "VPN Service Manager", postValue: 95 },
  { code: "HR", nameZh: "人力资源专员", nameEn: "HR Specialist", postValue: 95 },
  { code: "ADMIN", nameZh: "综合管理岗", nameEn: "General Administration Officer", postValue: 85 },
  { code: "MKT-PLAN", nameZh: "营销策划岗", nameEn: "Marketing Planning Officer", postValue: 95 },
  { code: "CS", nameZh: "客户服务岗", nameEn: "Customer Service Officer", postValue: 80 },
];

// ───────────── staffing plan ─────────────

/** A group of staff in one position; levels are an inclusive range on the track. */
type StaffSpec = { positionCode: string; track: Track; levels: [string, string]; count: number };
type RoomPlan = { unitCode: string; headLevels: [string, string]; staff: StaffSpec[] };

const am = (count: number): StaffSpec => ({ positionCode: "AM", track: "skill", levels: ["S2", "S6"], count });
const cam = (count: number): StaffSpec => ({ positionCode: "CAM", track: "skill", levels: ["S5", "S7"], count });
const indMgr = (count: number): StaffSpec => ({ positionCode: "IND-MGR", track: "skill", levels: ["S4", "S6"], count });
const sol = (count: number): StaffSpec => ({ positionCode: "SOL-MGR", track: "technical", levels: ["T2", "T6"], count });
const presales = (count: number): StaffSpec => ({ positionCode: "PRESALES", track: "technical", levels: ["T2", "T6"], count });

const ROOM_PLANS: RoomPlan[] = [
  { unitCode: "JC-GE-GOV", headLevels: ["M3", "M3"], staff: [cam(1), indMgr(1), am(13), sol(3), presales(2)] },
  { unitCode: "JC-GE-FIN", headLevels: ["M3", "M3"], staff: [cam(1), indMgr(1), am(12), sol(3), presales(2)] },
  { unitCode: "JC-GE-ENT", headLevels: ["M3", "M3"], staff: [cam(2), indMgr(2), am(14), sol(3), presales(2)] },
  { unitCode: "JC-GE-PUB", headLevels: ["M2", "M3"], staff: [cam(1), indMgr(1), am(11), sol(2), presales(2)] },
  {
    unitCode: "JC-GE-SUP",
    headLevels: ["M2", "M3"],
    staff: [
      { positionCode: "HR", track: "technical", levels: ["T2", "T5"], count: 3 },
      { positionCode: "ADMIN", track: "technical", levels: ["T1", "T4"], count: 6 },
    ],
  },
  {
    unitCode: "JC-GE-MKT",
    headLevels: ["M2", "M3"],
    staff: [{ positionCode: "MKT-PLAN", track: "technical", levels: ["T2", "T5"], count: 8 }],
  },
  {
    unitCode: "JC-GE-CRM",
    headLevels: ["M2", "M3"],
    staff: [{ positionCode: "CS", track: "skill", levels: ["S1", "S4"], count: 9 }],
  },
  {
    unitCode: "JC-GE-PRJ",
    headLevels: ["M2", "M3"],
    staff: [
      { positionCode: "PM", track: "technical", levels: ["T3", "T6"], count: 8 },
      presales(2),
      { positionCode: "CS", track: "skill", levels: ["S1", "S4"], count: 2 },
    ],
  },
  // Deliberately small (4 people) so that survey reports show small-group suppression.
  { unitCode: "JC-GE-RE", headLevels: ["M2", "M2"], staff: [am(2), sol(1)] },
  {
    unitCode: "JC-GE-VPN",
    headLevels: ["M2", "M2"],
    staff: [
      { positionCode: "VPN-MGR", track: "skill", levels: ["S2", "S5"], count: 9 },
      { positionCode: "CS", track: "skill", levels: ["S1", "S4"], count: 3 },
    ],
  },
  {
    unitCode: "JC-QS-GE",
    headLevels: ["M2", "M2"],
    staff: [{ positionCode: "AM", track: "skill", levels: ["S1", "S5"], count: 5 }, sol(1)],
  },
];

// ───────────── fixed demo people ─────────────

type PinnedPerson = Omit<DemoEmployee, "email" | "managerNo">;

/**
 * Well-known people with stable numbers and names; the seed turns them into demo
 * accounts. They fill the first matching slot (unit + position) of the staffing plan.
 * Generated staff are numbered from E000101, so E000001–E000100 stay reserved.
 */
const PINNED: PinnedPerson[] = [
  {
    employeeNo: "E000001",
    name: "王建国",
    unitCode: "JC-GE",
    positionCode: "DEPT-GM",
    track: "management",
    level: "M4",
    hireDate: "2008-07-01",
  },
  {
    employeeNo: "E000002",
    name: "李慧敏",
    unitCode: "JC-GE-FIN",
    positionCode: "ROOM-HEAD",
    track: "management",
    level: "M3",
    hireDate: "2010-03-15",
  },
  {
    employeeNo: "E000003",
    name: "陈静",
    unitCode: "JC-GE-SUP",
    positionCode: "HR",
    track: "technical",
    level: "T3",
    hireDate: "2016-07-11",
  },
  { employeeNo: "E000004", name: "刘洋", unitCode: "JC-GE-FIN", positionCode: "AM", track: "skill", level: "S4", hireDate: "2014-09-01" },
  {
    employeeNo: "E000005",
    name: "赵磊",
    unitCode: "JC-GE-FIN",
    positionCode: "SOL-MGR",
    track: "technical",
    level: "T4",
    hireDate: "2015-07-20",
  },
  {
    employeeNo: "E000006",
    name: "孙浩",
    unitCode: "JC-GE-SUP",
    positionCode: "ADMIN",
    track: "technical",
    level: "T3",
    hireDate: "2018-07-09",
  },
];

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { employeeNo: "E000001", role: "dept_head", scopeUnitCode: "JC-GE", label: "部门总经理 · Department head" },
  { employeeNo: "E000002", role: "dept_head", scopeUnitCode: "JC-GE-FIN", label: "金融客户室主任 · Finance room head" },
  { employeeNo: "E000003", role: "hr_admin", label: "人力资源专员 · HR specialist" },
  { employeeNo: "E000004", role: "employee", label: "客户经理 · Account manager" },
  { employeeNo: "E000005", role: "employee", label: "解决方案支撑经理 · Solution support manager" },
  { employeeNo: "E000006", role: "sysadmin", label: "系统管理员 · System administrator" },
  // Pay runs are prepared, reviewed and approved by three different people, none paid in the run.
  { employeeNo: "E000182", role: "hr_admin", label: "人力资源专员（薪酬复核）· HR specialist (pay reviewer)" },
  { employeeNo: "E000183", role: "hr_admin", label: "人力资源专员（薪酬审批）· HR specialist (pay approver)" },
];

// ───────────── names ─────────────

/** Common surnames with rough relative frequencies (per mille of the population). */
const SURNAMES: [string, number][] = [
  ["王", 71],
  ["李", 70],
  ["张", 69],
  ["刘", 54],
  ["陈", 46],
  ["杨", 31],
  ["黄", 23],
  ["赵", 22],
  ["吴", 20],
  ["周", 19],
  ["徐", 17],
  ["孙", 15],
  ["马", 15],
  ["朱", 13],
  ["胡", 13],
  ["郭", 11],
  ["何", 11],
  ["高", 11],
  ["林", 10],
  ["罗", 9],
  ["郑", 9],
  ["梁", 9],
  ["谢", 8],
  ["宋", 8],
  ["唐", 7],
  ["许", 7],
  ["韩", 7],
  ["冯", 7],
  ["邓", 7],
  ["曹", 6],
  ["彭", 6],
  ["曾", 6],
  ["肖", 6],
  ["田", 5],
  ["董", 5],
  ["袁", 5],
  ["潘", 5],
  ["于", 5],
  ["蒋", 5],
  ["蔡", 5],
  ["余", 5],
  ["杜", 5],
  ["叶", 4],
  ["程", 4],
  ["苏", 4],
  ["魏", 4],
  ["吕", 4],
  ["丁", 4],
  ["任", 4],
  ["沈", 4],
  ["姚", 4],
  ["卢", 4],
  ["姜", 4],
  ["崔", 3],
  ["钟", 3],
  ["谭", 3],
  ["陆", 3],
  ["汪", 3],
  ["范", 3],
  ["金", 3],
  ["石", 3],
  ["廖", 3],
  ["贾", 3],
  ["夏", 3],
  ["方", 2],
  ["熊", 2],
  ["白", 2],
  ["邹", 2],
  ["孟", 2],
  ["秦", 2],
  ["邱", 2],
  ["江", 2],
  ["尹", 2],
  ["薛", 2],
  ["段", 2],
  ["雷", 2],
  ["侯", 2],
  ["龙", 2],
  ["史", 2],
  ["陶", 2],
  ["贺", 2],
  ["顾", 2],
  ["毛", 2],
  ["郝", 2],
  ["龚", 2],
  ["邵", 2],
  ["万", 2],
  ["钱", 2],
  ["戴", 2],
  ["严", 2],
  ["孔", 2],
  ["常", 2],
];

const GIVEN_NAMES_1 = [
  "伟",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "霞",
  "平",
  "刚",
  "芳",
  "斌",
  "鹏",
  "辉",
  "华",
  "飞",
  "琳",
  "颖",
  "凯",
  "婷",
  "雪",
  "波",
  "燕",
  "宁",
  "峰",
  "健",
  "蕾",
  "倩",
  "博",
  "欣",
  "晨",
  "昊",
];

const GIVEN_NAMES_2 = [
  "建国",
  "建华",
  "建军",
  "志强",
  "志伟",
  "国强",
  "国华",
  "海燕",
  "海涛",
  "红梅",
  "秀英",
  "秀兰",
  "玉兰",
  "桂芳",
  "丽娟",
  "丽华",
  "春燕",
  "晓东",
  "晓明",
  "晓燕",
  "晓丽",
  "文杰",
  "文静",
  "文涛",
  "雪梅",
  "俊杰",
  "鹏飞",
  "永刚",
  "金龙",
  "立新",
  "卫东",
  "亚楠",
  "丹丹",
  "婷婷",
  "佳怡",
  "欣怡",
  "思远",
  "浩然",
  "子涵",
  "宇航",
  "嘉豪",
  "梓轩",
  "一鸣",
  "天宇",
  "明轩",
  "雨萱",
  "梦瑶",
  "诗琪",
  "佳琪",
  "凯文",
  "家乐",
  "振宇",
  "泽宇",
  "晓峰",
  "志刚",
  "玉洁",
  "美玲",
  "慧敏",
  "思琪",
  "雅婷",
  "晓军",
  "春华",
  "少华",
  "云飞",
  "海波",
  "红霞",
  "爱华",
  "德明",
  "成龙",
  "立伟",
];

// ───────────── PRNG ─────────────

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: readonly [T, number][]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
}

// ───────────── generator ─────────────

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function emailFor(employeeNo: string): string {
  return `${employeeNo.toLowerCase()}@ge.example.com`;
}

const FIRST_HIRE_YEAR = 2008;
const LAST_HIRE_YEAR = 2025;
/** Room heads are experienced staff: they joined no later than this. */
const LAST_HEAD_HIRE_YEAR = 2015;

/** A hire date in [fromYear, toYear]; hires in the last year are no later than June. */
function pickHireDate(rng: Random, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, year === LAST_HIRE_YEAR ? 6 : 12);
  const day = rng.int(1, 28);
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A level inside an inclusive range: higher for longer service, with some noise. */
function pickLevel(rng: Random, track: Track, [lo, hi]: [string, string], hireDate: string): string {
  const ladder = LEVELS[track];
  const from = ladder.indexOf(lo);
  const to = ladder.indexOf(hi);
  if (from < 0 || to < from) throw new Error(`Bad level range ${lo}..${hi} on ${track}`);
  const tenure = (LAST_HIRE_YEAR - Number(hireDate.slice(0, 4))) / (LAST_HIRE_YEAR - FIRST_HIRE_YEAR);
  const t = Math.min(0.999, Math.max(0, tenure + (rng.float() - 0.5) * 0.5));
  return ladder[from + Math.floor(t * (to - from + 1))];
}

export function buildDemoOrg(): DemoOrg {
  const rng = new Random(ORG_SEED);
  const employees: DemoEmployee[] = [];
  const usedNames = new Set(PINNED.map((p) => p.name));
  const unclaimed = [...PINNED];
  let nextNo = 101;

  const uniqueName = (): string => {
    for (;;) {
      const surname = rng.weighted(SURNAMES);
      const given = rng.float() < 0.3 ? rng.pick(GIVEN_NAMES_1) : rng.pick(GIVEN_NAMES_2);
      const name = surname + given;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };

  /** Fill one slot: a pinned person if one matches, otherwise a generated one. */
  const hire = (unitCode: string, positionCode: string, track: Track, levels: [string, string], managerNo: string | null): DemoEmployee => {
    const pinnedIndex = unclaimed.findIndex((p) => p.unitCode === unitCode && p.positionCode === positionCode);
    let person: PinnedPerson;
    if (pinnedIndex >= 0) {
      person = unclaimed.splice(pinnedIndex, 1)[0];
    } else {
      const lastYear = positionCode === "ROOM-HEAD" ? LAST_HEAD_HIRE_YEAR : LAST_HIRE_YEAR;
      const hireDate = pickHireDate(rng, FIRST_HIRE_YEAR, lastYear);
      person = {
        employeeNo: `E${pad(nextNo++, 6)}`,
        name: uniqueName(),
        unitCode,
        positionCode,
        track,
        level: pickLevel(rng, track, levels, hireDate),
        hireDate,
      };
    }
    const employee: DemoEmployee = { ...person, email: emailFor(person.employeeNo), managerNo };
    employees.push(employee);
    return employee;
  };

  const deptHead = hire(DEPARTMENT_CODE, "DEPT-GM", "management", ["M4", "M4"], null);

  for (const plan of ROOM_PLANS) {
    const unit = UNITS.find((u) => u.code === plan.unitCode);
    if (!unit) throw new Error(`Unknown unit ${plan.unitCode}`);
    // Room heads in the department report to its general manager; the county room's
    // head reports into county leadership, which the demo does not model.
    const headManager = unit.parentCode === DEPARTMENT_CODE ? deptHead.employeeNo : null;
    const head = hire(plan.unitCode, "ROOM-HEAD", "management", plan.headLevels, headManager);
    for (const spec of plan.staff) {
      for (let i = 0; i < spec.count; i++) {
        hire(plan.unitCode, spec.positionCode, spec.track, spec.levels, head.employeeNo);
      }
    }
  }

  if (unclaimed.length > 0) {
    throw new Error(`Pinned demo people without a slot: ${unclaimed.map((p) => p.employeeNo).join(", ")}`);
  }

  return {
    units: UNITS.map((u) => ({ ...u })),
    positions: POSITIONS.map((p) => ({ ...p })),
    employees,
  };
}
