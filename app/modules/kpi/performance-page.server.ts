import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { SessionUser } from "~/modules/auth/session.server";
import { may } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { domainError, refusal } from "~/utils/domain-error.server";
import { z } from "~/utils/validation";
import { importActuals } from "./actuals.server";
import { addCheckIn, listCheckIns } from "./checkins.server";
import { CheckInSchema } from "./kpi";
import { getPeriod, listKpis } from "./library.server";
import { linesForForm, parsePlanForm } from "./plan-form.server";
import { saveEmployeePlan } from "./plans.server";
import { employeeForPlan, employeePerformance } from "./progress.server";
import { parseValue } from "./units";

type Employee = NonNullable<Awaited<ReturnType<typeof employeeForPlan>>>;

/** Everything the performance page shows; the caller has already authorised `employee`. */
export async function loadPerformancePage(db: Db, user: SessionUser, periodId: string, employee: Employee) {
  const period = await getPeriod(db, periodId);
  if (!period) return null;
  const [performance, checkIns] = await Promise.all([
    employeePerformance(db, periodId, employee.id),
    listCheckIns(db, periodId, employee.id),
  ]);
  const own = user.employeeId === employee.id;
  const canManage = may(user, "kpi.manage");
  const open = period.status === "open";
  return {
    period,
    employee: { id: employee.id, employeeNo: employee.employeeNo, name: employee.name, unit: employee.unit, position: employee.position },
    performance,
    checkIns,
    own,
    can: {
      checkIn: open && may(user, "kpi.checkin") && (own || may(user, "kpi.view")),
      editPlan: open && canManage,
      enterActuals: open && canManage,
      rate: open && may(user, "kpi.view") && !own,
    },
    planLines: canManage ? await linesForForm(db, performance.lines) : [],
    kpis: canManage ? await listKpis(db, { activeOnly: true }) : [],
  };
}

const ActualSchema = z
  .object({ intent: z.literal("actual"), kpiId: z.string().min(1).max(64), value: z.string().trim().min(1).max(30) })
  .strict();

/** Check-ins, the employee's plan adjustments (HR), and one actual or rating at a time. */
export async function performanceAction(db: Db, user: SessionUser, periodId: string, employee: Employee, formData: FormData) {
  const page = await loadPerformancePage(db, user, periodId, employee);
  if (!page) throw new Response("Not found", { status: 404 });
  const intent = formData.get("intent");
  if (intent === "checkin") {
    if (!page.can.checkIn) throw new Response("Forbidden", { status: 403 });
    const submission = parseWithZod(formData, { schema: CheckInSchema });
    if (submission.status !== "success") return data({ checkin: submission.reply() }, { status: 400 });
    await addCheckIn(db, user.userId, periodId, employee.id, submission.value);
    return { done: "kpi.checkInSaved" as const };
  }
  if (intent === "plan") {
    if (!page.can.editPlan) throw new Response("Forbidden", { status: 403 });
    const parsed = await parsePlanForm(db, formData);
    if (!parsed.ok) return data({ plan: parsed.reply }, { status: 400 });
    try {
      await saveEmployeePlan(db, user.userId, periodId, employee.id, employee.positionId, parsed.lines, parsed.reason);
    } catch (error) {
      const refused = domainError(error);
      return refusal(refused, { error: refused.message });
    }
    return { done: "kpi.planSaved" as const };
  }
  if (intent === "actual") {
    const parsed = ActualSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data({ actualError: parsed.error.issues[0].message }, { status: 400 });
    const line = page.performance.lines.find((l) => l.kpiId === parsed.data.kpiId);
    if (!line) return data({ actualError: "kpi.errors.notInPlanShort" }, { status: 400 });
    const allowed = page.can.enterActuals || (page.can.rate && line.kind === "rated");
    if (!allowed) throw new Response("Forbidden", { status: 403 });
    const value = parseValue(line.unit, parsed.data.value);
    if (value === null) return data({ actualError: "kpi.errors.value", kpiId: line.kpiId }, { status: 400 });
    const result = await importActuals(db, user.userId, periodId, [{ employeeNo: employee.employeeNo, kpiCode: line.code, value }], {
      firstRow: 1,
      source: "manual",
    });
    if (!result.ok) return data({ actualError: result.errors[0].message, kpiId: line.kpiId }, { status: 400 });
    return { done: "kpi.actualSaved" as const };
  }
  return data({ error: "errors.page.badRequest.body" }, { status: 400 });
}
