import { beforeAll, describe, expect, it } from "vitest";
import { demoOrg } from "../../../test/utils";
import { db, sqlRead } from "~/utils/db.server";
import { onPostgres } from "~/utils/sql.server";
import { addHandlerReply, changeStatus } from "./handling.server";
import { addSubmitterReply, findByFollowUpCode } from "./suggestions.server";
import { fileAnonymouslyAs } from "../../../test/suggestion-tokens";
import { newFollowUpCode } from "./follow-up-code";
import { rewriteAnonymousSuggestions } from "./tokens.server";
import type { Actor } from "~/modules/auth/scope";

let org: Awaited<ReturnType<typeof demoOrg>>;
let hr: Actor;
const SUBMITTER = "E000004";
const postgres = onPostgres(db);

/** A table's column names (SQLite's table_info, PostgreSQL's information_schema). */
async function columnsOf(table: string) {
  const sql = postgres
    ? `SELECT column_name AS "name" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`
    : `SELECT name FROM pragma_table_info(?)`;
  return (await sqlRead<{ name: string }>(db, sql, [table])).map((c) => c.name);
}

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
    const names = await columnsOf("Suggestion");
    expect(names.length).toBeGreaterThan(5);
    for (const name of names)
      expect(name).not.toMatch(/user(?!Id$)|employee|author|session|ip|address|agent|created|updated|time|At$|date/i);
    // The only user column is the handler who owns it, never the submitter.
    expect(names.filter((n) => /user/i.test(n))).toEqual(["ownerUserId"]);
    const replyColumns = await columnsOf("SuggestionReply");
    expect(replyColumns.length).toBeGreaterThan(5);
    expect(replyColumns).not.toContain("createdAt");
  });

  it("stores only the month, a random UUIDv4 key and the code's hash, with no author row", async () => {
    const { id, followUpCode } = await submitAnonymous();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [row] = await sqlRead(db, `SELECT * FROM "Suggestion" WHERE "id" = ?`, [id]);
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

  it("keeps rows in key order, not insertion order (WITHOUT ROWID; on PostgreSQL, once the background rewrite has run)", async () => {
    await expect(sqlRead(db, `SELECT rowid FROM "Suggestion"`)).rejects.toThrow();
    await expect(sqlRead(db, `SELECT rowid FROM "SuggestionReply"`)).rejects.toThrow();
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
    // PostgreSQL: a heap, in arrival order (and each row under its own transaction id) until the
    // background job rewrites it; it has work to do now, and none right after.
    if (postgres) {
      expect(await rewriteAnonymousSuggestions(db)).toBe(true);
      expect(await rewriteAnonymousSuggestions(db)).toBe(false);
    }
    // Physical order: a plain scan (PostgreSQL: in the order of the rows' places).
    const physical = (
      await sqlRead<{ id: string }>(db, postgres ? `SELECT "id" FROM "Suggestion" ORDER BY ctid` : `SELECT id FROM "Suggestion"`)
    )
      .map((r) => r.id)
      .filter((x) => ids.includes(x));
    const keyOrder = (await sqlRead<{ id: string }>(db, `SELECT "id" FROM "Suggestion" ORDER BY "id"`))
      .map((r) => r.id)
      .filter((x) => ids.includes(x));
    expect(physical).toEqual(keyOrder);
    if (!postgres) expect(physical).toEqual([...ids].sort());
    if (postgres) {
      // One transaction id for every anonymous suggestion and spent token, which no longer pairs them.
      const stamps = await sqlRead(db, `SELECT DISTINCT xmin::text AS "xmin" FROM "Suggestion" WHERE "anonymous"`);
      expect(stamps).toHaveLength(1);
      expect(await sqlRead(db, `SELECT DISTINCT xmin::text AS "xmin" FROM "SuggestionSpentToken"`)).toHaveLength(1);
      const spent = (await sqlRead<{ hash: string }>(db, `SELECT "hash" FROM "SuggestionSpentToken" ORDER BY ctid`)).map((r) => r.hash);
      expect(spent).toEqual(
        (await sqlRead<{ hash: string }>(db, `SELECT "hash" FROM "SuggestionSpentToken" ORDER BY "hash"`)).map((r) => r.hash),
      );
    }
  });

  it("keeps the thread free of the submitter: no identity, no time, no notification", async () => {
    const { id, followUpCode } = await submitAnonymous();
    await addHandlerReply(db, hr, id, "收到，正在评估。", false);
    await addSubmitterReply(db, id, "谢谢，希望尽快。");
    await changeStatus(db, hr, id, "under_review");
    const replies = await sqlRead(db, `SELECT * FROM "SuggestionReply" WHERE "suggestionId" = ? ORDER BY "seq"`, [id]);
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
