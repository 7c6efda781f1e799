import { describe, expect, it } from "vitest";
import { effectiveScopes, grantableScopes } from "./scopes";

describe("API scopes", () => {
  it("lets HR grant the HR scopes and a sysadmin only reading the organisation", () => {
    expect(grantableScopes("hr_admin")).toEqual(
      expect.arrayContaining(["org:write", "kpi:write", "surveys:read", "suggestions:read", "training:write"]),
    );
    expect(grantableScopes("sysadmin")).toEqual(["org:read"]);
    expect(grantableScopes("employee")).toEqual([]);
  });

  it("drops scopes the creator no longer holds and unknown names", () => {
    expect(effectiveScopes(["org:write", "org:read", "root"], "hr_admin")).toEqual(["org:write", "org:read"]);
    expect(effectiveScopes(["org:write", "org:read"], "sysadmin")).toEqual(["org:read"]);
    expect(effectiveScopes(["org:write"], "employee")).toEqual([]);
  });
});
