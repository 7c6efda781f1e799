import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { hashPassword } from "~/modules/auth/password.server";
import { createPrismaClient } from "~/utils/db.server";
import { DEMO_PASSWORD } from "../../prisma/seed/index";

/** The database of the server the browser tests run against (see scripts/e2e-server.mjs). */
function e2eDatabase() {
  const file = path.resolve(".cache", `e2e-${process.env.E2E_PORT ?? 3100}`, "app.db");
  return createPrismaClient(`file:${file}`);
}

/**
 * Gives more staff the demo password so that several real people can answer through the
 * browser. Returns their e-mail addresses.
 */
export async function demoPasswordsFor(unitCode: string, count: number, except: string[]) {
  const db = e2eDatabase();
  try {
    const staff = await db.employee.findMany({
      where: { unit: { code: unitCode }, active: true, employeeNo: { notIn: except } },
      orderBy: { employeeNo: "asc" },
      take: count,
      select: { id: true, email: true },
    });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await db.user.updateMany({ where: { employeeId: { in: staff.map((s) => s.id) } }, data: { passwordHash } });
    return staff.map((s) => s.email);
  } finally {
    await db.$disconnect();
  }
}

/** Answers every question of the open survey page with the first choice that fits (and submits). */
export async function answerAll(page: Page, pick = (index: number) => index % 3) {
  const items = page.locator("fieldset.survey-item");
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    const choices = items.nth(i).locator("input");
    const which = Math.min(pick(i) + 2, (await choices.count()) - 1);
    await choices.nth(which).check();
  }
  await page.getByRole("button", { name: "提交问卷" }).click();
  await expect(page.getByTestId("receipt")).toBeVisible();
}
