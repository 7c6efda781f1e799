import { formatDate, formatDateTimeRange } from "~/utils/format";

export function SessionDates({ startsAt, endsAt }: { startsAt: string | Date; endsAt: string | Date }) {
  return <>{formatDateTimeRange(startsAt, endsAt)}</>;
}

export function DateText({ value }: { value: string | Date | null }) {
  return <>{formatDate(value)}</>;
}
