import { useEffect, useState } from "react";
import type { Flash } from "~/utils/flash.server";
import { useT } from "./i18n";

export function Toast({ flash }: { flash: Flash }) {
  const t = useT();
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), 6000);
    return () => clearTimeout(timer);
  }, [flash]);
  if (!visible) return null;
  return (
    <div role="status" className={`toast toast-${flash.kind}`}>
      {t(flash.message)}
    </div>
  );
}
