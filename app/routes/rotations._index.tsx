import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, FormErrors, PageHeader } from "~/components/forms";
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

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "rotation.host");
  const now = new Date();
  const from = addMonths(now, -6);
  const [programmes, assignments] = await Promise.all([listProgrammes(db), assignmentsInScope(db, user, { from })]);
  return { programmes, assignments, window: { from: from.toISOString(), to: addMonths(now, 12).toISOString() }, canManage: may(user, "rotation.manage") };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "rotation.manage");
  const submission = parseWithZod(await args.request.formData(), { schema: ProgrammeSchema });
  if (submission.status !== "success") return data({ errors: Object.values(submission.reply().error ?? {}).flatMap((e) => e ?? []) }, { status: 400 });
  const saved = await createProgramme(db, user.userId, submission.value);
  return redirectWithFlash(`/rotations/programmes/${saved.id}`, { kind: "success", message: "rotations.programmeCreated" });
}

export default function Rotations() {
  const t = useT();
  const { programmes, assignments, window, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
        {programmes.length === 0 ? (
          <EmptyState>{t("rotations.noProgrammes")}</EmptyState>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("rotations.programme")}</th>
                <th scope="col">{t("rotations.statusLabel")}</th>
                <th scope="col" className="num">{t("rotations.minMonthsInPost")}</th>
                <th scope="col" className="num">{t("rotations.openings")}</th>
              </tr>
            </thead>
            <tbody>
              {programmes.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/rotations/programmes/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{t(`rotations.programmeStatus.${p.status}`)}</td>
                  <td className="num">{p.minMonthsInPost}</td>
                  <td className="num">{p._count.openings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel">
        <h2>{t("rotations.timeline")}</h2>
        <Timeline assignments={assignments} from={window.from} to={window.to} />
      </div>
      {canManage ? (
        <div className="panel">
          <h2>{t("rotations.newProgramme")}</h2>
          <Form method="post" className="grid-form">
            <div className="field">
              <label htmlFor="p-name">{t("rotations.programme")}</label>
              <input id="p-name" name="name" required maxLength={100} />
            </div>
            <div className="field">
              <label htmlFor="p-desc">{t("rotations.description")}</label>
              <textarea id="p-desc" name="description" rows={3} maxLength={2000} />
            </div>
            <div className="field">
              <label htmlFor="p-months">{t("rotations.minMonthsInPost")}</label>
              <input id="p-months" name="minMonthsInPost" type="number" min={0} max={240} defaultValue={24} required />
            </div>
            <fieldset>
              <legend>{t("rotations.tracksAllowed")}</legend>
              {TRACKS.map((tr) => (
                <label key={tr}>
                  <input type="checkbox" name="tracks" value={tr} /> {t(`track.${tr}`)}
                </label>
              ))}
              <small className="hint">{t("rotations.tracksHint")}</small>
            </fieldset>
            <FormErrors errors={result?.errors} />
            <button type="submit" className="primary">
              {t("common.create")}
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
