import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { CsvUploadForm, ImportErrorTable } from "~/components/csv-import";
import { requirePermission } from "~/modules/auth/guards.server";
import { CSV_COLUMNS } from "~/modules/org/csv-import";
import { importEmployees } from "~/modules/org/employees.server";
import { db } from "~/utils/db.server";

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "org.manage");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "org.manage");
  const length = Number(args.request.headers.get("content-length") ?? 0);
  if (length > MAX_CSV_BYTES + 10_000)
    return data({ ok: false as const, errors: [{ row: 0, message: "import.errors.tooLarge" }], text: "" }, { status: 413 });
  const formData = await args.request.formData();
  const file = formData.get("file");
  const pasted = formData.get("text");
  let text = typeof pasted === "string" ? pasted : "";
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_CSV_BYTES)
      return data({ ok: false as const, errors: [{ row: 0, message: "import.errors.tooLarge" }], text: "" }, { status: 413 });
    text = await file.text();
  }
  if (!text.trim()) return data({ ok: false as const, errors: [{ row: 0, message: "import.errors.empty" }], text }, { status: 400 });
  const result = await importEmployees(db, user.userId, text);
  if (!result.ok) return data({ ok: false as const, errors: result.errors, text: text.length <= 200_000 ? text : "" }, { status: 400 });
  return { ok: true as const, created: result.created, updated: result.updated };
}

export default function ImportEmployees() {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const header = CSV_COLUMNS.join(",");
  return (
    <section>
      <PageHeader title={t("org.importCsv")}>
        <p>{t("import.intro")}</p>
      </PageHeader>
      <div className="panel">
        <p>
          {t("import.columns")} <code>{header}</code>
        </p>
        <p className="hint">{t("import.rules")}</p>
        <a
          download="employees-template.csv"
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(`${header}\nE009001,张三,e009001@ge.example.com,JC-GE-FIN,AM,skill,S3,2020-03-01,E000002\n`)}`}
        >
          {t("import.downloadTemplate")}
        </a>
        <CsvUploadForm busy={busy} keptText={result && !result.ok ? result.text : ""} />
      </div>
      {result?.ok ? (
        <div className="notice success" role="status">
          {t("import.done", { created: result.created, updated: result.updated })}
        </div>
      ) : null}
      {result && !result.ok ? <ImportErrorTable errors={result.errors} /> : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
