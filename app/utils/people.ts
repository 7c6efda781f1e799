/**
 * People pickers: a text input with suggestions (a `<datalist>`) instead of a long `<select>`.
 * The input carries what was typed or picked ("Name · E000123"); the server finds the person by
 * the employee number in it, inside the actor's scope.
 */

/** The employee number in what was typed or picked, upper-cased, or null. */
export function personNumber(typed: string) {
  const match = /\b([A-Za-z]\d{3,})\b/.exec(typed);
  return match ? match[1].toUpperCase() : null;
}

/** The picker's text for one person. */
export function personLabel(p: { name: string; employeeNo: string }) {
  return `${p.name} · ${p.employeeNo}`;
}
