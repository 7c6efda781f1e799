import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import type { Actor } from "~/modules/auth/scope";
import { applicationsInScope, decideApplication, submitApplication } from "./applications.server";
import { seedRotationsDemo } from "../../../prisma/seed/rotations";

let ctx: Awaited<ReturnType<typeof demoOrg>>;
let finHead: Actor;
let deptHead: Actor;

beforeAll(async () => {
  ctx = await demoOrg();
  await seedRotationsDemo(ctx);
  const path = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code }, select: { path: true } })).path;
  finHead = {
    userId: ctx.userId.get("E000002")!,
    role: "dept_head",
    employeeId: ctx.employeeId.get("E000002")!,
    scopePath: await path("JC-GE-FIN"),
  };
  deptHead = {
    userId: ctx.userId.get("E000001")!,
    role: "dept_head",
    employeeId: ctx.employeeId.get("E000001")!,
    scopePath: await path("JC-GE"),
  };
});

describe("rotation applications", () => {
  it("a head nominates only their own staff; both units approve; the assignment is planned with the checks", async () => {
    const opening = await db.rotationOpening.findFirstOrThrow({ where: { hostUnit: { code: "JC-GE-MKT" } }, select: { id: true } });
    const gov = await db.employee.findFirstOrThrow({
      where: { unit: { code: "JC-GE-GOV" }, hireDate: { lt: new Date("2020-01-01") } },
      select: { id: true },
    });
    expect(
      await submitApplication(db, finHead, {
        openingId: opening.id,
        employeeId: gov.id,
        proposedStart: "2099-01-01",
        motivation: "not mine",
        source: "nomination",
      }),
    ).toBeNull();

    const liu = ctx.employeeId.get("E000004")!;
    const app = await submitApplication(db, finHead, {
      openingId: opening.id,
      employeeId: liu,
      proposedStart: "2099-01-01",
      motivation: "Broaden marketing skills",
      source: "nomination",
    });
    expect(app).not.toBeNull();
    // Each reader is told which sides they decide: the finance head the home side, the head above both, HR both.
    const programmeId = (await db.rotationOpening.findUniqueOrThrow({ where: { id: opening.id }, select: { programmeId: true } }))
      .programmeId;
    const hr: Actor = { userId: ctx.userId.get("E000003")!, role: "hr_admin", employeeId: ctx.employeeId.get("E000003")!, scopePath: null };
    const sides = async (actor: Actor) => {
      const row = (await applicationsInScope(db, actor, programmeId)).find((a) => a.id === app!.id);
      return row ? { home: row.mayHome, host: row.mayHost } : null;
    };
    expect(await sides(finHead)).toEqual({ home: true, host: false });
    expect(await sides(deptHead)).toEqual({ home: true, host: true });
    expect(await sides(hr)).toEqual({ home: true, host: true });
    // The finance head speaks for the home side only.
    await expect(
      decideApplication(db, finHead, { applicationId: app!.id, side: "host", decision: "approved", comment: "" }),
    ).rejects.toThrow("rotations.errors.notYourSide");
    expect(await decideApplication(db, finHead, { applicationId: app!.id, side: "home", decision: "approved", comment: "" })).toEqual({
      outcome: "pending",
      assignmentId: null,
    });
    const done = await decideApplication(db, deptHead, { applicationId: app!.id, side: "host", decision: "approved", comment: "" });
    expect(done?.outcome).toBe("approved");
    const assignment = await db.rotationAssignment.findUniqueOrThrow({ where: { id: done!.assignmentId! } });
    expect(assignment).toMatchObject({
      employeeId: liu,
      status: "planned",
      type: "horizontal_dept",
      startDate: new Date("2099-01-01T00:00:00Z"),
      endDate: new Date("2099-03-31T00:00:00Z"),
    });
    // A second application while one is planned is refused (eligibility: no open assignment).
    await expect(
      submitApplication(db, finHead, {
        openingId: opening.id,
        employeeId: liu,
        proposedStart: "2099-06-01",
        motivation: "Again please",
        source: "nomination",
      }),
    ).rejects.toThrow("rotations.errors.notEligible");
  });
});
