import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, EmptyState, FormErrors, PageHeader } from "~/components/forms";
import { useLocale, useMoney, useT } from "~/components/i18n";
import { SessionDates } from "~/components/training/dates";
import { BehaviourCell, LearningCell, ReactionCell } from "~/components/training/figures";
import { AttendanceSheet } from "~/components/training/attendance-sheet";
import { requireEmployee, requirePermission, requireUser } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { closeSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import { getSession } from "~/modules/training/catalogue/catalogue.server";
import { courseEffectiveness } from "~/modules/training/evaluation/effectiveness.server";
import {
  cancelEnrolment,
  cancelSession,
  completeSession,
  enrolSelf,
  nominate,
  recordAttendance,
  updateCapacity,
} from "~/modules/training/sessions/enrolment.server";
import { launchReactionSurvey } from "~/modules/training/evaluation/reaction.server";
import {
  CapacitySchema,
  EnrolmentIdSchema,
  IntentOnly,
  NominateSchema,
  parseAttendanceSheet,
} from "~/modules/training/sessions/session-actions.server";
import { myEnrolment, nominationCandidates, reactionStatus, sessionRoster } from "~/modules/training/sessions/session-view.server";
import { hoursFromTenths } from "~/modules/training/training";
import { db } from "~/utils/db.server";
import { personLabel, personNumber } from "~/utils/people";
import { PeopleList } from "~/components/ui/people-list";
import { domainError } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import type { MessageKey } from "~/utils/i18n";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { id } = parseParams(args.params, idParam);
  const session = await getSession(db, id);
  invariantResponse(session, 404);
  const canManage = may(user, "training.manage");
  const canNominate = may(user, "training.nominate");
  const canReport = may(user, "training.report");
  const [mine, roster, candidates, reaction, enrolledCount, waitlistCount] = await Promise.all([
    user.employeeId ? myEnrolment(db, user.employeeId, id) : null,
    sessionRoster(db, user, id, session.testMaxScore),
    canNominate && session.status === "scheduled" ? nominationCandidates(db, user, id) : [],
    reactionStatus(db, session.reactionSurveyId),
    db.trainingEnrolment.count({ where: { sessionId: id, status: "enrolled" } }),
    db.trainingEnrolment.count({ where: { sessionId: id, status: "waitlisted" } }),
  ]);
  let evaluation = null;
  if (canReport && session.status === "completed") {
    const effect = await courseEffectiveness(db, user, session.course.id);
    evaluation = effect.perSession.find((s) => s.id === id) ?? null;
  }
  const now = new Date();
  return {
    session,
    mine,
    roster,
    candidates,
    reaction,
    enrolledCount,
    waitlistCount,
    evaluation,
    canManage,
    canNominate,
    isEmployee: Boolean(user.employeeId),
    enrolmentOpen: session.status === "scheduled" && session.enrolmentOpen && new Date(session.startsAt) > now,
    started: new Date(session.startsAt) <= now,
  };
}

