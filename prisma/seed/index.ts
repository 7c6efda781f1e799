import { db as defaultDb, type Db } from "~/utils/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { buildDemoOrg, DEMO_ACCOUNTS } from "./org";
import { seedSurveyDemo } from "./surveys";
import { seedKpiDemo } from "./kpi";
import { seedPayDemo } from "./pay";
import { seedSuggestionDemo } from "./suggestions";
import { seedRotationsDemo } from "./rotations";
import { seedCareersDemo } from "./careers";
import { seedTrainingDemo } from "./training";
import { seedTalkDemo } from "./talk";

/** Every demo account signs in with this password (demo data only; shown on start and in the README). */
export const DEMO_PASSWORD = "ge-demo-2026";

export type DemoContext = { db: Db; unitId: Map<string, string>; employeeId: Map<string, string>; userId: Map<string, string> };

/** Capabilities add demo data after the organisation exists, in this order. */
const MODULE_SEEDS: { name: string; run: (ctx: DemoContext) => Promise<void> }[] = [
  { name: "surveys", run: (ctx) => seedSurveyDemo(ctx) },
  { name: "kpi", run: (ctx) => seedKpiDemo(ctx) },
  { name: "pay", run: (ctx) => seedPayDemo(ctx) },
  { name: "talk", run: (ctx) => seedTalkDemo(ctx) },
  { name: "suggestions", run: (ctx) => seedSuggestionDemo(ctx) },
  { name: "rotations", run: (ctx) => seedRotationsDemo(ctx) },
  { name: "careers", run: (ctx) => seedCareersDemo(ctx) },
  { name: "training", run: (ctx) => seedTrainingDemo(ctx) },
];

export async function seedOrganisation(db: Db) {
  const org = buildDemoOrg();
  const unitId = new Map<string, string>();
  const unitPath = new Map<string, string>();
  const employeeId = new Map<string, string>();
  const userId = new Map<string, string>();
  await db.$transaction(
    async (tx) => {
      for (const u of org.units) {
        const id = crypto.randomUUID();
        const parentPath = u.parentCode ? unitPath.get(u.parentCode)! : "/";
        const path = `${parentPath}${id}/`;
        await tx.unit.create({
          data: {
            id,
            code: u.code,
            nameZh: u.nameZh,
            nameEn: u.nameEn,
            kind: u.kind,
            sortOrder: u.sortOrder,
            parentId: u.parentCode ? unitId.get(u.parentCode)! : null,
            path,
          },
        });
        unitId.set(u.code, id);
        unitPath.set(u.code, path);
      }
      const positionId = new Map<string, string>();
      for (const p of org.positions) {
        const { id } = await tx.position.create({ data: p, select: { id: true } });
        positionId.set(p.code, id);
      }
      for (const e of org.employees) {
        const { id } = await tx.employee.create({
          data: {
            employeeNo: e.employeeNo,
            name: e.name,
            email: e.email,
            unitId: unitId.get(e.unitCode)!,
            positionId: positionId.get(e.positionCode)!,
            track: e.track,
            level: e.level,
            hireDate: new Date(`${e.hireDate}T00:00:00Z`),
            // The demo organisation has been as it is since each person was hired.
            unitSince: new Date(`${e.hireDate}T00:00:00Z`),
            managerId: e.managerNo ? employeeId.get(e.managerNo)! : null,
          },
          select: { id: true },
        });
        employeeId.set(e.employeeNo, id);
      }
      const demoHash = await hashPassword(DEMO_PASSWORD);
      const accounts = new Map(DEMO_ACCOUNTS.map((a) => [a.employeeNo, a]));
      for (const e of org.employees) {
        const account = accounts.get(e.employeeNo);
        const { id } = await tx.user.create({
          data: {
            email: e.email,
            employeeId: employeeId.get(e.employeeNo)!,
            role: account?.role ?? "employee",
            scopeUnitId: account?.scopeUnitCode ? unitId.get(account.scopeUnitCode)! : null,
            passwordHash: account ? demoHash : null,
          },
          select: { id: true },
        });
        userId.set(e.employeeNo, id);
      }
    },
    { timeout: 120_000 },
  );
  return { db, unitId, employeeId, userId } satisfies DemoContext;
}

export function demoAccountLines() {
  const org = buildDemoOrg();
  const email = new Map(org.employees.map((e) => [e.employeeNo, e.email]));
  return DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(10)} ${email.get(a.employeeNo)!.padEnd(26)} ${a.label}`);
}

/** The demo organisation and demo accounts; then each capability's demo data. */
export async function seedDemo(db: Db = defaultDb) {
  const ctx = await seedOrganisation(db);
  for (const seed of MODULE_SEEDS) await seed.run(ctx);
  console.log(`Demo organisation created. Demo accounts (password: ${DEMO_PASSWORD}):\n${demoAccountLines().join("\n")}`);
  return ctx;
}
