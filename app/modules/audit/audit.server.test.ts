import { describe, expect, it } from "vitest";
import { bulkWrite, db } from "~/utils/db.server";
import { audit, auditBulk } from "./audit.server";

describe("the audit log", () => {
  it("keeps an entry written through Prisma and one written inside a bulk write alike", async () => {
    const before = Date.now() - 1000;
    await audit(db, { actorId: null, action: "test.prisma", entity: "Thing", entityId: "t1", after: { n: 1 } });
    await bulkWrite(db, (tx) => auditBulk(tx, { actorId: null, action: "test.bulk", entity: "Thing", entityId: "t1", before: { n: 1 } }));
    const entries = await db.auditLog.findMany({ where: { entity: "Thing", entityId: "t1" }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
      ["test.prisma", null, '{"n":1}'],
      ["test.bulk", '{"n":1}', null],
    ]);
    for (const e of entries) expect(Math.abs(e.at.getTime() - before)).toBeLessThan(60_000);
  });
});
