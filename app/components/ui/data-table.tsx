import { Form, useLocation } from "@remix-run/react";
import { useMemo, type HTMLAttributes, type ReactNode } from "react";
import { useLocale, useT } from "~/components/i18n";
import { nextSort, parseSort, SORT_PARAM, sortRows, type SortValue } from "~/utils/table-sort";

export type Column<Row> = {
  /** Names the column (React key, `?sort=` value). */
  key: string;
  /** A translation key for the header (also the label of the cell on a narrow screen). */
  header: string;
  /** Parameters for the header's message. */
  headerParams?: Record<string, string | number>;
  /** What the cell shows. */
  cell: (row: Row, index: number) => ReactNode;
  /** Sortable: the value to sort by in the browser (`sort="client"`), or just `true` when the loader sorts. */
  sort?: ((row: Row) => SortValue) | true;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Extra class for the column's cells, or for a given row's cell. */
  className?: string | ((row: Row) => string | undefined);
  /** Leaves the column out (a column only some roles see). */
  hidden?: boolean;
  /** A row header (`<th scope="row">`) instead of a plain cell. */
  rowHeader?: boolean;
  /**
   * How many columns this cell covers in a given row (it and the next ones), e.g. one "suppressed" note
   * across the figures; a cell that covers several is a note, not a figure, and is not right-aligned.
   */
  span?: (row: Row) => number | undefined;
};

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | undefined };

/**
 * The app's table: translated headers, sorting through the URL (`?sort=key`, `?sort=-key`),
 * a translated empty state, `th scope` and `aria-sort`, and rows that become stacked cards on a
 * narrow screen (each cell labelled with its column's header, see `.data-table.stacked` in app.css).
 *
 * `sort="server"`: the loader reads `?sort=` (`sortFromUrl`) and gives the rows in that order;
 * a click resets `?page=`. `sort="client"` (the default): the rows are sorted here, stably.
 */
export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  empty = "common.noRows",
  emptyParams,
  sort = "client",
  sortParam = SORT_PARAM,
  caption,
  className,
  testId,
  rowProps,
  footer,
  stacked = true,
}: {
  rows: readonly Row[];
  columns: Column<Row>[];
  rowKey: (row: Row, index: number) => string | number;
  /** A translation key shown instead of the table when there are no rows; null shows the table anyway. */
  empty?: string | null;
  emptyParams?: Record<string, string | number>;
  sort?: "client" | "server";
  sortParam?: string;
  /** A caption (already translated), for screen readers and print. */
  caption?: ReactNode;
  className?: string;
  testId?: string;
  rowProps?: (row: Row, index: number) => RowAttributes;
  footer?: ReactNode;
  /** Rows become cards on a narrow screen (off for wide matrices that scroll instead). */
  stacked?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const shown = columns.filter((c) => !c.hidden);
  const sortable = shown.filter((c) => c.sort).map((c) => c.key);
  const params = new URLSearchParams(location.search);
  const current = parseSort(params.get(sortParam), sortable);

  const ordered = useMemo(() => {
    if (!current || sort === "server") return rows;
    const column = shown.find((c) => c.key === current.key);
    if (!column || typeof column.sort !== "function") return rows;
    const collator = new Intl.Collator(locale, { numeric: true });
    return sortRows(rows, column.sort, current.direction, collator.compare);
    // `shown` is rebuilt each render; the order depends only on the key, direction and rows.
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, current?.key, current?.direction, sort, locale]);

  if (rows.length === 0 && empty !== null) {
    return (
      <p className="empty-state" data-testid={testId}>
        {t(empty, emptyParams)}
      </p>
    );
  }

  // A sort control is a GET form's button (the row links stay the table's only links); the other params are kept.
  const kept = [...params.entries()].filter(([name]) => name !== sortParam && !(sort === "server" && name === "page"));

  const classes = ["data-table", stacked ? "stacked" : "", className ?? ""].filter(Boolean).join(" ");
  return (
    <table className={classes} data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {shown.map((c) => {
            const label = c.header ? t(c.header, c.headerParams) : "";
            const sorted = current?.key === c.key ? current.direction : undefined;
            return (
              <th key={c.key} scope="col" className={c.numeric ? "num" : undefined} aria-sort={c.sort ? (sorted ?? "none") : undefined}>
                {c.sort ? (
                  <Form method="get" action={location.pathname} preventScrollReset replace className="sort-form">
                    {kept.map(([name, value], i) => (
                      <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
                    ))}
                    <button type="submit" name={sortParam} value={nextSort(current, c.key)} className="sort-link">
                      {label}
                      <span className="sort-mark" aria-hidden="true">
                        {sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : "↕"}
                      </span>
                    </button>
                  </Form>
                ) : (
                  label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {ordered.map((row, i) => (
          <tr key={rowKey(row, i)} {...rowProps?.(row, i)}>
            {rowCells(shown, row).map(({ column: c, colSpan }) => {
              const extra = typeof c.className === "function" ? c.className(row) : c.className;
              const cls = [c.numeric && !colSpan ? "num" : "", extra ?? ""].filter(Boolean).join(" ") || undefined;
              const label = c.header ? t(c.header, c.headerParams) : undefined;
              return c.rowHeader ? (
                <th key={c.key} scope="row" className={cls} data-label={label} colSpan={colSpan}>
                  {c.cell(row, i)}
                </th>
              ) : (
                <td key={c.key} className={cls} data-label={label} colSpan={colSpan}>
                  {c.cell(row, i)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {footer ? <tfoot>{footer}</tfoot> : null}
    </table>
  );
}

/** The cells of a row: each column's, except those covered by an earlier cell's `span`. */
export function rowCells<Row>(columns: readonly Column<Row>[], row: Row): { column: Column<Row>; colSpan?: number }[] {
  const cells: { column: Column<Row>; colSpan?: number }[] = [];
  for (let n = 0; n < columns.length;) {
    const wanted = columns[n].span?.(row);
    const colSpan = wanted && wanted > 1 ? Math.min(wanted, columns.length - n) : undefined;
    cells.push(colSpan ? { column: columns[n], colSpan } : { column: columns[n] });
    n += colSpan ?? 1;
  }
  return cells;
}
