import { Link, useLocation } from "@remix-run/react";
import { useT } from "./i18n";

export function Pagination({ page, pageCount, total }: { page: number; pageCount: number; total: number }) {
  const t = useT();
  const location = useLocation();
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("common.pagination")}>
      <span>{t("common.pageOf", { page, pageCount, total })}</span>
      {page > 1 ? <Link to={href(page - 1)}>{t("common.previous")}</Link> : null}
      {page < pageCount ? <Link to={href(page + 1)}>{t("common.next")}</Link> : null}
    </nav>
  );
}
