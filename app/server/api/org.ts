import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { upsertEmployees } from "~/modules/integration/employee-sync.server";
import { EmployeeSyncRowSchema, MAX_SYNC_ROWS, UnitSyncRowSchema } from "~/modules/integration/org-sync";
import { upsertUnits } from "~/modules/integration/unit-sync.server";
import { db } from "~/utils/db.server";
import { requireScope, type ApiEnv } from "./auth";
import { errorResponses } from "./errors";
import { PageQuerySchema, pageMeta, pageMetaSchema } from "./pagination";
import { SyncResultSchema, syncResponse } from "./sync-response";
import { pageWindow } from "~/utils/pagination";

const UnitSchema = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    kind: z.string(),
    parentCode: z.string().nullable(),
    parentExternalId: z.string().nullable(),
    sortOrder: z.number().int(),
    active: z.boolean(),
    updatedAt: z.string().datetime(),
  })
  .openapi("Unit");

const EmployeeSchema = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    employeeNo: z.string(),
    name: z.string(),
    email: z.string(),
    unitCode: z.string(),
    unitExternalId: z.string().nullable(),
    positionCode: z.string(),
    track: z.string(),
    level: z.string(),
    hireDate: z.string(),
    managerNo: z.string().nullable(),
    active: z.boolean(),
    leftOn: z.string().nullable().openapi({ description: "A leaver's last working day (YYYY-MM-DD); null while employed" }),
    updatedAt: z.string().datetime(),
  })
  .openapi("Employee");

const ListQuery = PageQuerySchema.extend({ includeInactive: z.enum(["true", "false"]).default("false") }).strict();

const listUnitsRoute = createRoute({
  method: "get",
  path: "/units",
  tags: ["Organisation"],
  summary: "List units",
  middleware: [requireScope("org:read")] as const,
  request: { query: ListQuery },
  responses: {
    200: {
      description: "A page of units",
      content: { "application/json": { schema: z.object({ data: z.array(UnitSchema) }).merge(pageMetaSchema()) } },
    },
    ...errorResponses(400, 401, 403, 429),
  },
});

const upsertUnitsRoute = createRoute({
  method: "post",
  path: "/units/upsert",
  tags: ["Organisation"],
  summary: "Create or update units by external id (all or nothing, idempotent)",
  middleware: [requireScope("org:write")] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ units: z.array(UnitSyncRowSchema).min(1).max(MAX_SYNC_ROWS) }).strict() } },
    },
  },
  responses: {
    200: {
      description: "Every row applied; per row: created, updated or unchanged",
      content: { "application/json": { schema: SyncResultSchema } },
    },
    ...errorResponses(400, 401, 403, 409, 413, 415, 429),
  },
});

const listEmployeesRoute = createRoute({
  method: "get",
  path: "/employees",
  tags: ["Organisation"],
  summary: "List employees",
  middleware: [requireScope("org:read")] as const,
  request: { query: ListQuery },
  responses: {
    200: {
      description: "A page of employees",
      content: { "application/json": { schema: z.object({ data: z.array(EmployeeSchema) }).merge(pageMetaSchema()) } },
    },
    ...errorResponses(400, 401, 403, 429),
  },
});

const upsertEmployeesRoute = createRoute({
  method: "post",
  path: "/employees/upsert",
  tags: ["Organisation"],
  summary: "Create or update employees by external id (all or nothing, idempotent)",
  middleware: [requireScope("org:write")] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": { schema: z.object({ employees: z.array(EmployeeSyncRowSchema).min(1).max(MAX_SYNC_ROWS) }).strict() },
      },
    },
  },
  responses: {
    200: {
      description: "Every row applied; per row: created, updated or unchanged",
      content: { "application/json": { schema: SyncResultSchema } },
    },
    ...errorResponses(400, 401, 403, 409, 413, 415, 429),
  },
});

export function orgApi(app: OpenAPIHono<ApiEnv>) {
  app.openapi(listUnitsRoute, async (c) => {
    const { page, pageSize, includeInactive } = c.req.valid("query");
    const where = includeInactive === "true" ? {} : { active: true };
    const [total, rows] = await Promise.all([
      db.unit.count({ where }),
      db.unit.findMany({
        where,
        orderBy: [{ path: "asc" }],
        ...pageWindow(page, pageSize),
        select: {
          id: true,
          externalId: true,
          code: true,
          nameZh: true,
          nameEn: true,
          kind: true,
          sortOrder: true,
          active: true,
          updatedAt: true,
          parent: { select: { code: true, externalId: true } },
        },
      }),
    ]);
    const data = rows.map(({ parent, updatedAt, ...u }) => ({
      ...u,
      parentCode: parent?.code ?? null,
      parentExternalId: parent?.externalId ?? null,
      updatedAt: updatedAt.toISOString(),
    }));
    return c.json({ data, ...pageMeta(page, pageSize, total) }, 200);
  });

  app.openapi(upsertUnitsRoute, async (c) => {
    const outcome = await upsertUnits(db, c.get("caller").actorId, c.req.valid("json").units);
    return syncResponse(c, "units", outcome) as never; // shapes: SyncResultSchema | ErrorSchema
  });

  app.openapi(listEmployeesRoute, async (c) => {
    const { page, pageSize, includeInactive } = c.req.valid("query");
    const where = includeInactive === "true" ? {} : { active: true };
    const [total, rows] = await Promise.all([
      db.employee.count({ where }),
      db.employee.findMany({
        where,
        orderBy: [{ employeeNo: "asc" }],
        ...pageWindow(page, pageSize),
        select: {
          id: true,
          externalId: true,
          employeeNo: true,
          name: true,
          email: true,
          track: true,
          level: true,
          hireDate: true,
          active: true,
          leftOn: true,
          updatedAt: true,
          unit: { select: { code: true, externalId: true } },
          position: { select: { code: true } },
          manager: { select: { employeeNo: true } },
        },
      }),
    ]);
    const data = rows.map(({ unit, position, manager, hireDate, leftOn, updatedAt, ...e }) => ({
      ...e,
      unitCode: unit.code,
      unitExternalId: unit.externalId,
      positionCode: position.code,
      managerNo: manager?.employeeNo ?? null,
      hireDate: hireDate.toISOString().slice(0, 10),
      leftOn: leftOn ? leftOn.toISOString().slice(0, 10) : null,
      updatedAt: updatedAt.toISOString(),
    }));
    return c.json({ data, ...pageMeta(page, pageSize, total) }, 200);
  });

  app.openapi(upsertEmployeesRoute, async (c) => {
    const outcome = await upsertEmployees(db, c.get("caller").actorId, c.req.valid("json").employees);
    return syncResponse(c, "employees", outcome) as never;
  });
}
