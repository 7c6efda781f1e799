import { Form } from "@remix-run/react";
import { useT } from "./i18n";
import { EMPTY } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

export type ImportError = { row: number; field?: string; message: string };

/** A CSV upload (file or pasted text) that keeps the pasted text after a refusal. */
export function CsvUploadForm({ busy, keptText }: { busy: boolean; keptText?: string }) {
  const t = useT();
  return (
    <Form method="post" encType="multipart/form-data" className="stack">
      <div className="field">
        <label htmlFor="file">{t("import.file")}</label>
        <input id="file" name="file" type="file" accept=".csv,text/csv" />
      </div>
      <div className="field">
        <label htmlFor="text">{t("import.orPaste")}</label>
        <textarea id="text" name="text" rows={8} defaultValue={keptText ?? ""} />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t("import.working") : t("import.submit")}
      </button>
    </Form>
  );
}

const SHOWN = 500;

/** Every row error of a refused import, with its row number (the header is row 1). */
export function ImportErrorTable({ errors }: { errors: ImportError[] }) {
  const t = useT();
  return (
    <div className="panel" role="alert">
      <h2>{t("import.failed", { count: errors.length })}</h2>
      <DataTable
        testId="import-errors"
        rows={errors.slice(0, SHOWN)}
        rowKey={(_e, i) => i}
        empty={null}
        columns={[
          { key: "row", header: "import.row", cell: (e) => e.row || EMPTY },
          { key: "field", header: "import.field", cell: (e) => (typeof e.field === "string" && e.field ? e.field : EMPTY) },
          { key: "problem", header: "import.problem", cell: (e) => t(e.message) },
        ]}
      />
      {errors.length > SHOWN ? <p>{t("import.moreErrors", { count: errors.length - SHOWN })}</p> : null}
    </div>
  );
}
