import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CareerView } from "~/components/careers/career-view";
import { ConfirmButton, FormErrors, PageHeader, SelectField, TextAreaField } from "~/components/forms";
import { DataTable } from "~/components/ui/data-table";
import { useLocale, useT } from "~/components/i18n";
import { requireEmployee } from "~/modules/auth/guards.server";
import { careerOverview, requestTrackChange, withdrawTrackRequest } from "~/modules/careers/career.server";
import { nominate } from "~/modules/careers/cycles.server";
import { SelfNominateSchema, TrackRequestSchema } from "~/modules/careers/schemas";
import { TRACKS } from "~/modules/org/org";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
import { z } from "~/utils/validation";
import { EMPTY, formatDate } from "~/utils/format";

const WithdrawSchema = z.object({ intent: z.literal("withdraw"), requestId: z.string().min(1).max(64) }).strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const view = await careerOverview(db, user.employeeId);
  invariantResponse(view, 404);
  return { view };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireEmployee(args);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "trackRequest") {
    const submission = parseWithZod(formData, { schema: TrackRequestSchema });
    if (submission.status !== "success") return data({ track: submission.reply() }, { status: 400 });
    try {
      await requestTrackChange(db, user, submission.value);
    } catch (error) {
      return submissionRefusal(error, submission, { wrap: (track) => ({ track }) });
    }
    return redirectWithFlash("/me/career", { kind: "success", message: "careers.trackRequestSent" });
  }
  if (intent === "selfNominate") {
    const submission = parseWithZod(formData, { schema: SelfNominateSchema });
    if (submission.status !== "success") return data({ self: submission.reply() }, { status: 400 });
    try {
      const saved = await nominate(db, user, {
        cycleId: submission.value.cycleId,
        employeeId: user.employeeId,
        justification: submission.value.justification,
        self: true,
      });
      invariantResponse(saved, 404);
    } catch (error) {
      return submissionRefusal(error, submission, { field: "justification", wrap: (self) => ({ self }) });
    }
    return redirectWithFlash("/me/career", { kind: "success", message: "careers.selfNominated" });
  }
  const parsed = WithdrawSchema.safeParse(Object.fromEntries(formData));
  invariantResponse(parsed.success, 400);
  invariantResponse(await withdrawTrackRequest(db, user, parsed.data.requestId), 404);
  return redirectWithFlash("/me/career", { kind: "success", message: "careers.trackRequestWithdrawn" });
}

export default function MyCareer() {
  const t = useT();
  const locale = useLocale();
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [trackForm, trackFields] = useForm({
    id: "track-request",
    lastResult: result && "track" in result ? result.track : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrackRequestSchema }),
    shouldRevalidate: "onInput",
  });
  const [selfForm, selfFields] = useForm({
    id: "self-nominate",
    lastResult: result && "self" in result ? result.self : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SelfNominateSchema }),
    shouldRevalidate: "onInput",
  });
  const pending = view.trackRequests.find((r) => r.status === "pending");
  const cycle = view.openCycle;
  return (
    <section>
      <PageHeader title={t("careers.myCareerTitle")} actions={<Link to="/careers">{t("careers.ladderTitle")}</Link>}>
        <p>
          {view.employee.name} · {locale === "en" ? view.employee.unit.nameEn : view.employee.unit.nameZh} ·{" "}
          {locale === "en" ? view.employee.position.nameEn : view.employee.position.nameZh}
        </p>
      </PageHeader>
      <CareerView view={view} />
      {cycle ? (
        <div className="panel" data-testid="open-cycle">
          <h2>{t("careers.openCycle", { name: cycle.name })}</h2>
          {cycle.nomination ? (
            <p>
              {t("careers.youAreNominated", {
                level: cycle.nomination.toLevel,
                status: t(`careers.nominationStatus.${cycle.nomination.status}`),
              })}
            </p>
          ) : cycle.status === "nominating" && cycle.allowSelfNomination && view.next ? (
            <Form method="post" {...getFormProps(selfForm)} className="grid-form">
              <input type="hidden" name="intent" value="selfNominate" />
              <input type="hidden" name="cycleId" value={cycle.id} />
              <p className="hint">{t(view.eligible ? "careers.selfNominateHint" : "careers.selfNominateNotEligible")}</p>
              <TextAreaField meta={selfFields.justification} label={t("careers.justification")} rows={3} />
              <FormErrors errors={selfForm.errors} />
              <button type="submit" disabled={!view.eligible}>
                {t("careers.selfNominate")}
              </button>
            </Form>
          ) : (
            <p className="hint">{t("careers.cycleNoSelfNomination")}</p>
          )}
        </div>
      ) : null}
      <div className="panel">
        <h2>{t("careers.trackChange")}</h2>
        {view.trackRequests.length ? (
          <DataTable
            rows={view.trackRequests}
            rowKey={(r) => r.id}
            columns={[
              { key: "requestedOn", header: "careers.requestedOn", cell: (r) => formatDate(r.createdAt) },
              { key: "change", header: "careers.change", cell: (r) => `${r.fromLevel} → ${r.toLevel}` },
              { key: "status", header: "careers.statusLabel", cell: (r) => t(`careers.requestStatus.${r.status}`) },
              { key: "comment", header: "careers.decisionComment", cell: (r) => r.decisionComment ?? EMPTY },
            ]}
          />
        ) : null}
        {pending ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="requestId" value={pending.id} />
            <ConfirmButton name="intent" value="withdraw" confirm={t("careers.confirmWithdraw")}>
              {t("careers.withdrawRequest")}
            </ConfirmButton>
          </Form>
        ) : (
          <Form method="post" {...getFormProps(trackForm)} className="grid-form">
            <input type="hidden" name="intent" value="trackRequest" />
            <p className="hint">{t("careers.trackChangeHint")}</p>
            <SelectField
              meta={trackFields.toTrack}
              label={t("careers.toTrack")}
              options={TRACKS.filter((tr) => tr !== view.employee.track).map((tr) => ({ value: tr, label: t(`track.${tr}`) }))}
              placeholder=""
            />
            <SelectField
              meta={trackFields.toLevel}
              label={t("careers.toLevel")}
              options={view.levels
                .filter((l) => l.track !== view.employee.track)
                .map((l) => ({ value: l.code, label: `${l.code} ${locale === "en" ? l.titleEn : l.titleZh}` }))}
              placeholder=""
            />
            <TextAreaField meta={trackFields.reason} label={t("careers.reasonForChange")} rows={3} />
            <FormErrors errors={trackForm.errors} />
            <button type="submit">{t("careers.sendRequest")}</button>
          </Form>
        )}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
