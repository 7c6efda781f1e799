import { beforeAll, describe, expect, it } from "vitest";
import { fileAnonymouslyAs } from "../../../test/suggestion-tokens";
import { demoOrg } from "../../../test/utils";
import { db } from "~/utils/db.server";
import type { Actor } from "~/modules/auth/scope";
import {
  addHandlerReply,
  addNote,
  changeStatus,
  eligibleOwners,
  getForHandler,
  hideReply,
  listForHandler,
  mergeInto,
  rewardSuggestion,
  setHidden,
  setOwner,
} from "./handling.server";
import { DomainError as SuggestionError } from "~/utils/domain-error";
import { addSubmitterReply, findByFollowUpCode, getMySuggestion, submitSuggestion } from "./suggestions.server";
import type { SuggestionInput } from "./schemas";
import { suggestionStats } from "./stats.server";

let org: Awaited<ReturnType<typeof demoOrg>>;
let hr: Actor;
let finHead: Actor;
let govHead: Actor;

function actor(no: string, role: Actor["role"], scopeCode?: string): Actor {
  return { userId: org.userId.get(no)!, role, employeeId: org.employeeId.get(no)!, scopePath: scopeCode ? paths.get(scopeCode)! : null };
}
const paths = new Map<string, string>();

beforeAll(async () => {
  org = await demoOrg();
  for (const u of await db.unit.findMany({ select: { code: true, path: true } })) paths.set(u.code, u.path);
  await db.user.update({
    where: { id: org.userId.get("E000101")! },
    data: { role: "dept_head", scopeUnitId: org.unitId.get("JC-GE-GOV")! },
  });
  hr = actor("E000003", "hr_admin");
  finHead = actor("E000002", "dept_head", "JC-GE-FIN");
  govHead = actor("E000101", "dept_head", "JC-GE-GOV");
});

const input = (over: Partial<SuggestionInput> = {}): SuggestionInput => ({
  title: "投标资料共享",
  body: "建议建立共享库。",
  category: "process",
  unitId: org.unitId.get("JC-GE-FIN")!,
  identity: "named",
  ...over,
});
let anonymousFiled = 0;
const submit = async (over: Partial<SuggestionInput> = {}, by = "E000124"): Promise<{ id: string; followUpCode: string | null }> => {
  const { identity, ...rest } = input(over);
  // Each person has a small monthly allowance of anonymous tokens: spread them over people.
  if (identity === "anonymous") return fileAnonymouslyAs(db, [...org.employeeId.values()][100 + anonymousFiled++], rest);
  return { ...(await submitSuggestion(db, { employeeId: org.employeeId.get(by)! }, { ...rest, identity })), followUpCode: null };
};

describe("scope", () => {
  it("lets HR and the heads of the unit's line see a suggestion, and no one else", async () => {
    const { id } = await submit();
    expect(await getForHandler(db, hr, id)).not.toBeNull();
    expect(await getForHandler(db, finHead, id)).not.toBeNull();
    expect(await getForHandler(db, actor("E000001", "dept_head", "JC-GE"), id)).not.toBeNull();
    expect(await getForHandler(db, govHead, id)).toBeNull();
    expect((await listForHandler(db, govHead, {})).rows.map((r) => r.id)).not.toContain(id);
    await expect(changeStatus(db, govHead, id, "under_review")).rejects.toMatchObject({ key: "errors.notFound" });
    await expect(addHandlerReply(db, govHead, id, "x", false)).rejects.toBeInstanceOf(SuggestionError);
  });

  it("offers as owners only HR and heads whose scope holds the unit", async () => {
    const owners = await eligibleOwners(db, paths.get("JC-GE-FIN")!);
    const ids = owners.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([hr.userId, finHead.userId, org.userId.get("E000001")!]));
    expect(ids).not.toContain(govHead.userId);
    const { id } = await submit();
    await expect(setOwner(db, hr, id, govHead.userId)).rejects.toMatchObject({ key: "suggestions.errors.ownerNotEligible" });
    await setOwner(db, hr, id, finHead.userId);
    expect((await getForHandler(db, hr, id))?.ownerUserId).toBe(finHead.userId);
  });
});

