import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { CsvUploadForm, ImportErrorTable } from "~/components/csv-import";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { importActuals } from "~/modules/kpi/actuals.server";
import { parseActualsCsv } from "~/modules/kpi/csv.server";
import { ACTUAL_COLUMNS } from "~/modules/kpi/kpi";
import { getPeriod, listKpis } from "~/modules/kpi/library.server";
import { db } from "~/utils/db.server";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";

const Params = z.object({ periodId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const MAX_CSV_BYTES = 5 * 1024 * 1024;

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "kpi.manage");
  const { periodId } = parseParams(args.params, Params);
  const period = await getPeriod(db, periodId);
  invariantResponse(period, 404);
  return { period, kpis: await listKpis(db, { activeOnly: true }) };
}

type Failure = { ok: false; errors: { row: number; field?: string; message: string }[]; text: string };

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "kpi.manage");
  const { periodId } = parseParams(args.params, Params);
  invariantResponse(await getPeriod(db, periodId), 404);
  const fail = (errors: Failure["errors"], text: string, status = 400) =>
    data<Failure>({ ok: false, errors, text: text.length <= 200_000 ? text : "" }, { status });
  if (Number(args.request.headers.get("content-length") ?? 0) > MAX_CSV_BYTES + 10_000)
    return fail([{ row: 0, message: "import.errors.tooLarge" }], "", 413);
  const formData = await args.request.formData();
  const file = formData.get("file");
  const pasted = formData.get("text");
  let text = typeof pasted === "string" ? pasted : "";
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_CSV_BYTES) return fail([{ row: 0, message: "import.errors.tooLarge" }], "", 413);
    text = await file.text();
  }
  if (!text.trim()) return fail([{ row: 0, message: "import.errors.empty" }], text);
  const kpis = await listKpis(db);
  const parsed = parseActualsCsv(text, new Map(kpis.map((k) => [k.code, k.unit])));
  if (parsed.errors.length) return fail(parsed.errors, text);
  const result = await importActuals(db, user.userId, periodId, parsed.rows, { source: "csv" });
  if (!result.ok) return fail(result.errors, text);
  return { ok: true as const, upserted: result.upserted };
}

export default function ImportActuals() {
  const t = useT();
  const locale = useLocale();
  const { period, kpis } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const header = ACTUAL_COLUMNS.join(",");
  return (
    <section>
      <PageHeader title={t("kpi.importTitle", { period: period.code })}>
        <p>
          <Link to={`/kpi/periods/${period.id}`}>{t("common.back")}</Link> · {t("import.intro")}
        </p>
      </PageHeader>
      {period.status !== "open" ? <p className="notice warn">{t("kpi.errors.periodClosed")}</p> : null}
      <div className="panel">
        <p>
          {t("import.columns")} <code>{header}</code>
        </p>
        <p className="hint">{t("kpi.importRules")}</p>
        <details>
          <summary>{t("kpi.codesAndUnits")}</summary>
          <DataTable
            rows={kpis}
            rowKey={(k) => k.id}
            empty={null}
            stacked={false}
            columns={[
              { key: "code", header: "org.code", cell: (k) => <code>{k.code}</code> },
              { key: "name", header: "kpi.name", cell: (k) => pick(locale, k) },
              { key: "unit", header: "kpi.unit", cell: (k) => t(`kpi.unitTyped.${k.unit}`) },
            ]}
          />
        </details>
        <a
          download="kpi-actuals-template.csv"
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(`${header}\nE000004,NEW_CONTRACT_REV,850000.00\nE000004,ARREARS_RATE,4.50\n`)}`}
        >
          {t("import.downloadTemplate")}
        </a>
        <CsvUploadForm busy={busy} keptText={result && !result.ok ? result.text : ""} />
      </div>
      {result?.ok ? (
        <div className="notice success" role="status">
          {t("kpi.importDone", { count: result.upserted })} <Link to={`/kpi/periods/${period.id}`}>{t("kpi.seeScores")}</Link>
        </div>
      ) : null}
      {result && !result.ok ? <ImportErrorTable errors={result.errors} /> : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
