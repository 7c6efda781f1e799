/** Declares one message group in both languages; the English side must have exactly the Chinese keys. */
export function defineMessages<const Zh extends Record<string, string>>(zh: Zh, en: { [K in keyof Zh]: string }) {
  return { "zh-CN": zh, en } as const;
}
