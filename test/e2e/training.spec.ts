import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";

/** "YYYY-MM-DDTHH:MM" in China Standard Time, `days` from now. */
function cst(days: number, hhmm: string) {
  return `${new Date(Date.now() + days * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10)}T${hhmm}`;
}

async function answer(page: Page, ids: string[]) {
  for (const id of ids) await page.locator(`[id="${id}"]`).check({ force: true });
  await page.locator("main form button[type=submit].primary").click();
  await expect(page).toHaveURL(/\/surveys\/[^/]+\/done/);
}

test("a course runs from the needs survey to an effectiveness report", async ({ page }) => {
  test.setTimeout(180_000);
  page.on("dialog", (dialog) => void dialog.accept());

  // HR asks the finance room what training it needs.
  await signIn(page, DEMO.hr);
  await page.goto("/training/needs");
  await page.getByLabel("单元").selectOption({ label: "金融客户室" });
  await page.getByLabel("截止日期").fill(cst(7, "00:00").slice(0, 10));
  await page.getByRole("button", { name: "发起调研" }).click();
  await expect(page.getByRole("row", { name: /金融客户室.*进行中/ })).toBeVisible();
  await signOut(page);

  // An account manager in the room answers it.
  await signIn(page, DEMO.employee);
  await page.goto("/surveys");
  await page.getByRole("link", { name: "培训需求调研 · 金融客户室" }).click();
  await answer(page, [
    "role-01-account-manager",
    "topic-01-negotiation",
    "topic-01-sales-skills",
    "topic-02-negotiation",
    "format-01-hands-on",
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => `skill-0${n}-3`),
    "timing-01-workday",
    "timing-02-one-day",
  ]);
  await signOut(page);

  // HR closes it: needs by unit and topic appear, and the catalogue gets a course for the top need.
  await signIn(page, DEMO.hr);
  await page.goto("/training/needs");
  await page
    .getByRole("row", { name: /金融客户室.*进行中/ })
    .getByRole("button", { name: "结束调研" })
    .click();
  await expect(page.getByTestId("needs-by-unit")).toContainText("金融客户室");
  await page.goto("/training");
  const newCourse = page.locator(".panel", { has: page.getByRole("heading", { name: "新建课程" }) });
  await newCourse.getByLabel("课程编号").fill("E2E-NEGO");
  await newCourse.getByLabel("中文名称").fill("价格谈判实战演练");
  await newCourse.getByLabel("英文名称").fill("Price Negotiation Practice");
  await newCourse.getByLabel("主题", { exact: true }).selectOption("negotiation");
  await newCourse.getByLabel("形式", { exact: true }).selectOption("hands-on");
  await newCourse.getByLabel("学时").fill("7");
  await newCourse.getByLabel("每期费用（元）").fill("6000");
  await newCourse.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("heading", { name: "价格谈判实战演练" })).toBeVisible();

  // Delivered yesterday: HR records the session, the participants, attendance and tests.
  const newSession = page.locator("#new-session");
  await newSession.getByLabel("开始时间").fill(cst(-1, "09:00"));
  await newSession.getByLabel("结束时间").fill(cst(-1, "17:00"));
  await newSession.getByLabel("讲师").fill("周振宇");
  await newSession.getByLabel("地点").fill("3 楼培训室");
  await newSession.getByLabel("名额").fill("10");
  await newSession.getByRole("button", { name: "新增班次" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("已排期");
  // The people picker: what is not a person in scope is refused and stays in the field.
  await page.locator("#nominee").fill("无此人");
  await page.getByRole("button", { name: "推荐", exact: true }).click();
  await expect(page.getByText("请从建议中选择一位可推荐的员工")).toBeVisible();
  await expect(page.locator("#nominee")).toHaveValue("无此人");
  for (const label of ["刘洋 · E000004", "赵磊 · E000005"]) {
    await page.locator("#nominee").fill(label);
    await page.getByRole("button", { name: "推荐", exact: true }).click();
    await expect(page.getByRole("link", { name: label.split(" ")[0] })).toBeVisible();
  }
  for (const [name, pre, post] of [
    ["刘洋", "50", "80"],
    ["赵磊", "60", "90"],
  ] as const) {
    await page.getByLabel(`${name} 的出勤`).selectOption("attended");
    await page.getByLabel(`${name} 的训前成绩`).fill(pre);
    await page.getByLabel(`${name} 的训后成绩`).fill(post);
  }
  await page.getByRole("button", { name: "保存出勤与成绩" }).click();
  await expect(page.getByLabel("刘洋 的训后成绩")).toHaveValue("80");
  await page.getByRole("button", { name: "结业" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("已结业");
  await page.getByRole("button", { name: "发起匿名反馈问卷" }).click();
  await expect(page.getByTestId("reaction-status")).toContainText("0/2");
  await signOut(page);

  // The participant gives anonymous feedback and sees the course in their record.
  await signIn(page, DEMO.employee);
  await page.goto("/surveys");
  await page.getByRole("link", { name: "培训反馈 · 价格谈判实战演练" }).click();
  await answer(page, [
    "rel-01-4",
    "rel-02-5",
    "trainer-01-4",
    "trainer-02-4",
    "practice-01-5",
    "materials-01-4",
    "org-01-4",
    "org-02-4",
    "overall-01-5",
    "overall-02-9",
  ]);
  await page.goto("/me/training");
  await expect(page.getByRole("link", { name: "价格谈判实战演练" })).toBeVisible();
  expect(Number(await page.getByTestId("hours-this-year").textContent())).toBeGreaterThanOrEqual(7);
  expect((await page.goto("/training/reports"))?.status()).toBe(403);
  await signOut(page);

  // HR closes the feedback; the evaluation shows learning and keeps one answer to itself (not even saying how many).
  await signIn(page, DEMO.hr);
  await page.goto("/training");
  await page.getByRole("link", { name: "价格谈判实战演练" }).click();
  await page
    .getByRole("link", { name: /周振宇|\d{4}/ })
    .first()
    .click();
  await page.getByRole("button", { name: "结束问卷" }).click();
  const evaluation = page.getByTestId("session-evaluation");
  await expect(evaluation).toContainText("样本不足，不予显示");
  await expect(evaluation).not.toContainText("n=1）");
  await expect(evaluation).toContainText("55.0 → 85.0，平均提升 30.0 分（n=2）");
  await expect(evaluation).toContainText("达到可提升空间的 67%");
  await expect(evaluation.getByTitle(/标准化提升 g = 0\.67/)).toBeVisible();

  // The effectiveness report has the course across the four levels, and exports.
  await page.goto("/training/reports");
  const row = page.getByTestId("effectiveness-table").getByRole("row", { name: /价格谈判实战演练/ });
  await expect(row).toContainText("100%");
  await expect(row).toContainText("样本不足，不予显示");
  await expect(row).toContainText("55.0 → 85.0");
  // The quarter after the session has not closed, so the results level makes no claim yet.
  await expect(row).toContainText("前后考核期尚未结束");
  await expect(page.getByTestId("effectiveness-chart").locator("canvas")).toBeVisible();
  const csv = await page.request.get(`/training/reports/csv?kind=courses&year=${new Date().getFullYear()}`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("E2E-NEGO");
  await signOut(page);

  // The department head has a behaviour assessment due on their own page.
  await signIn(page, DEMO.head);
  await page.goto("/me/training");
  await expect(page.getByTestId("assessments-due")).toContainText("待评价");
});
