import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import type { Actor } from "~/modules/auth/scope";
import { seedRotationsDemo } from "../../../prisma/seed/rotations";
import { careerOverview, decideTrackRequest, requestTrackChange } from "./career.server";
import { advanceCycle, candidates, createCycle, decide, nominate, nominationsInScope, quotasInScope, setQuota } from "./cycles.server";
import { seedCareersDemo } from "../../../prisma/seed/careers";
import { DomainError as CareerRuleError } from "~/utils/domain-error";

let ctx: Awaited<ReturnType<typeof demoOrg>>;
const hr = (): Actor => ({
  userId: ctx.userId.get("E000003")!,
  role: "hr_admin",
  employeeId: ctx.employeeId.get("E000003")!,
  scopePath: null,
});
let finHead: Actor;

beforeAll(async () => {
  ctx = await demoOrg();
  await seedRotationsDemo(ctx);
  await seedCareersDemo(ctx);
  const fin = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" }, select: { path: true } });
  finHead = { userId: ctx.userId.get("E000002")!, role: "dept_head", employeeId: ctx.employeeId.get("E000002")!, scopePath: fin.path };
});

describe("the demo ladder", () => {
  it("has every level with a history row for every employee", async () => {
    expect(await db.careerLevel.count()).toBe(19);
    expect(await db.levelHistory.count()).toBe(await db.employee.count());
  });

  it("an employee's page: next level, criteria with KPI as 'no data' until scores exist, equivalent moves", async () => {
    const view = await careerOverview(db, ctx.employeeId.get("E000004")!);
    expect(view?.employee.level).toBe("S4");
    expect(view?.next?.code).toBe("S5");
    expect(view?.results.find((r) => r.criterion === "monthsInLevel")?.status).not.toBe("noData");
    expect(view?.results.every((r) => r.criterion !== "kpiAverage" || r.status !== "met" || r.actual !== null)).toBe(true);
    expect(view?.moves.map((m) => [m.track, m.same.map((l) => l.code)])).toEqual([
      ["management", ["M2"]],
      ["technical", ["T4"]],
    ]);
  });

  it("a completed rotation counts toward the rotation criterion", async () => {
    const view = await careerOverview(db, ctx.employeeId.get("E000005")!);
    expect(view?.history.length).toBeGreaterThan(0);
    const facts = await import("~/modules/rotations/facts.server").then((m) => m.rotationFacts(db, ctx.employeeId.get("E000005")!));
    expect(facts).toEqual({ completedRotations: 1, monthsRotated: 6, types: ["vertical_county"] });
  });
});

