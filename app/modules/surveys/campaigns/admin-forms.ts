import { TRACKS } from "~/modules/org/org";
import { z } from "~/utils/validation";
import { ITEM_TYPES, type SurveyItem } from "./template-schema";
import { refineSettings, SettingsFields } from "../settings";

const recordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "errors.invalidFormat");
const itemText = z.string().trim().min(1).max(500);

/** The forms of the survey admin page, one per intent; shared by the page and its action. */
export const DraftSettingsForm = SettingsFields.extend({
  intent: z.literal("settings"),
  unitIds: z.array(recordId).max(500).default([]),
  tracks: z.array(z.enum(TRACKS)).max(TRACKS.length).default([]),
})
  .strict()
  .superRefine(refineSettings);

export const EditItemForm = z.object({ intent: z.literal("editItem"), itemId: recordId, textZh: itemText, textEn: itemText }).strict();

export const RemoveItemForm = z.object({ intent: z.literal("removeItem"), itemId: recordId }).strict();

export const AddItemForm = z
  .object({
    intent: z.literal("addItem"),
    dimension: z.string().trim().min(1).max(64),
    type: z.enum(ITEM_TYPES),
    textZh: itemText,
    textEn: itemText,
    /** Choice items: one option per line, "中文 | English". */
    options: z.string().trim().max(3000).optional(),
    required: z.literal("on").optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const choice = value.type === "single" || value.type === "multiple";
    const options = parseOptionLines(value.options ?? "");
    if (choice && (options === null || options.length < 2))
      ctx.addIssue({ code: "custom", path: ["options"], message: "surveys.errors.optionsNeeded" });
    if (!choice && value.options) ctx.addIssue({ code: "custom", path: ["options"], message: "surveys.errors.optionsOnlyForChoice" });
  });

export const SimpleIntentForm = z.object({ intent: z.enum(["launch", "delete", "remind", "close"]) }).strict();

/** "是 | Yes" per line → options; null when a line lacks either language. */
export function parseOptionLines(text: string) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const options = lines.map((line, i) => {
    const [zh, en] = line.split("|").map((p) => p.trim());
    return zh && en ? { id: `o${i + 1}`, labelZh: zh.slice(0, 200), labelEn: en.slice(0, 200) } : null;
  });
  return options.every(Boolean) ? (options as NonNullable<(typeof options)[number]>[]) : null;
}

/** The item an add-item form describes, with a fresh id. */
export function itemFromForm(value: z.infer<typeof AddItemForm>, id: string): SurveyItem {
  const choice = value.type === "single" || value.type === "multiple";
  return {
    id,
    dimension: value.dimension,
    type: value.type,
    textZh: value.textZh,
    textEn: value.textEn,
    ...(choice ? { options: parseOptionLines(value.options ?? "") ?? [] } : {}),
    required: value.required === "on",
  };
}
