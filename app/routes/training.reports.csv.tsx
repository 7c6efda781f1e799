import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { CSV_KINDS, reportCsv } from "~/modules/training/reports/report-csv.server";
import { yearWindow } from "~/modules/training/reports/reports.server";
import { db } from "~/utils/db.server";
import { getT, isLocale, DEFAULT_LOCALE } from "~/utils/i18n";
import { z } from "~/utils/validation";

const QuerySchema = z.object({ kind: z.enum(CSV_KINDS), year: z.coerce.number().int().min(2000).max(2100) }).strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "training.report");
  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const locale = isLocale(args.context.locale) ? args.context.locale : DEFAULT_LOCALE;
  const csv = await reportCsv(db, user, parsed.data.kind, yearWindow(parsed.data.year), getT(locale), locale);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="training-${parsed.data.kind}-${parsed.data.year}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
