import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CandidateTable, NominationTable, QuotaPanel } from "~/components/careers/cycle-panels";
import { ConfirmButton, FormErrors, PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import {
  advanceCycle,
  candidates,
  decide,
  getCycle,
  nominate,
  nominationsInScope,
  quotasInScope,
  setQuota,
} from "~/modules/careers/cycles.server";
import { DecideSchema, NominateSchema, QuotaSchema } from "~/modules/careers/schemas";
import { listUnits } from "~/modules/org/units.server";
import { db } from "~/utils/db.server";
import { domainError } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { formatDate } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "career.review");
  const { id } = parseParams(args.params, idParam);
  const cycle = await getCycle(db, id);
  invariantResponse(cycle, 404);
  const url = new URL(args.request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const eligibleOnly = url.searchParams.get("eligible") === "1";
  const [list, nominations, quotas, units] = await Promise.all([
    cycle.status === "nominating" ? candidates(db, user, id, { page, eligibleOnly }) : null,
    nominationsInScope(db, user, id),
    quotasInScope(db, user, id),
    listUnits(db, user),
  ]);
  return {
    cycle,
    candidates: list,
    eligibleOnly,
    nominations,
    quotas,
    units: units.map((u) => ({ id: u.id, nameZh: u.nameZh, nameEn: u.nameEn, depth: u.depth })),
    canManage: may(user, "career.manage"),
  };
}

type Errors = { errors: Record<string, string[] | null>; target?: string };

export async function action(args: ActionFunctionArgs) {
  const { id } = parseParams(args.params, idParam);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const fail = (key: string, target?: string) => data<Errors>({ errors: { form: [key] }, target }, { status: 400 });
  try {
    if (intent === "nominate") {
      const user = requirePermission(args, "career.review");
      const parsed = parseWithZod(formData, { schema: NominateSchema });
      if (parsed.status !== "success")
        return data<Errors>({ errors: parsed.reply().error ?? {}, target: String(formData.get("employeeId") ?? "") }, { status: 400 });
      const saved = await nominate(db, user, {
        cycleId: id,
        employeeId: parsed.value.employeeId,
        justification: parsed.value.justification,
      });
      invariantResponse(saved, 404);
      return redirectWithFlash(`/careers/cycles/${id}`, { kind: "success", message: "careers.nominated" });
    }
    const user = requirePermission(args, "career.manage");
    if (intent === "decide") {
      const parsed = parseWithZod(formData, { schema: DecideSchema });
      if (parsed.status !== "success")
        return data<Errors>({ errors: parsed.reply().error ?? {}, target: String(formData.get("nominationId") ?? "") }, { status: 400 });
      try {
        invariantResponse(await decide(db, user.userId, { cycleId: id, ...parsed.value }), 404);
      } catch (error) {
        return fail(domainError(error).message, parsed.value.nominationId);
      }
      return redirectWithFlash(`/careers/cycles/${id}`, { kind: "success", message: "careers.decisionSaved" });
    }
    if (intent === "quota") {
      const parsed = parseWithZod(formData, { schema: QuotaSchema });
      if (parsed.status !== "success") return data<Errors>({ errors: parsed.reply().error ?? {}, target: "quota" }, { status: 400 });
      await setQuota(db, user.userId, id, parsed.value.unitId, parsed.value.posts);
      return redirectWithFlash(`/careers/cycles/${id}`, { kind: "success", message: "careers.quotaSaved" });
    }
    invariantResponse(intent === "advance", 400);
    const result = await advanceCycle(db, user.userId, id);
    invariantResponse(result, 404);
    return redirectWithFlash(`/careers/cycles/${id}`, {
      kind: "success",
      message: result.status === "completed" ? "careers.cycleCompleted" : "careers.cycleReviewing",
    });
  } catch (error) {
    return fail(
      domainError(error).message,
      intent === "quota" ? "quota" : intent === "advance" ? "advance" : String(formData.get("employeeId") ?? ""),
    );
  }
}

export default function Cycle() {
  const t = useT();
  const { cycle, candidates: list, eligibleOnly, nominations, quotas, units, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorsFor = (target: string): string[] | undefined =>
    result && result.target === target ? Object.values(result.errors).flatMap((e) => (e ?? []) as string[]) : undefined;
  return (
    <section>
      <PageHeader title={cycle.name} actions={<Link to="/careers/cycles">{t("careers.cyclesTitle")}</Link>}>
        <p data-testid="cycle-status">
          {t(`careers.cycleStatus.${cycle.status}`)} · {t("careers.effectiveDate")} {formatDate(cycle.effectiveDate)}
        </p>
      </PageHeader>
      {canManage && cycle.status !== "completed" ? (
        <Form method="post" className="panel inline-form">
          <p className="hint">
            {t(cycle.status === "nominating" ? "careers.advanceToReviewHint" : "careers.completeHint", {
              date: formatDate(cycle.effectiveDate),
            })}
          </p>
          <FormErrors errors={errorsFor("advance")} />
          <ConfirmButton
            name="intent"
            value="advance"
            className="primary"
            confirm={t(cycle.status === "nominating" ? "careers.confirmReview" : "careers.confirmComplete")}
          >
            {t(cycle.status === "nominating" ? "careers.startReview" : "careers.completeCycle")}
          </ConfirmButton>
        </Form>
      ) : null}
      <QuotaPanel quotas={quotas} units={units} canManage={canManage && cycle.status !== "completed"} errors={errorsFor("quota")} />
      <NominationTable nominations={nominations} canDecide={canManage && cycle.status === "reviewing"} errorsFor={errorsFor} />
      {list ? <CandidateTable list={list} eligibleOnly={eligibleOnly} errorsFor={errorsFor} /> : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
