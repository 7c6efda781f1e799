import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { title } from "~/components/careers/career-view";
import { FormErrors, PageHeader } from "~/components/forms";
import { DataTable } from "~/components/ui/data-table";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission, requireUser } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { equivalenceMatrix } from "~/modules/careers/ladder";
import { listLevels, saveGrades } from "~/modules/careers/ladder.server";
import { GradesSchema } from "~/modules/careers/schemas";
import { TRACKS } from "~/modules/org/org";
import { db } from "~/utils/db.server";
import { domainError, refusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";

/** The ladders and the equivalence matrix are open to every signed-in user: people plan by them. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const levels = await listLevels(db);
  return {
    levels: levels.map((l) => ({
      code: l.code,
      track: l.track,
      rank: l.rank,
      grade: l.grade,
      titleZh: l.titleZh,
      titleEn: l.titleEn,
      descriptionZh: l.descriptionZh,
      descriptionEn: l.descriptionEn,
    })),
    canManage: may(user, "career.manage"),
    canReview: may(user, "career.review"),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "career.manage");
  const parsed = GradesSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ errors: ["careers.errors.gradeInvalid"] }, { status: 400 });
  try {
    await saveGrades(db, user.userId, Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k.slice("grade.".length), v])));
  } catch (error) {
    const refused = domainError(error);
    return refusal(refused, { errors: [refused.message] });
  }
  return redirectWithFlash("/careers", { kind: "success", message: "careers.matrixSaved" });
}

export default function Ladders() {
  const t = useT();
  const locale = useLocale();
  const { levels, canManage, canReview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const matrix = equivalenceMatrix(levels);
  return (
    <section>
      <PageHeader
        title={t("careers.ladderTitle")}
        actions={
          canReview ? (
            <>
              <Link to="/careers/cycles">{t("careers.cyclesTitle")}</Link> · <Link to="/careers/reports">{t("careers.reportsTitle")}</Link>
              {canManage ? (
                <>
                  {" "}
                  · <Link to="/careers/track-requests">{t("careers.trackRequestsTitle")}</Link>
                </>
              ) : null}
            </>
          ) : null
        }
      >
        <p>{t("careers.ladderIntro")}</p>
      </PageHeader>
      {levels.length === 0 ? <p className="empty-state">{t("careers.noLevels")}</p> : null}
      <div className="panel">
        <h2>{t("careers.matrixTitle")}</h2>
        <p className="hint">{t("careers.matrixHint")}</p>
        <div className="table-scroll">
          <DataTable
            testId="equivalence-matrix"
            rows={[...matrix].reverse()}
            rowKey={(row) => row.grade}
            empty={null}
            columns={[
              { key: "grade", header: "careers.grade", rowHeader: true, cell: (row) => row.grade },
              ...TRACKS.map((tr) => ({
                key: tr,
                header: `track.${tr}`,
                cell: (row: (typeof matrix)[number]) =>
                  row.cells[tr].map((l) => (
                    <div key={l.code}>
                      {canManage ? <Link to={`/careers/levels/${l.code}`}>{l.code}</Link> : <strong>{l.code}</strong>} {title(locale, l)}
                    </div>
                  )),
              })),
            ]}
          />
        </div>
      </div>
      {canManage ? (
        <div className="panel">
          <h2>{t("careers.editMatrix")}</h2>
          <Form method="post" className="grid-form" data-testid="grades-form">
            {TRACKS.map((tr) => (
              <fieldset key={tr}>
                <legend>{t(`track.${tr}`)}</legend>
                {levels
                  .filter((l) => l.track === tr)
                  .map((l) => (
                    <div className="field" key={l.code}>
                      <label htmlFor={`grade-${l.code}`}>{`${l.code} ${title(locale, l)}`}</label>
                      <input
                        id={`grade-${l.code}`}
                        name={`grade.${l.code}`}
                        type="number"
                        min={1}
                        max={20}
                        step={1}
                        defaultValue={l.grade}
                        required
                      />
                    </div>
                  ))}
              </fieldset>
            ))}
            <FormErrors errors={result?.errors} />
            <button type="submit">{t("careers.saveMatrix")}</button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
