import { useLocale } from "~/components/i18n";

const TZ = "Asia/Shanghai";

export function SessionDates({ startsAt, endsAt }: { startsAt: string | Date; endsAt: string | Date }) {
  const locale = useLocale();
  const day = new Intl.DateTimeFormat(locale, { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" });
  const time = new Intl.DateTimeFormat(locale, { timeZone: TZ, hour: "2-digit", minute: "2-digit", hour12: false });
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  const sameDay = day.format(s) === day.format(e);
  return (
    <>
      {day.format(s)} {time.format(s)} – {sameDay ? "" : `${day.format(e)} `}
      {time.format(e)}
    </>
  );
}

export function DateText({ value }: { value: string | Date | null }) {
  const locale = useLocale();
  if (!value) return <>—</>;
  return <>{new Intl.DateTimeFormat(locale, { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(value))}</>;
}
