import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";
import { answerAll, demoPasswordsFor } from "./survey-helpers";

const TITLE = "金融客户室快速调查";

function chinaDate(offsetDays: number) {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function openSurvey(page: Page) {
  await page.goto("/surveys");
  await page.getByTestId("open-surveys").getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
}

test.describe.configure({ mode: "serial" });

test("HR creates a survey from a template and launches it to a unit", async ({ page }) => {
  page.on("dialog", (dialog) => dialog.accept());
  await signIn(page, DEMO.hr);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "调查管理" }).click();
  await page.locator('select[name="templateId"]').selectOption("pulse");
  await page.locator('input[name="opensOn"]').fill(chinaDate(0));
  await page.locator('input[name="closesOn"]').fill(chinaDate(10));
  await page.getByRole("button", { name: "创建草稿" }).click();
  await expect(page.getByRole("heading", { name: "基本设置" })).toBeVisible();

  await page.locator('input[name="titleZh"]').fill(TITLE);
  await page.locator('input[name="titleEn"]').fill("Finance room pulse");
  await page.locator(".unit-picker label", { hasText: "金融客户室" }).locator("input").check();
  await page.getByRole("button", { name: "保存设置" }).click();
  await expect(page.getByTestId("would-invite")).toContainText(/将邀请 \d+ 人/);
  await expect(page.getByTestId("would-invite")).not.toContainText("将邀请 0 人");

  await page.getByRole("button", { name: "发布调查" }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(page.getByText("进行中").first()).toBeVisible();
  await expect(page.getByTestId("totals")).toContainText("已提交 0 人");
  await expect(page.locator('input[name="titleZh"]')).toHaveCount(0); // frozen: no editor any more
});

test("an employee answers, leaves mid-way, comes back to their progress, submits and gets a receipt", async ({ page }) => {
  await signIn(page, DEMO.employee);
  await openSurvey(page);
  await page.locator('label[for="pay-01-2"]').click();
  await page.locator('label[for="col-01-4"]').click();
  await page.locator('label[for="ovr-05-8"]').click();
  await expect(page.getByText("请不要写姓名")).toBeVisible();
  // The respondent sees how far they are: three questions answered of all of them.
  const total = await page.locator(".survey-item").count();
  await expect(page.getByTestId("answer-count")).toHaveText(`已答 3 / ${total} 题`);

  // Leave for another page, then come back: the answers come back from this browser.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "首页" }).click();
  await openSurvey(page);
  await expect(page.getByTestId("progress-restored")).toBeVisible();
  await expect(page.locator("#pay-01-2")).toBeChecked();
  await expect(page.locator("#col-01-4")).toBeChecked();
  await expect(page.locator("#ovr-05-8")).toBeChecked();
  await expect(page.getByTestId("answer-count")).toHaveText(`已答 3 / ${total} 题`);
  await expect(page.getByTestId("token-state")).toHaveAttribute("data-state", "ready");
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("survey-progress:")));
  // The progress and the answer token, both kept only in this browser.
  expect(stored.filter((k) => !k.endsWith(":token"))).toHaveLength(1);
  expect(stored.filter((k) => k.endsWith(":token"))).toHaveLength(1);

  // The token is asked for with the session; the answers go without it.
  const tokenRequests: Record<string, string>[] = [];
  const answerRequests: Record<string, string>[] = [];
  page.on("request", async (request) => {
    if (request.url().includes("/token")) tokenRequests.push(await request.allHeaders());
    if (request.url().includes("/anon/")) answerRequests.push(await request.allHeaders());
  });

  for (const id of ["mgt-04-3", "trn-02-4", "car-01-2", "ovr-01-3"]) await page.locator(`label[for="${id}"]`).click();
  await page.locator("#ovr-07-text").fill("希望培训多一些实战演练");
  await page.getByRole("button", { name: "提交问卷" }).click();

  await expect(page.getByTestId("receipt")).toBeVisible();
  await expect(page.locator(".receipt-code")).toHaveText(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("survey-progress:")));
  expect(left.filter((k) => !k.endsWith(":receipt"))).toEqual([]);
  expect(answerRequests).toHaveLength(1);
  expect(answerRequests[0].cookie).toBeUndefined();
  expect(answerRequests[0]["x-anonymous-token"]).toMatch(/^[\w-]{16}\.[\w-]+\.[\w-]+$/);
  expect(tokenRequests).toHaveLength(0); // the token was taken on the first visit and kept

  // A second attempt is refused: the page knows this browser has answered.
  await page.goto(page.url().replace(/\/done$/, ""));
  await expect(page.getByTestId("already-answered")).toBeVisible();

  await page.goto("/surveys");
  await expect(page.getByTestId("open-surveys").getByRole("link", { name: TITLE })).toHaveCount(0);
  await expect(page.getByTestId("answered-surveys")).toContainText(TITLE);
  // The demo pulse survey is still waiting for them.
  await expect(page.getByTestId("open-surveys")).toContainText("季度快速调查");

  const admin = await page.goto("/admin/surveys");
  expect(admin?.status()).toBe(403);
});

test("five more colleagues answer; HR sees six answers and reminds the rest without learning who", async ({ page }) => {
  test.setTimeout(150_000); // five sign-ins and five full surveys
  page.on("dialog", (dialog) => dialog.accept());
  const others = await demoPasswordsFor("JC-GE-FIN", 3, ["E000002", "E000004", "E000005"]);
  for (const email of [DEMO.roomHead, DEMO.solution, ...others]) {
    await signIn(page, email);
    await openSurvey(page);
    await answerAll(page);
    await signOut(page);
  }

  await signIn(page, DEMO.hr);
  await page.goto("/admin/surveys");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByTestId("totals")).toContainText("已提交 6 人");
  await expect(page.getByTestId("response-rates")).toContainText("金融客户室");
  await page.getByRole("button", { name: "提醒未提交的人" }).click();
  await expect(page.getByTestId("reminded")).toContainText("已向尚未领取答卷凭证的人发送提醒");
  await expect(page.getByTestId("reminded")).not.toContainText(/\d/);
  await expect(page.getByTestId("reminded")).not.toContainText("@");
});
