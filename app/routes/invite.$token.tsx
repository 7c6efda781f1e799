import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { acceptInvitation, findInvitation } from "~/modules/auth/auth.server";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { createSession } from "~/modules/auth/session.server";
import { passwordSignInAllowed } from "~/modules/identity/policy.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { z } from "~/utils/validation";

const SetPasswordSchema = z
  .object({ password: z.string().min(1).max(1024), confirm: z.string().min(1).max(1024) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.passwordMismatch" });

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findInvitation(db, params.token ?? "");
  return { valid: Boolean(invitation), email: invitation?.user.email ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SetPasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password", "confirm"] }), { status: 400 });
  const result = await acceptInvitation(db, params.token ?? "", submission.value.password);
  if (!result.ok) {
    const field = result.error === "errors.invitationInvalid" ? "formErrors" : "password";
    return data(
      submission.reply(
        field === "formErrors"
          ? { formErrors: [result.error], hideFields: ["password", "confirm"] }
          : { fieldErrors: { password: [result.error] }, hideFields: ["password", "confirm"] },
      ),
      { status: 400 },
    );
  }
  const owner = await db.user.findUniqueOrThrow({ where: { id: result.userId }, select: { role: true } });
  if (!(await passwordSignInAllowed(db, owner.role)))
    return redirectWithFlash("/login", { kind: "success", message: "identity.passwordSetUseSso" });
  const session = await createSession(db, result.userId);
  return redirect("/", { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } });
}

export default function AcceptInvitation() {
  const t = useT();
  const { valid, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetPasswordSchema }),
    shouldRevalidate: "onInput",
  });
  if (!valid) {
    return (
      <section className="auth-card">
        <h1>{t("invite.title")}</h1>
        <p role="alert">{t("errors.invitationInvalid")}</p>
      </section>
    );
  }
  return (
    <section className="auth-card">
      <h1>{t("invite.title")}</h1>
      <p>{t("invite.intro", { email: email ?? "" })}</p>
      <p className="hint">{t("account.passwordRules")}</p>
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.password} label={t("account.newPassword")} type="password" autoComplete="new-password" />
        <Field meta={fields.confirm} label={t("account.confirmPassword")} type="password" autoComplete="new-password" />
        <FormErrors errors={form.errors} />
        <SubmitButton>{t("invite.submit")}</SubmitButton>
      </Form>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
