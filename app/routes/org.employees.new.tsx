import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { EmployeeForm } from "~/components/org/employee-form";
import { requirePermission } from "~/modules/auth/guards.server";
import { createEmployee } from "~/modules/org/employees.server";
import { EmployeeSchema } from "~/modules/org/org";
import { listUnits } from "~/modules/org/units.server";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "org.manage");
  const [units, positions] = await Promise.all([
    listUnits(db, user),
    db.position.findMany({ select: { code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } }),
  ]);
  return { units, positions };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "org.manage");
  const formData = await args.request.formData();
  formData.delete("intent");
  const submission = parseWithZod(formData, { schema: EmployeeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const created = await createEmployee(db, user.userId, submission.value);
    return redirectWithFlash(`/org/employees/${created.id}`, { kind: "success", message: "org.employeeCreated" });
  } catch (error) {
    return submissionRefusal(error, submission);
  }
}

export default function NewEmployee() {
  const t = useT();
  const { units, positions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section>
      <PageHeader title={t("org.newEmployee")} />
      <div className="panel">
        <EmployeeForm lastResult={lastResult} units={units} positions={positions} submitLabel={t("common.create")} />
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
