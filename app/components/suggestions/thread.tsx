import { useLocale, useT } from "~/components/i18n";
import { formatDate } from "~/utils/format";

export type ThreadMessage = {
  id: string;
  seq: number;
  author: "submitter" | "handler" | string;
  body: string | null;
  hiddenReason: string | null;
  signature: { role: string; unitZh: string; unitEn: string; name: string | null } | null;
  sentAt: string | null;
};

const STATUS_TONE: Record<string, string> = { new: "", under_review: "warn", accepted: "ok", implemented: "ok", declined: "bad" };

export function StatusBadge({ status, merged }: { status: string; merged?: boolean }) {
  const t = useT();
  return (
    <span className={`badge ${STATUS_TONE[status] ?? ""}`} data-testid="suggestion-status">
      {t(`suggestions.status.${status}`)}
      {merged ? ` · ${t("suggestions.mergedBadge")}` : ""}
    </span>
  );
}

export function Signature({ signature }: { signature: NonNullable<ThreadMessage["signature"]> }) {
  const t = useT();
  const locale = useLocale();
  const unit = locale === "en" ? signature.unitEn : signature.unitZh;
  return <>{[unit, t(`role.${signature.role}`), signature.name].filter(Boolean).join(" · ")}</>;
}

/** The conversation as the submitter sees it (handlers see the same, plus their own tools). */
export function Thread({ messages, renderExtra }: { messages: ThreadMessage[]; renderExtra?: (m: ThreadMessage) => React.ReactNode }) {
  const t = useT();
  if (messages.length === 0) return <p className="empty-state">{t("suggestions.noReplies")}</p>;
  return (
    <ol className="stack" style={{ listStyle: "none", padding: 0 }} aria-label={t("suggestions.thread")}>
      {messages.map((m) => (
        <li key={m.id} className={m.author === "handler" ? "panel" : "notice"} data-testid={`message-${m.author}`}>
          <p className="hint">
            {m.author === "handler" && m.signature ? <Signature signature={m.signature} /> : t("suggestions.fromSubmitter")}
            {m.sentAt ? ` · ${formatDate(m.sentAt)}` : ""}
          </p>
          {m.body !== null ? (
            <p style={{ whiteSpace: "pre-wrap" }}>{m.body}</p>
          ) : (
            <p className="suppressed">{t("suggestions.replyHidden", { reason: m.hiddenReason ?? "" })}</p>
          )}
          {renderExtra?.(m)}
        </li>
      ))}
    </ol>
  );
}
