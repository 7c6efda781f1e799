import { expect, test } from "@playwright/test";
import { DEMO } from "./fixtures";
import { DEMO_PASSWORD } from "../../prisma/seed/index";

// After a validation error, correcting the fields and clicking the button once must send the
// form: the error line goes away while typing, not on the button's mouse-down (which moved the
// button from under the pointer before mouse-up and lost the click).
test("the first click after a validation error is not lost, and the button does not move under the pointer", async ({ page }) => {
  await page.goto("/login");
  const submit = page.locator('form button[type="submit"]');
  await submit.click();
  await expect(page.locator(".field-errors").first()).toBeVisible();
  await page.locator('input[name="email"]').fill(DEMO.employee);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  const before = await submit.boundingBox();
  // Leaving the field (as a mouse-down on the button does) moves nothing.
  await page.locator('input[name="password"]').blur();
  expect(await submit.boundingBox()).toEqual(before);
  await submit.click();
  await expect(page).not.toHaveURL(/\/login/);
});
