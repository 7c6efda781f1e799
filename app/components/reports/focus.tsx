import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/components/i18n";
import type { ClosedReport } from "~/modules/surveys/reports/report.server";
import type { FocusArea, MatrixPoint, Quadrant } from "~/modules/surveys/reports/focus-areas";
import { formatDecimal } from "~/utils/format";
import { pct } from "./chart";

type Props = { report: ClosedReport; planHref: string | null };

export const QUADRANT_COLOURS: Record<Quadrant, string> = {
  keep: "#2e7d32",
  act: "#c62828",
  maintain: "#1d4ed8",
  watch: "#6b7280",
};

function useDimensionName(report: ClosedReport) {
  const locale = useLocale();
  return (id: string) => {
    const d = report.dimensions.find((x) => x.id === id);
    return d ? (locale === "en" ? d.nameEn : d.nameZh) : id;
  };
}

/** The first thing a head reads: what to keep, what to improve first, what moved, and the way to the action plan. */
export function FocusSection({ report, planHref }: Props) {
  const t = useT();
  const locale = useLocale();
  const dimName = useDimensionName(report);
  const focus = report.focus;
  const outcome = report.items.find((i) => i.id === report.outcomeItemId);
  const outcomeText = outcome ? (locale === "en" ? outcome.textEn : outcome.textZh) : "";
  const total = focus?.matrix.length ?? 0;
  const planFor = (dimension: string) => (planHref ? `${planHref}&${new URLSearchParams({ focus: dimension })}` : null);

  const list = (areas: FocusArea[], kind: "strengths" | "opportunities") => (
    <div className={`focus-list focus-${kind}`} data-testid={`focus-${kind}`}>
      <h3>{t(`reports.focus.${kind}`)}</h3>
      {areas.length === 0 ? (
        <p className="hint">{t(`reports.focus.${kind}None`)}</p>
      ) : (
        <ol>
          {areas.map((a) => {
            const href = planFor(a.dimension);
            return (
              <li key={a.dimension} data-dimension={a.dimension}>
                <strong>{dimName(a.dimension)}</strong>
                <span className="hint">
                  {" "}
                  {t("reports.focus.favourable", { share: pct(a.favourable) })}
                  {a.rank !== null ? ` · ${t("reports.focus.rank", { rank: a.rank, total })}` : null}
                </span>
                {href ? (
                  <>
                    {" "}
                    <Link to={href} className="no-print" aria-label={`${t("reports.focus.planThis")}: ${dimName(a.dimension)}`}>
                      {t("reports.focus.planThis")}
                    </Link>
                  </>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );

  return (
    <section className="panel focus" data-testid="focus-areas">
      <div className="focus-head">
        <h2>{t("reports.focus.title")}</h2>
        {planHref ? (
          <Link to={planHref} className="button primary no-print" data-testid="plan-link">
            {t("reports.actionPlanEdit")}
          </Link>
        ) : null}
      </div>
      {!focus ? (
        <p className="hint">{t("reports.focus.none")}</p>
      ) : (
        <>
          <p className="hint">{t("reports.focus.intro")}</p>
          <div className="focus-grid">
            <div>
              {list(focus.opportunities, "opportunities")}
              {list(focus.strengths, "strengths")}
            </div>
            {focus.byImpact ? (
              <ScoreImpactMatrix
                points={focus.matrix}
                average={focus.averageFavourable}
                dimName={dimName}
                help={t("reports.focus.impactHelp", { outcome: outcomeText })}
              />
            ) : (
              <p className="hint">{t("reports.focus.scoreOnly")}</p>
            )}
          </div>
        </>
      )}
      <Changes report={report} />
    </section>
  );
}

function Changes({ report }: { report: ClosedReport }) {
  const t = useT();
  const locale = useLocale();
  const dimName = useDimensionName(report);
  const previous = report.previous;
  if (!previous || !report.changes) return null;
  const wave = locale === "en" ? previous.titleEn : previous.titleZh;
  const changes = [...report.changes.rises, ...report.changes.falls];
  return (
    <div className="focus-changes" data-testid="focus-changes">
      <h3>{t("reports.changes.title")}</h3>
      {!previous.dimensions ? (
        <p className="hint">{t("reports.changes.suppressed")}</p>
      ) : changes.length === 0 ? (
        <p className="hint">{t("reports.changes.none", { wave })}</p>
      ) : (
        <ul>
          {changes.map((c) => (
            <li key={c.dimension} className={c.points > 0 ? "change-up" : "change-down"} data-dimension={c.dimension}>
              <span aria-hidden="true">{c.points > 0 ? "▲ " : "▼ "}</span>
              {t(c.points > 0 ? "reports.changes.up" : "reports.changes.down", {
                name: dimName(c.dimension),
                wave,
                points: Math.abs(c.points),
              })}{" "}
              <span className="badge">{t(`reports.changes.size.${c.size}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const W = 320;
const H = 230;
const PAD = { left: 22, right: 8, top: 8, bottom: 22 };

/**
 * Dimensions placed by favourable share (across) and impact relative to the other dimensions (up),
 * with the unit's average score and the average impact as the lines between the four quadrants.
 * Numbers in the dots match the list beside it; the exact figures are in each dot's title.
 */
export function ScoreImpactMatrix({
  points,
  average,
  dimName,
  help,
}: {
  points: MatrixPoint[];
  average: number;
  dimName: (id: string) => string;
  help: string;
}) {
  const t = useT();
  const favs = points.map((p) => p.favourable);
  const lo = Math.max(0, Math.floor((Math.min(...favs, average) - 0.05) * 10) / 10);
  const hi = Math.min(1, Math.ceil((Math.max(...favs, average) + 0.05) * 10) / 10);
  const reach = Math.max(1.5, ...points.map((p) => Math.abs(p.impact))) * 1.15;
  const x = (f: number) => PAD.left + ((f - lo) / (hi - lo || 1)) * (W - PAD.left - PAD.right);
  // Dots keep clear of the quadrant labels in the corners.
  const inner = { top: PAD.top + 22, bottom: H - PAD.bottom - 20 };
  const y = (impact: number) => inner.top + ((reach - impact) / (2 * reach)) * (inner.bottom - inner.top);
  const midX = x(average);
  const midY = y(0);
  const corner = (q: Quadrant, cx: number, cy: number, anchor: "start" | "end") => (
    <text x={cx} y={cy} textAnchor={anchor} className="quadrant-label" fill={QUADRANT_COLOURS[q]}>
      {t(`reports.quadrant.${q}`)}
    </text>
  );
  const ordered = [...points].sort((a, b) => a.rank - b.rank || b.favourable - a.favourable);
  return (
    <figure className="score-impact" data-testid="score-impact">
      <figcaption>{t("reports.matrix.title")}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t("reports.matrix.title")}>
        <rect x={PAD.left} y={PAD.top} width={W - PAD.left - PAD.right} height={H - PAD.top - PAD.bottom} className="plot" />
        <line x1={midX} x2={midX} y1={PAD.top} y2={H - PAD.bottom} className="divider" />
        <line x1={PAD.left} x2={W - PAD.right} y1={midY} y2={midY} className="divider" />
        {corner("act", PAD.left + 4, PAD.top + 12, "start")}
        {corner("keep", W - PAD.right - 4, PAD.top + 12, "end")}
        {corner("watch", PAD.left + 4, H - PAD.bottom - 5, "start")}
        {corner("maintain", W - PAD.right - 4, H - PAD.bottom - 5, "end")}
        <text x={PAD.left} y={H - 6} className="axis-label">
          {pct(lo)}
        </text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="axis-label">
          {pct(hi)}
        </text>
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 6} textAnchor="middle" className="axis-label">
          {t("reports.matrix.x")}
        </text>
        <text
          x={12}
          y={(PAD.top + H - PAD.bottom) / 2}
          textAnchor="middle"
          className="axis-label"
          transform={`rotate(-90 12 ${(PAD.top + H - PAD.bottom) / 2})`}
        >
          {t("reports.matrix.y")}
        </text>
        {ordered.map((p, i) => (
          <g key={p.dimension} data-dimension={p.dimension} data-quadrant={p.quadrant}>
            <title>
              {t("reports.matrix.point", {
                name: dimName(p.dimension),
                share: pct(p.favourable),
                rank: p.rank,
                total: points.length,
                r: formatDecimal(p.r, 2),
              })}
            </title>
            <circle cx={x(p.favourable)} cy={y(p.impact)} r={9} fill={QUADRANT_COLOURS[p.quadrant]} />
            <text x={x(p.favourable)} y={y(p.impact) + 4} textAnchor="middle" className="dot-label">
              {i + 1}
            </text>
          </g>
        ))}
      </svg>
      <ol className="score-impact-legend">
        {ordered.map((p) => (
          <li key={p.dimension}>
            <span className="swatch" style={{ background: QUADRANT_COLOURS[p.quadrant] }} aria-hidden="true" />
            {dimName(p.dimension)} <span className="hint">· {t(`reports.quadrant.${p.quadrant}`)}</span>
          </li>
        ))}
      </ol>
      <p className="hint">
        {t("reports.matrix.average", { share: pct(average) })} {help}
      </p>
    </figure>
  );
}
