import { delay, http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { seedKpiDemo } from "../../../prisma/seed/kpi";
import { server } from "../../../test/mocks/server";
import { demoOrg } from "../../../test/utils";
import { pullDueFeeds, pullFeed, saveFeed } from "./kpi-feeds.server";

const CRM = "https://crm.example.com/api/actuals";
let hr: string;
let periodId: string;

beforeAll(async () => {
  const ctx = await demoOrg();
  await seedKpiDemo(ctx, new Date("2026-11-15T00:00:00Z"));
  hr = ctx.userId.get("E000003")!;
  periodId = (await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q4" } })).id;
});

const mapping = { rowsPath: "data.rows", employeeField: "staffNo", kpiField: "metric", valueField: "amount" };
const newFeed = (url = CRM) =>
  saveFeed(db, hr, {
    name: "CRM",
    url,
    authHeaderName: "X-Api-Key",
    authSecret: "crm-secret",
    periodId,
    intervalMinutes: 60,
    enabled: true,
    mapping,
  });
const actual = (employeeNo: string, code: string) =>
  db.kpiActual.findFirst({ where: { periodId, employee: { employeeNo }, kpi: { code } }, select: { value: true, source: true } });

function crm(answer: () => Response | Promise<Response>) {
  const seen: { key: string | null }[] = [];
  server.use(
    http.get(CRM, async ({ request }) => {
      seen.push({ key: request.headers.get("X-Api-Key") });
      return answer();
    }),
  );
  return seen;
}

describe("KPI feed connector", () => {
  it("imports good rows with the stored secret, and a second pull changes nothing", async () => {
    const feed = await newFeed();
    const seen = crm(() =>
      HttpResponse.json({
        data: {
          rows: [
            { staffNo: "E000004", metric: "NEW_CONTRACT_REV", amount: 91_000_000 },
            { staffNo: "E000005", metric: "NEW_CONTRACT_REV", amount: "42000000" },
          ],
        },
      }),
    );
    const first = await pullFeed(db, feed.id, "manual");
    expect(first).toMatchObject({ status: "imported", rowsReceived: 2, rowsImported: 2 });
    expect(seen[0].key).toBe("crm-secret");
    expect(await actual("E000004", "NEW_CONTRACT_REV")).toEqual({ value: 91_000_000n, source: "api" });
    expect(await pullFeed(db, feed.id, "manual")).toMatchObject({ status: "imported", rowsReceived: 2, rowsImported: 0 });
    expect((await db.kpiFeed.findUniqueOrThrow({ where: { id: feed.id } })).authSecretSealed).not.toContain("crm-secret");
  });

  it("imports nothing when one row is bad, and keeps the row errors in the history", async () => {
    const feed = await newFeed();
    const before = await actual("E000004", "ARREARS_RATE");
    crm(() =>
      HttpResponse.json({
        data: {
          rows: [
            { staffNo: "E000004", metric: "ARREARS_RATE", amount: 123 },
            { staffNo: "NOBODY", metric: "ARREARS_RATE", amount: 1 },
            { staffNo: "E000005", metric: "ARREARS_RATE", amount: 1.5 },
          ],
        },
      }),
    );
    const pull = await pullFeed(db, feed.id, "manual");
    expect(pull).toMatchObject({ status: "rejected", rowsReceived: 3, rowsImported: 0 });
    expect(pull!.errors).toEqual([
      expect.objectContaining({ row: 1, field: "employeeNo" }),
      expect.objectContaining({ row: 2, field: "value" }),
    ]);
    expect(await actual("E000004", "ARREARS_RATE")).toEqual(before);
    const history = await db.kpiFeedPull.findUniqueOrThrow({ where: { id: pull!.pullId } });
    expect(history.status).toBe("rejected");
    expect(JSON.parse(history.errorsJson!)).toHaveLength(2);
  });

  it("records malformed JSON, a missing rows array, a server error and a timeout as failed pulls", async () => {
    const feed = await newFeed();
    crm(() => new HttpResponse("{ not json", { headers: { "Content-Type": "application/json" } }));
    expect((await pullFeed(db, feed.id, "manual"))!.errors).toEqual([{ message: "feeds.error.malformed" }]);
    crm(() => HttpResponse.json({ data: { items: [] } }));
    expect((await pullFeed(db, feed.id, "manual"))!.errors).toEqual([{ message: "feeds.error.noRows" }]);
    crm(() => new HttpResponse("down", { status: 502 }));
    expect(await pullFeed(db, feed.id, "manual")).toMatchObject({
      status: "failed",
      errors: [{ message: expect.stringMatching(/^feeds\.error\.http::.*502/) }],
    });
    crm(async () => {
      await delay(2000);
      return HttpResponse.json({ data: { rows: [] } });
    });
    expect(await pullFeed(db, feed.id, "manual", { timeoutMs: 100 })).toMatchObject({
      status: "failed",
      errors: [{ message: "feeds.error.timeout" }],
    });
    expect(await db.kpiFeedPull.count({ where: { feedId: feed.id, status: "failed" } })).toBe(4);
  });

  it("refuses a redirect to another host, so the secret never leaves for it", async () => {
    const feed = await newFeed();
    let leaked = false;
    server.use(
      http.get(CRM, () => new HttpResponse(null, { status: 302, headers: { Location: "https://evil.example.net/steal" } })),
      http.get("https://evil.example.net/steal", () => {
        leaked = true;
        return HttpResponse.json({});
      }),
    );
    expect(await pullFeed(db, feed.id, "manual")).toMatchObject({ status: "failed", errors: [{ message: "feeds.error.redirect" }] });
    expect(leaked).toBe(false);
  });

  it("pulls on schedule only feeds whose interval has passed, and recovers once the CRM is back", async () => {
    await db.kpiFeed.deleteMany();
    const feed = await newFeed();
    let up = false;
    crm(() =>
      up
        ? HttpResponse.json({ data: { rows: [{ staffNo: "E000004", metric: "NEW_CONTRACT_REV", amount: 95_000_000 }] } })
        : new HttpResponse("down", { status: 503 }),
    );
    const t0 = new Date();
    expect(await pullDueFeeds(db, t0)).toBe(1);
    expect(await pullDueFeeds(db, new Date(t0.getTime() + 30 * 60_000))).toBe(0);
    up = true;
    expect(await pullDueFeeds(db, new Date(t0.getTime() + 61 * 60_000))).toBe(1);
    const pulls = await db.kpiFeedPull.findMany({
      where: { feedId: feed.id },
      orderBy: { startedAt: "asc" },
      select: { status: true, trigger: true },
    });
    expect(pulls).toEqual([
      { status: "failed", trigger: "schedule" },
      { status: "imported", trigger: "schedule" },
    ]);
    expect((await actual("E000004", "NEW_CONTRACT_REV"))!.value).toBe(95_000_000n);
  });
});
