import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { RecordView } from "~/components/training/record-view";
import { requireUser } from "~/modules/auth/guards.server";
import { employeeForRecord, trainingRecord } from "~/modules/training/sessions/record.server";
import { db } from "~/utils/db.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { id } = parseParams(args.params, idParam);
  // Someone else's record is readable only with the report permission and inside scope; otherwise it does not exist for the reader.
  const employee = await employeeForRecord(db, user, id);
  invariantResponse(employee, 404);
  return { employee, record: await trainingRecord(db, id) };
}

export default function PersonTraining() {
  const t = useT();
  const locale = useLocale();
  const { employee, record } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader title={t("training.record.title", { name: employee.name })}>
        <p>
          {employee.employeeNo} · {locale === "en" ? employee.unit.nameEn : employee.unit.nameZh} ·{" "}
          {locale === "en" ? employee.position.nameEn : employee.position.nameZh}
        </p>
      </PageHeader>
      <RecordView record={record} />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
