import { parseWithZod } from "@conform-to/zod";
import type { Db } from "~/utils/db.server";
import { PlanFormSchema } from "./kpi";
import { checkPlanLines, type CheckedLine } from "./plan-rules";
import { kpiRefs } from "./plans.server";
import { toInput } from "./units";

/** Parses and checks a submitted plan form; on failure the reply keeps what was typed. */
export async function parsePlanForm(db: Db, formData: FormData) {
  const submission = parseWithZod(formData, { schema: PlanFormSchema });
  if (submission.status !== "success") return { ok: false as const, reply: submission.reply() };
  const checked = checkPlanLines(submission.value.lines, await kpiRefs(db));
  if (checked.lines.length === 0) return { ok: false as const, reply: submission.reply({ fieldErrors: checked.errors }) };
  return { ok: true as const, lines: checked.lines, reason: submission.value.reason ?? "", warnings: checked.warnings };
}

/** Lines as the form shows them (typed values in the KPI's unit). */
export async function linesForForm(db: Db, lines: CheckedLine[]) {
  const refs = await kpiRefs(db);
  return lines.map((l) => {
    const unit = refs.get(l.kpiId)?.unit ?? "count";
    return {
      kpiId: l.kpiId,
      weight: String(l.weight),
      threshold: toInput(unit, l.threshold),
      target: toInput(unit, l.target),
      stretch: toInput(unit, l.stretch),
      cap: toInput("points", l.cap),
    };
  });
}