describe("a promotion cycle", () => {
  it("runs from eligibility to an effective promotion, holding the quota", async () => {
    const cycle = await createCycle(db, hr().userId, { name: "Test cycle", effectiveDate: "2027-01-01", allowSelfNomination: true });
    const fin = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" }, select: { id: true } });
    await setQuota(db, hr().userId, cycle.id, fin.id, 1);

    const list = await candidates(db, finHead, cycle.id, { page: 1, eligibleOnly: false });
    expect(list.total).toBeGreaterThan(5);
    const liu = ctx.employeeId.get("E000004")!;
    const zhao = ctx.employeeId.get("E000005")!;
    expect(list.rows.map((r) => r.id)).toContain(liu);

    // A head cannot nominate outside their scope: the record is "not found".
    const gov = await db.employee.findFirstOrThrow({
      where: { unit: { code: "JC-GE-GOV" }, track: "skill", level: { not: "S7" } },
      select: { id: true },
    });
    expect(await nominate(db, finHead, { cycleId: cycle.id, employeeId: gov.id, justification: "x" })).toBeNull();

    const a = await nominate(db, finHead, { cycleId: cycle.id, employeeId: liu, justification: "Strong year" });
    const b = await nominate(db, finHead, { cycleId: cycle.id, employeeId: zhao, justification: "Solution wins" });
    await expect(nominate(db, finHead, { cycleId: cycle.id, employeeId: liu, justification: "again" })).rejects.toThrow(
      "careers.errors.alreadyNominated",
    );
    // Self-nomination by someone short of a criterion is refused.
    const self: Actor = { userId: ctx.userId.get("E000004")!, role: "employee", employeeId: liu, scopePath: null };
    await expect(nominate(db, self, { cycleId: cycle.id, employeeId: liu, justification: "me", self: true })).rejects.toBeInstanceOf(
      CareerRuleError,
    );

    await expect(decide(db, hr().userId, { cycleId: cycle.id, nominationId: a!.id, decision: "approved", comment: "" })).rejects.toThrow(
      "careers.errors.cycleNotReviewing",
    );
    await advanceCycle(db, hr().userId, cycle.id);
    // Not eligible (KPI has no data yet): an approval is an exception and needs a reason.
    await expect(decide(db, hr().userId, { cycleId: cycle.id, nominationId: a!.id, decision: "approved", comment: "" })).rejects.toThrow(
      "careers.errors.exceptionNeedsComment",
    );
    await decide(db, hr().userId, { cycleId: cycle.id, nominationId: a!.id, decision: "approved", comment: "Key account renewal" });
    // The finance room's quota of one is used up.
    await expect(
      decide(db, hr().userId, { cycleId: cycle.id, nominationId: b!.id, decision: "approved", comment: "Also strong" }),
    ).rejects.toThrow("careers.errors.quotaFull");
    await expect(setQuota(db, hr().userId, cycle.id, fin.id, 0)).rejects.toThrow("careers.errors.quotaBelowApproved");
    await expect(advanceCycle(db, hr().userId, cycle.id)).rejects.toThrow("careers.errors.undecidedNominations");
    await decide(db, hr().userId, { cycleId: cycle.id, nominationId: b!.id, decision: "rejected", comment: "Quota reached; next cycle" });

    const result = await advanceCycle(db, hr().userId, cycle.id);
    expect(result).toEqual({ status: "completed", promoted: 1 });
    const after = await db.employee.findUniqueOrThrow({ where: { id: liu }, select: { level: true } });
    expect(after.level).toBe("S5");
    const latest = await db.levelHistory.findFirstOrThrow({ where: { employeeId: liu }, orderBy: { effectiveFrom: "desc" } });
    expect(latest).toMatchObject({ level: "S5", reason: "promotion", cycleId: cycle.id, effectiveFrom: new Date("2027-01-01T00:00:00Z") });
    expect(await db.auditLog.count({ where: { action: "career.promotion.effective", entityId: liu } })).toBe(1);
  });
});

describe("track changes", () => {
  it("an employee asks, HR approves, the track and level change from the date", async () => {
    const id = ctx.employeeId.get("E000006")!;
    const me = { userId: ctx.userId.get("E000006")!, employeeId: id };
    await expect(requestTrackChange(db, me, { toTrack: "technical", toLevel: "T4", reason: "Same track" })).rejects.toThrow(
      "careers.errors.sameTrack",
    );
    await expect(requestTrackChange(db, me, { toTrack: "skill", toLevel: "T4", reason: "Wrong level" })).rejects.toThrow(
      "errors.levelNotOnTrack",
    );
    const request = await requestTrackChange(db, me, { toTrack: "skill", toLevel: "S3", reason: "I want to sell" });
    await expect(requestTrackChange(db, me, { toTrack: "skill", toLevel: "S3", reason: "Twice" })).rejects.toThrow(
      "careers.errors.requestPending",
    );
    await decideTrackRequest(db, hr().userId, { requestId: request.id, decision: "approved", comment: "", effectiveFrom: "2026-12-01" });
    expect(await db.employee.findUniqueOrThrow({ where: { id }, select: { track: true, level: true } })).toEqual({
      track: "skill",
      level: "S3",
    });
    const view = await careerOverview(db, id);
    expect(view?.history[0]).toMatchObject({ track: "skill", level: "S3", reason: "track_change" });
  });
});

