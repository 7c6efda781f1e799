export { formatMoney as money, formatPoints as pts, formatPoints as points } from "~/utils/format";

export const STATUS_BADGE: Record<string, string> = { draft: "badge", reviewed: "badge warn", approved: "badge warn", locked: "badge ok" };
