/** The form's data without the `intent` field that picks the action, for the strict schemas. */
export function withoutIntent(formData: FormData) {
  const copy = new FormData();
  for (const [k, v] of formData) if (k !== "intent") copy.append(k, v);
  return copy;
}
