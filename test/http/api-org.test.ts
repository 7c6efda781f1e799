import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createSession } from "~/modules/auth/session.server";
import { apiClient, apiToken } from "../api";
import { demoOrg, testApp } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  await demoOrg();
  app = await testApp();
  api = apiClient(app, (await apiToken(["org:read", "org:write"])).token);
});

type ErrorBody = { error: { code: string; details?: { path: string; message: string }[] } };
type SyncBody = { created: number; updated: number; unchanged: number; results: { externalId: string; id: string; result: string }[] };

const room = (n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `HR-U${n}`,
  code: `SYNC-${n}`,
  nameZh: `同步室${n}`,
  nameEn: `Synced room ${n}`,
  kind: "room",
  parentCode: "JC-GE",
  ...extra,
});

describe("units upsert", () => {
  it("creates, then says unchanged and writes nothing when the same request comes again", async () => {
    const body = { units: [room(1), room(2)] };
    const first = await api.post("/units/upsert", body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const auditRows = await db.auditLog.count();
    const unitRows = await db.unit.findMany({ where: { externalId: { in: ["HR-U1", "HR-U2"] } }, orderBy: { code: "asc" } });

    const second = await api.post("/units/upsert", body);
    expect(second.status).toBe(200);
    const repeat = (await second.json()) as SyncBody;
    expect(repeat).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(repeat.results.map((r) => r.result)).toEqual(["unchanged", "unchanged"]);
    expect(await db.auditLog.count()).toBe(auditRows);
    expect(await db.unit.findMany({ where: { externalId: { in: ["HR-U1", "HR-U2"] } }, orderBy: { code: "asc" } })).toEqual(unitRows);

    const renamed = await api.post("/units/upsert", { units: [room(1, { nameEn: "Renamed room" })] });
    expect(await renamed.json()).toMatchObject({ created: 0, updated: 1 });
  });

  it("keeps the materialised path right for a unit created under a unit of the same batch", async () => {
    const response = await api.post("/units/upsert", {
      units: [
        { externalId: "HR-D9", code: "SYNC-D9", nameZh: "新部门", nameEn: "New department", kind: "department", parentCode: "JC" },
        { externalId: "HR-R9", code: "SYNC-R9", nameZh: "新室", nameEn: "New room", kind: "room", parentExternalId: "HR-D9" },
      ],
    });
    expect(response.status).toBe(200);
    const [dept, child] = await Promise.all([
      db.unit.findUniqueOrThrow({ where: { externalId: "HR-D9" } }),
      db.unit.findUniqueOrThrow({ where: { externalId: "HR-R9" } }),
    ]);
    expect(child.parentId).toBe(dept.id);
    expect(child.path).toBe(`${dept.path}${child.id}/`);
  });

  it("adopts an existing unit without an external id by its code", async () => {
    const existing = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-VPN" } });
    const response = await api.post("/units/upsert", {
      units: [
        {
          externalId: "HR-VPN",
          code: "JC-GE-VPN",
          nameZh: existing.nameZh,
          nameEn: existing.nameEn,
          kind: "room",
          parentCode: "JC-GE",
          sortOrder: existing.sortOrder,
        },
      ],
    });
    const body = (await response.json()) as SyncBody;
    expect(body.results[0]).toMatchObject({ id: existing.id, result: "updated" });
    expect((await db.unit.findUniqueOrThrow({ where: { id: existing.id } })).externalId).toBe("HR-VPN");
  });

  it("refuses unknown fields and wrong types with a 400 and a path per problem", async () => {
    const response = await api.post("/units/upsert", { units: [room(3, { role: "hr_admin" }), room(4, { sortOrder: "first" })] });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe("validation_error");
    expect(error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "units.0" }), expect.objectContaining({ path: "units.1.sortOrder" })]),
    );
    expect(error.details!.find((d) => d.path === "units.0")!.message).toContain("role");
  });

  it("writes nothing when one row breaks an org rule, and names the row", async () => {
    const before = await db.unit.count();
    const response = await api.post("/units/upsert", { units: [room(5), room(6, { kind: "company" }), room(7, { parentCode: "NOPE" })] });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe("invalid_rows");
    expect(error.details).toEqual([{ path: "units.2.parentCode", message: "No such unit" }]);
    expect(await db.unit.count()).toBe(before);
    const kinds = await api.post("/units/upsert", { units: [room(5), room(6, { kind: "company" })] });
    expect(((await kinds.json()) as ErrorBody).error.details).toEqual([expect.objectContaining({ path: "units.1.kind" })]);
    expect(await db.unit.count()).toBe(before);
  });

  it("answers 409 when a code belongs to a unit with another external id", async () => {
    await api.post("/units/upsert", { units: [room(8)] });
    const response = await api.post("/units/upsert", { units: [room(88, { code: "SYNC-8" })] });
    expect(response.status).toBe(409);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({
      code: "conflict",
      details: [expect.objectContaining({ path: "units.0.code" })],
    });
  });

  it("refuses a move of a unit under its own subtree", async () => {
    const ge = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE" } });
    await api.post("/units/upsert", {
      units: [
        {
          externalId: "HR-GE",
          code: "JC-GE",
          nameZh: ge.nameZh,
          nameEn: ge.nameEn,
          kind: "department",
          parentCode: "JC",
          sortOrder: ge.sortOrder,
        },
      ],
    });
    const response = await api.post("/units/upsert", {
      units: [{ externalId: "HR-GE", code: "JC-GE", nameZh: ge.nameZh, nameEn: ge.nameEn, kind: "department", parentCode: "SYNC-1" }],
    });
    expect(response.status).toBe(400);
  });
});

