import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import type { Actor } from "~/modules/auth/scope";
import { DomainError } from "~/utils/domain-error";
import { whatWaits } from "~/modules/home/waiting.server";
import { demoOrg } from "../../../../test/utils";
import { closedSurvey } from "../../../../test/report-fixtures";
import { ActionProgressSchema, dueDay, type ActionSchema } from "./plan-actions";
import {
  actionForProgress,
  ownActions,
  previousWavePlan,
  removeAction,
  saveAction,
  searchOwners,
  updateProgress,
} from "./plan-actions.server";
import { remindActionOwners } from "./plan-action-reminders.server";
import { publishedPlansFor, savePlan, unpublishPlan } from "./report-plans.server";
import type { z } from "~/utils/validation";

let hr: Actor;
let finHead: Actor;
let govHead: Actor;
let employee: Actor;
let outsider: Actor;
let unit: Map<string, string>;
let earlier: string;
let later: string;

async function actor(code: string, role: Actor["role"], scopeCode?: string): Promise<Actor> {
  const user = await db.user.findFirstOrThrow({ where: { employee: { employeeNo: code } }, select: { id: true, employeeId: true } });
  const scopePath = scopeCode ? (await db.unit.findUniqueOrThrow({ where: { code: scopeCode } })).path : null;
  return { userId: user.id, role, employeeId: user.employeeId, scopePath };
}

const fin = () => ({ surveyId: earlier, unitId: unit.get("JC-GE-FIN")! });

function input(overrides: Partial<z.infer<typeof ActionSchema>> = {}): z.infer<typeof ActionSchema> {
  return {
    intent: "saveAction",
    title: "每月一次前后台联合复盘",
    owner: "刘洋 · E000004",
    dueOn: "2030-01-20",
    status: "planned",
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error.status;
    if (error instanceof DomainError) return error.key;
    throw error;
  }
  return "accepted";
}

beforeAll(async () => {
  const org = await demoOrg();
  unit = org.unitId;
  hr = await actor("E000003", "hr_admin");
  finHead = await actor("E000002", "dept_head", "JC-GE-FIN");
  govHead = await actor("E000001", "dept_head", "JC-GE-GOV");
  employee = await actor("E000004", "employee");
  outsider = await actor("E000006", "employee");
  earlier = await closedSurvey(db, {
    actorId: hr.userId,
    answers: { "JC-GE-FIN": 5 },
    opensAt: new Date(Date.now() - 200 * 86_400_000),
    title: "上一轮",
  });
  later = await closedSurvey(db, { actorId: hr.userId, answers: { "JC-GE-FIN": 5 }, title: "这一轮" });
}, 120_000);

describe("who may edit a plan's actions", () => {
  it("the unit's head adds an action with an owner of the unit; the plan is created as a draft, and it is audited", async () => {
    const saved = await saveAction(db, finHead, fin(), input());
    const action = await db.surveyAction.findUniqueOrThrow({
      where: { id: saved.id },
      select: { ownerId: true, dueOn: true, plan: { select: { publishedAt: true, summary: true } } },
    });
    expect(action.ownerId).toBe(employee.employeeId);
    expect(action.dueOn.toISOString()).toBe("2030-01-19T16:00:00.000Z");
    expect(action.plan).toEqual({ publishedAt: null, summary: "" });
    expect(await db.auditLog.count({ where: { entity: "SurveyAction", entityId: saved.id, action: "surveyAction.create" } })).toBe(1);
  });

  it("a head of another unit and an employee are refused (404), and nothing is written", async () => {
    const before = await db.surveyAction.count();
    expect(await refusal(saveAction(db, govHead, fin(), input()))).toBe(404);
    expect(await refusal(saveAction(db, employee, fin(), input()))).toBe(404);
    const one = await db.surveyAction.findFirstOrThrow({ select: { id: true } });
    expect(await refusal(saveAction(db, govHead, fin(), input({ actionId: one.id, title: "改掉" })))).toBe(404);
    expect(await refusal(removeAction(db, govHead, fin(), one.id))).toBe(404);
    expect(await refusal(searchOwners(db, govHead, fin(), "刘"))).toBe(404);
    expect(await db.surveyAction.count()).toBe(before);
  });

  it("the owner must be a person of the unit, found by number or by an unambiguous name", async () => {
    expect(await refusal(saveAction(db, finHead, fin(), input({ owner: "E000006" })))).toBe("planActions.ownerUnknown");
    expect(await refusal(saveAction(db, finHead, fin(), input({ owner: "nobody" })))).toBe("planActions.ownerUnknown");
    expect(await refusal(saveAction(db, finHead, fin(), input({ dimension: "no-such" })))).toBe("planActions.dimensionUnknown");
    expect(await refusal(saveAction(db, finHead, fin(), input({ owner: "刘洋", title: "按姓名" })))).toBe("accepted");
  });

  it("the picker suggests people of the unit only", async () => {
    const people = await searchOwners(db, finHead, fin(), "E00000");
    expect(people.map((p) => p.label)).toContain("刘洋 · E000004");
    expect(people.some((p) => p.label.endsWith("E000006"))).toBe(false);
    expect(people.length).toBeLessThanOrEqual(10);
  });

  it("HR edits any unit's actions; a head above edits and removes them", async () => {
    const saved = await saveAction(db, hr, fin(), input({ title: "HR 添加" }));
    const head = await actor("E000001", "dept_head", "JC-GE");
    await saveAction(db, head, fin(), input({ actionId: saved.id, title: "部门改过", status: "in_progress" }));
    expect((await db.surveyAction.findUniqueOrThrow({ where: { id: saved.id } })).title).toBe("部门改过");
    await removeAction(db, head, fin(), saved.id);
    expect(await db.surveyAction.count({ where: { id: saved.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityId: saved.id, action: "surveyAction.remove" } })).toBe(1);
  });
});

