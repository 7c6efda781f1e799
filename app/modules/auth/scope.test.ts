import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, roleHas, type Permission } from "./roles";
import { isInScope, may, unitWhere, type Actor } from "./scope";

const actor = (role: Actor["role"], scopePath: string | null = null): Actor => ({ userId: "u", role, employeeId: "e", scopePath });

describe("may", () => {
  it("gives a department head their subtree and nothing beside it", () => {
    const head = actor("dept_head", "/root/city/ge/");
    expect(may(head, "survey.report", "/root/city/ge/")).toBe(true);
    expect(may(head, "survey.report", "/root/city/ge/fin/")).toBe(true);
    expect(may(head, "survey.report", "/root/city/")).toBe(false);
    expect(may(head, "survey.report", "/root/city/ge2/")).toBe(false);
    expect(may(head, "survey.report", "/root/county/ge/")).toBe(false);
  });

  it("never lets a head without a scope see any unit", () => {
    expect(may(actor("dept_head", null), "survey.report", "/a/")).toBe(false);
    expect(unitWhere(actor("dept_head", null))).toEqual({ id: { in: [] } });
  });

  it("gives HR every unit and employees none", () => {
    expect(isInScope(actor("hr_admin"), "/x/y/")).toBe(true);
    expect(unitWhere(actor("hr_admin"))).toEqual({});
    expect(isInScope(actor("employee"), "/x/")).toBe(false);
    expect(unitWhere(actor("dept_head", "/a/b/"))).toEqual({ path: { startsWith: "/a/b/" } });
  });

  it("answers by the role table for every role and permission", () => {
    for (const role of ROLES) {
      for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
        const expected = (PERMISSIONS[permission] as readonly string[]).includes(role);
        expect(roleHas(role, permission), `${role} ${permission}`).toBe(expected);
        expect(may(actor(role, "/a/"), permission), `${role} ${permission}`).toBe(expected);
      }
    }
  });

  it("keeps pay approval, org management and system administration apart", () => {
    expect(may(actor("employee"), "pay.approve")).toBe(false);
    expect(may(actor("dept_head", "/a/"), "pay.approve")).toBe(false);
    expect(may(actor("sysadmin"), "pay.view")).toBe(false);
    expect(may(actor("hr_admin"), "system.admin")).toBe(false);
  });
});
