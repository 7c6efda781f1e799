import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import {
  HandlerReplyForm,
  HideForm,
  HideReplyForm,
  MergeForm,
  NoteForm,
  OwnerForm,
  RewardForm,
  StatusForm,
} from "~/components/suggestions/handling-forms";
import { Signature, StatusBadge, Thread } from "~/components/suggestions/thread";
import { requirePermission } from "~/modules/auth/guards.server";
import { unitWhere } from "~/modules/auth/scope";
import { applyHandlingIntent } from "~/modules/suggestions/handling-actions.server";
import { eligibleOwners, getForHandler, signatureFor } from "~/modules/suggestions/handling.server";
import { nextStatuses } from "~/modules/suggestions/rules";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { formatDate, formatDateTime, formatYuan } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "suggestion.handle");
  const { id } = parseParams(args.params, idParam);
  const s = await getForHandler(db, user, id);
  invariantResponse(s, 404);
  const [owners, signature, candidates] = await Promise.all([
    eligibleOwners(db, s.unit.path),
    signatureFor(db, user, false),
    db.suggestion.findMany({
      where: { id: { not: id }, mergedIntoId: null, hiddenReason: null, unit: unitWhere(user) },
      select: { id: true, title: true, period: true },
      orderBy: [{ period: "desc" }, { title: "asc" }],
      take: 100,
    }),
  ]);
  const thread = s.replies.map((r) => ({
    id: r.id,
    seq: r.seq,
    author: r.author,
    body: r.body,
    hiddenReason: r.hiddenReason,
    signature:
      r.author === "handler"
        ? { role: r.signatureRole ?? "", unitZh: r.signatureUnitZh ?? "", unitEn: r.signatureUnitEn ?? "", name: r.signatureName }
        : null,
    sentAt: r.sentAt?.toISOString() ?? null,
  }));
  const { replies: _, ...rest } = s;
  return {
    s: {
      ...rest,
      author: s.author
        ? { name: s.author.employee.name, employeeNo: s.author.employee.employeeNo, submittedAt: s.author.submittedAt.toISOString() }
        : null,
    },
    thread,
    next: nextStatuses(s.status, { merged: Boolean(s.mergedInto) }),
    owners,
    signature: { role: signature.signatureRole, unitZh: signature.signatureUnitZh, unitEn: signature.signatureUnitEn, name: null },
    candidates: s.duplicates.length ? [] : candidates,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "suggestion.handle");
  const { id } = parseParams(args.params, idParam);
  invariantResponse(await getForHandler(db, user, id), 404);
  const outcome = await applyHandlingIntent(db, user, id, await args.request.formData());
  if (!outcome.ok) return data(outcome, { status: 400 });
  return redirectWithFlash(`/manage/suggestions/${id}`, { kind: "success", message: outcome.message });
}

export default function HandleSuggestion() {
  const t = useT();
  const locale = useLocale();
  const { s, thread, next, owners, signature, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string) => (actionData && !actionData.ok && actionData.intent === intent ? actionData.result : undefined);
  const adopted = s.status === "accepted" || s.status === "implemented";
  return (
    <section>
      <PageHeader title={s.title} actions={<Link to="/manage/suggestions">{t("common.back")}</Link>}>
        <p>
          <StatusBadge status={s.mergedInto?.status ?? s.status} merged={Boolean(s.mergedInto)} /> ·{" "}
          {t(`suggestions.category.${s.category}`)} · {pick(locale, s.unit)} ·{" "}
          {s.author
            ? `${s.author.name}（${s.author.employeeNo}）· ${formatDate(s.author.submittedAt)}`
            : `${t("suggestions.identity.anonymous")} · ${s.period}`}
        </p>
      </PageHeader>
      {actionData && !actionData.ok && actionData.intent === null ? <FormErrors errors={actionData.result.error?.[""] ?? null} /> : null}
      {s.anonymous ? <p className="notice">{t("suggestions.anonymousForHandler")}</p> : null}
      {s.mergedInto ? (
        <p className="notice">
          {t("suggestions.mergedInto")} <Link to={`/manage/suggestions/${s.mergedInto.id}`}>{s.mergedInto.title}</Link>
        </p>
      ) : null}
      {s.duplicates.length ? (
        <div className="notice">
          {t("suggestions.duplicates")}
          <ul>
            {s.duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/manage/suggestions/${d.id}`}>{d.title}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="panel">
        {s.hiddenReason ? (
          <>
            <p className="notice warn">{t("suggestions.hiddenBecause", { reason: s.hiddenReason })}</p>
            <details>
              <summary>{t("suggestions.showHidden")}</summary>
              <p style={{ whiteSpace: "pre-wrap" }}>{s.body}</p>
            </details>
            <Form method="post">
              <input type="hidden" name="intent" value="unhide" />
              <button type="submit">{t("suggestions.unhide")}</button>
            </Form>
          </>
        ) : (
          <p style={{ whiteSpace: "pre-wrap" }}>{s.body}</p>
        )}
        {s.status === "declined" && s.declineReason ? (
          <p className="notice warn">{t("suggestions.declinedBecause", { reason: s.declineReason })}</p>
        ) : null}
      </div>

      <div className="card-grid">
        {next.length ? (
          <div className="panel">
            <h2>{t("suggestions.statusLabel")}</h2>
            <StatusForm next={next} lastResult={resultFor("status")} />
          </div>
        ) : null}
        <div className="panel">
          <h2>{t("suggestions.owner")}</h2>
          <OwnerForm owners={owners} current={s.ownerUserId} lastResult={resultFor("owner")} />
        </div>
      </div>

      <h2>{t("suggestions.thread")}</h2>
      <Thread
        messages={thread}
        renderExtra={(m) => (m.author === "submitter" && !m.hiddenReason ? <HideReplyForm replyId={m.id} lastResult={undefined} /> : null)}
      />
      <div className="panel">
        <HandlerReplyForm signature={<Signature signature={signature} />} lastResult={resultFor("reply")} />
      </div>

      <div className="panel">
        <h2>{t("suggestions.notes")}</h2>
        <p className="hint">{t("suggestions.notesHint")}</p>
        {s.notes.length ? (
          <ul className="stack">
            {s.notes.map((n) => (
              <li key={n.id}>
                <span className="hint">
                  {n.author} · {formatDateTime(n.createdAt)}
                </span>
                <p style={{ whiteSpace: "pre-wrap" }}>{n.body}</p>
              </li>
            ))}
          </ul>
        ) : null}
        <NoteForm lastResult={resultFor("note")} />
      </div>

      {!s.anonymous ? (
        <div className="panel">
          <h2>{t("suggestions.reward")}</h2>
          {s.reward ? (
            <p className="notice success">
              {t("suggestions.rewardGiven", { amount: formatYuan(s.reward.amountFen), points: s.reward.points, note: s.reward.note })}
            </p>
          ) : null}
          {adopted ? <RewardForm lastResult={resultFor("reward")} /> : <p className="hint">{t("suggestions.rewardWhenAdopted")}</p>}
        </div>
      ) : null}

      <div className="card-grid">
        {!s.mergedInto && candidates.length ? (
          <div className="panel">
            <h2>{t("suggestions.merge")}</h2>
            <MergeForm candidates={candidates} lastResult={resultFor("merge")} />
          </div>
        ) : null}
        {!s.hiddenReason ? (
          <div className="panel">
            <h2>{t("suggestions.hide")}</h2>
            <HideForm lastResult={resultFor("hide")} />
          </div>
        ) : null}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
