import { describe, expect, it } from "vitest";
import { pendingSchemaSql } from "../../scripts/schema-diff";

describe("migrations and models", () => {
  it("the committed migrations build exactly the models in prisma/schema/", () => {
    // A model changed without `npm run db:migration -- <name>` shows here as the SQL it needs.
    expect(pendingSchemaSql()).toBe("");
  }, 120_000);
});