describe("the owner's update", () => {
  it("an owner sees their action only once the plan is published, and may change its status and note only", async () => {
    const { id } = await saveAction(db, finHead, fin(), input({ title: "只改状态" }));
    expect(await refusal(actionForProgress(db, employee, id))).toBe(404); // still a draft
    await savePlan(db, finHead, earlier, fin().unitId, { intent: "publish", summary: "协同是短板。" });
    const { isOwner } = await actionForProgress(db, employee, id);
    expect(isOwner).toBe(true);
    await updateProgress(db, employee, id, { status: "in_progress", progressNote: "已开过第一次复盘" });
    const row = await db.surveyAction.findUniqueOrThrow({ where: { id }, select: { status: true, progressNote: true, title: true } });
    expect(row).toEqual({ status: "in_progress", progressNote: "已开过第一次复盘", title: "只改状态" });
    expect(await db.auditLog.count({ where: { entityId: id, action: "surveyAction.progress" } })).toBe(1);
    // The owner's form carries only status and note; anything else is refused.
    expect(ActionProgressSchema.safeParse({ status: "done", title: "改名" }).success).toBe(false);
    expect(ActionProgressSchema.safeParse({ status: "done", ownerId: "x" }).success).toBe(false);
  });

  it("someone who is neither owner nor in charge of the unit gets 404", async () => {
    const { id } = await db.surveyAction.findFirstOrThrow({ where: { title: "只改状态" }, select: { id: true } });
    expect(await refusal(actionForProgress(db, outsider, id))).toBe(404);
    expect(await refusal(updateProgress(db, outsider, id, { status: "done" }))).toBe(404);
    expect(await refusal(updateProgress(db, govHead, id, { status: "done" }))).toBe(404);
    expect((await actionForProgress(db, finHead, id)).isOwner).toBe(false);
  });
});

describe("you said, we did", () => {
  it("employees see the published plans of their own unit with each action's status; others and drafts are not shown", async () => {
    const mine = await publishedPlansFor(db, employee.employeeId!);
    const plan = mine.find((p) => p.survey.titleZh === "上一轮");
    expect(plan?.items.map((a) => a.title)).toContain("只改状态");
    expect(plan?.items.find((a) => a.title === "只改状态")?.status).toBe("in_progress");
    expect((await publishedPlansFor(db, outsider.employeeId!)).some((p) => p.survey.titleZh === "上一轮")).toBe(false);
    expect((await ownActions(db, employee.employeeId!)).length).toBeGreaterThan(0);

    await unpublishPlan(db, finHead, earlier, fin().unitId);
    expect((await publishedPlansFor(db, employee.employeeId!)).some((p) => p.survey.titleZh === "上一轮")).toBe(false);
    expect(await ownActions(db, employee.employeeId!)).toEqual([]);
    await savePlan(db, finHead, earlier, fin().unitId, { intent: "publish", summary: "协同是短板。" });
  });

  it("the next wave's report of the same unit shows the previous plan's actions", async () => {
    const previous = await previousWavePlan(db, later, fin().unitId);
    expect(previous?.survey.titleZh).toBe("上一轮");
    expect(previous?.items.map((a) => a.title)).toContain("只改状态");
    expect(await previousWavePlan(db, earlier, fin().unitId)).toBeNull();
    expect(await previousWavePlan(db, later, unit.get("JC-GE-GOV")!)).toBeNull();
  });
});

