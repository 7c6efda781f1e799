import { dictionaries } from "~/locales";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export type MessageKey = keyof (typeof dictionaries)["zh-CN"];
export type Params = Record<string, string | number>;
export type T = (key: MessageKey | (string & {}), params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * A message may carry its parameters, as produced by `msg()`:
 * `errors.tooLong::{"max":200}`. Validation errors travel this way from Zod to the page.
 */
const PARAM_SEPARATOR = "::";

export function msg(key: MessageKey, params?: Params) {
  return params ? `${key}${PARAM_SEPARATOR}${JSON.stringify(params)}` : key;
}

function interpolate(text: string, params?: Params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function getT(locale: Locale): T {
  const dictionary = dictionaries[locale] as Record<string, string>;
  return (raw, params) => {
    let key = raw;
    let merged = params;
    const at = raw.indexOf(PARAM_SEPARATOR);
    if (at > 0) {
      key = raw.slice(0, at);
      try {
        merged = { ...JSON.parse(raw.slice(at + PARAM_SEPARATOR.length)), ...params };
      } catch {
        merged = params;
      }
    }
    const text = dictionary[key];
    return text === undefined ? key : interpolate(text, merged);
  };
}

/** Picks the zh-CN or English variant of a bilingual record field. */
export function pick<T extends { nameZh: string; nameEn: string }>(locale: Locale, record: T) {
  return locale === "en" ? record.nameEn : record.nameZh;
}
