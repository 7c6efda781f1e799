import { Form, Link, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/components/i18n";
import type { ClosedReport } from "~/modules/surveys/reports/report.server";

type Item = NonNullable<ClosedReport["comments"]>[number];

const OTHER = "other";
const PAGE = 20;

/** A link to the same report with some search params changed (null removes one), landing on `anchor`. */
function useHref() {
  const [params] = useSearchParams();
  return (changes: Record<string, string | null>, anchor: string) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    const query = next.toString();
    return `${query ? `?${query}` : "?"}#${anchor}`;
  };
}

/**
 * The comments of a group that may show them: a search over every item, and per item its
 * themes (chips with counts, each a link that filters), the same comment once with "×n", 20 more
 * at a time. Everything is a link or a GET form, so it works without JavaScript.
 */
export function ReportComments({ items }: { items: Item[] }) {
  const t = useT();
  const [params] = useSearchParams();
  const q = params.get("cq") ?? "";
  const href = useHref();
  const kept = [...params].filter(([name]) => name !== "cq" && !name.startsWith("cn."));
  return (
    <>
      <Form method="get" className="comment-search no-print" role="search" preventScrollReset>
        {kept.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label htmlFor="comment-search">{t("reports.commentsSearch")}</label>
        <div className="comment-search-row">
          <input id="comment-search" type="search" name="cq" defaultValue={q} maxLength={100} />
          <button type="submit">{t("reports.commentsSearchApply")}</button>
          {q ? (
            <Link to={href({ cq: null }, "comments")} data-testid="comment-search-clear">
              {t("reports.commentsSearchClear")}
            </Link>
          ) : null}
        </div>
      </Form>
      {items.map((item) => (
        <ItemComments key={item.itemId} item={item} searching={q !== ""} href={href} />
      ))}
    </>
  );
}

function ItemComments({
  item,
  searching,
  href,
}: {
  item: Item;
  searching: boolean;
  href: (changes: Record<string, string | null>, anchor: string) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const anchor = `comments-${item.itemId}`;
  const themeHref = (key: string | null) => href({ [`ct.${item.itemId}`]: key, [`cn.${item.itemId}`]: null }, anchor);
  const chips = [
    ...item.themes.map((theme) => ({ key: theme.key, label: theme.label, count: theme.count })),
    ...(item.other > 0 && item.themes.length > 0 ? [{ key: OTHER, label: t("reports.commentsOther"), count: item.other }] : []),
  ];
  const rest = item.matching - item.shown.length;
  return (
    <div className="report-comments" id={anchor} data-testid="report-comments">
      <h3>{locale === "en" ? item.textEn : item.textZh}</h3>
      {item.total === 0 ? (
        <p className="hint">{t("reports.commentsNone")}</p>
      ) : (
        <>
          <p className="hint">
            {t(item.themes.length > 0 ? "reports.commentsTotal" : "reports.commentsTotalNoThemes", { total: item.total })}
          </p>
          {chips.length > 0 ? (
            <nav aria-label={t("reports.commentsThemes")}>
              <ul className="theme-chips" data-testid="theme-chips">
                <li>
                  <Link to={themeHref(null)} className="theme-chip" aria-current={item.theme === null ? "true" : undefined}>
                    {t("reports.commentsAll")} <span className="theme-count">{item.total}</span>
                  </Link>
                </li>
                {chips.map((chip) => (
                  <li key={chip.key}>
                    <Link
                      to={themeHref(chip.key)}
                      className="theme-chip"
                      aria-current={item.theme === chip.key ? "true" : undefined}
                      data-testid="theme-chip"
                    >
                      {chip.label} <span className="theme-count">{chip.count}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {(searching || item.theme !== null) && item.matching > 0 ? (
            <p className="hint" data-testid="comments-matching">
              {t("reports.commentsMatching", { people: item.people })}
            </p>
          ) : null}
          {item.matching === 0 ? (
            <p className="hint">{t("reports.commentsNoMatch")}</p>
          ) : (
            <ul className="comment-list" data-testid="comment-list">
              {item.shown.map((entry, i) => (
                <li key={entry.text} id={i > 0 && i % PAGE === 0 ? `${anchor}-${i}` : undefined}>
                  <span className="comment-text">{entry.text}</span>
                  {entry.count > 1 ? (
                    <span className="badge comment-same" title={t("reports.commentsSame", { count: entry.count })}>
                      {`×${entry.count}`}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {rest > 0 ? (
            <p className="comment-more">
              <span className="hint">{t("reports.commentsShown", { shown: item.shown.length, matching: item.matching })}</span>{" "}
              <Link to={href({ [`cn.${item.itemId}`]: String(item.limit + PAGE) }, `${anchor}-${item.limit}`)} data-testid="comments-more">
                {t("reports.commentsMore", { n: Math.min(PAGE, rest) })}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
