import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { payrollCsv } from "~/modules/pay/views.server";
import { db } from "~/utils/db.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";

/** An export is audited, and a GET never writes: the file is fetched with a POST (the run page's button). */
export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "pay.manage");
  return new Response("Method Not Allowed: export the payroll from the pay run page", {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** The payroll file for the payroll system; HR only, every export audited. */
export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "pay.manage");
  const { id } = parseParams(args.params, idParam);
  const run = await db.payRun.findUnique({ where: { id }, select: { periodCode: true, status: true } });
  invariantResponse(run, 404);
  const csv = await payrollCsv(db, id);
  await audit(db, { actorId: user.userId, action: "pay.run.export", entity: "PayRun", entityId: id, after: { status: run.status } });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="payroll-${run.periodCode.replace(/[^A-Za-z0-9-]/g, "")}-${run.status}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
