import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/seed/index";

export const DEMO = {
  head: "e000001@ge.example.com",
  roomHead: "e000002@ge.example.com",
  hr: "e000003@ge.example.com",
  employee: "e000004@ge.example.com",
  solution: "e000005@ge.example.com",
  sysadmin: "e000006@ge.example.com",
  payReviewer: "e000182@ge.example.com",
  payApprover: "e000183@ge.example.com",
} as const;

/** Signs in through the real form, so the test holds a real session cookie. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page) {
  await page.locator('form[action="/logout"] button').click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * The heads sign off a reviewed demo run before approval: the finance room head her room (seen
 * first on her home page), then the department head the rest of the department.
 */
export async function headsSignOff(page: Page, runUrl: string) {
  await signIn(page, DEMO.roomHead);
  await page.goto("/");
  await expect(page.getByText("的薪酬核算待您签核本单位的明细")).toBeVisible();
  await page.goto(runUrl);
  await expect(page.getByTestId("chain-sign-off")).toContainText("0/2 个单位已签核");
  await page.getByTestId("sign-offs").getByRole("button", { name: "签核本单位明细" }).click();
  await expect(page.getByTestId("chain-sign-off")).toContainText("1/2 个单位已签核");
  await signOut(page);
  await signIn(page, DEMO.head);
  await page.goto(runUrl);
  await page.getByTestId("sign-offs").getByRole("button", { name: "签核本单位明细" }).click();
  await expect(page.getByTestId("chain-sign-off")).toContainText("2/2 个单位已签核");
  await expect(page.getByTestId("sign-offs").getByRole("button")).toHaveCount(0);
  await signOut(page);
}
