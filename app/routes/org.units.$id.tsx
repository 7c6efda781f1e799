import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, Field, FormErrors, PageHeader, SelectField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { UnitFormSchema, UNIT_KINDS } from "~/modules/org/org";
import { listUnits, setUnitActive, updateUnit } from "~/modules/org/units.server";
import { db } from "~/utils/db.server";
import { domainError, refusal, submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";

const EditSchema = UnitFormSchema.extend({ intent: z.literal("save") });
const ActiveSchema = z.object({ intent: z.enum(["deactivate", "activate"]) }).strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "org.manage");
  const { id } = parseParams(args.params, idParam);
  const units = await listUnits(db, user, { includeInactive: true });
  const unit = units.find((u) => u.id === id);
  invariantResponse(unit, 404);
  return { unit, parents: units.filter((u) => u.active && !u.path.startsWith(unit.path)) };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "org.manage");
  const { id } = parseParams(args.params, idParam);
  const formData = await args.request.formData();
  if (formData.get("intent") !== "save") {
    const parsed = ActiveSchema.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, 400);
    try {
      await setUnitActive(db, user.userId, id, parsed.data.intent === "activate");
    } catch (error) {
      const refused = domainError(error);
      return refusal(refused, { status: "error" as const, formErrors: [refused.message] });
    }
    return redirectWithFlash(`/org/units/${id}`, {
      kind: "success",
      message: parsed.data.intent === "activate" ? "org.unitActivated" : "org.unitDeactivated",
    });
  }
  const submission = parseWithZod(formData, { schema: EditSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { intent: _intent, ...input } = submission.value;
    await updateUnit(db, user.userId, id, input);
  } catch (error) {
    return submissionRefusal(error, submission);
  }
  return redirectWithFlash("/org/units", { kind: "success", message: "org.unitSaved" });
}

export default function EditUnit() {
  const t = useT();
  const locale = useLocale();
  const { unit, parents } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const lastResult = result && "initialValue" in result ? result : undefined;
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      code: unit.code,
      nameZh: unit.nameZh,
      nameEn: unit.nameEn,
      kind: unit.kind,
      parentId: unit.parentId ?? "",
      sortOrder: String(unit.sortOrder),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditSchema }),
    shouldRevalidate: "onInput",
  });
  const activeErrors = result && !("initialValue" in result) ? result.formErrors : undefined;
  return (
    <section>
      <PageHeader title={pick(locale, unit)}>
        <p>{unit.active ? t("org.active") : t("org.inactive")}</p>
      </PageHeader>
      <div className="panel">
        <Form method="post" {...getFormProps(form)} className="grid-form">
          <input type="hidden" name="intent" value="save" />
          <Field meta={fields.code} label={t("org.code")} />
          <Field meta={fields.nameZh} label={t("org.nameZh")} />
          <Field meta={fields.nameEn} label={t("org.nameEn")} />
          <SelectField
            meta={fields.kind}
            label={t("org.kind")}
            options={UNIT_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
          />
          <SelectField
            meta={fields.parentId}
            label={t("org.parent")}
            options={parents.map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${pick(locale, u)}` }))}
            placeholder={t("org.noParent")}
          />
          <Field meta={fields.sortOrder} label={t("org.sortOrder")} type="number" />
          <FormErrors errors={form.errors} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </div>
      <div className="panel">
        <Form method="post">
          <FormErrors errors={activeErrors} />
          {unit.active ? (
            <ConfirmButton name="intent" value="deactivate" confirm={t("org.confirmDeactivateUnit")}>
              {t("org.deactivate")}
            </ConfirmButton>
          ) : (
            <button type="submit" name="intent" value="activate">
              {t("org.activate")}
            </button>
          )}
        </Form>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
