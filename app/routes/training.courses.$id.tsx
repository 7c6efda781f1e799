import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, PageHeader, SubmitButton } from "~/components/forms";
import { useLocale, useMoney, useT } from "~/components/i18n";
import { CourseFields } from "~/components/training/course-form";
import { SessionDates } from "~/components/training/dates";
import { EffectivenessPanel } from "~/components/training/effectiveness-panel";
import { SessionForm } from "~/components/training/session-form";
import { withoutIntent } from "~/components/training/form-data";
import { requirePermission, requireUser } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import {
  courseFor,
  createSession,
  getCourse,
  listSessions,
  setCourseActive,
  updateCourse,
} from "~/modules/training/catalogue/catalogue.server";
import { courseEffectiveness } from "~/modules/training/evaluation/effectiveness.server";
import { needsByTopicAndUnit } from "~/modules/training/catalogue/needs.server";
import { courseResults } from "~/modules/training/evaluation/results.server";
import { CourseSchema, hoursFromTenths, SessionSchema } from "~/modules/training/training";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { fenToInput } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { id } = parseParams(args.params, idParam);
  const course = await courseFor(db, user, id);
  invariantResponse(course, 404);
  const canManage = may(user, "training.manage");
  const canReport = may(user, "training.report");
  const sessions = await listSessions(db, { courseId: id, take: 100 });
  let evaluation = null;
  if (canReport) {
    const [effect, results, needs] = await Promise.all([
      courseEffectiveness(db, user, id),
      courseResults(db, user, id),
      needsByTopicAndUnit(db, user),
    ]);
    evaluation = {
      ...effect,
      results,
      needs: course.needTopics.map((topic) => ({ topic, wanted: needs.totals[topic].wanted, urgent: needs.totals[topic].urgent })),
      needsResponses: needs.shownResponses,
    };
  }
  return { course, sessions, canManage, canReport, evaluation };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "training.manage");
  const { id } = parseParams(args.params, idParam);
  const course = await getCourse(db, id);
  invariantResponse(course, 404);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  formData.delete("intent");
  if (intent === "newSession") {
    const submission = parseWithZod(formData, { schema: SessionSchema });
    if (submission.status !== "success") return data({ session: submission.reply() }, { status: 400 });
    try {
      const session = await createSession(db, user.userId, id, submission.value);
      return redirectWithFlash(`/training/sessions/${session.id}`, { kind: "success", message: "training.sessionCreated" });
    } catch (error) {
      return submissionRefusal(error, submission, { on: "form", wrap: (session) => ({ session }) });
    }
  }
  if (intent === "edit") {
    const submission = parseWithZod(formData, { schema: CourseSchema });
    if (submission.status !== "success") return data({ course: submission.reply() }, { status: 400 });
    try {
      await updateCourse(db, user.userId, id, submission.value);
    } catch (error) {
      return submissionRefusal(error, submission, { wrap: (course) => ({ course }) });
    }
    return redirectWithFlash(`/training/courses/${id}`, { kind: "success", message: "training.courseSaved" });
  }
  if (intent === "retire" || intent === "activate") {
    await setCourseActive(db, user.userId, id, intent === "activate");
    return redirectWithFlash(`/training/courses/${id}`, {
      kind: "success",
      message: intent === "activate" ? "training.courseActivated" : "training.courseRetired",
    });
  }
  throw new Response("Bad request", { status: 400 });
}

export default function CoursePage() {
  const t = useT();
  const locale = useLocale();
  const money = useMoney();
  const { course, sessions, canManage, canReport, evaluation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "edit-course",
    lastResult: result && "course" in result ? result.course : undefined,
    defaultValue: {
      code: course.code,
      titleZh: course.titleZh,
      titleEn: course.titleEn,
      topic: course.topic,
      format: course.format,
      hours: String(hoursFromTenths(course.hoursTenths)),
      costYuan: fenToInput(course.costFen),
      grantsCertificate: course.grantsCertificate ? "on" : undefined,
      descriptionZh: course.descriptionZh ?? "",
      descriptionEn: course.descriptionEn ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(withoutIntent(formData), { schema: CourseSchema }),
    shouldRevalidate: "onInput",
  });
  const description = locale === "en" ? course.descriptionEn : course.descriptionZh;
  return (
    <section>
      <PageHeader title={`${locale === "en" ? course.titleEn : course.titleZh}`} actions={<Link to="/training">{t("common.back")}</Link>}>
        <p>
          {course.code} · {t(`training.topic.${course.topic}`)} · {t(`training.format.${course.format}`)} ·{" "}
          {t("training.hoursValue", { hours: hoursFromTenths(course.hoursTenths) })}
          {canManage || canReport ? ` · ${t("training.costPerSession")} ${money(course.costFen)}` : ""}
        </p>
      </PageHeader>
      {description ? <p>{description}</p> : null}
      <p>
        {t("training.addresses")}: {course.needTopics.map((topic) => t(`training.topic.${topic}`)).join("、")}
        {course.grantsCertificate ? <span className="badge ok">{t("training.certificate")}</span> : null}
      </p>
      <h2>{t("training.sessions")}</h2>
      <DataTable
        rows={sessions}
        rowKey={(s) => s.id}
        empty="training.noSessions"
        columns={[
          {
            key: "when",
            header: "training.when",
            cell: (s) => (
              <Link to={`/training/sessions/${s.id}`}>
                <SessionDates startsAt={s.startsAt} endsAt={s.endsAt} />
              </Link>
            ),
          },
          { key: "place", header: "training.place", cell: (s) => s.place },
          { key: "trainer", header: "training.trainer", cell: (s) => s.trainer },
          { key: "status", header: "training.status", cell: (s) => t(`training.sessionStatus.${s.status}`) },
          {
            key: "seats",
            header: "training.seatsTaken",
            numeric: true,
            cell: (s) => t("training.seatsValue", { taken: s._count.enrolments, capacity: s.capacity }),
          },
        ]}
      />
      {canReport && evaluation ? <EffectivenessPanel evaluation={evaluation} /> : null}
      {canManage ? (
        <>
          {course.active ? (
            <div className="panel">
              <h2>{t("training.newSession")}</h2>
              <SessionForm lastResult={result && "session" in result ? result.session : undefined} defaultCostYuan={course.costFen / 100} />
            </div>
          ) : null}
          <details className="panel">
            <summary>{t("training.editCourse")}</summary>
            <Form method="post" {...getFormProps(form)} className="grid-form">
              <input type="hidden" name="intent" value="edit" />
              <CourseFields fields={fields} defaultNeedTopics={course.needTopics} />
              <SubmitButton>{t("common.save")}</SubmitButton>
            </Form>
          </details>
          <Form method="post" className="inline-form">
            {course.active ? (
              <ConfirmButton name="intent" value="retire" confirm={t("training.confirmRetire")}>
                {t("training.retireCourse")}
              </ConfirmButton>
            ) : (
              <button type="submit" name="intent" value="activate">
                {t("training.activateCourse")}
              </button>
            )}
          </Form>
        </>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