describe("units and employees lists", () => {
  it("pages with totals and refuses an oversized page", async () => {
    const total = await db.employee.count({ where: { active: true } });
    const page2 = await api.get("/employees?page=2&pageSize=10");
    expect(page2.status).toBe(200);
    const body = (await page2.json()) as {
      data: { employeeNo: string }[];
      page: number;
      pageSize: number;
      total: number;
      pageCount: number;
    };
    expect(body).toMatchObject({ page: 2, pageSize: 10, total, pageCount: Math.ceil(total / 10) });
    expect(body.data).toHaveLength(10);
    const all = await db.employee.findMany({ where: { active: true }, orderBy: { employeeNo: "asc" }, select: { employeeNo: true } });
    expect(body.data.map((e) => e.employeeNo)).toEqual(all.slice(10, 20).map((e) => e.employeeNo));
    expect((await api.get("/employees?pageSize=500")).status).toBe(400);
    expect((await api.get("/employees?pageSize=abc")).status).toBe(400);
    expect((await api.get("/units?unknown=1")).status).toBe(400);
    const units = (await (await api.get("/units?pageSize=200")).json()) as {
      total: number;
      data: { code: string; parentCode: string | null }[];
    };
    expect(units.data.find((u) => u.code === "JC-GE")).toMatchObject({ parentCode: "JC" });
  });
});

const person = (n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `HR-E${n}`,
  employeeNo: `S${String(n).padStart(5, "0")}`,
  name: `同步员工${n}`,
  email: `sync${n}@ge.example.com`,
  unitCode: "JC-GE-FIN",
  positionCode: "AM",
  track: "skill",
  level: "S3",
  hireDate: "2020-03-01",
  ...extra,
});

describe("employees upsert", () => {
  it("creates a batch whose manager comes later in it, then answers unchanged", async () => {
    const body = {
      employees: [person(1, { managerExternalId: "HR-E2" }), person(2, { positionCode: "ROOM-HEAD", track: "management", level: "M2" })],
    };
    const first = await api.post("/employees/upsert", body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ created: 2 });
    const e1 = await db.employee.findUniqueOrThrow({ where: { externalId: "HR-E1" }, select: { managerId: true } });
    const e2 = await db.employee.findUniqueOrThrow({ where: { externalId: "HR-E2" }, select: { id: true } });
    expect(e1.managerId).toBe(e2.id);
    const second = await api.post("/employees/upsert", body);
    expect(await second.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it("refuses a level that is not on the track and an unknown unit, writing nothing", async () => {
    const before = await db.employee.count();
    const response = await api.post("/employees/upsert", {
      employees: [person(3), person(4, { level: "M9" }), person(5, { unitCode: "NOPE" })],
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.details!.map((d) => d.path)).toEqual(["employees.1.level"]);
    const rules = await api.post("/employees/upsert", { employees: [person(3), person(5, { unitCode: "NOPE" })] });
    expect(((await rules.json()) as ErrorBody).error.details!.map((d) => d.path)).toEqual(["employees.1.unitCode"]);
    expect(await db.employee.count()).toBe(before);
  });

  it("answers 409 for an e-mail another employee already has", async () => {
    const taken = await db.employee.findUniqueOrThrow({ where: { employeeNo: "E000004" }, select: { email: true } });
    const response = await api.post("/employees/upsert", { employees: [person(6, { email: taken.email })] });
    expect(response.status).toBe(409);
  });

  it("ends a leaver's sign-in when the HR system marks them inactive", async () => {
    const employee = await db.employee.findUniqueOrThrow({
      where: { employeeNo: "E000101" },
      include: { unit: true, position: true, user: true },
    });
    await createSession(db, employee.user!.id);
    const row = {
      externalId: "HR-LEAVER",
      employeeNo: employee.employeeNo,
      name: employee.name,
      email: employee.email,
      unitCode: employee.unit.code,
      positionCode: employee.position.code,
      track: employee.track,
      level: employee.level,
      hireDate: employee.hireDate.toISOString().slice(0, 10),
      active: false,
    };
    const response = await api.post("/employees/upsert", { employees: [row] });
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: employee.user!.id } })).disabled).toBe(true);
    expect(await db.session.count({ where: { userId: employee.user!.id } })).toBe(0);
  });
});
