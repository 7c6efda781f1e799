import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { resetSubmissionLimiter, SUBMISSION_LIMIT, SUBMISSION_WINDOW_MS, submissionThrottled } from "./submission-limiter.server";

describe("submission limiter", () => {
  beforeEach(() => resetSubmissionLimiter());

  it("allows a few submissions per user per window, then refuses, then forgets", () => {
    const t0 = Date.UTC(2026, 5, 1);
    for (let i = 0; i < SUBMISSION_LIMIT; i++) expect(submissionThrottled("user-a", t0 + i)).toBe(false);
    expect(submissionThrottled("user-a", t0 + 10)).toBe(true);
    expect(submissionThrottled("user-b", t0 + 10)).toBe(false);
    expect(submissionThrottled("user-a", t0 + SUBMISSION_WINDOW_MS + 10)).toBe(false);
  });

  it("writes nothing to the database", async () => {
    submissionThrottled("user-c");
    expect(await db.throttleBucket.count()).toBe(0);
  });
});
