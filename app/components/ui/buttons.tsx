import { useEffect, useState } from "react";
import { useT } from "~/components/i18n";

/**
 * Copies a code or token to the clipboard and says so for a moment. Without the clipboard (an
 * old browser, a page not served over HTTPS) it selects nothing and says it could not copy, so
 * the person copies by hand; the value stays on the page either way.
 */
export function CopyButton({ value, label = "common.copy" }: { value: string; label?: "common.copy" | "common.copyCode" }) {
  const t = useT();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className="copy-button"
      data-testid="copy-button"
      onClick={() => {
        const clipboard = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
        if (!clipboard) return setState("failed");
        clipboard.writeText(value).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
    >
      <span aria-live="polite">{state === "copied" ? t("common.copied") : state === "failed" ? t("common.copyFailed") : t(label)}</span>
    </button>
  );
}

/** Opens the browser's print dialog (the page's print styles leave out navigation and buttons). */
export function PrintButton() {
  const t = useT();
  return (
    <button type="button" className="no-print" data-testid="print-button" onClick={() => window.print()}>
      {t("common.print")}
    </button>
  );
}
