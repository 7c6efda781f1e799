import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, ErrorList, Field, FormErrors, PageHeader, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { requirePermission } from "~/modules/auth/guards.server";
import { grantableScopes, SCOPE_NAMES } from "~/modules/integration/scopes";
import { createApiToken, listApiTokens, revokeApiToken } from "~/modules/integration/tokens.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
import { z } from "~/utils/validation";
import { pageFromUrl } from "~/utils/pagination";
import { formatDateTime } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";
import { CopyButton } from "~/components/ui/buttons";

const PAGE_SIZE = 25;
const DAY = 24 * 60 * 60 * 1000;

const CreateSchema = z
  .object({
    intent: z.literal("create"),
    name: z.string().trim().min(1).max(80),
    scopes: z
      .array(z.enum(SCOPE_NAMES as [string, ...string[]]), { required_error: "integration.errors.scopeRequired" })
      .min(1, "integration.errors.scopeRequired"),
    expiresInDays: z.coerce.number().int().min(1, "integration.errors.expiryRange").max(365, "integration.errors.expiryRange").default(90),
    rateLimitPerMinute: z.coerce.number().int().min(1).max(6000).default(120),
  })
  .strict();
const RevokeSchema = z.object({ intent: z.literal("revoke"), id: z.string().min(1).max(64) }).strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "api.tokens");
  const page = pageFromUrl(args.request.url);
  const list = await listApiTokens(db, { page, pageSize: PAGE_SIZE });
  return {
    ...list,
    tokens: list.tokens.map((tok) => ({
      ...tok,
      createdAt: tok.createdAt.toISOString(),
      expiresAt: tok.expiresAt.toISOString(),
      revokedAt: tok.revokedAt?.toISOString() ?? null,
      lastUsedAt: tok.lastUsedAt?.toISOString() ?? null,
    })),
    page,
    now: new Date().toISOString(),
    grantable: grantableScopes(user.role),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "api.tokens");
  const formData = await args.request.formData();
  if (formData.get("intent") === "revoke") {
    const parsed = RevokeSchema.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, 400);
    invariantResponse(await revokeApiToken(db, user.userId, parsed.data.id), 404);
    return redirectWithFlash("/admin/api-tokens", { kind: "success", message: "tokens.revoked" });
  }
  const submission = parseWithZod(formData, { schema: CreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const grantable = new Set<string>(grantableScopes(user.role));
  if (submission.value.scopes.some((s) => !grantable.has(s))) {
    return data(
      { result: submission.reply({ fieldErrors: { scopes: ["integration.errors.scopeNotGrantable"] } }), created: null },
      { status: 403 },
    );
  }
  const { name, scopes, expiresInDays, rateLimitPerMinute } = submission.value;
  const { token } = await createApiToken(db, user.userId, {
    name,
    scopes: scopes as typeof SCOPE_NAMES,
    expiresAt: new Date(Date.now() + expiresInDays * DAY),
    rateLimitPerMinute,
  });
  // Shown in this one answer only; the page's cache headers keep it out of any cache.
  return data({ result: submission.reply({ resetForm: true }), created: { name, token } }, { headers: { "Cache-Control": "no-store" } });
}

export default function ApiTokens() {
  const t = useT();
  const { tokens, total, page, pageCount, grantable, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ name: string; scopes: string[]; expiresInDays: string; rateLimitPerMinute: string }>({
    lastResult: actionData?.result,
    defaultValue: { expiresInDays: "90", rateLimitPerMinute: "120" },
    // Validated on the server only: scope grants depend on the role, which only the server knows for sure.
  });
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : t("tokens.never"));
  const status = (tok: (typeof tokens)[number]) => (tok.revokedAt ? "revoked" : tok.expiresAt < now ? "expired" : "active");
  return (
    <section>
      <PageHeader title={t("tokens.title")}>
        <p className="hint">{t("tokens.intro")}</p>
        <p className="hint">{t("tokens.docsHint")}</p>
      </PageHeader>

      {actionData?.created ? (
        <div className="notice success" role="status" data-testid="new-token">
          <strong>
            {t("tokens.created")}: {actionData.created.name}
          </strong>
          <p>{t("tokens.showOnce")}</p>
          <code style={{ userSelect: "all", wordBreak: "break-all" }}>{actionData.created.token}</code>{" "}
          <CopyButton value={actionData.created.token} />
        </div>
      ) : null}

      <DataTable
        rows={tokens}
        rowKey={(tok) => tok.id}
        empty="tokens.none"
        columns={[
          { key: "name", header: "tokens.name", cell: (tok) => tok.name },
          { key: "prefix", header: "tokens.prefix", cell: (tok) => <code>{tok.prefix}…</code> },
          { key: "scopes", header: "tokens.scopes", cell: (tok) => tok.scopes.map((s) => t(`scope.${s}`)).join("、") },
          {
            key: "createdBy",
            header: "tokens.createdBy",
            cell: (tok) => (
              <>
                {tok.createdBy}
                <br />
                <small className="hint">{when(tok.createdAt)}</small>
              </>
            ),
          },
          { key: "expiresAt", header: "tokens.expiresAt", cell: (tok) => when(tok.expiresAt) },
          { key: "lastUsed", header: "tokens.lastUsed", cell: (tok) => when(tok.lastUsedAt) },
          {
            key: "status",
            header: "tokens.status",
            cell: (tok) => <span className={`badge ${status(tok) === "active" ? "ok" : "bad"}`}>{t(`tokens.status.${status(tok)}`)}</span>,
          },
          {
            key: "actions",
            header: "common.actions",
            cell: (tok) =>
              status(tok) === "revoked" ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="id" value={tok.id} />
                  <ConfirmButton confirm={t("tokens.revokeConfirm")}>{t("tokens.revoke")}</ConfirmButton>
                </Form>
              ),
          },
        ]}
      />
      {tokens.length ? <Pagination page={page} pageCount={pageCount} total={total} /> : null}

      <div className="panel">
        <h2>{t("tokens.new")}</h2>
        <Form method="post" {...getFormProps(form)} className="grid-form">
          <input type="hidden" name="intent" value="create" />
          <Field meta={fields.name} label={t("tokens.name")} hint={t("tokens.nameHint")} />
          <fieldset className="field" aria-describedby={fields.scopes.errorId}>
            <legend>{t("tokens.scopes")}</legend>
            {grantable.map((scope) => (
              <label key={scope}>
                <input type="checkbox" name={fields.scopes.name} value={scope} defaultChecked={false} /> {t(`scope.${scope}`)}{" "}
                <code>{scope}</code>
              </label>
            ))}
            <ErrorList id={fields.scopes.errorId} errors={fields.scopes.errors} />
          </fieldset>
          <Field meta={fields.expiresInDays} label={t("tokens.expiresInDays")} type="number" min={1} max={365} />
          <Field meta={fields.rateLimitPerMinute} label={t("tokens.rateLimit")} type="number" min={1} max={6000} />
          <FormErrors errors={form.errors} />
          <SubmitButton>{t("common.create")}</SubmitButton>
        </Form>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
