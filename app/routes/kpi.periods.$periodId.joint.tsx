import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, FormErrors, PageHeader, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { may, unitWhere } from "~/modules/auth/scope";
import { capPoints } from "~/modules/kpi/kpi";
import { getPeriod, listKpis } from "~/modules/kpi/library.server";
import { createTeam, deleteTeam, listTeams, setTeamActual } from "~/modules/kpi/teams.server";
import { formatScore, formatValue, parseValue } from "~/modules/kpi/units";
import { db } from "~/utils/db.server";
import { domainError, refusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";

const Params = z.object({ periodId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const employeeNo = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9_-]+$/, "errors.code");
const CreateSchema = z
  .object({
    intent: z.literal("create"),
    kpiId: id,
    name: z.string().trim().min(1).max(100),
    threshold: z.string().trim().min(1).max(30),
    target: z.string().trim().min(1).max(30),
    stretch: z.string().trim().min(1).max(30),
    cap: capPoints,
    memberA: employeeNo,
    shareA: z.coerce.number().int().min(1).max(99),
    memberB: employeeNo,
    shareB: z.coerce.number().int().min(1).max(99),
  })
  .strict();
const ActualSchema = z.object({ intent: z.literal("actual"), teamId: id, actual: z.string().trim().max(30) }).strict();
const DeleteSchema = z.object({ intent: z.literal("delete"), teamId: id }).strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "kpi.view");
  const { periodId } = parseParams(args.params, Params);
  const period = await getPeriod(db, periodId);
  invariantResponse(period, 404);
  const inScope = new Set((await db.employee.findMany({ where: { unit: unitWhere(user) }, select: { id: true } })).map((e) => e.id));
  const teams = (await listTeams(db, periodId))
    .filter((t) => t.members.some((m) => inScope.has(m.employee.id)))
    .map((t) => ({
      ...t,
      threshold: Number(t.threshold),
      target: Number(t.target),
      stretch: Number(t.stretch),
      actual: t.actual === null ? null : Number(t.actual),
    }));
  const kpis = (await listKpis(db, { activeOnly: true })).filter((k) => k.kind === "quantitative");
  return { period, teams, kpis, canManage: may(user, "kpi.manage") && period.status === "open" };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "kpi.manage");
  const { periodId } = parseParams(args.params, Params);
  invariantResponse(await getPeriod(db, periodId), 404);
  const form = Object.fromEntries(await args.request.formData());
  const back = `/kpi/periods/${periodId}/joint`;
  try {
    if (form.intent === "create") {
      const parsed = CreateSchema.safeParse(form);
      if (!parsed.success)
        return data({ errors: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`), values: form }, { status: 400 });
      const v = parsed.data;
      const kpi = await db.kpi.findUnique({ where: { id: v.kpiId }, select: { unit: true } });
      const values = kpi ? [parseValue(kpi.unit, v.threshold), parseValue(kpi.unit, v.target), parseValue(kpi.unit, v.stretch)] : [null];
      if (values.some((x) => x === null)) return data({ errors: ["kpi.errors.value"], values: form }, { status: 400 });
      const [threshold, target, stretch] = values as number[];
      await createTeam(db, user.userId, periodId, {
        kpiId: v.kpiId,
        name: v.name,
        threshold,
        target,
        stretch,
        cap: v.cap,
        members: [
          { employeeNo: v.memberA, share: v.shareA },
          { employeeNo: v.memberB, share: v.shareB },
        ],
      });
      return redirectWithFlash(back, { kind: "success", message: "kpi.teamCreated" });
    }
    if (form.intent === "actual") {
      const parsed = ActualSchema.safeParse(form);
      invariantResponse(parsed.success, 400);
      const team = await db.kpiTeamTarget.findFirst({
        where: { id: parsed.data.teamId, periodId },
        select: { kpi: { select: { unit: true } } },
      });
      invariantResponse(team, 404);
      const actual = parsed.data.actual === "" ? null : parseValue(team.kpi.unit, parsed.data.actual);
      if (parsed.data.actual !== "" && actual === null) return data({ errors: ["kpi.errors.value"], values: {} }, { status: 400 });
      await setTeamActual(db, user.userId, periodId, parsed.data.teamId, actual);
      return redirectWithFlash(back, { kind: "success", message: "kpi.actualSaved" });
    }
    const parsed = DeleteSchema.safeParse(form);
    invariantResponse(parsed.success, 400);
    await deleteTeam(db, user.userId, periodId, parsed.data.teamId);
    return redirectWithFlash(back, { kind: "success", message: "kpi.teamDeleted" });
  } catch (error) {
    const refused = domainError(error);
    return refusal(refused, { errors: [refused.message], values: form });
  }
}

export default function JointKpis() {
  const t = useT();
  const locale = useLocale();
  const { period, teams, kpis, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const v = (result?.values ?? {}) as Record<string, string>;
  return (
    <section>
      <PageHeader title={t("kpi.jointTitle", { period: period.code })}>
        <p>
          <Link to={`/kpi/periods/${period.id}`}>{t("common.back")}</Link> · {t("kpi.jointIntro")}
        </p>
      </PageHeader>
      <FormErrors errors={result?.errors} />
      <DataTable
        testId="teams"
        rows={teams}
        rowKey={(team) => team.id}
        empty="kpi.noTeams"
        columns={[
          { key: "name", header: "kpi.teamName", cell: (team) => team.name },
          { key: "kpi", header: "kpi.kpi", cell: (team) => pick(locale, team.kpi) },
          {
            key: "members",
            header: "kpi.members",
            cell: (team) => team.members.map((m) => `${m.employee.name} (${m.employee.employeeNo}) ${m.share}%`).join(" · "),
          },
          {
            key: "target",
            header: "kpi.target",
            numeric: true,
            cell: (team) => (
              <>
                {formatValue(team.kpi.unit, team.target, locale)}
                <div className="hint">
                  {formatValue(team.kpi.unit, team.threshold, locale)} / {formatValue(team.kpi.unit, team.stretch, locale)} ·{" "}
                  {formatScore(team.cap)}
                </div>
              </>
            ),
          },
          {
            key: "actual",
            header: "kpi.teamActual",
            numeric: true,
            cell: (team) =>
              team.actual === null ? (
                <span className="badge bad">{t("kpi.noActual")}</span>
              ) : (
                formatValue(team.kpi.unit, team.actual, locale)
              ),
          },
          {
            key: "actions",
            header: "common.actions",
            hidden: !canManage,
            cell: (team) => (
              <>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="actual" />
                  <input type="hidden" name="teamId" value={team.id} />
                  <input name="actual" size={10} aria-label={t("kpi.teamActual")} />
                  <SubmitButton className="">{t("common.save")}</SubmitButton>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="teamId" value={team.id} />
                  <ConfirmButton confirm={t("kpi.confirmDeleteTeam")}>{t("common.delete")}</ConfirmButton>
                </Form>
              </>
            ),
          },
        ]}
      />
      {canManage ? (
        <div className="panel">
          <h2>{t("kpi.newTeam")}</h2>
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="create" />
            <div className="field">
              <label htmlFor="kpiId">{t("kpi.kpi")}</label>
              <select id="kpiId" name="kpiId" defaultValue={v.kpiId ?? ""}>
                {kpis.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.code} · {pick(locale, k)}
                  </option>
                ))}
              </select>
            </div>
            {(["name", "threshold", "target", "stretch", "cap", "memberA", "shareA", "memberB", "shareB"] as const).map((name) => (
              <div className="field" key={name}>
                <label htmlFor={name}>{t(`kpi.teamField.${name}`)}</label>
                <input id={name} name={name} defaultValue={v[name] ?? (name === "cap" ? "120" : "")} />
              </div>
            ))}
            <SubmitButton>{t("common.create")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
