import { db } from "~/utils/db.server";

const first = async (find: () => Promise<{ id?: string; code?: string } | null>) => {
  const row = await find();
  return row ? (row.id ?? row.code ?? null) : null;
};

/** A real value for a route parameter of the demo, chosen by the path segment before it (or its own name). */
export async function sample(
  segment: string,
  param: string,
  ctx: { userId: Map<string, string>; unitId: Map<string, string> },
): Promise<string | null> {
  const employee = () => first(() => db.employee.findUnique({ where: { employeeNo: "E000004" }, select: { id: true } }));
  switch (param === "employeeId" ? "employees" : segment) {
    case "kpi-feeds":
      return first(() => db.kpiFeed.findFirst({ select: { id: true } }));
    case "surveys":
    case "reports":
      return first(() => db.survey.findFirst({ orderBy: { closesAt: "asc" }, select: { id: true } }));
    case "users":
      return ctx.userId.get("E000004") ?? null;
    case "cycles":
      return first(() => db.promotionCycle.findFirst({ select: { id: true } }));
    case "employees":
    case "people":
      return employee();
    case "levels":
      return first(() => db.careerLevel.findFirst({ select: { code: true } }));
    case "periods":
      return first(() => db.appraisalPeriod.findFirst({ orderBy: { endsOn: "desc" }, select: { id: true } }));
    case "plans":
      return first(() => db.position.findUnique({ where: { code: "AM" }, select: { id: true } }));
    case "suggestions":
      return first(() => db.suggestion.findFirst({ select: { id: true } }));
    case "units":
      return ctx.unitId.get("JC-GE-FIN") ?? null;
    case "payslips":
    case "runs":
      return first(() => db.payRun.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }));
    case "schemes":
      return first(() => db.payScheme.findFirst({ select: { code: true } }));
    case "assignments":
      return first(() => db.rotationAssignment.findFirst({ select: { id: true } }));
    case "programmes":
      return first(() => db.rotationProgramme.findFirst({ select: { id: true } }));
    case "actions":
      return first(() => db.surveyAction.findFirst({ select: { id: true } }));
    case "assessments":
      return first(() => db.trainingBehaviourAssessment.findFirst({ select: { id: true } }));
    case "courses":
      return first(() => db.trainingCourse.findFirst({ select: { id: true } }));
    case "sessions":
      return first(() => db.trainingSession.findFirst({ select: { id: true } }));
    default:
      return null;
  }
}

export const NOT_FOUND_ID = "zzzznotfound0000000000000";

/** The route's path with every parameter filled from the demo (or an id that matches nothing). */
export async function withRealParams(routePath: string, ctx: Parameters<typeof sample>[2], pick: typeof sample = sample) {
  const segments = routePath.split("/");
  for (let i = 0; i < segments.length; i++) {
    const m = /^:(\w+)$/.exec(segments[i]!);
    if (!m) continue;
    const value = await pick(segments[i - 1] ?? "", m[1]!, ctx);
    segments[i] = value ?? NOT_FOUND_ID;
  }
  return segments.join("/");
}
