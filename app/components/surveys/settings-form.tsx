import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ErrorList, Field, FormErrors, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { TRACKS } from "~/modules/org/org";
import { DraftSettingsForm } from "~/modules/surveys/campaigns/admin-forms";
import { CUTS } from "~/modules/surveys/settings";

type Unit = { id: string; nameZh: string; nameEn: string; depth: number };

export type DraftSettings = {
  titleZh: string;
  titleEn: string;
  opensOn: string;
  closesOn: string;
  minGroupSize: number;
  minCommentGroupSize: number;
  cuts: string[];
  unitIds: string[];
  tracks: string[];
  namedCount: number | null;
};

/** Titles, dates, group minimums, cuts and population of a draft survey. */
export function SettingsForm({
  settings,
  units,
  lastResult,
}: {
  settings: DraftSettings;
  units: Unit[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "survey-settings",
    lastResult,
    defaultValue: { ...settings, minGroupSize: String(settings.minGroupSize), minCommentGroupSize: String(settings.minCommentGroupSize) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DraftSettingsForm }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="settings" />
      <div className="grid-form">
        <Field meta={fields.titleZh} label={t("surveys.admin.titleZh")} />
        <Field meta={fields.titleEn} label={t("surveys.admin.titleEn")} />
        <Field meta={fields.opensOn} label={t("surveys.admin.opensOn")} type="date" />
        <Field meta={fields.closesOn} label={t("surveys.admin.closesOn")} type="date" />
        <Field
          meta={fields.minGroupSize}
          label={t("surveys.admin.minGroupSize")}
          type="number"
          min={3}
          hint={t("surveys.admin.minGroupSizeHint")}
        />
        <Field
          meta={fields.minCommentGroupSize}
          label={t("surveys.admin.minCommentGroupSize")}
          type="number"
          min={3}
          hint={t("surveys.admin.minCommentGroupSizeHint")}
        />
      </div>
      <fieldset className="checkbox-group">
        <legend>{t("surveys.admin.cuts")}</legend>
        {CUTS.map((cut) => (
          <label key={cut}>
            <input type="checkbox" name="cuts" value={cut} defaultChecked={settings.cuts.includes(cut)} /> {t(`surveys.cut.${cut}`)}
          </label>
        ))}
        <p className="hint">{t("surveys.admin.cutsHint")}</p>
      </fieldset>
      {settings.namedCount !== null ? (
        <p className="notice">{t("surveys.admin.namedPopulation", { count: settings.namedCount })}</p>
      ) : (
        <>
          <fieldset className="checkbox-group unit-picker">
            <legend>{t("surveys.admin.populationUnits")}</legend>
            {units.map((u) => (
              <label key={u.id} style={{ paddingLeft: `${u.depth * 1.25}rem` }}>
                <input type="checkbox" name="unitIds" value={u.id} defaultChecked={settings.unitIds.includes(u.id)} />{" "}
                {locale === "en" ? u.nameEn : u.nameZh}
              </label>
            ))}
            <p className="hint">{t("surveys.admin.populationUnitsHint")}</p>
            <ErrorList errors={fields.unitIds.errors} />
          </fieldset>
          <fieldset className="checkbox-group">
            <legend>{t("surveys.admin.populationTracks")}</legend>
            {TRACKS.map((track) => (
              <label key={track}>
                <input type="checkbox" name="tracks" value={track} defaultChecked={settings.tracks.includes(track)} /> {t(`track.${track}`)}
              </label>
            ))}
          </fieldset>
        </>
      )}
      <FormErrors errors={form.errors} />
      <SubmitButton>{t("surveys.admin.saveSettings")}</SubmitButton>
    </Form>
  );
}
