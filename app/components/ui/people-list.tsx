/** The suggestions of a people picker: each person's label, with their unit beside it. */
export function PeopleList({ id, people }: { id: string; people: { label: string; note?: string }[] }) {
  return (
    <datalist id={id}>
      {people.map((p) => (
        <option key={p.label} value={p.label}>
          {p.note}
        </option>
      ))}
    </datalist>
  );
}
