import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

// Every role walks its navigation, and the first row of each list, in both languages, on a
// laptop and on a phone. A page fails when it scrolls sideways, marks two navigation items as
// current, logs a console or page error, or answers 5xx. It only reads pages, so it shares the
// main server with the other journeys.

const ROLES = [
  ["department head", DEMO.head],
  ["room head", DEMO.roomHead],
  ["HR", DEMO.hr],
  ["employee", DEMO.employee],
  ["system administrator", DEMO.sysadmin],
  ["pay reviewer", DEMO.payReviewer],
] as const;
const LOCALES = ["zh-CN", "en"] as const;
const VIEWPORTS = [
  { name: "laptop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
/** Detail pages opened per role (the first row link of a list), to keep the walk short. */
const MAX_DETAILS = 6;

type Problem = { url: string; viewport: string; problem: string };

/** What sticks out past the right edge (or is cut off there), outside a container that scrolls on its own. */
function overflow() {
  const width = window.innerWidth;
  const scrollsInside = (el: Element) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === "auto" || x === "scroll") return true;
    }
    return false;
  };
  const name = (el: Element) =>
    el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : "");
  // A table, chart or grid wider than the screen but cut off by its box hides its last columns.
  for (const el of Array.from(document.querySelectorAll("main table, main canvas, main svg"))) {
    if (el.getBoundingClientRect().right > width + 0.5 && !scrollsInside(el))
      return `${name(el)} is cut off or too wide (${Math.round(el.getBoundingClientRect().right)}px)`;
  }
  if (document.documentElement.scrollWidth <= width) return null;
  const culprits: string[] = [];
  for (const el of Array.from(document.querySelectorAll("main *, header *, nav *"))) {
    const right = el.getBoundingClientRect().right;
    if (right <= width + 0.5 || scrollsInside(el)) continue;
    const parentRight = el.parentElement?.getBoundingClientRect().right ?? 0;
    if (parentRight > width + 0.5 && !scrollsInside(el.parentElement!)) continue; // report the outermost
    culprits.push(`${name(el)} (${Math.round(right)}px)`);
    if (culprits.length >= 3) break;
  }
  return `page is ${document.documentElement.scrollWidth}px wide: ${culprits.join(", ")}`;
}

/** Two frames: hydration has run, and charts have followed a new window size. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
}

async function check(page: Page, url: string, viewport: string, problems: Problem[]) {
  const wide = await page.evaluate(overflow);
  if (wide) problems.push({ url, viewport, problem: wide });
  const current = await page.locator('nav [aria-current="page"]').count();
  if (current > 1) problems.push({ url, viewport, problem: `${current} navigation items are current` });
}

/** A link in the first row of each list on the page: a record's own page. */
async function firstRowLinks(page: Page) {
  return page.evaluate(() => {
    const hrefs: string[] = [];
    for (const table of Array.from(document.querySelectorAll("main table"))) {
      const link = table.querySelector<HTMLAnchorElement>("tbody tr a[href^='/']");
      if (link) hrefs.push(link.getAttribute("href")!);
    }
    return hrefs;
  });
}

for (const [role, email] of ROLES) {
  for (const locale of LOCALES) {
    test(`walk: ${role}, ${locale}`, async ({ page }) => {
      test.setTimeout(180_000);
      const problems: Problem[] = [];
      let at = "/login";
      let viewport: string = VIEWPORTS[0].name;
      page.on("console", (message) => {
        if (message.type() === "error") problems.push({ url: at, viewport, problem: `console error: ${message.text()}` });
      });
      page.on("pageerror", (error) => problems.push({ url: at, viewport, problem: `page error: ${error.message}` }));
      page.on("response", (response) => {
        if (response.status() >= 500) problems.push({ url: at, viewport, problem: `${response.status()} from ${response.url()}` });
      });

      await page.setViewportSize(VIEWPORTS[0]);
      await page.goto(`/login?lng=${locale}`);
      await signIn(page, email);
      const nav = await page.locator("nav.sidebar a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      expect(nav.length).toBeGreaterThan(0);

      const seen = new Set<string>();
      const details: string[] = [];
      const visit = async (url: string) => {
        seen.add(url);
        at = url;
        viewport = VIEWPORTS[0].name;
        await page.setViewportSize(VIEWPORTS[0]);
        const response = await page.goto(url);
        expect(response, url).not.toBeNull();
        if (response!.status() >= 500) problems.push({ url, viewport, problem: `answered ${response!.status()}` });
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        // Let hydration finish, so that its errors are counted against this page.
        await settle(page);
        await check(page, url, viewport, problems);
        // The same page on a phone: the layout follows the media queries without a reload.
        viewport = VIEWPORTS[1].name;
        await page.setViewportSize(VIEWPORTS[1]);
        await settle(page);
        await check(page, url, viewport, problems);
        return firstRowLinks(page);
      };

      for (const url of nav) {
        for (const link of await visit(url)) {
          const path = link.split(/[?#]/)[0]!;
          if (!seen.has(path) && !details.includes(path) && !nav.includes(path) && !/\.(csv|pdf|xlsx)$|\/export/.test(path)) {
            details.push(path);
          }
        }
      }
      for (const url of details.slice(0, MAX_DETAILS)) if (!seen.has(url)) await visit(url);

      expect(problems.map((p) => `${p.url} [${p.viewport}] ${p.problem}`)).toEqual([]);
    });
  }
}
