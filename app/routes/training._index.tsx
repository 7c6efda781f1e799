import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader, SubmitButton } from "~/components/forms";
import { useLocale, useMoney, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { CourseFields } from "~/components/training/course-form";
import { SessionDates } from "~/components/training/dates";
import { requirePermission, requireUser } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { createCourse, listCourses, listSessions } from "~/modules/training/catalogue/catalogue.server";
import { CourseSchema, FORMATS, hoursFromTenths, TOPICS } from "~/modules/training/training";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { z } from "~/utils/validation";
import { PageParam } from "~/utils/pagination";
import { DataTable } from "~/components/ui/data-table";

const QuerySchema = z.object({
  topic: z.enum(TOPICS).optional().catch(undefined),
  format: z.enum(FORMATS).optional().catch(undefined),
  page: PageParam.optional(),
  retired: z.literal("1").optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const query = QuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const canManage = may(user, "training.manage");
  const [courses, upcoming] = await Promise.all([
    listCourses(db, user, { page: query.page, topic: query.topic, format: query.format, retired: query.retired === "1" }),
    listSessions(db, { upcomingFrom: new Date(), take: 20 }),
  ]);
  return { courses, upcoming, query, canManage, showCost: canManage || may(user, "training.report") };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "training.manage");
  const submission = parseWithZod(await args.request.formData(), { schema: CourseSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  let id: string;
  try {
    ({ id } = await createCourse(db, user.userId, submission.value));
  } catch (error) {
    return submissionRefusal(error, submission);
  }
  return redirectWithFlash(`/training/courses/${id}`, { kind: "success", message: "training.courseCreated" });
}

export default function Catalogue() {
  const t = useT();
  const locale = useLocale();
  const money = useMoney();
  const { courses, upcoming, query, canManage, showCost } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CourseSchema }),
    shouldRevalidate: "onInput",
  });
  const title = (c: { titleZh: string; titleEn: string }) => (locale === "en" ? c.titleEn : c.titleZh);
  return (
    <section>
      <PageHeader title={t("training.catalogueTitle")}>
        <p>{t("training.catalogueIntro")}</p>
      </PageHeader>
      <h2>{t("training.upcomingSessions")}</h2>
      <div className="table-scroll">
        <DataTable
          rows={upcoming}
          rowKey={(s) => s.id}
          empty="training.noUpcoming"
          columns={[
            {
              key: "course",
              header: "training.course",
              cell: (s) => (
                <>
                  <Link to={`/training/sessions/${s.id}`}>{title(s.course)}</Link>{" "}
                  <span className="badge">{t(`training.format.${s.course.format}`)}</span>
                </>
              ),
              sort: (s) => title(s.course),
            },
            {
              key: "when",
              header: "training.when",
              cell: (s) => <SessionDates startsAt={s.startsAt} endsAt={s.endsAt} />,
              sort: (s) => s.startsAt,
            },
            { key: "place", header: "training.place", cell: (s) => s.place, sort: (s) => s.place },
            { key: "trainer", header: "training.trainer", cell: (s) => s.trainer, sort: (s) => s.trainer },
            {
              key: "seats",
              header: "training.seatsTaken",
              numeric: true,
              cell: (s) => t("training.seatsValue", { taken: s._count.enrolments, capacity: s.capacity }),
              sort: (s) => s._count.enrolments,
            },
          ]}
        />
      </div>
      <h2 style={{ marginTop: "1.5rem" }}>{t("training.courses")}</h2>
      <Form method="get" className="filter-bar" role="search">
        <label htmlFor="topic">{t("training.topic")}</label>
        <select id="topic" name="topic" defaultValue={query.topic ?? ""}>
          <option value="">{t("common.all")}</option>
          {TOPICS.map((topic) => (
            <option key={topic} value={topic}>
              {t(`training.topic.${topic}`)}
            </option>
          ))}
        </select>
        <label htmlFor="format">{t("training.formatLabel")}</label>
        <select id="format" name="format" defaultValue={query.format ?? ""}>
          <option value="">{t("common.all")}</option>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`training.format.${f}`)}
            </option>
          ))}
        </select>
        {canManage ? (
          <label>
            <input type="checkbox" name="retired" value="1" defaultChecked={query.retired === "1"} /> {t("training.includeRetired")}
          </label>
        ) : null}
        <button type="submit">{t("common.filter")}</button>
      </Form>
      <div className="table-scroll">
        <DataTable
          rows={courses.rows}
          rowKey={(c) => c.id}
          empty="training.noCourses"
          columns={[
            { key: "code", header: "training.code", cell: (c) => c.code },
            {
              key: "course",
              header: "training.course",
              cell: (c) => (
                <>
                  <Link to={`/training/courses/${c.id}`}>{title(c)}</Link>
                  {c.grantsCertificate ? <span className="badge ok">{t("training.certificate")}</span> : null}
                  {!c.active ? <span className="badge">{t("training.retired")}</span> : null}
                </>
              ),
            },
            { key: "topic", header: "training.topic", cell: (c) => t(`training.topic.${c.topic}`) },
            { key: "format", header: "training.formatLabel", cell: (c) => t(`training.format.${c.format}`) },
            { key: "hours", header: "training.hours", numeric: true, cell: (c) => hoursFromTenths(c.hoursTenths) },
            { key: "cost", header: "training.costPerSession", numeric: true, hidden: !showCost, cell: (c) => money(c.costFen) },
          ]}
        />
      </div>
      {courses.rows.length ? <Pagination page={courses.page} pageCount={courses.pageCount} total={courses.total} /> : null}
      {canManage ? (
        <div className="panel">
          <h2>{t("training.newCourse")}</h2>
          <Form method="post" {...getFormProps(form)} className="grid-form">
            <CourseFields fields={fields} />
            <SubmitButton>{t("common.create")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
