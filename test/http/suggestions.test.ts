import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { client, demoOrg, ORIGIN, signedIn, testApp, userFor, type Client } from "../utils";
import { db } from "~/utils/db.server";
import { hashFollowUpCode, newFollowUpCode, normalizeFollowUpCode } from "~/modules/suggestions/follow-up-code";
import { fastBlind, fastFinish } from "../blind-client";
import { submitSuggestion } from "~/modules/suggestions/suggestions.server";

let app: Awaited<ReturnType<typeof testApp>>;
let org: Awaited<ReturnType<typeof demoOrg>>;
let employee: Client;
let otherEmployee: Client;
let finHead: Client;
let govHead: Client;
let finSuggestion: string;

const CODE_ATTEMPT_LIMIT = 20;

beforeAll(async () => {
  app = await testApp();
  org = await demoOrg();
  employee = await signedIn(app, await userFor("E000004"));
  otherEmployee = await signedIn(app, await userFor("E000124"));
  finHead = await signedIn(app, await userFor("E000002", "dept_head", "JC-GE-FIN"));
  govHead = await signedIn(app, await userFor("E000101", "dept_head", "JC-GE-GOV"));
  finSuggestion = (
    await submitSuggestion(
      db,
      { employeeId: org.employeeId.get("E000004")! },
      { title: "指标分配", body: "按存量分配。", category: "pay_performance", unitId: org.unitId.get("JC-GE-FIN")!, identity: "named" },
    )
  ).id;
});

describe("who may see what", () => {
  it("refuses the handling pages to an employee with 403", async () => {
    for (const url of ["/manage/suggestions", `/manage/suggestions/${finSuggestion}`, "/manage/suggestions/reports"]) {
      expect((await employee.get(url)).status, url).toBe(403);
    }
    expect((await employee.post(`/manage/suggestions/${finSuggestion}`, { intent: "note", body: "x" })).status).toBe(403);
  });

  it("answers a head of another room with 404, and the unit's head with the page", async () => {
    expect((await govHead.get(`/manage/suggestions/${finSuggestion}`)).status).toBe(404);
    expect((await govHead.post(`/manage/suggestions/${finSuggestion}`, { intent: "status", status: "under_review" })).status).toBe(404);
    const list = await (await govHead.get("/manage/suggestions")).text();
    expect(list).not.toContain("指标分配");
    const page = await finHead.get(`/manage/suggestions/${finSuggestion}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("按存量分配。");
  });

  it("shows the reports to handlers in their scope", async () => {
    const response = await finHead.get("/manage/suggestions/reports");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("采纳率");
    expect((await employee.get("/manage/suggestions/reports")).status).toBe(403);
  });

  it("shows a named suggestion to its author only", async () => {
    expect((await employee.get(`/suggestions/${finSuggestion}`)).status).toBe(200);
    expect((await otherEmployee.get(`/suggestions/${finSuggestion}`)).status).toBe(404);
    expect((await otherEmployee.post(`/suggestions/${finSuggestion}`, { intent: "reply", body: "插话" })).status).toBe(404);
  });

  it("lets a head move a suggestion in scope, and refuses a skipped step with a clear error", async () => {
    const ok = await finHead.post(`/manage/suggestions/${finSuggestion}`, { intent: "status", status: "under_review" });
    expect(ok.status).toBe(302);
    const skipped = await finHead.post(`/manage/suggestions/${finSuggestion}`, { intent: "status", status: "implemented" });
    expect(skipped.status).toBe(400);
    expect(await skipped.text()).toContain("不能从当前状态改为所选状态");
  });
});

describe("bad input on the handling forms", () => {
  it("answers each with a clear error and writes nothing", async () => {
    await submitSuggestion(
      db,
      { employeeId: org.employeeId.get("E000124")! },
      { title: "另一条", body: "正文", category: "other", unitId: org.unitId.get("JC-GE-FIN")!, identity: "named" },
    );
    const url = `/manage/suggestions/${finSuggestion}`;
    const cases: [Record<string, string>, string][] = [
      [{ intent: "hide", reason: "" }, "此项必填"],
      [{ intent: "status", status: "declined", reason: "" }, "请填写原因"],
      [{ intent: "reply", body: "回复", signatureName: "王总" }, "不接受的字段"],
      [{ intent: "merge", targetId: finSuggestion }, "不能合并到自己"],
      [{ intent: "dropTable" }, "请从列表中选择"],
    ];
    for (const [body, message] of cases) {
      const response = await finHead.post(url, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.text(), JSON.stringify(body)).toContain(message);
    }
    const row = await db.suggestion.findUniqueOrThrow({
      where: { id: finSuggestion },
      select: { hiddenReason: true, mergedIntoId: true, reward: true },
    });
    expect(row).toEqual({ hiddenReason: null, mergedIntoId: null, reward: null });
  });

  it("refuses a reward in fractional fen or negative points on an adopted suggestion", async () => {
    const { id } = await submitSuggestion(
      db,
      { employeeId: org.employeeId.get("E000124")! },
      { title: "奖励测试", body: "正文", category: "other", unitId: org.unitId.get("JC-GE-FIN")!, identity: "named" },
    );
    await db.suggestion.update({ where: { id }, data: { status: "accepted" } });
    for (const [body, message] of [
      [{ intent: "reward", amountYuan: "1.005", points: "", note: "奖励" }, "最多两位小数"],
      [{ intent: "reward", amountYuan: "100", points: "-1", note: "奖励" }, "不能小于 0"],
      [{ intent: "reward", amountYuan: "", points: "", note: "奖励" }, "至少一项大于 0"],
      [{ intent: "reward", amountYuan: "100", points: "1", note: "奖励", amountFen: "999999" }, "不接受的字段"],
    ] as const) {
      const response = await finHead.post(`/manage/suggestions/${id}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.text(), JSON.stringify(body)).toContain(message);
    }
    expect(await db.suggestionReward.count({ where: { suggestionId: id } })).toBe(0);
  });
});

