import fs from "node:fs";
import path from "node:path";
import { surveyTemplateSchema, type SurveyTemplate } from "./template-schema";

const cache = new Map<string, SurveyTemplate[]>();

/** `["items", 3, "options"]` → `items[3].options` */
function formatPath(segments: (string | number)[]) {
  const joined = segments.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("");
  return joined.replace(/^\./, "") || "(root)";
}

/**
 * Reads and validates every `*.json` template in `dir`. Any problem in any file
 * refuses the whole set, with one error listing file, path and reason for each.
 */
export function loadTemplates(dir = "survey-templates"): SurveyTemplate[] {
  const root = path.resolve(dir);
  const cached = cache.get(root);
  if (cached) return cached;

  const files = fs
    .readdirSync(root)
    .filter((f) => f.endsWith(".json"))
    .sort();
  if (files.length === 0) throw new Error(`No survey templates (*.json) in ${root}`);

  const problems: string[] = [];
  const templates: SurveyTemplate[] = [];
  const fileById = new Map<string, string>();

  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
    } catch (error) {
      problems.push(`${file}: invalid JSON: ${(error as Error).message}`);
      continue;
    }
    const result = surveyTemplateSchema.safeParse(json);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`${file} ${formatPath(issue.path)}: ${issue.message}`);
      continue;
    }
    const template = result.data;
    const expectedId = path.basename(file, ".json");
    if (template.id !== expectedId) {
      problems.push(`${file} id: "${template.id}" does not match the file name (expected "${expectedId}")`);
    }
    const other = fileById.get(template.id);
    if (other) problems.push(`${file} id: "${template.id}" is already used by ${other}`);
    fileById.set(template.id, file);
    templates.push(template);
  }

  if (problems.length > 0) {
    throw new Error(`Invalid survey templates in ${root}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
  cache.set(root, templates);
  return templates;
}

export function listTemplates(): SurveyTemplate[] {
  return loadTemplates();
}

export function getTemplate(id: string): SurveyTemplate | undefined {
  return loadTemplates().find((t) => t.id === id);
}
