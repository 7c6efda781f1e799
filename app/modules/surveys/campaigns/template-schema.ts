import { z } from "zod";

export const ITEM_TYPES = ["likert5", "single", "multiple", "nps", "text"] as const;
export const itemTypeSchema = z.enum(ITEM_TYPES);
export type ItemType = z.infer<typeof itemTypeSchema>;

const CHOICE_TYPES: readonly ItemType[] = ["single", "multiple"];

/** Labels of the five points of every likert5 item, 1 → 5. */
export const LIKERT5_LABELS = {
  zh: ["非常不同意", "不同意", "一般", "同意", "非常同意"],
  en: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"],
} as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a kebab-case slug (a-z, 0-9, -)");
const text = z.string().trim().min(1, "must not be empty");

const dimensionSchema = z.object({ id: slug, nameZh: text, nameEn: text }).strict();

const optionSchema = z.object({ id: slug, labelZh: text, labelEn: text }).strict();

const itemSchema = z
  .object({
    id: slug,
    dimension: slug,
    type: itemTypeSchema,
    textZh: text,
    textEn: text,
    options: z.array(optionSchema).min(2).optional(),
    required: z.boolean().optional(),
    outcome: z.literal(true).optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    const isChoice = CHOICE_TYPES.includes(item.type);
    if (isChoice && !item.options) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["options"], message: `${item.type} items need options` });
    }
    if (!isChoice && item.options) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["options"],
        message: `options are only allowed on single and multiple items, not ${item.type}`,
      });
    }
    // Driver analysis correlates item scores with the outcome, so it must be a scale.
    if (item.outcome && item.type !== "likert5") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["outcome"], message: "the outcome item must be likert5" });
    }
    const seen = new Set<string>();
    item.options?.forEach((option, i) => {
      if (seen.has(option.id)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["options", i, "id"],
          message: `duplicate option id "${option.id}"`,
        });
      }
      seen.add(option.id);
    });
  });

export const surveyTemplateSchema = z
  .object({
    id: slug,
    version: z.number().int().positive(),
    titleZh: text,
    titleEn: text,
    descriptionZh: text,
    descriptionEn: text,
    dimensions: z.array(dimensionSchema).min(1),
    items: z.array(itemSchema).min(1),
  })
  .strict()
  .superRefine((template, ctx) => {
    const dimensionIds = new Set<string>();
    template.dimensions.forEach((dimension, i) => {
      if (dimensionIds.has(dimension.id)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["dimensions", i, "id"],
          message: `duplicate dimension id "${dimension.id}"`,
        });
      }
      dimensionIds.add(dimension.id);
    });

    const itemIds = new Set<string>();
    let outcomes = 0;
    template.items.forEach((item, i) => {
      if (itemIds.has(item.id)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["items", i, "id"], message: `duplicate item id "${item.id}"` });
      }
      itemIds.add(item.id);
      if (!dimensionIds.has(item.dimension)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["items", i, "dimension"],
          message: `unknown dimension "${item.dimension}"`,
        });
      }
      if (item.outcome && ++outcomes > 1) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["items", i, "outcome"],
          message: "only one item may be the outcome item",
        });
      }
    });
  })
  // Defaulted here, not per item: a transform on an invalid item would abort the
  // whole template and hide the cross-item problems from the error report.
  .transform((template) => ({
    ...template,
    items: template.items.map((item) => ({ ...item, required: item.required ?? item.type !== "text" })),
  }));

export type SurveyTemplate = z.output<typeof surveyTemplateSchema>;
export type SurveyItem = SurveyTemplate["items"][number];