const FLASH: Record<string, MessageKey> = {
  enrol: "training.enrolled",
  cancel: "training.enrolmentCancelled",
  nominate: "training.nominated",
  attendance: "training.attendanceSaved",
  complete: "training.sessionCompleted",
  reaction: "training.reactionLaunched",
  closeReaction: "training.reactionClosed",
  cancelSession: "training.sessionCancelled",
  capacity: "training.capacitySaved",
};

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const { id } = parseParams(args.params, idParam);
  const session = await getSession(db, id);
  invariantResponse(session, 404);
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  const fields = Object.fromEntries(formData);
  const bad = (key: string) => data({ error: key }, { status: 400 });
  try {
    switch (intent) {
      case "enrol": {
        const employee = requireEmployee(args);
        if (!IntentOnly.safeParse(fields).success) return bad("errors.invalidFormat");
        const row = await enrolSelf(db, employee, id);
        return redirectWithFlash(`/training/sessions/${id}`, {
          kind: "success",
          message: row.status === "waitlisted" ? "training.waitlisted" : FLASH.enrol,
        });
      }
      case "cancel": {
        const parsed = EnrolmentIdSchema.safeParse(fields);
        if (!parsed.success) return bad("errors.invalidFormat");
        const result = await cancelEnrolment(db, user, parsed.data.enrolmentId);
        invariantResponse(result, 404);
        break;
      }
      case "nominate": {
        requirePermission(args, "training.nominate");
        const parsed = NominateSchema.safeParse(fields);
        if (!parsed.success) return bad("training.errors.chooseEmployee");
        const number = personNumber(parsed.data.employee);
        const nominee = number ? await db.employee.findUnique({ where: { employeeNo: number }, select: { id: true } }) : null;
        if (!nominee) return bad("training.errors.chooseEmployee");
        // Scope is the service's: a person outside the actor's units is not found there either.
        const row = await nominate(db, user, id, nominee.id);
        if (!row) return bad("training.errors.chooseEmployee");
        break;
      }
      case "attendance": {
        requirePermission(args, "training.manage");
        const sheet = parseAttendanceSheet(formData);
        if (!sheet.ok) return bad(sheet.key);
        await recordAttendance(db, user.userId, id, sheet.entries);
        break;
      }
      case "complete":
        requirePermission(args, "training.manage");
        await completeSession(db, user.userId, id);
        break;
      case "reaction":
        requirePermission(args, "training.manage");
        await launchReactionSurvey(db, user.userId, id);
        break;
      case "closeReaction":
        requirePermission(args, "training.manage");
        invariantResponse(session.reactionSurveyId, 400);
        await closeSurvey(db, user.userId, session.reactionSurveyId);
        break;
      case "cancelSession":
        requirePermission(args, "training.manage");
        await cancelSession(db, user.userId, id);
        break;
      case "capacity": {
        requirePermission(args, "training.manage");
        const parsed = CapacitySchema.safeParse(fields);
        if (!parsed.success) return bad(parsed.error.issues[0]?.message ?? "errors.invalidFormat");
        await updateCapacity(db, user.userId, id, parsed.data.capacity);
        break;
      }
      default:
        return bad("errors.invalidFormat");
    }
  } catch (error) {
    // Every refusal (a session or survey gone too) is answered on the page as a 400.
    return bad(domainError(error, { status: 400 }).message);
  }
  return redirectWithFlash(`/training/sessions/${id}`, { kind: "success", message: FLASH[intent] });
}

