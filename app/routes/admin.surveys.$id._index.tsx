import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, FormErrors, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { ItemList, ItemsEditor } from "~/components/surveys/items-editor";
import { RatesTable } from "~/components/surveys/rates-table";
import { SettingsForm } from "~/components/surveys/settings-form";
import { requirePermission } from "~/modules/auth/guards.server";
import { listUnits } from "~/modules/org/units.server";
import {
  AddItemForm,
  DraftSettingsForm,
  EditItemForm,
  itemFromForm,
  RemoveItemForm,
  SimpleIntentForm,
} from "~/modules/surveys/campaigns/admin-forms";
import { surveyAdminView } from "~/modules/surveys/campaigns/admin-view.server";
import { closeSurvey, deleteDraft, launchSurvey, updateItems, updateSettings } from "~/modules/surveys/campaigns/campaigns.server";
import { newItemId } from "~/modules/surveys/items";
import { sendReminders } from "~/modules/surveys/campaigns/monitoring.server";
import { parsePopulation } from "~/modules/surveys/campaigns/population";
import { dayEnd, dayStart } from "~/modules/surveys/settings";
import { db } from "~/utils/db.server";
import { domainError, refusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, notFound, parseParams } from "~/utils/http.server";
import surveyStyles from "~/styles/surveys.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "survey.manage");
  const { id } = parseParams(args.params, idParam);
  const view = await surveyAdminView(db, user, id);
  invariantResponse(view, 404);
  return view;
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "survey.manage");
  const { id } = parseParams(args.params, idParam);
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/admin/surveys/${id}`;
  try {
    if (intent === "settings") {
      const submission = parseWithZod(formData, { schema: DraftSettingsForm });
      if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
      const current = await db.survey.findUnique({ where: { id }, select: { populationJson: true } });
      if (!current) notFound();
      const { unitIds, tracks, opensOn, closesOn, intent: _intent, ...rest } = submission.value;
      const inScope = new Set((await listUnits(db, user)).map((u) => u.id));
      if (unitIds.some((unitId) => !inScope.has(unitId)))
        return data({ intent, result: submission.reply({ fieldErrors: { unitIds: ["errors.unknownUnit"] } }) }, { status: 400 });
      const previous = parsePopulation(current.populationJson);
      const population = previous.employeeIds ? previous : { unitIds, tracks };
      await updateSettings(db, user.userId, id, { ...rest, opensAt: dayStart(opensOn), closesAt: dayEnd(closesOn), population });
      return redirectWithFlash(here, { kind: "success", message: "surveys.admin.saved" });
    }
    if (intent === "addItem") {
      const submission = parseWithZod(formData, { schema: AddItemForm });
      if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
      await updateItems(db, user.userId, id, (items) => [
        ...items,
        itemFromForm(submission.value, newItemId(items, submission.value.dimension)),
      ]);
      return redirectWithFlash(here, { kind: "success", message: "surveys.admin.itemAdded" });
    }
    if (intent === "editItem" || intent === "removeItem") {
      const parsed = (intent === "editItem" ? EditItemForm : RemoveItemForm).safeParse(Object.fromEntries(formData));
      invariantResponse(parsed.success, 400);
      const value = parsed.data;
      await updateItems(db, user.userId, id, (items) => {
        if (!items.some((i) => i.id === value.itemId)) notFound();
        if ("textZh" in value) return items.map((i) => (i.id === value.itemId ? { ...i, textZh: value.textZh, textEn: value.textEn } : i));
        return items.filter((i) => i.id !== value.itemId);
      });
      return redirectWithFlash(here, {
        kind: "success",
        message: intent === "editItem" ? "surveys.admin.itemSaved" : "surveys.admin.itemRemoved",
      });
    }
    const parsed = SimpleIntentForm.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, 400);
    switch (parsed.data.intent) {
      case "launch":
        await launchSurvey(db, user.userId, id);
        return redirectWithFlash(here, { kind: "success", message: "surveys.admin.launched" });
      case "delete":
        await deleteDraft(db, user.userId, id);
        return redirectWithFlash("/admin/surveys", { kind: "success", message: "surveys.admin.deleted" });
      case "remind":
        await sendReminders(db, user.userId, id);
        return data({ intent, reminded: true });
      case "close":
        await closeSurvey(db, user.userId, id);
        return redirectWithFlash(here, { kind: "success", message: "surveys.admin.closed" });
    }
  } catch (error) {
    const refused = domainError(error);
    return refusal(refused, { intent, formErrors: [refused.message] });
  }
}

type ActionData = { intent: string; result?: Parameters<typeof SettingsForm>[0]["lastResult"]; formErrors?: string[]; reminded?: boolean };

export default function SurveyAdmin() {
  const t = useT();
  const locale = useLocale();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const errorsFor = (intents: string[]) => (actionData && intents.includes(actionData.intent) ? actionData.formErrors : undefined);
  const { settings } = view;
  const title = locale === "en" ? settings.titleEn : settings.titleZh;
  const populationLabel =
    settings.namedCount !== null
      ? t("surveys.admin.namedPopulation", { count: settings.namedCount })
      : view.unitNames.map((u) => (locale === "en" ? u.nameEn : u.nameZh)).join("、") +
        (settings.tracks.length ? ` · ${settings.tracks.map((tr) => t(`track.${tr}`)).join("、")}` : "");

  return (
    <section>
      <PageHeader title={title} actions={<Link to="/admin/surveys">{t("surveys.admin.backToList")}</Link>}>
        <p>
          <span className={`badge ${view.status === "open" ? "ok" : view.status === "draft" ? "warn" : ""}`}>
            {t(`surveys.status.${view.status}`)}
          </span>{" "}
          {settings.opensOn} – {settings.closesOn}
        </p>
      </PageHeader>
      {actionData?.formErrors && !actionData.result ? <FormErrors errors={actionData.formErrors} /> : null}

      {view.status === "draft" ? (
        <>
          <div className="panel">
            <h2>{t("surveys.admin.settings")}</h2>
            <SettingsForm settings={settings} units={view.units} lastResult={resultFor("settings")} />
          </div>
          <div className="panel">
            <h2>{t("surveys.admin.items", { count: view.items.length })}</h2>
            <ItemsEditor items={view.items} dimensions={view.dimensions} lastResult={resultFor("addItem")} />
          </div>
          <div className="panel stack">
            <h2>{t("surveys.admin.launchTitle")}</h2>
            <p data-testid="would-invite">{t("surveys.admin.wouldInvite", { count: view.wouldInvite ?? 0 })}</p>
            {view.recent && view.recent.count > 0 ? (
              <p className="hint" data-testid="recent-arrivals">
                {t("surveys.admin.recentArrivals", { count: view.recent.count, days: view.recent.days })}
              </p>
            ) : null}
            <p className="hint">{t("surveys.admin.launchExplained")}</p>
            <FormErrors errors={errorsFor(["launch", "delete"])} />
            <Form method="post" className="inline-form">
              <ConfirmButton
                name="intent"
                value="launch"
                className="primary"
                confirm={t("surveys.admin.confirmLaunch", { count: view.wouldInvite ?? 0 })}
              >
                {t("surveys.admin.launch")}
              </ConfirmButton>
              <ConfirmButton name="intent" value="delete" confirm={t("surveys.admin.confirmDelete")}>
                {t("surveys.admin.deleteDraft")}
              </ConfirmButton>
            </Form>
          </div>
        </>
      ) : (
        <>
          <div className="panel">
            <h2>{t("surveys.rates.title")}</h2>
            {view.totals ? (
              <p data-testid="totals">
                {view.totals.answered === null
                  ? t("surveys.rates.totalSuppressed", { invited: view.totals.invited })
                  : t("surveys.rates.total", { invited: view.totals.invited, answered: view.totals.answered })}
              </p>
            ) : null}
            <RatesTable rows={view.rates} minGroupSize={settings.minGroupSize} />
          </div>
          {view.status === "open" ? (
            <div className="panel stack">
              <h2>{t("surveys.admin.runTitle")}</h2>
              {actionData?.intent === "remind" && actionData.reminded !== undefined ? (
                <p className="notice success" role="status" data-testid="reminded">
                  {t("surveys.admin.reminded")}
                </p>
              ) : null}
              <FormErrors errors={errorsFor(["remind", "close"])} />
              <p className="hint">{t("surveys.admin.remindExplained")}</p>
              <Form method="post" className="inline-form">
                <button type="submit" name="intent" value="remind">
                  {t("surveys.admin.remind")}
                </button>
                <ConfirmButton name="intent" value="close" confirm={t("surveys.admin.confirmClose")}>
                  {t("surveys.admin.close")}
                </ConfirmButton>
              </Form>
            </div>
          ) : null}
          <div className="panel">
            <h2>{t("surveys.admin.frozenSettings")}</h2>
            <dl className="facts">
              <dt>{t("surveys.admin.population")}</dt>
              <dd>{populationLabel || t("common.none")}</dd>
              <dt>{t("surveys.admin.minGroupSize")}</dt>
              <dd>{settings.minGroupSize}</dd>
              <dt>{t("surveys.admin.minCommentGroupSize")}</dt>
              <dd>{settings.minCommentGroupSize}</dd>
              <dt>{t("surveys.admin.cuts")}</dt>
              <dd>{settings.cuts.map((c) => t(`surveys.cut.${c}`)).join("、") || t("common.none")}</dd>
            </dl>
            <h3>{t("surveys.admin.items", { count: view.items.length })}</h3>
            <ItemList items={view.items} dimensions={view.dimensions} />
          </div>
        </>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