describe("nobody nominates or reviews themselves", () => {
  it("refuses a head's nomination of himself (audited, nothing written); his own promotion is for the level above", async () => {
    const cycle = await createCycle(db, hr().userId, { name: "Self cycle", effectiveDate: "2027-04-01", allowSelfNomination: true });
    const deptHead: Actor = {
      userId: ctx.userId.get("E000001")!,
      role: "dept_head",
      employeeId: ctx.employeeId.get("E000001")!,
      scopePath: (await db.unit.findUniqueOrThrow({ where: { code: "JC-GE" } })).path,
    };
    const audits = await db.auditLog.count({ where: { action: "career.refused", actorId: deptHead.userId } });
    await expect(
      nominate(db, deptHead, { cycleId: cycle.id, employeeId: deptHead.employeeId!, justification: "Me" }),
    ).rejects.toMatchObject({ key: "careers.errors.selfNomination" });
    expect(await db.promotionNomination.count({ where: { cycleId: cycle.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "career.refused", actorId: deptHead.userId } })).toBe(audits + 1);
    // He is not among his own candidates, and the finance head's nomination is listed to him, not to her.
    const list = await candidates(db, deptHead, cycle.id, { page: 1, eligibleOnly: false });
    expect(list.rows.map((r) => r.id)).not.toContain(deptHead.employeeId);
    const finHeadSelf = await nominate(db, deptHead, {
      cycleId: cycle.id,
      employeeId: finHead.employeeId!,
      justification: "Room results",
    });
    expect(finHeadSelf).not.toBeNull();
    expect((await nominationsInScope(db, deptHead, cycle.id)).map((n) => n.employee.id)).toContain(finHead.employeeId);
    expect((await nominationsInScope(db, finHead, cycle.id)).map((n) => n.employee.id)).not.toContain(finHead.employeeId);
  });

  it("refuses HR's review of her own nomination", async () => {
    const cycle = await createCycle(db, hr().userId, { name: "HR self cycle", effectiveDate: "2027-07-01", allowSelfNomination: true });
    const deptHead: Actor = {
      userId: ctx.userId.get("E000001")!,
      role: "dept_head",
      employeeId: ctx.employeeId.get("E000001")!,
      scopePath: (await db.unit.findUniqueOrThrow({ where: { code: "JC-GE" } })).path,
    };
    const saved = await nominate(db, deptHead, {
      cycleId: cycle.id,
      employeeId: hr().employeeId!,
      justification: "HR work",
    });
    await advanceCycle(db, hr().userId, cycle.id);
    await expect(
      decide(db, hr().userId, { cycleId: cycle.id, nominationId: saved!.id, decision: "approved", comment: "Well deserved" }),
    ).rejects.toMatchObject({ key: "careers.errors.selfReview" });
    expect((await db.promotionNomination.findUniqueOrThrow({ where: { id: saved!.id } })).status).toBe("nominated");
    expect(await db.auditLog.count({ where: { action: "career.refused", entityId: saved!.id } })).toBe(1);
  });
});

describe("who sees and does what in a cycle, decided by the service", () => {
  it("a nomination's source follows the nominator's role; the quotas follow the actor's scope", async () => {
    const cycle = await createCycle(db, hr().userId, { name: "Source cycle", effectiveDate: "2027-10-01", allowSelfNomination: true });
    const fin = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" }, select: { id: true } });
    const gov = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-GOV" }, select: { id: true } });
    await setQuota(db, hr().userId, cycle.id, fin.id, 2);
    await setQuota(db, hr().userId, cycle.id, gov.id, 1);

    const byHead = await nominate(db, finHead, { cycleId: cycle.id, employeeId: ctx.employeeId.get("E000004")!, justification: "Head's" });
    const byHr = await nominate(db, hr(), { cycleId: cycle.id, employeeId: ctx.employeeId.get("E000005")!, justification: "HR's" });
    const sources = await db.promotionNomination.findMany({
      where: { id: { in: [byHead!.id, byHr!.id] } },
      select: { id: true, source: true },
    });
    expect(Object.fromEntries(sources.map((n) => [n.id, n.source]))).toEqual({ [byHead!.id]: "head", [byHr!.id]: "hr" });

    expect((await quotasInScope(db, hr(), cycle.id)).map((q) => q.unitId).sort()).toEqual([fin.id, gov.id].sort());
    expect((await quotasInScope(db, finHead, cycle.id)).map((q) => q.unitId)).toEqual([fin.id]);
    const employee: Actor = {
      userId: ctx.userId.get("E000004")!,
      role: "employee",
      employeeId: ctx.employeeId.get("E000004")!,
      scopePath: null,
    };
    expect(await quotasInScope(db, employee, cycle.id)).toEqual([]);
  });
});