describe("bad input on the suggestion form", () => {
  const valid = () => ({
    title: "建立共享库",
    body: "建议统一维护资质文件。",
    category: "process",
    unitId: org.unitId.get("JC-GE-PRJ")!,
    identity: "named",
  });

  it("says what is missing when the form is empty", async () => {
    const response = await employee.post("/suggestions/new", { title: "", body: "", category: "", unitId: "", identity: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("此项必填");
    expect(await db.suggestion.count({ where: { title: "" } })).toBe(0);
  });

  it("refuses a 20,000-character text and keeps what was typed", async () => {
    const body = "很长的建议".repeat(4000);
    const response = await employee.post("/suggestions/new", { ...valid(), title: "超长的建议标题", body });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("最多 5000 个字符");
    expect(html).toContain('value="超长的建议标题"');
    expect(html).toContain(body.slice(0, 200));
    expect(await db.suggestion.count({ where: { title: "超长的建议标题" } })).toBe(0);
  });

  it("refuses an unknown unit and keeps what was typed", async () => {
    const response = await employee.post("/suggestions/new", { ...valid(), title: "未知单位的建议", unitId: "no-such-unit" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("没有这个组织单元");
    expect(html).toContain('value="未知单位的建议"');
  });

  it("refuses fields it does not know, such as a submitter id", async () => {
    const response = await employee.post("/suggestions/new", { ...valid(), employeeId: org.employeeId.get("E000005")! });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("不接受的字段");
  });
});

describe("anonymous follow-up", () => {
  beforeEach(async () => {
    await db.throttleBucket.deleteMany();
  });

  /** As the browser does: a token with the session, then the suggestion without it, with a code made on the client. */
  async function submitAnonymously(title: string) {
    const token = await tokenOverHttp(employee);
    const code = newFollowUpCode();
    const body = new URLSearchParams({
      title,
      body: "匿名的建议内容。",
      category: "workplace",
      unitId: org.unitId.get("JC-GE-FIN")!,
      identity: "anonymous",
      followUpHash: await hashFollowUpCode(normalizeFollowUpCode(code)!),
    });
    const response = await client(app).post("/suggestions/new", body, {
      headers: { "X-Anonymous-Token": `${token.keyId}.${token.token}.${token.signature}` },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(await db.throttleBucket.count()).toBe(0);
    return code;
  }

  async function tokenOverHttp(who: Client) {
    const post = async (body: unknown) => {
      const response = await app.request("/suggestions/token", {
        method: "POST",
        headers: { Cookie: who.cookie!, Origin: ORIGIN, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Record<string, string>;
    };
    const key = await post({ intent: "key" });
    const pending = await fastBlind(key.keyId, key.publicKey);
    const signed = await post({ intent: "sign", keyId: key.keyId, blinded: pending.blinded });
    return fastFinish(pending, signed.blindSignature);
  }

  it("answers an anonymous and a named submission alike (303), and refuses an anonymous one with the session's form", async () => {
    await submitAnonymously("匿名：同样的回答");
    const named = await employee.post("/suggestions/new", {
      title: "实名建议",
      body: "内容。",
      category: "workplace",
      unitId: org.unitId.get("JC-GE-FIN")!,
      identity: "named",
    });
    expect(named.status).toBe(303);
    const before = await db.suggestion.count();
    const noScript = await employee.post("/suggestions/new", {
      title: "无脚本匿名",
      body: "内容。",
      category: "workplace",
      unitId: org.unitId.get("JC-GE-FIN")!,
      identity: "anonymous",
    });
    expect(noScript.status).toBe(400);
    expect(await noScript.text()).toContain("JavaScript");
    expect(await db.suggestion.count()).toBe(before);
  });

  const open = (client: Client, code: string) => client.post("/suggestions/follow-up", { intent: "view", code });

  it("shows the code once and opens the thread with it alone, from any account", async () => {
    const code = await submitAnonymously("匿名：例会太多");
    const response = await open(otherEmployee, code);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("匿名：例会太多");
    const reply = await otherEmployee.post("/suggestions/follow-up", { intent: "reply", code, body: "补充一点：周三的会可以取消。" });
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain("补充一点：周三的会可以取消。");
  });

  it("gives a wrong code the same answer as a code that never existed", async () => {
    const code = await submitAnonymously("匿名：不应泄露的标题");
    const oneOff = `${code.slice(0, -1)}${code.endsWith("0") ? "1" : "0"}`;
    const answers = [];
    for (const wrong of [oneOff, newFollowUpCode(), "AAAA"]) {
      const response = await open(employee, wrong);
      const text = (await response.text()).replaceAll(wrong, "<code>").replace(/nonce="[^"]*"/g, "");
      expect(text).not.toContain("不应泄露的标题");
      answers.push({ status: response.status, text });
    }
    expect(answers[0].status).toBe(400);
    expect(answers[0].text).toContain("跟进码不正确");
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it("throttles attempts from one address, right or wrong alike", async () => {
    const code = await submitAnonymously("匿名：限流");
    for (let i = 0; i < CODE_ATTEMPT_LIMIT; i++) await open(employee, newFollowUpCode());
    const wrong = await open(employee, newFollowUpCode());
    const right = await open(employee, code);
    expect(wrong.status).toBe(429);
    expect(right.status).toBe(429);
    const text = await right.text();
    expect(text).toContain("尝试次数过多");
    expect(text).not.toContain("匿名：限流");
  });

  it("never puts the code in a URL", async () => {
    const response = await employee.get(`/suggestions/follow-up?code=${newFollowUpCode()}`);
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain("跟进码不正确");
  });
});
