/** Whether a new enrolment gets a place or joins the waiting list. */
export function placement(capacity: number, enrolled: number): "enrolled" | "waitlisted" {
  return enrolled < capacity ? "enrolled" : "waitlisted";
}

/** Who moves up from the waiting list (earliest first) when places are free. */
export function promotions<T extends { id: string; queuedAt: Date }>(capacity: number, enrolled: number, waitlisted: T[]): string[] {
  const free = Math.max(0, capacity - enrolled);
  return [...waitlisted]
    .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || a.id.localeCompare(b.id))
    .slice(0, free)
    .map((w) => w.id);
}
