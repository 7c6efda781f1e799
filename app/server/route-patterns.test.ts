import { describe, expect, it } from "vitest";
import { compilePatterns, logMethod, remixPatterns, routePatternOf } from "./route-patterns";

const patterns = compilePatterns([
  ...remixPatterns({
    root: { path: "" },
    "routes/pay.payslips.$runId.$employeeId": { path: "pay/payslips/:runId/:employeeId", parentId: "root" },
    "routes/surveys.$id._index": { path: "surveys/:id", parentId: "root", index: true },
    "routes/surveys.$id.done": { path: "surveys/:id/done", parentId: "root" },
    "routes/suggestions.new": { path: "suggestions/new", parentId: "root" },
    "routes/suggestions.$id": { path: "suggestions/:id", parentId: "root" },
    "routes/invite.$token": { path: "invite/:token", parentId: "root" },
  }),
  "/api/v1/employees/:id",
  "/assets/*",
]);

describe("the request log's route patterns", () => {
  it("names the route, never the ids in the path", () => {
    expect(routePatternOf(patterns, "/pay/payslips/run-123/emp-456")).toBe("/pay/payslips/:runId/:employeeId");
    expect(routePatternOf(patterns, "/surveys/s-1/done")).toBe("/surveys/:id/done");
    expect(routePatternOf(patterns, "/invite/SECRET-TOKEN")).toBe("/invite/:token");
    expect(routePatternOf(patterns, "/api/v1/employees/E000004")).toBe("/api/v1/employees/:id");
    expect(routePatternOf(patterns, "/assets/app-1234.js")).toBe("/assets/*");
  });

  it("prefers a literal segment to a parameter", () => {
    expect(routePatternOf(patterns, "/suggestions/new")).toBe("/suggestions/new");
    expect(routePatternOf(patterns, "/suggestions/abc")).toBe("/suggestions/:id");
  });

  it("gives nothing a client typed, control characters included", () => {
    for (const path of ["/x%0AGET%20/admin%20200", "/pay/payslips/a%0Ab/c", "/%E0%A4%A", "/nothing/here/at/all", "/surveys/a/b/c/d"]) {
      const pattern = routePatternOf(patterns, path);
      // oxlint-disable-next-line no-control-regex -- a forged log line is made of control characters
      expect(pattern).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(pattern).not.toContain("admin");
      expect(pattern === "(unmatched)" || pattern.startsWith("/pay/payslips/:")).toBe(true);
    }
    expect(logMethod("GET")).toBe("GET");
    expect(logMethod("G\nET")).toBe("OTHER");
  });
});
