/** One CSV cell: quoted when needed; text a spreadsheet would run as a formula is defused with a leading quote. */
export function csvCell(value: string | number | null | undefined) {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a UTF-8 byte-order mark so spreadsheet programs read Chinese correctly; CRLF line ends. */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]) {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
