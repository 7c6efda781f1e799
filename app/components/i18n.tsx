import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LOCALE, getT, isLocale, type Locale } from "~/utils/i18n";
import { formatMoney } from "~/utils/format";

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: string } | undefined;
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
}

export function useT() {
  const locale = useLocale();
  return useMemo(() => getT(locale), [locale]);
}

/** Formats integer fen as yuan for display, e.g. 123456 → "¥1,234.56" (see `~/utils/format`). */
export function useMoney() {
  const locale = useLocale();
  return useMemo(() => (fen: number) => formatMoney(fen, locale), [locale]);
}