describe("reminders", () => {
  const sentFor = async (actionId: string) =>
    (await db.outboxMessage.findMany({ where: { payloadJson: { contains: actionId } }, select: { type: true, recipientId: true } })).sort(
      (a, b) => `${a.type}${a.recipientId}`.localeCompare(`${b.type}${b.recipientId}`),
    );

  it("reminds the owner and the plan's head once before the due day and once when overdue, with a fixed clock", async () => {
    const { id } = await saveAction(db, finHead, fin(), input({ title: "提醒测试", dueOn: "2031-03-20" }));
    const at = (iso: string) => new Date(iso);
    await remindActionOwners(db, at("2031-03-12T23:59:00+08:00")); // 8 days before: too early
    expect(await sentFor(id)).toEqual([]);
    await remindActionOwners(db, at("2031-03-13T00:00:00+08:00")); // 7 days before
    await remindActionOwners(db, at("2031-03-15T09:00:00+08:00")); // again: nothing new
    const soon = await sentFor(id);
    expect(soon).toEqual(
      [
        { type: "surveyAction.dueSoon", recipientId: employee.employeeId },
        { type: "surveyAction.dueSoon", recipientId: finHead.employeeId },
      ].sort((a, b) => `${a.type}${a.recipientId}`.localeCompare(`${b.type}${b.recipientId}`)),
    );
    await remindActionOwners(db, at("2031-03-20T23:59:00+08:00")); // the due day itself is not overdue
    expect((await sentFor(id)).length).toBe(2);
    await remindActionOwners(db, at("2031-03-21T00:00:00+08:00"));
    await remindActionOwners(db, at("2031-03-25T00:00:00+08:00"));
    const all = await sentFor(id);
    expect(
      all
        .filter((m) => m.type === "surveyAction.overdue")
        .map((m) => m.recipientId)
        .sort(),
    ).toEqual([employee.employeeId, finHead.employeeId].sort());
    expect(all.length).toBe(4);

    // The home page lists it as overdue for its owner.
    const waiting = await whatWaits(db, employee, at("2031-03-25T00:00:00+08:00"));
    expect(waiting).toContainEqual(expect.objectContaining({ kind: "surveyAction", id, overdue: true }));
  });

  it("a moved due day is reminded again; a done action is not", async () => {
    const { id } = await db.surveyAction.findFirstOrThrow({ where: { title: "提醒测试" }, select: { id: true } });
    await saveAction(db, finHead, fin(), input({ actionId: id, title: "提醒测试", dueOn: "2031-06-30" }));
    expect(await db.surveyAction.findUniqueOrThrow({ where: { id }, select: { dueSoonSentAt: true, overdueSentAt: true } })).toEqual({
      dueSoonSentAt: null,
      overdueSentAt: null,
    });
    await remindActionOwners(db, new Date("2031-06-25T00:00:00+08:00"));
    expect((await sentFor(id)).filter((m) => m.type === "surveyAction.dueSoon").length).toBe(4);
    await updateProgress(db, employee, id, { status: "done" });
    await remindActionOwners(db, new Date("2031-07-05T00:00:00+08:00"));
    expect((await sentFor(id)).length).toBe(6);
    expect(await whatWaits(db, employee, new Date("2031-07-05T00:00:00+08:00"))).not.toContainEqual(
      expect.objectContaining({ kind: "surveyAction", id }),
    );
  });

  it("a draft plan's actions are not reminded", async () => {
    const { id } = await saveAction(db, finHead, { ...fin(), surveyId: later }, input({ title: "草稿", dueOn: "2031-09-01" }));
    await remindActionOwners(db, new Date("2031-09-10T00:00:00+08:00"));
    expect(await sentFor(id)).toEqual([]);
    expect(dueDay("2031-09-01").toISOString()).toBe("2031-08-31T16:00:00.000Z");
  });
});
