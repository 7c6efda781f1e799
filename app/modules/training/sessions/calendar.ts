/**
 * A training session as an iCalendar file (RFC 5545), for "add to my calendar": one event with
 * its times in UTC (every calendar shows them in its own zone), the course as the summary and
 * the place as the location. Text is escaped and lines are folded at 75 octets as the RFC asks.
 */
export type CalendarSession = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  trainer: string | null;
  description: string;
};

const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** TEXT values: backslash, semicolon, comma and line breaks escaped. */
export function escapeText(text: string) {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line into pieces of at most 75 octets (UTF-8), never splitting a character. */
export function foldLine(line: string) {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

export function sessionCalendar(session: CalendarSession, host: string, now = new Date()) {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//GE HR//Training//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:training-session-${session.id}@${host}`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(session.startsAt)}`,
    `DTEND:${utc(session.endsAt)}`,
    `SUMMARY:${escapeText(session.title)}`,
    ...(session.place ? [`LOCATION:${escapeText(session.place)}`] : []),
    `DESCRIPTION:${escapeText([session.trainer, session.description].filter(Boolean).join("\n"))}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
