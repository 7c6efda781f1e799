import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { signIn } from "~/modules/auth/auth.server";
import { DEVICE_COOKIE, deviceCookie, readCookie, sessionCookie } from "~/modules/auth/cookie.server";
import { deviceToken } from "~/modules/auth/throttle.server";
import { availableSignIns } from "~/modules/identity/sso.server";
import { db } from "~/utils/db.server";
import { safeRedirect } from "~/utils/http.server";
import { z } from "~/utils/validation";

// No max on the password beyond a sanity bound: long passphrases are welcome; policy applies when one is set.
const LoginSchema = z.object({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1024),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.session) throw redirect("/");
  return { signIns: await availableSignIns(db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { email, password, redirectTo } = submission.value;
  const result = await signIn(db, {
    email,
    password,
    address: context.clientAddress,
    deviceToken: readCookie(request.headers.get("cookie"), DEVICE_COOKIE),
  });
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? "auth.throttled"
        : result.reason === "ssoRequired"
          ? "identity.errors.passwordNotAllowed"
          : "auth.invalidCredentials";
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "throttled" ? 429 : result.reason === "ssoRequired" ? 403 : 401,
    });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(result.token, result.expiresAt));
  headers.append("Set-Cookie", deviceCookie(deviceToken(result.userId)));
  return redirect(safeRedirect(redirectTo), { headers });
}

export default function Login() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const { signIns } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  const viaProvider = (["oidc", "wecom", "dingtalk"] as const).filter((p) => signIns[p]);
  const [form, fields] = useForm({
    lastResult,
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <section className="auth-card">
      <h1>{t("auth.signInTitle")}</h1>
      {viaProvider.length ? (
        <div className="sso-buttons">
          {viaProvider.map((p) => (
            <a key={p} className="button" href={`/auth/${p}?${new URLSearchParams({ redirectTo })}`}>
              {t(`identity.signInWith.${p}`)}
            </a>
          ))}
          <p className="hint">{t("identity.orPassword")}</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field meta={fields.email} label={t("auth.email")} type="email" autoComplete="username" />
        <Field meta={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" />
        <FormErrors errors={form.errors} />
        <SubmitButton>{t("auth.signIn")}</SubmitButton>
      </Form>
      <p className="hint">
        <Link to="/forgot-password">{t("auth.forgotLink")}</Link>
      </p>
      <p className="hint">
        {/* An anonymous suggestion is followed up without signing in. */}
        <Link to="/suggestions/follow-up">{t("suggestions.followUp")}</Link>
      </p>
      <p className="hint">{t("auth.firstTimeHint")}</p>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
