import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";
import { closedSurvey } from "../report-fixtures";

let app: Awaited<ReturnType<typeof testApp>>;
let org: Awaited<ReturnType<typeof demoOrg>>;
let head: Client;
let finHead: Client;
let employee: Client;
let surveyId: string;

beforeAll(async () => {
  app = await testApp();
  org = await demoOrg();
  await signedIn(app, await userFor("E000003", "hr_admin"));
  head = await signedIn(app, await userFor("E000001", "dept_head", "JC-GE"));
  finHead = await signedIn(app, await userFor("E000002", "dept_head", "JC-GE-FIN"));
  employee = await signedIn(app, await userFor("E000004", "employee"));
  surveyId = await closedSurvey(db, { actorId: org.userId.get("E000003")!, answers: { "JC-GE-FIN": 6, "JC-GE-GOV": 7, "JC-GE-VPN": 4 } });
}, 120_000);

const unit = (code: string) => org.unitId.get(code)!;

describe("who may read a report", () => {
  it("an employee gets 403 for the list, a report, its CSV and the plan page", async () => {
    for (const url of [
      "/reports",
      `/reports/${surveyId}`,
      `/reports/${surveyId}/csv`,
      `/reports/${surveyId}/plan?unit=${unit("JC-GE-FIN")}`,
    ]) {
      expect((await employee.get(url)).status, url).toBe(403);
    }
  });

  it("a room head gets 404 for another room, the department and the organisation, page and CSV alike", async () => {
    for (const code of ["JC-GE-GOV", "JC-GE"]) {
      expect((await finHead.get(`/reports/${surveyId}?unit=${unit(code)}`)).status, code).toBe(404);
      expect((await finHead.get(`/reports/${surveyId}/csv?unit=${unit(code)}`)).status, code).toBe(404);
      expect((await finHead.get(`/reports/${surveyId}/plan?unit=${unit(code)}`)).status, code).toBe(404);
    }
    expect((await finHead.get(`/reports/${surveyId}?unit=org`)).status).toBe(404);
  });

  it("a room head reads their own room", async () => {
    const response = await finHead.get(`/reports/${surveyId}`);
    expect(response.status).toBe(200);
  });

  it("answers 404 for an unknown survey and a malformed unit, 400 for a malformed filter", async () => {
    expect((await head.get(`/reports/nope`)).status).toBe(404);
    expect((await head.get(`/reports/${surveyId}?unit=${encodeURIComponent("../x")}`)).status).toBe(404);
    expect((await head.get(`/reports/${surveyId}?filter=${encodeURIComponent("x;drop")}`)).status).toBe(400);
  });
});

