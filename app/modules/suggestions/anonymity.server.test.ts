import { beforeAll, describe, expect, it } from "vitest";
import { demoOrg } from "../../../test/utils";
import { db } from "~/utils/db.server";
import { addHandlerReply, changeStatus } from "./handling.server";
import { addSubmitterReply, findByFollowUpCode } from "./suggestions.server";
import { fileAnonymouslyAs } from "../../../test/suggestion-tokens";
import { newFollowUpCode } from "./follow-up-code";
import type { Actor } from "~/modules/auth/scope";

let org: Awaited<ReturnType<typeof demoOrg>>;
let hr: Actor;
const SUBMITTER = "E000004";

beforeAll(async () => {
  org = await demoOrg();
  hr = { userId: org.userId.get("E000003")!, role: "hr_admin", employeeId: org.employeeId.get("E000003")!, scopePath: null };
});

async function submitAnonymous() {
  return fileAnonymouslyAs(
    db,
    org.employeeId.get(SUBMITTER)!,
    { title: "例会太多", body: "建议合并例会。", category: "workplace", unitId: org.unitId.get("JC-GE-FIN")! },
    new Date("2026-06-17T09:41:23Z"),
  );
}

describe("an anonymous suggestion holds nothing identifying", () => {
  it("has no column that could hold a person, a session, an address or a time", async () => {
    const columns = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('Suggestion')`);
    const names = columns.map((c) => c.name);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names)
      expect(name).not.toMatch(/user(?!Id$)|employee|author|session|ip|address|agent|created|updated|time|At$|date/i);
    // The only user column is the handler who owns it, never the submitter.
    expect(names.filter((n) => /user/i.test(n))).toEqual(["ownerUserId"]);
    const replyColumns = (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('SuggestionReply')`)).map(
      (c) => c.name,
    );
    expect(replyColumns).not.toContain("createdAt");
  });

  it("stores only the month, a random UUIDv4 key and the code's hash, with no author row", async () => {
    const { id, followUpCode } = await submitAnonymous();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Suggestion" WHERE id = ?`, id);
    expect(row.period).toBe("2026-06");
    expect(row.ownerUserId).toBeNull();
    expect(row.followUpHash).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.stringify(row);
    const employee = await db.employee.findUniqueOrThrow({ where: { employeeNo: SUBMITTER }, include: { user: true } });
    for (const secret of [
      employee.id,
      employee.user!.id,
      employee.email,
      employee.name,
      employee.employeeNo,
      followUpCode!,
      followUpCode!.replace(/-/g, ""),
      "09:41",
      "2026-06-17",
      "T09",
    ]) {
      expect(stored).not.toContain(secret);
    }
    expect(await db.suggestionAuthor.count({ where: { suggestionId: id } })).toBe(0);
    expect(await db.suggestionAuthor.count({ where: { employeeId: employee.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityId: id } })).toBe(0);
    expect(await db.throttleBucket.count()).toBe(0);
  });

  it("keeps rows in key order, not insertion order (WITHOUT ROWID)", async () => {
    await expect(db.$queryRawUnsafe(`SELECT rowid FROM "Suggestion"`)).rejects.toThrow();
    await expect(db.$queryRawUnsafe(`SELECT rowid FROM "SuggestionReply"`)).rejects.toThrow();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++)
      ids.push(
        (
          await fileAnonymouslyAs(
            db,
            [...org.employeeId.values()][20 + i],
            { title: `建议 ${i}`, body: "内容", category: "workplace", unitId: org.unitId.get("JC-GE-FIN")! },
            new Date("2026-06-17T09:41:23Z"),
          )
        ).id,
      );
    const physical = (await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Suggestion"`))
      .map((r) => r.id)
      .filter((x) => ids.includes(x));
    expect(physical).toEqual([...ids].sort());
  });

  it("keeps the thread free of the submitter: no identity, no time, no notification", async () => {
    const { id, followUpCode } = await submitAnonymous();
    await addHandlerReply(db, hr, id, "收到，正在评估。", false);
    await addSubmitterReply(db, id, "谢谢，希望尽快。");
    await changeStatus(db, hr, id, "under_review");
    const replies = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT * FROM "SuggestionReply" WHERE suggestionId = ? ORDER BY seq`,
      id,
    );
    expect(replies.map((r) => r.author)).toEqual(["handler", "submitter"]);
    const mine = replies[1];
    expect(mine.handlerUserId).toBeNull();
    expect(mine.sentAt).toBeNull();
    expect(mine.signatureName).toBeNull();
    expect(await db.outboxMessage.count({ where: { payloadJson: { contains: id } } })).toBe(0);
    const found = await findByFollowUpCode(db, followUpCode!);
    expect(found?.view.thread.map((m) => m.body)).toEqual(["收到，正在评估。", "谢谢，希望尽快。"]);
    expect(found?.view.status).toBe("under_review");
  });
});

describe("a wrong follow-up code reveals nothing", () => {
  it("opens nothing, whether ill-formed, well-formed and unknown, or one character off", async () => {
    const { followUpCode } = await submitAnonymous();
    const code = followUpCode!;
    const last = code.at(-1) === "0" ? "1" : "0";
    for (const wrong of [newFollowUpCode(), `${code.slice(0, -1)}${last}`, "not a code", "", code.slice(0, 10)]) {
      expect(await findByFollowUpCode(db, wrong)).toBeNull();
    }
    expect(await findByFollowUpCode(db, code.toLowerCase())).not.toBeNull();
  });
});
