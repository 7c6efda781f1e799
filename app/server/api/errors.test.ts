import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { getT } from "~/utils/i18n";
import { DomainError } from "~/utils/domain-error";
import { apiRefusal } from "./errors";

describe("a rule's refusal in the API", () => {
  it("has the refusal's status, the API's code for it and the translated message on the field", async () => {
    const app = new Hono();
    app.get("/x", (c) => apiRefusal(c, new DomainError("errors.codeTaken", { field: "code", status: 409 })));
    const res = await app.request("/x");
    expect(res.status).toBe(409);
    const message = getT("en")("errors.codeTaken");
    expect(await res.json()).toEqual({ error: { code: "conflict", message, details: [{ path: "code", message }] } });
  });
});
