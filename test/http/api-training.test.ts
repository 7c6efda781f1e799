import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { seedTrainingDemo } from "../../prisma/seed/training";
import { apiClient, apiToken } from "../api";
import { demoOrg, testApp } from "../utils";

let api: ReturnType<typeof apiClient>;
let sessionId: string;
let people: string[];

beforeAll(async () => {
  const ctx = await demoOrg();
  await seedTrainingDemo(ctx);
  const app = await testApp();
  api = apiClient(app, (await apiToken(["training:write"])).token);
  const session = await db.trainingSession.findFirstOrThrow({
    where: { status: { not: "cancelled" }, enrolments: { some: { status: "enrolled" } } },
    select: { id: true, enrolments: { where: { status: "enrolled" }, select: { employee: { select: { employeeNo: true } } } } },
  });
  sessionId = session.id;
  people = session.enrolments.map((e) => e.employee.employeeNo);
});

describe("training attendance", () => {
  it("records attendance and scores, then says a repeat changed nothing", async () => {
    const participants = [{ employeeNo: people[0], attendance: "attended", preScore: 55, postScore: 81 }];
    const first = await api.post(`/training/sessions/${sessionId}/attendance`, { participants });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 1, changed: 1, unchanged: 0 });
    const again = await api.post(`/training/sessions/${sessionId}/attendance`, { participants });
    expect(await again.json()).toEqual({ received: 1, changed: 0, unchanged: 1 });
    const row = await db.trainingEnrolment.findFirstOrThrow({ where: { sessionId, employee: { employeeNo: people[0] } } });
    expect(row).toMatchObject({ attendance: "attended", preScore: 55, postScore: 81 });
  });

  it("records nothing when someone is not on the roster", async () => {
    const response = await api.post(`/training/sessions/${sessionId}/attendance`, {
      participants: [
        { employeeNo: people[0], attendance: "absent" },
        { employeeNo: "NOBODY", attendance: "attended" },
      ],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual([
      "participants.1.employeeNo",
    ]);
    expect((await db.trainingEnrolment.findFirstOrThrow({ where: { sessionId, employee: { employeeNo: people[0] } } })).attendance).toBe(
      "attended",
    );
    expect(
      (await api.post(`/training/sessions/nope/attendance`, { participants: [{ employeeNo: people[0], attendance: "absent" }] })).status,
    ).toBe(404);
  });
});