describe("the department head's report page", () => {
  it("shows the heatmap with the 4-answer room as hidden", async () => {
    const response = await head.get(`/reports/${surveyId}?lng=en`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-testid="heatmap"');
    expect(html).toMatch(new RegExp(`data-unit="${unit("JC-GE-VPN")}" data-hidden="true"`));
    expect(html).toMatch(new RegExp(`data-unit="${unit("JC-GE-GOV")}" data-hidden="false"`));
  });

  it("opens with the focus areas and the way to the action plan; a hidden room shows none", async () => {
    const html = await (await head.get(`/reports/${surveyId}`)).text();
    const focus = html.slice(html.indexOf('data-testid="focus-areas"'), html.indexOf('data-testid="dimension-comparison"'));
    expect(focus).toContain('data-testid="focus-opportunities"');
    expect(focus).toContain('data-testid="score-impact"');
    expect(focus).toContain(`href="/reports/${surveyId}/plan?unit=${unit("JC-GE")}"`);
    expect(html.indexOf('data-testid="focus-areas"')).toBeLessThan(html.indexOf('data-testid="heatmap"'));

    const vpn = await (await head.get(`/reports/${surveyId}?unit=${unit("JC-GE-VPN")}`)).text();
    expect(vpn).toContain('data-testid="group-hidden"');
    expect(vpn).not.toContain('data-testid="focus-areas"');
    expect(vpn).not.toContain('data-testid="score-impact"');
    // The plan stays reachable from its own panel.
    expect(vpn).toContain(`href="/reports/${surveyId}/plan?unit=${unit("JC-GE-VPN")}"`);
  });

  it("exports the aggregated results as CSV with suppressed cells", async () => {
    const response = await head.get(`/reports/${surveyId}/csv?lng=en`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const csv = await response.text();
    const vpn = csv.split("\r\n").filter((l) => l.includes("VPN Customer Service Centre"));
    expect(vpn.length).toBeGreaterThan(0);
    expect(vpn.every((l) => l.includes("suppressed"))).toBe(true);
    expect(csv).not.toContain("JC-GE-GOV 意见"); // never a comment or a raw answer
  });
});

describe("action plans", () => {
  it("a head writes and publishes a plan for a room; its staff read it, others do not", async () => {
    const url = `/reports/${surveyId}/plan?unit=${unit("JC-GE-FIN")}`;
    expect((await head.post(url, { intent: "publish", summary: "", actions: "x" })).status).toBe(400);
    expect((await head.post(url, { intent: "publish", summary: "s", actions: "a", authorId: "x" })).status).toBe(400);
    const saved = await head.post(url, { intent: "publish", summary: "薪酬透明度是主要问题", actions: "每季度公布绩效薪酬规则" });
    expect(saved.status).toBe(302);
    const results = await (await employee.get("/surveys/results")).text(); // E000004 is in the finance room
    expect(results).toContain("每季度公布绩效薪酬规则");
    const outsider = await signedIn(app, await userFor("E000006", "employee"));
    expect(await (await outsider.get("/surveys/results")).text()).not.toContain("每季度公布绩效薪酬规则");
    expect(
      (await finHead.post(`/reports/${surveyId}/plan?unit=${unit("JC-GE-GOV")}`, { intent: "save", summary: "s", actions: "a" })).status,
    ).toBe(404);
    expect((await employee.post(url, { intent: "save", summary: "s", actions: "a" })).status).toBe(403);
  });
});

describe("comment themes on the page", () => {
  let themed: string;
  const comment = (code: string, i: number) =>
    i % 2 === 0 ? "加班太多，周末也要加班。" : `${code === "JC-GE-GOV" ? "食堂" : "培训"}不够好，第${i}条`;

  beforeAll(async () => {
    themed = await closedSurvey(db, {
      actorId: org.userId.get("E000003")!,
      answers: { "JC-GE-FIN": 6, "JC-GE-GOV": 7 },
      minCommentGroupSize: 10,
      comment,
    });
  }, 120_000);

  it("shows the department's themes as links that filter, and takes any comment params without failing", async () => {
    const html = await (await head.get(`/reports/${themed}`)).text();
    expect(html).toContain('data-testid="theme-chip"');
    expect(html).toMatch(/加班(<!-- -->)? <span class="theme-count">7<\/span>/);
    expect(html).toMatch(/×(<!-- -->)?7/);
    for (const query of ["ct.ovr-07=%E5%8A%A0%E7%8F%AD", "cq=x&cn.ovr-07=abc", "cn.ovr-07=1e309&ct.../x=1", `cq=${"食".repeat(500)}`]) {
      expect((await head.get(`/reports/${themed}?${query}`)).status, query).toBe(200);
    }
    const filtered = await (await head.get(`/reports/${themed}?ct.ovr-07=${encodeURIComponent("加班")}`)).text();
    expect(filtered).toMatch(/aria-current="true"[^>]*data-testid="theme-chip"/);
  });

  it("shows a room under the comment minimum no theme, count or search result", async () => {
    const html = await (await head.get(`/reports/${themed}?unit=${unit("JC-GE-GOV")}&cq=${encodeURIComponent("食堂")}`)).text();
    expect(html).toContain('data-testid="headline"'); // its figures pass the group minimum
    expect(html).toContain('data-testid="comments-hidden"');
    for (const marker of ["theme-chip", "theme-count", "comment-list", "食堂不够好", "加班太多"]) expect(html).not.toContain(marker);
  });
});
