import { describe, expect, it } from "vitest";
import { demoOrg } from "../../test/utils";
import { db } from "~/utils/db.server";
import { seedSuggestionDemo } from "./suggestions";
import { suggestionStats } from "~/modules/suggestions/stats.server";

describe("demo suggestions", () => {
  it("seed a dozen suggestions, named and anonymous, in every status, with anonymous ones left unattributed", async () => {
    const org = await demoOrg();
    await seedSuggestionDemo(org, new Date("2026-11-20T08:00:00Z"));
    const rows = await db.suggestion.findMany({
      select: {
        anonymous: true,
        status: true,
        author: true,
        followUpHash: true,
        replies: { select: { author: true, handlerUserId: true, sentAt: true } },
      },
    });
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["new", "under_review", "accepted", "implemented", "declined"]));
    const anonymous = rows.filter((r) => r.anonymous);
    expect(anonymous.length).toBeGreaterThanOrEqual(5);
    for (const r of anonymous) {
      expect(r.author).toBeNull();
      expect(r.followUpHash).toMatch(/^[0-9a-f]{64}$/);
      for (const m of r.replies.filter((x) => x.author === "submitter"))
        expect(m).toEqual({ author: "submitter", handlerUserId: null, sentAt: null });
    }
    const hr = { userId: org.userId.get("E000003")!, role: "hr_admin" as const, employeeId: null, scopePath: null };
    const stats = await suggestionStats(db, hr, {}, new Date("2026-11-20T08:00:00Z"));
    expect(stats.total).toBe(12);
    expect(stats.adoption.decided).toBeGreaterThan(0);
    expect(stats.openOlderThan30Days).toBeGreaterThan(0);
  });
});
