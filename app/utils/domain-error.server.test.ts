import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { z } from "~/utils/validation";
import { DomainError, fieldError, formError } from "./domain-error";
import { domainError, refusal, submissionRefusal } from "./domain-error.server";

const Schema = z.object({ code: z.string(), name: z.string() });

function submission() {
  const form = new FormData();
  form.set("code", "C-1");
  form.set("name", "Typed name");
  return parseWithZod(form, { schema: Schema });
}

describe("DomainError", () => {
  it("carries its key, field and status; its message is what a page translates", () => {
    const error = new DomainError("kpi.errors.notInPlan", { field: "members", params: { no: "E1" }, status: 409 });
    expect(error).toMatchObject({ key: "kpi.errors.notInPlan", field: "members", status: 409 });
    expect(error.message).toBe('kpi.errors.notInPlan::{"no":"E1"}');
    expect(fieldError("code", "errors.codeTaken")).toMatchObject({ field: "code", status: 400, message: "errors.codeTaken" });
  });
});

describe("the route adapter", () => {
  it("puts the message on the error's field and keeps what was typed", async () => {
    const answer = submissionRefusal(fieldError("code", "errors.codeTaken"), submission());
    expect(answer.init?.status).toBe(400);
    expect(answer.data.error).toEqual({ code: ["errors.codeTaken"] });
    expect(answer.data.initialValue).toEqual({ code: "C-1", name: "Typed name" });
  });

  it("puts it on the whole form when asked or when the error names no field, and wraps it", () => {
    const onForm = submissionRefusal(fieldError("code", "errors.codeTaken"), submission(), { on: "form", wrap: (form) => ({ form }) });
    expect(onForm.data.form.error).toEqual({ "": ["errors.codeTaken"] });
    const conflict = submissionRefusal(formError("surveys.errors.frozen", 409), submission());
    expect(conflict.init?.status).toBe(409);
    expect(conflict.data.error).toEqual({ "": ["surveys.errors.frozen"] });
  });

  it("throws anything else on, and answers a 404 refusal with the not-found page unless told a status", () => {
    const bug = new TypeError("bug");
    expect(() => domainError(bug)).toThrow(bug);
    let thrown: unknown;
    try {
      domainError(formError("errors.notFound", 404));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    const kept = domainError(formError("errors.notFound", 404), { status: 400 });
    expect(refusal(kept, { errors: [kept.message] }, { status: 400 }).init?.status).toBe(400);
  });
});
