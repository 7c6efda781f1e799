import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, SelectField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { UnitFormSchema, UNIT_KINDS } from "~/modules/org/org";
import { createUnit, listUnits, recentArrivals } from "~/modules/org/units.server";
import { DateText } from "~/components/training/dates";
import { submissionRefusal } from "~/utils/domain-error.server";
import { getEnv } from "~/utils/env.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pick } from "~/utils/i18n";
import { DataTable } from "~/components/ui/data-table";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "org.view");
  const showInactive = new URL(args.request.url).searchParams.get("inactive") === "1";
  const units = await listUnits(db, user, { includeInactive: showInactive });
  const counts = await db.employee.groupBy({
    by: ["unitId"],
    where: { active: true, unitId: { in: units.map((u) => u.id) } },
    _count: { _all: true },
  });
  // Each row counts its whole subtree (a department with its rooms), as people read an org chart.
  const direct = new Map(counts.map((c) => [c.unitId, c._count._all]));
  const staff = new Map(
    units.map((u) => [u.id, units.filter((v) => v.path.startsWith(u.path)).reduce((sum, v) => sum + (direct.get(v.id) ?? 0), 0)]),
  );
  const days = getEnv().RECENT_MEMBERSHIP_DAYS;
  const arrivals = await recentArrivals(db, user, days);
  return {
    units: units.map((u) => ({ ...u, staff: staff.get(u.id) ?? 0 })),
    canManage: may(user, "org.manage"),
    showInactive,
    arrivals,
    days,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "org.manage");
  const submission = parseWithZod(await args.request.formData(), { schema: UnitFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await createUnit(db, user.userId, submission.value);
  } catch (error) {
    return submissionRefusal(error, submission);
  }
  return redirectWithFlash("/org/units", { kind: "success", message: "org.unitCreated" });
}

export default function Units() {
  const t = useT();
  const locale = useLocale();
  const { units, canManage, showInactive, arrivals, days } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UnitFormSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader
        title={t("org.unitsTitle")}
        actions={
          <Link to={showInactive ? "/org/units" : "/org/units?inactive=1"}>
            {t(showInactive ? "org.hideInactive" : "org.showInactive")}
          </Link>
        }
      />
      <DataTable
        rows={units}
        rowKey={(u) => u.id}
        empty="org.noUnits"
        columns={[
          {
            key: "name",
            header: "org.unitName",
            cell: (u) => (
              <span style={{ paddingInlineStart: `${u.depth * 1.25}rem` }}>
                {canManage ? <Link to={`/org/units/${u.id}`}>{pick(locale, u)}</Link> : pick(locale, u)}
              </span>
            ),
          },
          { key: "code", header: "org.code", cell: (u) => u.code },
          { key: "kind", header: "org.kind", cell: (u) => t(`org.kind.${u.kind}`) },
          { key: "staff", header: "org.staff", numeric: true, cell: (u) => <Link to={`/org/employees?unitId=${u.id}`}>{u.staff}</Link> },
          { key: "status", header: "org.status", cell: (u) => (u.active ? t("org.active") : t("org.inactive")) },
        ]}
      />
      {days > 0 ? (
        <div className="panel" data-testid="recent-arrivals">
          <h2>{t("org.recentArrivals.title", { days })}</h2>
          <p className="hint">{t("org.recentArrivals.hint", { days })}</p>
          <DataTable
            rows={arrivals}
            rowKey={(a) => a.id}
            empty="org.recentArrivals.none"
            columns={[
              {
                key: "person",
                header: "org.recentArrivals.person",
                cell: (a) => (
                  <>
                    {a.name} <code>{a.employeeNo}</code>
                  </>
                ),
              },
              { key: "unit", header: "org.recentArrivals.unit", cell: (a) => pick(locale, a.unit) },
              { key: "since", header: "org.recentArrivals.since", cell: (a) => <DateText value={a.unitSince} />, sort: (a) => a.unitSince },
            ]}
          />
        </div>
      ) : null}
      {canManage ? (
        <div className="panel">
          <h2>{t("org.newUnit")}</h2>
          <Form method="post" {...getFormProps(form)} className="grid-form">
            <Field meta={fields.code} label={t("org.code")} />
            <Field meta={fields.nameZh} label={t("org.nameZh")} />
            <Field meta={fields.nameEn} label={t("org.nameEn")} />
            <SelectField
              meta={fields.kind}
              label={t("org.kind")}
              options={UNIT_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
              placeholder=""
            />
            <SelectField
              meta={fields.parentId}
              label={t("org.parent")}
              options={units.filter((u) => u.active).map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${pick(locale, u)}` }))}
              placeholder={t("org.noParent")}
            />
            <Field meta={fields.sortOrder} label={t("org.sortOrder")} type="number" />
            <FormErrors errors={form.errors} />
            <SubmitButton>{t("common.create")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