export default function SessionPage() {
  const t = useT();
  const locale = useLocale();
  const money = useMoney();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { session, mine } = d;
  const title = locale === "en" ? session.course.titleEn : session.course.titleZh;
  const seatsLeft = Math.max(0, session.capacity - d.enrolledCount);
  return (
    <section>
      <PageHeader title={title} actions={<Link to={`/training/courses/${session.course.id}`}>{t("training.courseDetails")}</Link>}>
        <p>
          <SessionDates startsAt={session.startsAt} endsAt={session.endsAt} /> · {session.place} · {t("training.trainer")} {session.trainer}{" "}
          ·{" "}
          <a href={`/training/sessions/${session.id}.ics`} download data-testid="session-ics">
            {t("training.addToCalendar")}
          </a>
        </p>
        <p>
          {t(`training.format.${session.course.format}`)} ·{" "}
          {t("training.hoursValue", { hours: hoursFromTenths(session.course.hoursTenths) })} ·{" "}
          <span className="badge" data-testid="session-status">
            {t(`training.sessionStatus.${session.status}`)}
          </span>{" "}
          · {t("training.seatsTakenWaiting", { taken: d.enrolledCount, capacity: session.capacity, waiting: d.waitlistCount })}
        </p>
      </PageHeader>
      {result && "error" in result ? <FormErrors errors={[result.error]} /> : null}

      {d.isEmployee ? (
        <div className="panel" data-testid="my-enrolment">
          <h2>{t("training.myPlace")}</h2>
          {mine && mine.status !== "cancelled" ? (
            <>
              <p>
                {mine.status === "waitlisted"
                  ? t("training.onWaitlist", { position: mine.waitlistPosition ?? 0 })
                  : t("training.youAreEnrolled")}
                {mine.completedAt ? ` · ${t("training.completed")}` : ""}
                {mine.certificateNo ? ` · ${t("training.certificate")} ${mine.certificateNo}` : ""}
              </p>
              {d.enrolmentOpen ? (
                <Form method="post">
                  <input type="hidden" name="enrolmentId" value={mine.id} />
                  <ConfirmButton name="intent" value="cancel" confirm={t("training.confirmCancelEnrolment")}>
                    {t("training.cancelEnrolment")}
                  </ConfirmButton>
                </Form>
              ) : null}
            </>
          ) : d.enrolmentOpen ? (
            <Form method="post">
              <p>{seatsLeft > 0 ? t("training.placesFree", { left: seatsLeft }) : t("training.fullJoinWaitlist")}</p>
              <button type="submit" name="intent" value="enrol" className="primary">
                {seatsLeft > 0 ? t("training.enrol") : t("training.joinWaitlist")}
              </button>
            </Form>
          ) : (
            <p className="hint">{t("training.enrolmentClosedHint")}</p>
          )}
          {d.reaction && d.reaction.status === "open" && mine?.completedAt ? (
            <p>
              <Link to={`/surveys/${d.reaction.id}`}>{t("training.giveFeedback")}</Link>
            </p>
          ) : null}
        </div>
      ) : null}

      {d.canNominate && (d.enrolmentOpen || (d.canManage && session.status === "scheduled")) ? (
        <div className="panel">
          <h2>{t("training.nominate")}</h2>
          {d.candidates.length === 0 ? (
            <p className="hint">{t("training.noCandidates")}</p>
          ) : (
            <Form method="post" className="inline-form" key={d.candidates.length}>
              <label htmlFor="nominee">{t("training.employee")}</label>
              <input
                id="nominee"
                name="employee"
                list="nominee-people"
                required
                autoComplete="off"
                placeholder={t("training.nomineePlaceholder")}
                aria-describedby="nominee-hint"
              />
              <PeopleList
                id="nominee-people"
                people={d.candidates.map((c) => ({ label: personLabel(c), note: locale === "en" ? c.unit.nameEn : c.unit.nameZh }))}
              />
              <small id="nominee-hint" className="hint">
                {t("training.nomineeHint", { count: d.candidates.length })}
              </small>
              <button type="submit" name="intent" value="nominate">
                {t("training.nominateButton")}
              </button>
            </Form>
          )}
        </div>
      ) : null}

      {d.canManage || d.canNominate ? (
        <div className="panel">
          <h2>{t("training.roster")}</h2>
          {d.roster.length === 0 ? (
            <EmptyState>{t("training.noRoster")}</EmptyState>
          ) : (
            <AttendanceSheet
              roster={d.roster}
              editable={d.canManage && session.status === "scheduled" && d.started}
              maxScore={session.testMaxScore}
              canCancel={d.enrolmentOpen}
            />
          )}
        </div>
      ) : null}

      {d.canManage ? (
        <div className="panel">
          <h2>{t("training.manageSession")}</h2>
          <p className="hint">
            {t("training.sessionCost")} {money(session.costFen)}
          </p>
          {session.status === "scheduled" ? (
            <>
              <Form method="post" className="inline-form">
                <label htmlFor="capacity">{t("training.capacity")}</label>
                <input id="capacity" name="capacity" type="number" min={1} defaultValue={session.capacity} style={{ width: "6rem" }} />
                <button type="submit" name="intent" value="capacity">
                  {t("common.save")}
                </button>
              </Form>
              <Form method="post" className="inline-form">
                {d.started ? (
                  <ConfirmButton name="intent" value="complete" className="primary" confirm={t("training.confirmComplete")}>
                    {t("training.completeSession")}
                  </ConfirmButton>
                ) : null}
                <ConfirmButton name="intent" value="cancelSession" confirm={t("training.confirmCancelSession")}>
                  {t("training.cancelSession")}
                </ConfirmButton>
              </Form>
            </>
          ) : null}
          {session.status === "completed" ? (
            d.reaction ? (
              <div>
                <p data-testid="reaction-status">
                  {t("training.reactionSurvey")}: {t(`training.surveyStatus.${d.reaction.status}`)} ·{" "}
                  {t("training.responseRate", { answered: d.reaction.answered, invited: d.reaction.invited })}
                </p>
                {d.reaction.status === "open" ? (
                  <Form method="post">
                    <ConfirmButton name="intent" value="closeReaction" className="" confirm={t("training.confirmCloseReaction")}>
                      {t("training.closeReaction")}
                    </ConfirmButton>
                  </Form>
                ) : null}
              </div>
            ) : (
              <Form method="post">
                <p className="hint">{t("training.reactionHint")}</p>
                <button type="submit" name="intent" value="reaction" className="primary">
                  {t("training.launchReaction")}
                </button>
              </Form>
            )
          ) : null}
        </div>
      ) : null}

      {d.evaluation ? (
        <div className="panel" data-testid="session-evaluation">
          <h2>{t("training.eval.title")}</h2>
          <table className="data-table">
            <tbody>
              <tr>
                <th scope="row">{t("training.eval.reaction")}</th>
                <td>
                  <ReactionCell reaction={d.evaluation.reaction} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t("training.eval.learning")}</th>
                <td>
                  <LearningCell learning={d.evaluation.learning} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t("training.eval.behaviour")}</th>
                <td>
                  <BehaviourCell behaviour={d.evaluation.behaviour} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t("training.eval.cost")}</th>
                <td>
                  {t("training.eval.perParticipant")}{" "}
                  {d.evaluation.cost.perParticipant === null ? "—" : money(d.evaluation.cost.perParticipant)} · {t("training.eval.perHour")}{" "}
                  {d.evaluation.cost.perHour === null ? "—" : money(d.evaluation.cost.perHour)}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
