import { z } from "~/utils/validation";
import { BoundedMap } from "~/utils/bounded-map";
import { surveyTemplateSchema, type SurveyItem } from "./campaigns/template-schema";

export type { SurveyItem };

/** The longest free-text answer kept; longer text is refused, not cut. */
export const MAX_TEXT_ANSWER = 2000;

const storedItemsSchema = z.array(
  z
    .object({
      id: z.string(),
      dimension: z.string(),
      type: z.enum(["likert5", "single", "multiple", "nps", "text"]),
      textZh: z.string(),
      textEn: z.string(),
      options: z.array(z.object({ id: z.string(), labelZh: z.string(), labelEn: z.string() })).optional(),
      required: z.boolean(),
      outcome: z.literal(true).optional(),
    })
    .strip(),
);

/** Parsed item lists by their stored text: a launched survey's items never change, and every answer reads them. */
const parsedItems = new BoundedMap<string, SurveyItem[]>(32);

/** The items of a survey as stored in `Survey.itemsJson`. The list is shared: read it, never change it. */
export function parseItems(itemsJson: string): SurveyItem[] {
  let items = parsedItems.get(itemsJson);
  if (!items) {
    items = storedItemsSchema.parse(JSON.parse(itemsJson));
    parsedItems.set(itemsJson, items);
  }
  return items;
}

/** Validates an edited item list with the template rules (ids, dimensions, options, one outcome). */
export function checkItems(template: { dimensions: { id: string; nameZh: string; nameEn: string }[] }, items: SurveyItem[]) {
  return surveyTemplateSchema.safeParse({
    id: "edited",
    version: 1,
    titleZh: "-",
    titleEn: "-",
    descriptionZh: "-",
    descriptionEn: "-",
    dimensions: template.dimensions,
    items,
  });
}

function itemAnswerSchema(item: SurveyItem) {
  const optionIds = (item.options ?? []).map((o) => o.id) as [string, ...string[]];
  switch (item.type) {
    case "likert5":
      return z.number().int().min(1).max(5);
    case "nps":
      return z.number().int().min(0).max(10);
    case "single":
      return z.enum(optionIds);
    case "multiple":
      return z
        .array(z.enum(optionIds))
        .min(1)
        .max(optionIds.length)
        .refine((values) => new Set(values).size === values.length, "errors.invalidChoice");
    case "text":
      return z.string().trim().max(MAX_TEXT_ANSWER);
  }
}

/**
 * The answers to a survey's items: one key per item id, nothing else. Required items must
 * be answered; optional ones may be left out. Shared by the form and the service.
 */
const answerSchemas = new WeakMap<SurveyItem[], ReturnType<typeof buildAnswersSchema>>();

/** The schema of one survey's answers (built once per item list). */
export function answersSchema(items: SurveyItem[]) {
  let schema = answerSchemas.get(items);
  if (!schema) answerSchemas.set(items, (schema = buildAnswersSchema(items)));
  return schema;
}

function buildAnswersSchema(items: SurveyItem[]) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const item of items) {
    const schema = itemAnswerSchema(item);
    if (item.type === "text") {
      const text = schema as z.ZodString;
      shape[item.id] = item.required ? text.min(1) : text.optional().transform((v) => (v ? v : undefined));
    } else {
      shape[item.id] = item.required ? schema : schema.optional();
    }
  }
  return z.object(shape).strict();
}

export type Answers = Record<string, number | string | string[] | undefined>;

export type AnswerRow = { itemId: string; value: number; text: string | null };

/**
 * Rows for `SurveyAnswer`: the scale value, the option index (one row per chosen option) or,
 * for text, value 0 and the text. Unanswered optional items leave no row.
 */
export function answerRows(items: SurveyItem[], answers: Answers): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const item of items) {
    const answer = answers[item.id];
    if (answer === undefined || answer === "") continue;
    const optionIndex = (id: string) => (item.options ?? []).findIndex((o) => o.id === id);
    switch (item.type) {
      case "likert5":
      case "nps":
        rows.push({ itemId: item.id, value: Number(answer), text: null });
        break;
      case "single":
        rows.push({ itemId: item.id, value: optionIndex(String(answer)), text: null });
        break;
      case "multiple":
        for (const id of answer as string[]) rows.push({ itemId: item.id, value: optionIndex(id), text: null });
        break;
      case "text":
        rows.push({ itemId: item.id, value: 0, text: String(answer) });
        break;
    }
  }
  return rows;
}

/** A new item's id: the dimension's prefix and the next free number, e.g. "pay-performance-x1". */
export function newItemId(items: SurveyItem[], dimension: string) {
  for (let n = 1; ; n++) {
    const id = `${dimension}-x${n}`;
    if (!items.some((i) => i.id === id)) return id;
  }
}
