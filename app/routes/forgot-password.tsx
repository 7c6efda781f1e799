import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { useT } from "~/components/i18n";
import { requestPasswordReset } from "~/modules/auth/password-reset.server";
import { db } from "~/utils/db.server";
import { z } from "~/utils/validation";

const ForgotSchema = z.object({ email: z.string().trim().min(1).max(200).email() }).strict();

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.session) throw redirect("/account");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const { throttled } = await requestPasswordReset(db, { email: submission.value.email, address: context.clientAddress });
  if (throttled) return data({ result: submission.reply({ formErrors: ["auth.resetThrottled"] }), sent: false }, { status: 429 });
  // The same answer whether or not the account exists.
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const t = useT();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: answer?.result,
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
  });
  return (
    <section className="auth-card">
      <h1>{t("auth.forgotTitle")}</h1>
      {answer?.sent ? (
        <p role="status" className="notice">
          {t("auth.resetSent")}
        </p>
      ) : (
        <p className="hint">{t("auth.forgotIntro")}</p>
      )}
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.email} label={t("auth.email")} type="email" autoComplete="username" />
        <FormErrors errors={form.errors} />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("auth.sendResetLink")}
        </button>
      </Form>
      <p className="hint">
        <Link to="/login">{t("auth.backToSignIn")}</Link>
      </p>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
