import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, SelectField, TextAreaField, SubmitButton } from "~/components/forms";
import { replyErrors } from "~/components/rotations/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { listUnits } from "~/modules/org/units.server";
import { applicationsInScope, decideApplication, submitApplication } from "~/modules/rotations/applications.server";
import { createOpening, getProgramme } from "~/modules/rotations/programmes.server";
import { ROTATION_TYPES } from "~/modules/rotations/rules";
import { ApplicationDecisionSchema, NominateSchema, OpeningSchema } from "~/modules/rotations/schemas";
import { db } from "~/utils/db.server";
import { domainError } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { DataTable } from "~/components/ui/data-table";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "rotation.host");
  const { id } = parseParams(args.params, idParam);
  const programme = await getProgramme(db, id);
  invariantResponse(programme, 404);
  const [applications, units] = await Promise.all([
    applicationsInScope(db, user, id),
    may(user, "rotation.manage") ? listUnits(db, user) : [],
  ]);
  return {
    programme: {
      ...programme,
      openings: programme.openings.map(({ hostUnit: { path: _p, ...unit }, ...o }) => ({ ...o, hostUnit: unit })),
    },
    applications,
    units: units.map((u) => ({ id: u.id, nameZh: u.nameZh, nameEn: u.nameEn, depth: u.depth })),
    canManage: may(user, "rotation.manage"),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "rotation.host");
  const { id } = parseParams(args.params, idParam);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  // The form's answer: what was typed comes back with the errors (field errors, or the rule's as the form's).
  let submission:
    { reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]> } | undefined;
  const answer = (target: string, reply: SubmissionResult<string[]>) => data({ target, reply }, { status: 400 });
  const fail = (errors: string[], target: string) =>
    answer(target, submission ? submission.reply({ formErrors: errors }) : { status: "error", error: { "": errors } });
  try {
    if (intent === "opening") {
      const manager = requirePermission(args, "rotation.manage");
      const s = (submission = parseWithZod(formData, { schema: OpeningSchema }));
      if (s.status !== "success") return answer("opening", s.reply());
      invariantResponse(await getProgramme(db, id), 404);
      const { intent: _i, ...input } = s.value;
      await createOpening(db, manager.userId, id, input);
      return redirectWithFlash(`/rotations/programmes/${id}`, { kind: "success", message: "rotations.openingCreated" });
    }
    if (intent === "nominate") {
      const s = (submission = parseWithZod(formData, { schema: NominateSchema }));
      if (s.status !== "success") return answer("nominate", s.reply());
      const employee = await db.employee.findUnique({ where: { employeeNo: s.value.employeeNo }, select: { id: true } });
      if (!employee) return answer("nominate", s.reply({ fieldErrors: { employeeNo: ["rotations.errors.unknownEmployee"] } }));
      const saved = await submitApplication(db, user, {
        openingId: s.value.openingId,
        employeeId: employee.id,
        proposedStart: s.value.proposedStart,
        motivation: s.value.motivation,
        source: "nomination",
      });
      if (!saved) return answer("nominate", s.reply({ fieldErrors: { employeeNo: ["rotations.errors.notYourStaff"] } }));
      return redirectWithFlash(`/rotations/programmes/${id}`, { kind: "success", message: "rotations.nominated" });
    }
    const s = (submission = parseWithZod(formData, { schema: ApplicationDecisionSchema }));
    if (s.status !== "success") return answer(String(formData.get("applicationId") ?? ""), s.reply());
    const result = await decideApplication(db, user, s.value);
    invariantResponse(result, 404);
    return redirectWithFlash(`/rotations/programmes/${id}`, {
      kind: "success",
      message: result.outcome === "approved" ? "rotations.applicationApproved" : "rotations.decisionSaved",
    });
  } catch (error) {
    return fail([domainError(error).message], String(formData.get("applicationId") ?? intent ?? ""));
  }
}

type Application = SerializeFrom<typeof loader>["applications"][number];