describe("handling a named suggestion", () => {
  it("is taken to implemented, notifies the submitter and signs replies by role and unit", async () => {
    const { id } = await submit();
    const employeeId = org.employeeId.get("E000124")!;
    await addHandlerReply(db, finHead, id, "收到，正在评估。", false);
    await changeStatus(db, finHead, id, "under_review");
    await expect(changeStatus(db, finHead, id, "implemented")).rejects.toMatchObject({ key: "suggestions.errors.transition" });
    await changeStatus(db, finHead, id, "accepted");
    await changeStatus(db, finHead, id, "implemented");
    const mine = await getMySuggestion(db, employeeId, id);
    expect(mine?.view.status).toBe("implemented");
    expect(mine?.view.thread[0].signature).toEqual({
      role: "dept_head",
      unitZh: "金融客户室",
      unitEn: "Finance Customer Room",
      name: null,
    });
    const messages = await db.outboxMessage.findMany({
      where: { recipientId: employeeId, payloadJson: { contains: id } },
      select: { type: true },
    });
    expect(messages.map((m) => m.type).sort()).toEqual(["suggestion.reply", "suggestion.status", "suggestion.status", "suggestion.status"]);
  });

  it("signs with the name only when the replier chooses", async () => {
    const { id } = await submit();
    await addHandlerReply(db, hr, id, "已转相关部门。", true);
    const view = (await getMySuggestion(db, org.employeeId.get("E000124")!, id))!.view;
    expect(view.thread[0].signature?.role).toBe("hr_admin");
    expect(view.thread[0].signature?.name).toBe((await db.employee.findUniqueOrThrow({ where: { employeeNo: "E000003" } })).name);
  });

  it("declines only with a reason, which the submitter sees", async () => {
    const { id } = await submit();
    await expect(changeStatus(db, hr, id, "declined", "")).rejects.toMatchObject({ key: "suggestions.errors.reasonRequired" });
    await changeStatus(db, hr, id, "declined", "集团规范不允许");
    const view = (await getMySuggestion(db, org.employeeId.get("E000124")!, id))!.view;
    expect(view).toMatchObject({ status: "declined", declineReason: "集团规范不允许" });
  });

  it("keeps internal notes from the submitter", async () => {
    const { id } = await submit();
    await addNote(db, finHead, id, "此人上次也提过类似建议");
    const view = (await getMySuggestion(db, org.employeeId.get("E000124")!, id))!.view;
    expect(JSON.stringify(view)).not.toContain("此人上次");
    expect((await getForHandler(db, finHead, id))?.notes.map((n) => n.body)).toEqual(["此人上次也提过类似建议"]);
  });

  it("rewards only adopted named suggestions, in integer fen", async () => {
    const named = await submit();
    await expect(rewardSuggestion(db, hr, named.id, { amountFen: 50000, points: 0, note: "奖励" })).rejects.toMatchObject({
      key: "suggestions.errors.rewardNotAdopted",
    });
    await changeStatus(db, hr, named.id, "under_review");
    await changeStatus(db, hr, named.id, "accepted");
    await expect(rewardSuggestion(db, hr, named.id, { amountFen: 0, points: 0, note: "奖励" })).rejects.toMatchObject({
      key: "suggestions.errors.rewardEmpty",
    });
    await rewardSuggestion(db, hr, named.id, { amountFen: 50050, points: 20, note: "采纳奖励" });
    expect((await getMySuggestion(db, org.employeeId.get("E000124")!, named.id))?.view.reward).toEqual({
      amountFen: 50050,
      points: 20,
      note: "采纳奖励",
    });
    const anonymous = await submit({ identity: "anonymous" });
    await changeStatus(db, hr, anonymous.id, "under_review");
    await changeStatus(db, hr, anonymous.id, "accepted");
    await expect(rewardSuggestion(db, hr, anonymous.id, { amountFen: 100, points: 0, note: "x" })).rejects.toMatchObject({
      key: "suggestions.errors.rewardAnonymous",
    });
  });
});

