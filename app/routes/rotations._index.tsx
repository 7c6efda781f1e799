import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorList, Field, FormErrors, PageHeader, TextAreaField, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { Timeline } from "~/components/rotations/timeline";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { addMonths } from "~/modules/careers/dates";
import { assignmentsInScope } from "~/modules/rotations/assignments.server";
import { createProgramme, listProgrammes } from "~/modules/rotations/programmes.server";
import { ProgrammeSchema } from "~/modules/rotations/schemas";
import { TRACKS } from "~/modules/org/org";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { DataTable } from "~/components/ui/data-table";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "rotation.host");
  const now = new Date();
  const from = addMonths(now, -6);
  const [programmes, assignments] = await Promise.all([listProgrammes(db), assignmentsInScope(db, user, { from })]);
  return {
    programmes,
    assignments,
    window: { from: from.toISOString(), to: addMonths(now, 12).toISOString() },
    canManage: may(user, "rotation.manage"),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "rotation.manage");
  const submission = parseWithZod(await args.request.formData(), { schema: ProgrammeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = await createProgramme(db, user.userId, submission.value);
  return redirectWithFlash(`/rotations/programmes/${saved.id}`, { kind: "success", message: "rotations.programmeCreated" });
}

export default function Rotations() {
  const t = useT();
  const { programmes, assignments, window, canManage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { minMonthsInPost: "24" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgrammeSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader
        title={t("rotations.title")}
        actions={
          <>
            <Link to="/rotations/reports">{t("rotations.reportsTitle")}</Link>
            {canManage ? (
              <>
                {" "}
                · <Link to="/rotations/assignments/new">{t("rotations.newAssignment")}</Link>
              </>
            ) : null}
          </>
        }
      />
      <div className="panel">
        <h2>{t("rotations.programmes")}</h2>
        <DataTable
          rows={programmes}
          rowKey={(p) => p.id}
          empty="rotations.noProgrammes"
          columns={[
            {
              key: "name",
              header: "rotations.programme",
              cell: (p) => <Link to={`/rotations/programmes/${p.id}`}>{p.name}</Link>,
              sort: (p) => p.name,
            },
            {
              key: "status",
              header: "rotations.statusLabel",
              cell: (p) => t(`rotations.programmeStatus.${p.status}`),
              sort: (p) => p.status,
            },
            {
              key: "months",
              header: "rotations.minMonthsInPost",
              numeric: true,
              cell: (p) => p.minMonthsInPost,
              sort: (p) => p.minMonthsInPost,
            },
            {
              key: "openings",
              header: "rotations.openings",
              numeric: true,
              cell: (p) => p._count.openings,
              sort: (p) => p._count.openings,
            },
          ]}
        />
      </div>
      <div className="panel">
        <h2>{t("rotations.timeline")}</h2>
        <Timeline assignments={assignments} from={window.from} to={window.to} />
      </div>
      {canManage ? (
        <div className="panel">
          <h2>{t("rotations.newProgramme")}</h2>
          <Form method="post" {...getFormProps(form)} className="grid-form">
            <Field meta={fields.name} label={t("rotations.programme")} />
            <TextAreaField meta={fields.description} label={t("rotations.description")} rows={3} />
            <Field meta={fields.minMonthsInPost} label={t("rotations.minMonthsInPost")} type="number" min={0} max={240} />
            <fieldset>
              <legend>{t("rotations.tracksAllowed")}</legend>
              {getCollectionProps(fields.tracks, { type: "checkbox", options: [...TRACKS] }).map(({ key, ...props }) => (
                <label key={key}>
                  <input {...props} /> {t(`track.${props.value}`)}
                </label>
              ))}
              <small className="hint">{t("rotations.tracksHint")}</small>
              <ErrorList id={fields.tracks.errorId} errors={fields.tracks.errors} />
            </fieldset>
            <FormErrors errors={form.errors} />
            <SubmitButton>{t("common.create")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