export default function Programme() {
  const t = useT();
  const locale = useLocale();
  const name = (n: { nameZh: string; nameEn: string }) => (locale === "en" ? n.nameEn : n.nameZh);
  const { programme, applications, units, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const lastResult = (target: string) => (result && result.target === target ? result.reply : undefined);
  const errorsFor = (target: string) => replyErrors(lastResult(target));
  const [nominateForm, nominate] = useForm({
    id: "nominate",
    lastResult: lastResult("nominate"),
    defaultValue: { openingId: programme.openings[0]?.id ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NominateSchema }),
    shouldRevalidate: "onInput",
  });
  const [openingForm, opening] = useForm({
    id: "opening",
    lastResult: lastResult("opening"),
    defaultValue: { hostUnitId: units[0]?.id ?? "", type: ROTATION_TYPES[0], capacity: "1", months: "6" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OpeningSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader title={programme.name} actions={<Link to="/rotations">{t("rotations.title")}</Link>}>
        <p>{programme.description}</p>
        <p>
          {t("rotations.rules", { months: programme.minMonthsInPost })} ·{" "}
          {programme.tracks.length ? programme.tracks.map((tr) => t(`track.${tr}`)).join("、") : t("rotations.allTracks")}
        </p>
      </PageHeader>
      <div className="panel">
        <h2>{t("rotations.openings")}</h2>
        <DataTable
          testId="openings"
          rows={programme.openings}
          rowKey={(o) => o.id}
          empty="rotations.noOpenings"
          columns={[
            {
              key: "opening",
              header: "rotations.opening",
              cell: (o) => (
                <>
                  {o.title}
                  <br />
                  <small>{o.description}</small>
                </>
              ),
            },
            { key: "hostUnit", header: "rotations.hostUnit", cell: (o) => name(o.hostUnit) },
            { key: "type", header: "rotations.typeLabel", cell: (o) => t(`rotations.type.${o.type}`) },
            { key: "months", header: "rotations.months", numeric: true, cell: (o) => o.months },
            { key: "places", header: "rotations.placesTaken", numeric: true, cell: (o) => `${o._count.assignments} / ${o.capacity}` },
          ]}
        />
      </div>
      <div className="panel">
        <h2>{t("rotations.applications")}</h2>
        <DataTable
          testId="applications"
          rows={applications}
          rowKey={(a) => a.id}
          empty="rotations.noApplications"
          columns={[
            {
              key: "employee",
              header: "rotations.employee",
              cell: (a) => (
                <>
                  {a.employee.name} · {a.employee.employeeNo}
                  <br />
                  <small>
                    {name(a.employee.unit)} · {t(`rotations.source.${a.source}`)}
                  </small>
                  <br />
                  <small>{a.motivation}</small>
                </>
              ),
            },
            {
              key: "opening",
              header: "rotations.opening",
              cell: (a) => (
                <>
                  {a.opening.title}
                  <br />
                  <small>{name(a.opening.hostUnit)}</small>
                </>
              ),
            },
            ...(["home", "host"] as const).map((side) => ({
              key: side,
              header: side === "home" ? "rotations.homeSide" : "rotations.hostSide",
              cell: (a: Application) => {
                const decision = side === "home" ? a.homeDecision : a.hostDecision;
                const decides = side === "home" ? a.mayHome : a.mayHost;
                return (
                  <>
                    {t(`rotations.decision.${decision}`)}
                    {a.status === "pending" && decision === "pending" && decides ? (
                      <Form method="post" className="stack">
                        <input type="hidden" name="intent" value="decide" />
                        <input type="hidden" name="applicationId" value={a.id} />
                        <input type="hidden" name="side" value={side} />
                        <textarea name="comment" rows={1} aria-label={t("rotations.comment")} placeholder={t("rotations.commentHint")} />
                        <span>
                          <button type="submit" name="decision" value="approved">
                            {t("rotations.approve")}
                          </button>{" "}
                          <button type="submit" name="decision" value="rejected" className="danger">
                            {t("rotations.reject")}
                          </button>
                        </span>
                      </Form>
                    ) : null}
                  </>
                );
              },
            })),
            {
              key: "status",
              header: "rotations.statusLabel",
              cell: (a) => (
                <>
                  {t(`rotations.applicationStatus.${a.status}`)}
                  {a.assignmentId ? (
                    <>
                      <br />
                      <Link to={`/rotations/assignments/${a.assignmentId}`}>{t("rotations.viewAssignment")}</Link>
                    </>
                  ) : null}
                  {a.decisionComment ? (
                    <>
                      <br />
                      <small>{a.decisionComment}</small>
                    </>
                  ) : null}
                  <FormErrors errors={errorsFor(a.id)} />
                </>
              ),
            },
          ]}
        />
      </div>
      {programme.status === "open" && programme.openings.length ? (
        <div className="panel">
          <h2>{t("rotations.nominateTitle")}</h2>
          <Form method="post" {...getFormProps(nominateForm)} className="grid-form">
            <input type="hidden" name="intent" value="nominate" />
            <SelectField
              meta={nominate.openingId}
              label={t("rotations.opening")}
              options={programme.openings.map((o) => ({ value: o.id, label: `${o.title} · ${name(o.hostUnit)}` }))}
            />
            <Field meta={nominate.employeeNo} label={t("rotations.employeeNo")} />
            <Field meta={nominate.proposedStart} label={t("rotations.proposedStart")} type="date" />
            <TextAreaField meta={nominate.motivation} label={t("rotations.motivation")} rows={2} />
            <FormErrors errors={nominateForm.errors} />
            <button type="submit">{t("rotations.nominate")}</button>
          </Form>
        </div>
      ) : null}
      {canManage ? (
        <div className="panel">
          <h2>{t("rotations.newOpening")}</h2>
          <Form method="post" {...getFormProps(openingForm)} className="grid-form">
            <input type="hidden" name="intent" value="opening" />
            <SelectField
              meta={opening.hostUnitId}
              label={t("rotations.hostUnit")}
              options={units.map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${name(u)}` }))}
            />
            <Field meta={opening.title} label={t("rotations.opening")} />
            <TextAreaField meta={opening.description} label={t("rotations.description")} rows={2} />
            <SelectField
              meta={opening.type}
              label={t("rotations.typeLabel")}
              options={ROTATION_TYPES.map((ty) => ({ value: ty, label: t(`rotations.type.${ty}`) }))}
            />
            <Field meta={opening.capacity} label={t("rotations.capacity")} type="number" min={1} max={50} />
            <Field meta={opening.months} label={t("rotations.months")} type="number" min={1} max={36} />
            <FormErrors errors={openingForm.errors} />
            <SubmitButton>{t("common.create")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