describe("duplicates and abuse", () => {
  it("merges a duplicate, which then follows the target's status; no chains, no self", async () => {
    const target = await submit();
    const dup = await submit({ identity: "anonymous" });
    await expect(mergeInto(db, hr, target.id, target.id)).rejects.toMatchObject({ key: "suggestions.errors.mergeSelf" });
    await mergeInto(db, hr, dup.id, target.id);
    await expect(changeStatus(db, hr, dup.id, "under_review")).rejects.toMatchObject({ key: "suggestions.errors.merged" });
    await changeStatus(db, hr, target.id, "under_review");
    const view = (await findByFollowUpCode(db, dup.followUpCode!))!.view;
    expect(view).toMatchObject({ merged: true, status: "under_review" });
    const third = await submit();
    await expect(mergeInto(db, hr, third.id, dup.id)).rejects.toMatchObject({ key: "suggestions.errors.mergeChain" });
    await expect(mergeInto(db, hr, target.id, third.id)).rejects.toMatchObject({ key: "suggestions.errors.mergeHasDuplicates" });
  });

  it("hides abusive content with a reason the submitter sees, and closes the thread", async () => {
    const { id, followUpCode } = await submit({ identity: "anonymous", body: "骂人的话" });
    await setHidden(db, hr, id, "含人身攻击");
    const view = (await findByFollowUpCode(db, followUpCode!))!.view;
    expect(view).toMatchObject({ hiddenReason: "含人身攻击", canReply: false });
    await expect(addSubmitterReply(db, id, "再说一次")).rejects.toMatchObject({ key: "suggestions.errors.closedForReplies" });
  });

  it("hides a single abusive message from the submitter", async () => {
    const { id, followUpCode } = await submit({ identity: "anonymous" });
    await addSubmitterReply(db, id, "难听的话");
    const reply = await db.suggestionReply.findFirstOrThrow({ where: { suggestionId: id } });
    await hideReply(db, finHead, id, reply.id, "不文明用语");
    const view = (await findByFollowUpCode(db, followUpCode!))!.view;
    expect(view.thread[0]).toMatchObject({ body: null, hiddenReason: "不文明用语" });
  });
});

describe("suggestionStats", () => {
  it("reports volume, adoption and reply times within scope, suppressing small anonymous counts", async () => {
    const before = await suggestionStats(db, govHead);
    const unitId = org.unitId.get("JC-GE-GOV")!;
    const a = await submit({ unitId, category: "training" });
    for (let i = 0; i < 2; i++) await submit({ unitId, category: "training", identity: "anonymous" });
    await addHandlerReply(db, govHead, a.id, "好", false);
    await changeStatus(db, govHead, a.id, "declined", "暂不可行");
    const stats = await suggestionStats(db, govHead);
    expect(stats.total).toBe(before.total + 3);
    const training = stats.byCategory.find((c) => c.category === "training")!;
    expect(training.total).toBeGreaterThanOrEqual(3);
    expect(stats.byUnit.find((u) => u.unitId === unitId)?.anonymous).toBeNull();
    expect(stats.anonymous).toBeNull();
    expect(stats.adoption.decided).toBe(before.adoption.decided + 1);
    expect(stats.firstReply.named.answered).toBe(before.firstReply.named.answered + 1);
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
    // The Finance head's suggestions are not in the GOV head's figures.
    expect(stats.byUnit.every((u) => u.unitId === unitId)).toBe(true);
  });

  it("shows anonymous counts once there are five", async () => {
    const unitId = org.unitId.get("JC-GE-PUB")!;
    const pubHead: Actor = { ...finHead, scopePath: paths.get("JC-GE-PUB")! };
    for (let i = 0; i < 5; i++) await submit({ unitId, identity: "anonymous", category: "career" });
    const stats = await suggestionStats(db, pubHead, { category: "career" });
    expect(stats.byUnit).toEqual([expect.objectContaining({ unitId, total: 5, anonymous: 5 })]);
    expect(stats.anonymous).toBe(5);
  });
});
